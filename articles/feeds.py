from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: articles"
    subtitle = "Plain-language, medically reviewed explainers about ketamine treatment."

    def link(self):
        return reverse("articles:article_list")

    def items(self):
        return (
            Article.objects.published()
            .newest_first()
            .only(
                "slug",
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
