"""What the editorial role × action matrices share."""

import datetime

from django.utils import timezone

from articles import services

# Each transition with valid input, so only the user and the status decide the outcome.
TRANSITIONS = {
    "submit": lambda article, user: services.article_submit(article=article, user=user),
    "approve": lambda article, user: services.article_approve(article=article, user=user),
    "send_back": lambda article, user: services.article_send_back(
        article=article, user=user, note="Needs a source."
    ),
    "publish": lambda article, user: services.article_publish(article=article, user=user),
    "schedule": lambda article, user: services.article_schedule(
        article=article, user=user, publish_at=timezone.now() + datetime.timedelta(days=1)
    ),
    "unpublish": lambda article, user: services.article_unpublish(article=article, user=user),
}
