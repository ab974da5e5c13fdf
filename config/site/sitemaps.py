"""The sitemap of the site-wide pages; config/urls.py joins it with each app's sitemaps."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    """Each page in English and under /es/, with hreflang alternates (Django's i18n sitemap)."""

    changefreq = "monthly"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "home",
            "about",
            "editorial_policy",
            "how_results_are_ordered",
            "open_data",
            "clinics:clinic_list",
            "articles:article_list",
        ]

    def location(self, item):
        return reverse(item)
