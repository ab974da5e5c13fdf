"""The sitemap of the site-wide pages; config/urls.py joins it with each app's sitemaps."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

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
