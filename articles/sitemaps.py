from django.contrib.sitemaps import Sitemap

from articles.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Article.objects.published().newest_first().only("slug", "live_updated_at")

    def lastmod(self, article):
        return article.live_updated_at


SITEMAPS = {"articles": ArticleSitemap}
