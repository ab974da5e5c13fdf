"""Chainable queries for clinics. Views, filters and sitemaps start from these."""

from __future__ import annotations

import datetime
import math
import re

from django.apps import apps
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery
from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    ASin,
    Coalesce,
    Cos,
    JSONObject,
    Least,
    NullIf,
    Power,
    Radians,
    Sin,
    Sqrt,
)
from django.utils import timezone
from django.utils.translation import get_language

from clinics import geo, hours

# Words that say nothing about which clinic someone wants.
SEARCH_STOP_WORDS = frozenset(
    "a an and at by for from in near of on or the to with me my clinic clinics".split()
)
MAX_SEARCH_TERMS = 6


def search_terms(text: str) -> list[str]:
    """The words of a free-text query worth matching (two letters or more, no filler)."""
    words = re.findall(r"[^\W_]+", (text or "").casefold())
    terms = [w for w in words if len(w) >= 2 and w not in SEARCH_STOP_WORDS]
    return list(dict.fromkeys(terms))[:MAX_SEARCH_TERMS]


def _display_name(prefix: str = ""):
    """The name a list shows, in SQL: the Spanish name on Spanish pages where one is
    filled in, as ``Condition.display_name`` does for one row."""
    if get_language() == "es":
        return Coalesce(NullIf(F(f"{prefix}name_es"), Value("")), F(f"{prefix}name"))
    return F(f"{prefix}name")


def _model(name: str):
    return apps.get_model("clinics", name)


def distance_miles(lat: float, lng: float, clinic: str = "") -> models.ExpressionWrapper:
    """Great-circle miles from (lat, lng) to a clinic, in SQL (haversine, as clinics.geo).

    `clinic` is the path to the clinic from the rows queried ("clinic__" from its
    offerings), empty for clinics themselves.
    """
    lat_rad = Radians(F(f"{clinic}latitude"))
    half_dlat = (lat_rad - Value(math.radians(lat))) / Value(2.0)
    half_dlng = (Radians(F(f"{clinic}longitude")) - Value(math.radians(lng))) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Cos(lat_rad) * Value(math.cos(math.radians(lat))) * Power(
        Sin(half_dlng), 2
    )
    distance = Value(2 * geo.EARTH_RADIUS_MILES) * ASin(Least(Sqrt(a), Value(1.0)))
    return models.ExpressionWrapper(distance, FloatField())


class ClinicTreatmentQuerySet(models.QuerySet):
    def listed(self) -> ClinicTreatmentQuerySet:
        """Offerings the public may see: every public read of offerings starts here.

        Clinic and treatment pages, search words, the treatment filter, facet counts and
        prices leave out hidden offerings (such as Spravato at a clinic whose REMS
        certification is not recorded). The admin sees every row.
        """
        return self.filter(is_listed=True)


