from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils.translation import get_language

from articles.models import Article


class ArticleVersions(dict):
    """One article in each language it is published in: {"en": original, "es": translation}."""


class ArticleSitemap(Sitemap):
    """Every published article at its own address, in its own language.

    An original and its published translations are one item whose languages each get a
    <url> with hreflang alternates to the others (Django's i18n sitemap), so search
    engines learn they are the same article.
    """

    changefreq = "monthly"
    priority = 0.7
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        articles = (
            Article.objects.published()
            .newest_first()
            .only("slug", "language", "translation_of_id", "live_updated_at")
        )
        groups: dict[int, ArticleVersions] = {}
        published = {article.pk for article in articles}
        for article in articles:
            # A translation whose original is not public stands alone.
            original = article.translation_of_id
            key = original if original in published else article.pk
            groups.setdefault(key, ArticleVersions())[article.language] = article
        return list(groups.values())

    def get_languages_for_item(self, item):
        return [code for code, _ in settings.LANGUAGES if code in item]

    def location(self, item):
        # Django calls this with each of the item's languages active in turn.
        return item[get_language()].get_absolute_url()

    def lastmod(self, item):
        # Django asks once per item, not per language: the newest change among them.
        return max(article.live_updated_at for article in item.values())


SITEMAPS = {"articles": ArticleSitemap}
