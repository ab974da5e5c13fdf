"""Role groups for the admin: "Directory admins" and "Clinic staff".

Permissions normally appear only after the whole `migrate` run (post_migrate), so
on a brand-new database they would not exist yet here. `create_permissions` makes
them now, from the migration state, so one `migrate` on an empty database ends
with both groups fully set up. Running it again only re-syncs the groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLINIC_MODELS = [
    "clinic",
    "clinictreatment",
    "openinghours",
    "condition",
    "treatment",
    "insuranceplan",
    "clinicmembership",
    "problemreport",
]
HISTORY_MODELS = [
    "historicalclinic",
    "historicalclinictreatment",
    "historicalopeninghours",
    "historicalclinic_conditions",
    "historicalclinic_insurance_plans",
]
CUSTOM_CLINIC_PERMISSIONS = [
    "view_all_clinics",
    "verify_clinic",
    "change_clinic_status",
    "import_clinic",
    "export_clinic",
]

DIRECTORY_ADMINS = {
    "clinics": [
        f"{action}_{model}"
        for model in CLINIC_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    + [f"view_{model}" for model in HISTORY_MODELS]
    + CUSTOM_CLINIC_PERMISSIONS,
    # Seeing and clearing sign-in lockouts.
    "axes": [
        "view_accessattempt",
        "delete_accessattempt",
        "view_accesslog",
        "delete_accesslog",
        "view_accessfailurelog",
    ],
}

CLINIC_STAFF = {
    "clinics": [
        "view_clinic",
        "change_clinic",
        "view_clinictreatment",
        "add_clinictreatment",
        "change_clinictreatment",
        "delete_clinictreatment",
        "view_openinghours",
        "add_openinghours",
        "change_openinghours",
        "delete_openinghours",
        "view_problemreport",
        "view_historicalclinic",
        "view_historicalclinictreatment",
        "view_historicalopeninghours",
    ],
}

ROLES = {"Directory admins": DIRECTORY_ADMINS, "Clinic staff": CLINIC_STAFF}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Migration-state app configs have no models module; create_permissions skips
        # those, so pretend for the call and put the original value back.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, wanted in ROLES.items():
        permissions = []
        for app_label, codenames in wanted.items():
            found = list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            missing = set(codenames) - {permission.codename for permission in found}
            if missing:
                raise RuntimeError(f"Permissions missing for {group_name}: {sorted(missing)}")
            permissions.extend(found)
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0003_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="clinic",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("view_all_clinics", "Can see and edit every clinic, not only their own"),
                    ("verify_clinic", "Can mark a clinic verified"),
                    ("change_clinic_status", "Can close and reopen a clinic"),
                    ("import_clinic", "Can import clinics from CSV"),
                    ("export_clinic", "Can export clinics to CSV"),
                ],
            },
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
