"""Demo accounts: one per role, random passwords returned once, never in production."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ImproperlyConfigured

from clinics.demo_accounts import seed_accounts
from clinics.models import ClinicMembership
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_clinics():
    ClinicFactory(slug="riverbend-ketamine-center", name="Riverbend Ketamine Center")
    ClinicFactory(slug="foothill-infusion-clinic", name="Foothill Infusion Clinic")


def test_creates_one_account_per_role_with_working_passwords(demo_clinics, rf):
    created = seed_accounts()

    assert [username for _, username, _, _ in created] == [
        "demo-admin",
        "demo-staff-riverbend",
        "demo-staff-foothill",
    ]
    for _, username, password, _ in created:
        assert len(password) >= 16
        assert authenticate(rf.post("/admin/login/"), username=username, password=password)


def test_demo_admin_is_a_directory_admin_not_a_superuser(demo_clinics):
    seed_accounts()

    admin = get_user_model().objects.get(username="demo-admin")
    assert admin.is_staff and not admin.is_superuser
    assert list(admin.groups.values_list("name", flat=True)) == ["Directory admins"]
    assert admin.has_perm("clinics.view_all_clinics")


def test_demo_staff_are_members_of_their_clinic_only(demo_clinics):
    seed_accounts()

    memberships = ClinicMembership.objects.filter(user__username="demo-staff-riverbend")
    assert [m.clinic.slug for m in memberships] == ["riverbend-ketamine-center"]
    staff = get_user_model().objects.get(username="demo-staff-foothill")
    assert list(staff.groups.values_list("name", flat=True)) == ["Clinic staff"]
    assert not staff.has_perm("clinics.view_all_clinics")


def test_second_run_creates_nothing_and_prints_no_passwords(demo_clinics):
    seed_accounts()
    user = get_user_model().objects.get(username="demo-admin")
    user.set_password("changed-by-the-operator-1")
    user.save()

    assert seed_accounts() == []
    user.refresh_from_db()
    assert user.check_password("changed-by-the-operator-1")


def test_staff_accounts_wait_for_their_demo_clinic():
    created = seed_accounts()

    assert [username for _, username, _, _ in created] == ["demo-admin"]


def test_refused_outside_demo_mode(settings, demo_clinics):
    settings.DEMO_MODE = False

    with pytest.raises(ImproperlyConfigured):
        seed_accounts()
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
