"""factory_boy factories for every model the tests create."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from clinics.models import (
    Clinic,
    ClinicMembership,
    ClinicTreatment,
    Condition,
    CrisisResource,
    HoursException,
    InsurancePlan,
    ListingRequest,
    OpeningHours,
    ProblemReport,
    Treatment,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


def condition(slug: str) -> Condition:
    """Reference conditions come from a data migration; tests look them up by slug."""
    return Condition.objects.get(slug=slug)


def treatment(slug: str) -> Treatment:
    return Treatment.objects.get(slug=slug)


def insurance(slug: str) -> InsurancePlan:
    return InsurancePlan.objects.get(slug=slug)


def adds_to(field: str):
    """A post-generation hook: `Factory(field=[...])` adds those rows to the many-to-many field."""

    def add(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).add(*extracted)

    return factory.PostGeneration(add)


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test condition {n}")
    slug = factory.Sequence(lambda n: f"test-condition-{n}")
    summary = "A condition used only by tests."


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Clinic {n}")
    slug = factory.Sequence(lambda n: f"test-clinic-{n}")
    status = Clinic.Status.LISTED
    is_demo = True
    description = "A fictional clinic used by tests."
    street_address = factory.Sequence(lambda n: f"{100 + n} Example Street")
    city = "Sacramento"
    state = "CA"
    zip_code = "95816"
    phone = factory.Sequence(lambda n: f"+1916555{100 + n % 100:04d}")
    website = factory.LazyAttribute(lambda clinic: f"https://{clinic.slug}.example.org/")
    accepting_new_patients = True
    languages = factory.LazyFunction(lambda: ["en"])
    last_verified_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )

    conditions = adds_to("conditions")
    insurance_plans = adds_to("insurance_plans")


class ClinicTreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicTreatment

    clinic = factory.SubFactory(ClinicFactory)
    treatment = factory.LazyFunction(lambda: treatment("iv-infusion"))
    price_min = 400
    price_max = 600
    # Spravato may only be listed where the clinic is REMS-certified (the database says so).
    rems_certified = factory.LazyAttribute(lambda offer: offer.treatment.requires_rems)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    clinic = factory.SubFactory(ClinicFactory)
    weekday = OpeningHours.Weekday.MONDAY
    opens = datetime.time(9, 0)
    closes = datetime.time(17, 0)


class HoursExceptionFactory(factory.django.DjangoModelFactory):
    """A holiday: closed all day. Pass closed=False with opens/closes for special hours."""

    class Meta:
        model = HoursException

    clinic = factory.SubFactory(ClinicFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    closed = True
    note = "Holiday"


class ClinicMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicMembership

    user = factory.SubFactory(UserFactory, is_staff=True)
    clinic = factory.SubFactory(ClinicFactory)
    role = ClinicMembership.Role.MANAGER


class ProblemReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemReport

    clinic = factory.SubFactory(ClinicFactory)
    category = ProblemReport.Category.PHONE
    details = "The phone number rings a different business."


class ListingRequestFactory(factory.django.DjangoModelFactory):
    """A new request to list a clinic, as the public form stores it (claim: pass clinic=)."""

    class Meta:
        model = ListingRequest
        skip_postgeneration_save = True

    kind = factory.LazyAttribute(
        lambda row: ListingRequest.Kind.CLAIM if row.clinic else ListingRequest.Kind.NEW
    )
    clinic = None
    clinic_name = factory.Sequence(lambda n: f"Requested Clinic {n}")
    street_address = factory.Sequence(lambda n: f"{200 + n} Request Road")
    city = "Sacramento"
    zip_code = "95816"
    phone = factory.Sequence(lambda n: f"+1916555{300 + n % 100:04d}")
    website = "https://requested.example.org/"
    contact_name = "Pat Example"
    contact_role = "Practice manager"
    contact_email = factory.Sequence(lambda n: f"manager{n}@requested.example.org")
    contact_phone = "+19165550199"

    treatments = adds_to("treatments")


class CrisisResourceFactory(factory.django.DjangoModelFactory):
    """A local crisis service. Tests only: the site ships none (numbers must be real)."""

    class Meta:
        model = CrisisResource

    name = factory.Sequence(lambda n: f"Test Crisis Line {n}")
    phone = factory.Sequence(lambda n: f"+1916555{200 + n % 100:04d}")
    hours = "24 hours a day, 7 days a week"
    languages = factory.LazyFunction(lambda: ["en", "es"])
    website = "https://crisis-line.example.org/"


# --- Admin roles: users in the groups created by migration 0004_roles ---


def role_user(group_name: str | None, *, clinics=(), **kwargs):
    """A staff account in the named group (None = staff without any group)."""
    from django.contrib.auth.models import Group

    groups = [Group.objects.get(name=group_name)] if group_name else []
    user = UserFactory(is_staff=True, groups=groups, **kwargs)
    for clinic in clinics:
        ClinicMembershipFactory(user=user, clinic=clinic)
    return user


def directory_admin_user(**kwargs):
    return role_user("Directory admins", **kwargs)


def clinic_staff_user(*clinics, **kwargs):
    return role_user("Clinic staff", clinics=clinics, **kwargs)


def user_in_role(role: str, *, own_clinic):
    """A user for the clinic role matrices: "anonymous", "plain_staff", "clinic_staff" (a member
    of `own_clinic`), "directory_admin" or "superuser"."""
    from django.contrib.auth.models import AnonymousUser

    if role == "anonymous":
        return AnonymousUser()
    if role == "plain_staff":
        return role_user(None, username="plain-staff")
    if role == "clinic_staff":
        return clinic_staff_user(own_clinic, username="staff-a")
    if role == "directory_admin":
        return directory_admin_user(username="dir-admin")
    return UserFactory(username="root", is_staff=True, is_superuser=True)


# --- Articles -------------------------------------------------------------------

from articles.models import (  # noqa: E402
    Article,
    Author,
    ContentReview,
    ContentSource,
    Reference,
    Reviewer,
    Topic,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test topic {n}")
    slug = factory.Sequence(lambda n: f"test-topic-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    display_name = factory.Sequence(lambda n: f"Test Writer {n}")
    credentials = "MD"
    bio = "A fictional author used by tests."


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    display_name = factory.Sequence(lambda n: f"Test Reviewer {n}")
    credentials = "MD, psychiatrist"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft working copy; publish it with articles.services or article_seed_published."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    summary = "A short summary used by tests."
    body = "## What it is\n\nPlain words about a test subject.\n"
    status = Article.Status.DRAFT

    topics = adds_to("topics")
    conditions = adds_to("conditions")
    authors = adds_to("authors")


class SourceFactory(factory.django.DjangoModelFactory):
    """The citation fields of articles.models.Source, which both kinds of citation share."""

    class Meta:
        abstract = True

    order = factory.Sequence(lambda n: n)
    authors = "Doe J, Roe R"
    source = "Journal of Tests"


class ReferenceFactory(SourceFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"A test study {n}")
    year = 2020
    doi = "10.1000/test.123"


class ContentReviewFactory(factory.django.DjangoModelFactory):
    """An unsigned review of a condition page; sign it with articles.services."""

    class Meta:
        model = ContentReview

    condition = factory.LazyFunction(lambda: condition("ptsd"))


class ContentSourceFactory(SourceFactory):
    class Meta:
        model = ContentSource

    review = factory.SubFactory(ContentReviewFactory)
    title = factory.Sequence(lambda n: f"A source study {n}")
    year = 2021
    doi = "10.1000/source.456"
