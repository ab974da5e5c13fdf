"""Clinics asking to be listed or to manage their listing, and stale-listing reminders.

The "Directory admins" group (0004_roles) may read, handle and delete listing requests
(nobody adds one in the admin: they come from the public form); `create_permissions`
makes the permissions now, as 0004 explains. Reminders have no admin.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import clinics.models

CODENAMES = [f"{action}_listingrequest" for action in ("change", "delete", "view")]


def grant_directory_admins(apps, schema_editor):
    app_config = apps.get_app_config("clinics")
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Directory admins").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="clinics", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0013_clinic_uuid_and_draft_status"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListingRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("new", "List a new clinic"),
                            ("claim", "Manage an existing listing"),
                        ],
                        default="new",
                        max_length=10,
                    ),
                ),
                ("clinic_name", models.CharField(max_length=200, verbose_name="clinic name")),
                ("street_address", models.CharField(max_length=200)),
                ("city", models.CharField(max_length=100)),
                (
                    "zip_code",
                    models.CharField(
                        max_length=5,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{5}$", "Enter a five-digit ZIP code, such as 95816."
                            )
                        ],
                        verbose_name="ZIP code",
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        help_text="For patients.",
                        max_length=20,
                        validators=[clinics.models.validate_us_phone],
                        verbose_name="clinic phone",
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="clinic website")),
                ("contact_name", models.CharField(max_length=150, verbose_name="contact's name")),
                (
                    "contact_role",
                    models.CharField(max_length=100, verbose_name="contact's role at the clinic"),
                ),
                (
                    "contact_email",
                    models.EmailField(max_length=254, verbose_name="contact's work email"),
                ),
                (
                    "contact_phone",
                    models.CharField(
                        max_length=20,
                        validators=[clinics.models.validate_us_phone],
                        verbose_name="contact's work phone",
                    ),
                ),
                ("sender_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="new",
                        max_length=10,
                    ),
                ),
                (
                    "staff_notes",
                    models.TextField(
                        blank=True,
                        help_text="For directory admins only, e.g. how the requester was checked.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("handled_at", models.DateTimeField(blank=True, null=True)),
                (
                    "clinic",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="listing_requests",
                        to="clinics.clinic",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "staff_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff account",
                    ),
                ),
                (
                    "treatments",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="clinics.treatment",
                        verbose_name="treatments offered",
                    ),
                ),
            ],
            options={
                "verbose_name": "listing request",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["status", "-created_at"], name="listingrequest_status_idx"
                    ),
                    models.Index(
                        fields=["sender_fingerprint", "created_at"], name="listingrequest_rate_idx"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["new", "approved", "rejected"])),
                        name="listing_request_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["new", "claim"])),
                        name="listing_request_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "approved"), _negated=True),
                            models.Q(("clinic__isnull", False), ("staff_user__isnull", False)),
                            _connector="OR",
                        ),
                        name="listing_request_approved_has_clinic",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="StaleListingReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sent_on", models.DateField()),
                ("sent_to", models.TextField(help_text="The addresses it went to, one per line.")),
                (
                    "clinic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stale_reminders",
                        to="clinics.clinic",
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_on"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("clinic", "sent_on"), name="stale_reminder_once_a_day"
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_directory_admins, migrations.RunPython.noop),
    ]
