from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from config.site import page_cache

        # Reminders of due reviews never show on a public page.
        page_cache.connect_invalidation(self, skip=("ReviewReminder",))

    def seed_demo(self) -> tuple[dict[str, int], list[tuple[str, str, str, str]]]:
        """The article-role demo accounts, demo articles and sample page reviews
        (for `manage.py seed_demo`)."""
        from articles.demo import seed_article_accounts, seed_articles, seed_content_reviews

        accounts = seed_article_accounts()
        counts = {"articles": seed_articles(), "page reviews": seed_content_reviews()}
        return counts, accounts
