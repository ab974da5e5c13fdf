"""Old clinic addresses: the ClinicSlugRedirect rows written whenever a slug changes."""

import importlib

import pytest
from django.apps import apps as django_apps

from clinics.models import Clinic, ClinicSlugRedirect
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import ClinicFactory, clinic_staff_user, directory_admin_user

pytestmark = pytest.mark.django_db


def redirects() -> dict[str, int]:
    return dict(ClinicSlugRedirect.objects.values_list("old_slug", "clinic_id"))


def rename(clinic: Clinic, slug: str) -> None:
    clinic.slug = slug
    clinic.save()


def test_renaming_a_clinic_keeps_its_old_slug():
    clinic = ClinicFactory(slug="river-oak")
    rename(clinic, "river-oak-wellness")
    assert redirects() == {"river-oak": clinic.pk}


def test_every_slug_in_a_chain_of_renames_leads_to_the_clinic():
    clinic = ClinicFactory(slug="a-clinic")
    rename(clinic, "b-clinic")
    rename(clinic, "c-clinic")
    assert redirects() == {"a-clinic": clinic.pk, "b-clinic": clinic.pk}


def test_taking_back_an_old_slug_removes_its_redirect():
    clinic = ClinicFactory(slug="first")
    rename(clinic, "second")
    rename(clinic, "first")
    assert redirects() == {"second": clinic.pk}


def test_a_new_clinic_with_an_old_slug_replaces_its_redirect():
    renamed = ClinicFactory(slug="shared-name")
    rename(renamed, "renamed")
    newcomer = ClinicFactory(slug="shared-name")
    assert redirects() == {}
    rename(newcomer, "newcomer-moved")
    assert redirects() == {"shared-name": newcomer.pk}


def test_saves_that_keep_the_slug_write_no_redirect():
    clinic = ClinicFactory(slug="steady")
    clinic.description = "New wording."
    clinic.save()
    clinic.save(update_fields=["description"])
    assert redirects() == {}


def test_deleting_a_clinic_deletes_its_old_slugs():
    clinic = ClinicFactory(slug="gone")
    rename(clinic, "gone-later")
    clinic.delete()
    assert redirects() == {}


def test_renaming_in_the_admin_keeps_the_old_slug(client):
    clinic = ClinicFactory(slug="admin-before")
    client.force_login(directory_admin_user(username="renamer"))

    response = client.post(
        f"/admin/clinics/clinic/{clinic.pk}/change/",
        clinic_post_data(clinic, slug="admin-after"),
    )

    assert response.status_code == 302
    assert redirects() == {"admin-before": clinic.pk}


def test_restoring_an_old_version_in_the_admin_swaps_the_redirect(client):
    clinic = ClinicFactory(slug="original-address")
    rename(clinic, "later-address")
    client.force_login(directory_admin_user(username="restorer"))
    first = clinic.history.earliest("history_date")
    url = f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/"
    form = client.get(url).context["adminform"].form
    data = clinic_post_data(clinic, slug=first.slug)
    data["loaded_version"] = form["loaded_version"].value()

    response = client.post(url, data)

    assert response.status_code == 302
    assert Clinic.objects.get(pk=clinic.pk).slug == "original-address"
    assert redirects() == {"later-address": clinic.pk}


def test_restoring_an_old_version_from_the_history_swaps_the_redirect():
    clinic = ClinicFactory(slug="version-one")
    rename(clinic, "version-two")
    clinic.history.earliest("history_date").instance.save()
    assert redirects() == {"version-two": clinic.pk}


def test_directory_admins_can_list_old_addresses_but_not_add_them(client):
    clinic = ClinicFactory(slug="listed-before")
    rename(clinic, "listed-after")
    client.force_login(directory_admin_user(username="reader"))

    listing = client.get("/admin/clinics/clinicslugredirect/")

    assert listing.status_code == 200
    assert "listed-before" in listing.content.decode()
    assert client.get("/admin/clinics/clinicslugredirect/add/").status_code == 403


def test_clinic_staff_cannot_see_old_addresses(client):
    clinic = ClinicFactory()
    client.force_login(clinic_staff_user(clinic, username="staff-reader"))
    assert client.get("/admin/clinics/clinicslugredirect/").status_code == 403


def test_directory_admins_can_still_delete_a_renamed_clinic(client):
    clinic = ClinicFactory(slug="to-delete")
    rename(clinic, "to-delete-renamed")
    client.force_login(directory_admin_user(username="deleter"))

    response = client.post(f"/admin/clinics/clinic/{clinic.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Clinic.objects.filter(pk=clinic.pk).exists()
    assert redirects() == {}


def test_migration_fills_the_table_as_the_history_lookup_answered():
    """Each old slug goes to the clinic that had it last, if it exists and no clinic
    uses the slug today. The signals wrote the same rows as the clinics changed."""
    # The data migration's function, run on today's models; its module name is not
    # an identifier, hence importlib.
    migration = importlib.import_module("clinics.migrations.0006_clinic_slug_redirects")
    renamed_twice = ClinicFactory(slug="a1")
    rename(renamed_twice, "a2")
    rename(renamed_twice, "a3")
    gave_up_slug = ClinicFactory(slug="b1")
    rename(gave_up_slug, "b2")
    ClinicFactory(slug="b1")
    deleted = ClinicFactory(slug="c1")
    rename(deleted, "c2")
    deleted.delete()
    first_holder = ClinicFactory(slug="d1")
    rename(first_holder, "d2")
    last_holder = ClinicFactory(slug="d1")
    rename(last_holder, "d3")
    expected = {
        "a1": renamed_twice.pk,
        "a2": renamed_twice.pk,
        "d1": last_holder.pk,
    }
    assert redirects() == expected

    ClinicSlugRedirect.objects.all().delete()
    migration.fill_from_history(django_apps, None)

    assert redirects() == expected
