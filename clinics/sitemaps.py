from django.contrib.sitemaps import Sitemap

from clinics.models import Clinic, Condition, Treatment


class BilingualSitemap(Sitemap):
    """Each page in English and under /es/, with hreflang alternates (Django's i18n sitemap)."""

    i18n = True
    alternates = True
    x_default = True


class ClinicSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Clinic.objects.listed().only("slug", "updated_at")

    def lastmod(self, clinic):
        return clinic.updated_at


class ConditionSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Condition.objects.only("slug")


class TreatmentSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Treatment.objects.only("slug")


SITEMAPS = {
    "clinics": ClinicSitemap,
    "conditions": ConditionSitemap,
    "treatments": TreatmentSitemap,
}