class ClinicQuerySet(models.QuerySet):
    def published(self) -> ClinicQuerySet:
        """Clinics with a public page, closed ones included: every status but draft.

        Drafts (imported, awaiting review) are seen only in the admin.
        """
        return self.exclude(status="draft")

    def listed(self) -> ClinicQuerySet:
        """Clinics the public can find in search: published and not closed."""
        # Two exclusions rather than one NOT IN, so PostgreSQL sees that the partial
        # index on "not closed" (clinic_listed_name_idx) applies.
        return self.published().exclude(status="closed")

    # --- Keeping listings current ---------------------------------------------

    def stale(self, today: datetime.date | None = None) -> ClinicQuerySet:
        """Not verified by the directory for 12 months, or never (as ``Clinic.is_stale``)."""
        from clinics.models import STALE_AFTER

        cutoff = (today or timezone.localdate()) - STALE_AFTER
        return self.filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff))

    def awaiting_staff_check(self, today: datetime.date | None = None) -> ClinicQuerySet:
        """Stale listings the clinic's own staff have not confirmed in the last 12 months
        either: once they confirm, the next step is the directory's verification."""
        from clinics.models import STALE_AFTER

        cutoff = (today or timezone.localdate()) - STALE_AFTER
        return self.stale(today).filter(
            Q(staff_confirmed_on__isnull=True) | Q(staff_confirmed_on__lt=cutoff)
        )

    def offering(self, treatment) -> ClinicQuerySet:
        """Clinics that list `treatment` publicly (a hidden offering does not count)."""
        offers = _model("ClinicTreatment").objects.listed().filter(treatment=treatment)
        return self.filter(pk__in=offers.values("clinic_id"))

    # --- Distance -------------------------------------------------------------

    def with_distance(self, lat: float, lng: float) -> ClinicQuerySet:
        """Annotate `distance_miles`: great-circle miles from (lat, lng), computed in SQL."""
        return self.annotate(distance_miles=distance_miles(lat, lng))

    def near(self, lat: float, lng: float, radius_miles: float) -> ClinicQuerySet:
        """Clinics within `radius_miles`, with `distance_miles` annotated.

        A bounding box on (latitude, longitude) lets the index discard far clinics
        cheaply; the exact distance then decides the circle's edge.
        """
        min_lat, max_lat, min_lng, max_lng = geo.bounding_box(lat, lng, radius_miles)
        return (
            self.filter(
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lng,
                longitude__lte=max_lng,
            )
            .with_distance(lat, lng)
            .filter(distance_miles__lte=radius_miles)
        )

    # --- Text search ----------------------------------------------------------

    def search(self, text: str) -> ClinicQuerySet:
        """Clinics matching every word of `text`, tolerating typos; annotates `relevance`.

        Each word must be close (pg_trgm word similarity) to a word in the name, the
        city, a condition treated or a treatment offered (in English or Spanish), or be in
        the description
        (English full text, stemmed: long text is too slow to compare by trigrams).
        Each arm is an `IN (subquery)` so PostgreSQL answers it from the GIN indexes
        and hashes it once, instead of testing every clinic row.
        """
        terms = search_terms(text)
        if not terms:
            return self.annotate(relevance=Value(0.0, output_field=FloatField()))
        Clinic = self.model
        through_conditions = Clinic.conditions.through
        ClinicTreatment = _model("ClinicTreatment")
        Condition = _model("Condition")
        Treatment = _model("Treatment")

        def clinics_where(**lookup) -> Q:
            return Q(pk__in=Clinic.objects.filter(**lookup).values("pk"))

        def score(condition: Q, points: float) -> Case:
            return Case(When(condition, then=Value(points)), default=Value(0.0))

        queryset = self
        relevance = Value(0.0, output_field=FloatField())
        for term in terms:
            in_name = clinics_where(name__trigram_word_similar=term)
            # Few distinct towns, many clinics: compare the word with each town once.
            # (HAVING on the grouped town, so the similarity runs once per town.)
            towns = (
                Clinic.objects.order_by()
                .values("city")
                .annotate(town=Min("city"))
                .filter(town__trigram_word_similar=term)
                .values("town")
            )
            in_city = clinics_where(city__in=towns)
            in_description = clinics_where(description__search=SearchQuery(term, config="english"))
            # Names in both languages: "ansiedad" finds clinics treating anxiety.
            conditions = Condition.objects.filter(
                Q(name__trigram_word_similar=term) | Q(name_es__trigram_word_similar=term)
            ).values("pk")
            treats = Q(
                pk__in=through_conditions.objects.filter(condition__in=conditions).values(
                    "clinic_id"
                )
            )
            treatments = Treatment.objects.filter(
                Q(name__trigram_word_similar=term)
                | Q(name_es__trigram_word_similar=term)
                | Q(description__trigram_word_similar=term)
            ).values("pk")
            offers = Q(
                pk__in=ClinicTreatment.objects.listed()
                .filter(treatment__in=treatments)
                .values("clinic_id")
            )
            queryset = queryset.filter(in_name | in_city | in_description | treats | offers)
            # Rank by where the word matched: the name counts most, then a condition,
            # then the town. Each test is a hashed IN (subquery), so ranking thousands
            # of matches costs little; computing similarities per row did not.
            relevance = relevance + score(in_name, 3.0) + score(treats, 2.0) + score(in_city, 1.0)
        return queryset.annotate(relevance=relevance)

    # --- Opening hours ----------------------------------------------------------

    def _open_at(self, moment: datetime.datetime | None) -> Q:
        """hours.is_open_at() in SQL: the weekday's hours unless the date has an exception."""
        local = hours.pacific_moment(moment)
        weekly = Exists(
            _model("OpeningHours").objects.filter(
                hours.covers_q(local.time), clinic=OuterRef("pk"), weekday=local.weekday
            )
        )
        exceptions = _model("HoursException").objects.filter(clinic=OuterRef("pk"), date=local.date)
        special = Exists(
            exceptions.filter(
                hours.covers_q(local.time) | hours.covers_q(local.time, "reopens", "closes_again"),
                closed=False,
            )
        )
        return (Q(weekly) & ~Q(Exists(exceptions))) | Q(special)

    def open_now(self, moment: datetime.datetime | None = None) -> ClinicQuerySet:
        """Clinics open at `moment` (default: now) by their Pacific-time hours: the
        weekly hours, or that date's holiday or special hours.

        Temporarily closed clinics are never open.
        """
        return self.filter(self._open_at(moment), status="listed")

    # --- What pages need -------------------------------------------------------

    def with_card_data(self, moment: datetime.datetime | None = None) -> ClinicQuerySet:
        """Everything a search-result card shows, in the clinics' own query.

        Annotates `is_open_now`, `condition_names` and `treatments_offered` (in their
        display order) and `lowest_price` (the lowest self-pay price per session, as
        `Clinic.price_from`). Subqueries rather than prefetches: one query, and no
        model instances to build for a card's list of names.
        """
        Condition = _model("Condition")
        ClinicTreatment = _model("ClinicTreatment")
        offers = ClinicTreatment.objects.listed().filter(clinic=OuterRef("pk"))
        return self.annotate(
            is_open_now=Case(
                When(Q(status="listed") & self._open_at(moment), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            ),
            condition_names=ArraySubquery(
                Condition.objects.filter(clinics=OuterRef("pk"))
                .order_by("sort_order", "name")
                .values(label=_display_name())
            ),
            # Each as {"name": …, "slug": …}, for a link to the treatment's page.
            treatments_offered=ArraySubquery(
                offers.order_by("treatment__sort_order", "treatment__name").values(
                    offer=JSONObject(name=_display_name("treatment__"), slug="treatment__slug")
                )
            ),
            lowest_price=Subquery(
                offers.filter(price_min__isnull=False).order_by("price_min").values("price_min")[:1]
            ),
        )

    def with_detail_data(self) -> ClinicQuerySet:
        """Everything the clinic page shows, in a fixed number of queries.

        `upcoming_hours_exceptions` holds the holiday and special hours from today
        (Pacific) through the next ``hours.UPCOMING_DAYS`` days.
        """
        ClinicTreatment = _model("ClinicTreatment")
        today = hours.pacific_today()
        return self.prefetch_related(
            "conditions",
            "insurance_plans",
            "opening_hours",
            Prefetch(
                "hours_exceptions",
                queryset=_model("HoursException").objects.filter(
                    date__gte=today, date__lte=today + datetime.timedelta(days=hours.UPCOMING_DAYS)
                ),
                to_attr="upcoming_hours_exceptions",
            ),
            Prefetch(
                "clinic_treatments",
                queryset=ClinicTreatment.objects.listed()
                .select_related("treatment")
                .prefetch_related("insurance_plans"),
            ),
        )

    def with_matching_plans(self, plan_slugs, treatment_slugs=()) -> ClinicQuerySet:
        """Annotate `matching_plans`: the names of those of `plan_slugs` the clinic accepts,
        in display order, for a search card's "Takes Medi-Cal"; with `treatment_slugs`,
        those that cover one of its listed offerings of them (as the search matches)."""
        plans = _model("InsurancePlan").objects.filter(slug__in=list(plan_slugs))
        if treatment_slugs:
            offerings = _model("ClinicTreatment").objects.listed()
            covered = offerings.filter(
                clinic=OuterRef(OuterRef("pk")),
                treatment__slug__in=list(treatment_slugs),
                insurance_plans=OuterRef("pk"),
            )
            plans = plans.filter(Exists(covered))
        else:
            plans = plans.filter(clinics=OuterRef("pk"))
        return self.annotate(
            matching_plans=ArraySubquery(
                plans.order_by("sort_order", "name").values(label=_display_name())
            )
        )

    def with_headline_price(self, treatment_slugs=()) -> ClinicQuerySet:
        """Annotate `headline`: Clinic.headline_price()'s rule in SQL, for a list.

        {"treatment_name": …, "price_min": … or null} for the first of `treatment_slugs`
        (in display order) that the clinic lists, else its main treatment (the first
        listed offering, in display order, with a price; the first at all when none has
        one); null for a clinic that lists nothing.
        """
        offers = _model("ClinicTreatment").objects.listed().filter(clinic=OuterRef("pk"))
        order = [
            Case(When(price_min__isnull=True, then=Value(1)), default=Value(0)),
            "treatment__sort_order",
            "treatment__name",
        ]
        if treatment_slugs := list(treatment_slugs):
            # Only with slugs: a constant CASE would be read as ORDER BY <column number>.
            chosen = When(treatment__slug__in=treatment_slugs, then=Value(0))
            order.insert(0, Case(chosen, default=Value(1)))
        first = offers.order_by(*order)
        data = JSONObject(treatment_name=_display_name("treatment__"), price_min="price_min")
        return self.annotate(headline=Subquery(first.values(data=data)[:1]))
