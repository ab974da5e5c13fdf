from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from articles.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """The newest articles in the page's language: /articles/feed/ English, /es/articles/feed/
    Spanish (the feed's own language, as Django sets it, follows the same prefix)."""

    feed_type = Atom1Feed

    def title(self):
        return gettext("%(site)s: articles") % {"site": gettext(settings.SITE_NAME)}

    def subtitle(self):
        return gettext("Plain-language, medically reviewed explainers about ketamine treatment.")

    def link(self):
        return reverse("articles:article_list")

    def items(self):
        return (
            Article.objects.published()
            .in_language(get_language())
            .newest_first()
            .only(
                "slug",
                "language",
                "published_title",
                "published_summary",
                "published_data",
                "first_published_at",
                "live_updated_at",
                "publish_at",
            )[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.published_title

    def item_description(self, item):
        return item.published_summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.live_updated_at

    def item_author_name(self, item):
        names = [author["name"] for author in item.published_data.get("authors", [])]
        return ", ".join(names) or None
