"""Every section's sitemap in one place, for /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from clinics.sitemaps import SITEMAPS as CLINIC_SITEMAPS


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["home", "about", "clinics:clinic_list", "articles:article_list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, **CLINIC_SITEMAPS, **ARTICLE_SITEMAPS}
