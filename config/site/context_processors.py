from django.conf import settings


def site(request):
    """Site-wide values every template needs (name, canonical base URL)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "DEMO_MODE": settings.DEMO_MODE,
    }
