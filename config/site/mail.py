"""The site's emails, sent through Django's mail framework.

Each message is three templates under ``templates/emails/``: ``<name>_subject.txt``,
``<name>.txt`` (the plain-text body) and ``<name>.html`` (its HTML alternative). Every
recipient gets a copy of their own, so nobody learns who else was told. Links are
absolute, built on ``DJANGO_SITE_URL``, never on the Host header of a request.

What a mail may say: which clinic, article or page, what happened and a link to the
admin, where the people allowed to read the rest can read it. Never health
information, and never what a member of the public wrote or their address.

Who gets a mail is decided by role: active accounts with an email address, in a
group (``group_emails``) or named by the change (``user_emails``). The apps send from
their ``notifications`` modules, after the change commits (``after_commit``): a
rolled-back change sends nothing, and a failing mail server is logged without undoing
a change that is already saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("config.mail")


def absolute_url(path: str) -> str:
    """An address on this site that works from a mail client."""
    return f"{settings.SITE_URL}{path}"


def group_emails(*group_names: str) -> list[str]:
    """The addresses of the active accounts in these groups."""
    users = get_user_model().objects.filter(groups__name__in=group_names)
    return user_emails(users)


def user_emails(users) -> list[str]:
    """The addresses of the active accounts among these users (a queryset or a list)."""
    if hasattr(users, "filter"):
        users = users.filter(is_active=True).exclude(email="").distinct()
        return sorted(set(users.values_list("email", flat=True)))
    return sorted({user.email for user in users if user and user.is_active and user.email})


def without(addresses: Iterable[str], *users) -> list[str]:
    """The addresses, less those of these users (nobody is told about their own action)."""
    own = {user.email.casefold() for user in users if user is not None and user.email}
    return [address for address in addresses if address.casefold() not in own]


def send_templated_mail(
    template: str, *, recipients: Iterable[str], context: dict, language: str = ""
) -> int:
    """Send the message ``emails/<template>`` to each address; returns how many were sent.

    ``language`` is for mail to a member of the public, in the language they wrote in.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return 0
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    # Staff mail is in English, like the admin, even when a Spanish page's form sent it.
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    messages = []
    for address in recipients:
        message = EmailMultiAlternatives(subject, text, to=[address])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    with get_connection() as connection:
        sent = connection.send_messages(messages) or 0
    logger.info("Sent %s mail %r to %d recipient(s).", sent, template, len(recipients))
    return sent


def after_commit(send: Callable[..., object], /, **kwargs) -> None:
    """Call ``send(**kwargs)`` once the current transaction commits (at once outside one).

    Robust: an error while sending is logged and does not reach the request, whose
    change is already saved.
    """

    def send_now() -> None:
        send(**kwargs)

    # Django names the callable in its log line when it fails (a partial has no name).
    send_now.__qualname__ = send.__qualname__
    transaction.on_commit(send_now, robust=True)
