"""The three editorial groups and their permissions (least privilege).

Used by the data migration (with the historical app registry) and by demo
seeding; takes an ``apps`` registry so it never imports real models.
"""

WRITERS = "Writers"
MEDICAL_REVIEWERS = "Medical reviewers"
EDITORS = "Editors"

WORKFLOW_GROUPS: dict[str, list[tuple[str, str]]] = {
    WRITERS: [
        ("articles", "view_article"),
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "submit_article"),
        ("articles", "view_reference"),
        ("articles", "add_reference"),
        ("articles", "change_reference"),
        ("articles", "delete_reference"),
        ("articles", "view_topic"),
        ("articles", "view_author"),
    ],
    MEDICAL_REVIEWERS: [
        ("articles", "view_article"),
        ("articles", "review_article"),
        ("articles", "view_reference"),
        ("articles", "view_topic"),
        ("articles", "view_author"),
        ("articles", "view_reviewer"),
        # Sign condition and treatment page reviews (the button needs review_article).
        ("articles", "view_contentreview"),
        ("articles", "view_contentsource"),
    ],
    EDITORS: [
        ("articles", "view_article"),
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "delete_article"),
        ("articles", "submit_article"),
        ("articles", "publish_article"),
        ("articles", "restore_article"),
        ("articles", "view_reference"),
        ("articles", "add_reference"),
        ("articles", "change_reference"),
        ("articles", "delete_reference"),
        ("articles", "view_topic"),
        ("articles", "add_topic"),
        ("articles", "change_topic"),
        ("articles", "view_author"),
        ("articles", "add_author"),
        ("articles", "change_author"),
        ("articles", "view_reviewer"),
        ("articles", "add_reviewer"),
        ("articles", "change_reviewer"),
        # Choose which condition and treatment pages are reviewed, and their sources.
        ("articles", "view_contentreview"),
        ("articles", "add_contentreview"),
        ("articles", "change_contentreview"),
        ("articles", "delete_contentreview"),
        ("articles", "view_contentsource"),
        ("articles", "add_contentsource"),
        ("articles", "change_contentsource"),
        ("articles", "delete_contentsource"),
    ],
}


def sync_workflow_groups(apps) -> None:
    """Create the groups if missing and set exactly these permissions on them."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure ours exist now.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in WORKFLOW_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
            if _model_exists(apps, app, codename)
        ]
        group.permissions.set(permissions)


def _model_exists(apps, app: str, codename: str) -> bool:
    """Whether the permission's model exists in this (possibly historical) registry.

    An early migration runs this before later migrations create some models; the
    migration that creates them runs it again. Every codename here is
    ``<action>_<model>``, custom ones included (``review_article``).
    """
    try:
        apps.get_model(app, codename.split("_", 1)[1])
    except LookupError:
        return False
    return True
