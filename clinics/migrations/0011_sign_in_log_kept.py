"""Directory admins keep clearing lockouts but may no longer delete the sign-in log.

Unlocking an account deletes its access attempts (axes' AccessAttempt rows), so that
right stays. The access log (successful sign-ins) and the failure log are the record
of who signed in and who tried: a directory admin may read them, never delete them
(0004_roles had granted deleting the access log). A superuser still can.
"""

from django.db import migrations

CODENAME = "delete_accesslog"


def _permission(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="axes", codename=CODENAME
    )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Directory admins").first()
    if group is not None:
        group.permissions.remove(*_permission(apps))


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Directory admins").first()
    if group is not None:
        group.permissions.add(*_permission(apps))


class Migration(migrations.Migration):
    dependencies = [("clinics", "0010_rems_listing")]

    operations = [migrations.RunPython(revoke, grant)]
