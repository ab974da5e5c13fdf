"""Demo accounts, one per role (demo mode only).

Passwords are random and returned only when an account is created, so `seed_demo`
prints them once. Existing accounts are left alone (reset a password with
`manage.py changepassword <username>`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from clinics.models import Clinic, ClinicMembership

DIRECTORY_ADMINS = "Directory admins"
CLINIC_STAFF = "Clinic staff"

# (role shown to the operator, username, group, slug of the clinic to join or None)
DEMO_ACCOUNTS = [
    ("Directory admin", "demo-admin", DIRECTORY_ADMINS, None),
    ("Clinic staff", "demo-staff-riverbend", CLINIC_STAFF, "riverbend-ketamine-center"),
    ("Clinic staff", "demo-staff-foothill", CLINIC_STAFF, "foothill-infusion-clinic"),
]


@transaction.atomic
def seed_accounts() -> list[tuple[str, str, str, str]]:
    """Create missing demo accounts; return (role, username, password, note) for new ones."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo accounts are never created in production mode.")
    User = get_user_model()
    created = []
    for role, username, group_name, clinic_slug in DEMO_ACCOUNTS:
        clinic = None
        if clinic_slug:
            clinic = Clinic.objects.filter(slug=clinic_slug).first()
            if clinic is None:
                continue  # the demo clinic is not loaded; no account without a clinic
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(15)
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password=password,
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=group_name))
        if clinic is not None:
            ClinicMembership.objects.create(
                user=user, clinic=clinic, role=ClinicMembership.Role.MANAGER
            )
            note = f"edits {clinic.name} only"
        else:
            note = "all clinics, verification, import/export, unlocking"
        created.append((role, username, password, note))
    return created
