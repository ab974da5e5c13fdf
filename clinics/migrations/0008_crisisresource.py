"""Local crisis services for the crisis help panel, managed by directory admins only.

The "Directory admins" group (0004_roles) gets the new model's permissions here;
`create_permissions` makes them now, as 0004 explains. No rows: crisis numbers must
be real and verified, so the site ships none.
"""

import django.core.validators
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import clinics.fields
import clinics.models

CODENAMES = [f"{action}_crisisresource" for action in ("add", "change", "delete", "view")]


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
        ("clinics", "0007_search_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CrisisResource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The service's own name, as it answers.", max_length=200
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        help_text="A ten-digit US number you have called yourself to check it.",
                        max_length=20,
                        validators=[clinics.models.validate_us_phone],
                    ),
                ),
                (
                    "hours",
                    models.CharField(
                        help_text="When it answers, e.g. “24 hours a day, 7 days a week”.",
                        max_length=200,
                    ),
                ),
                (
                    "languages",
                    clinics.fields.ChoiceArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("en", "English"),
                                ("es", "Spanish"),
                                ("zh", "Chinese"),
                                ("vi", "Vietnamese"),
                                ("tl", "Tagalog"),
                                ("hmn", "Hmong"),
                                ("ru", "Russian"),
                                ("uk", "Ukrainian"),
                                ("pa", "Punjabi"),
                                ("hi", "Hindi"),
                                ("fa", "Persian (Farsi/Dari)"),
                                ("ar", "Arabic"),
                                ("ko", "Korean"),
                                ("ase", "American Sign Language"),
                            ],
                            max_length=5,
                        ),
                        blank=True,
                        default=list,
                        help_text="Languages the service answers in.",
                        size=None,
                    ),
                ),
                (
                    "website",
                    models.URLField(
                        blank=True,
                        help_text="Optional; the service's own page, starting with https://.",
                        validators=[
                            django.core.validators.URLValidator(
                                message="Enter a secure web address that starts with https://.",
                                schemes=["https"],
                            )
                        ],
                        verbose_name="web address",
                    ),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=100)),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Untick to hide a service at once, e.g. while its number is being checked.",
                        verbose_name="shown on the site",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("website", ""), ("website__startswith", "https://"), _connector="OR"
                        ),
                        name="crisis_resource_website_https",
                    )
                ],
            },
        ),
        migrations.RunPython(grant_directory_admins, migrations.RunPython.noop),
    ]
