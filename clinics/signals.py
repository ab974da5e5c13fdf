"""Keep a renamed clinic's old addresses working (the ClinicSlugRedirect table).

A slug can change through the admin form, a history revert or a shell session, and
each of them ends in ``Clinic.save()``; a receiver on that save is the one place that
sees them all. ``save()`` itself stays free of writes to other models (house style),
and a service would be skipped by every path but its own. ``QuerySet.update(slug=...)``
and ``bulk_update`` send no signals: do not rename clinics that way. In autocommit (a
shell session) the rename and its redirect commit separately; the admin wraps both
in one transaction.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save

from clinics.models import Clinic, ClinicSlugRedirect


def remember_previous_slug(sender, instance: Clinic, update_fields=None, **kwargs) -> None:
    """Note the slug the row has in the database before this save overwrites it."""
    if update_fields is not None and "slug" not in update_fields:
        instance._slug_before_save = instance.slug
        return
    instance._slug_before_save = (
        Clinic.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if instance.pk is not None
        else None
    )


def record_slug_change(sender, instance: Clinic, created: bool, **kwargs) -> None:
    """Point the old slug at this clinic; a slug in use by a clinic never redirects."""
    previous = instance.__dict__.pop("_slug_before_save", None)
    if not created and previous == instance.slug:
        return
    # The current slug wins over any redirect: this clinic may have taken back an old
    # slug of its own, or reused one that another clinic gave up.
    ClinicSlugRedirect.objects.filter(old_slug=instance.slug).delete()
    if previous and previous != instance.slug:
        ClinicSlugRedirect.objects.update_or_create(
            old_slug=previous, defaults={"clinic": instance}
        )


def connect() -> None:
    pre_save.connect(remember_previous_slug, sender=Clinic, dispatch_uid="clinic_slug_before")
    post_save.connect(record_slug_change, sender=Clinic, dispatch_uid="clinic_slug_redirect")
