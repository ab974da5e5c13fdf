from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# settings.SITE_NAME is the English name; pages show it in their own language.
gettext_noop("Sacramento Ketamine Clinic Directory")


def site(request):
    """Site-wide values every template needs (name, canonical base URL)."""
    return {
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        "DEMO_MODE": settings.DEMO_MODE,
    }
