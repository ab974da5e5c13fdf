"""Bulk-insert synthetic clinics for load tests (``make bench`` loads 20,000)."""

from __future__ import annotations

import datetime
import math
import random
import re
import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from clinics import demo
from clinics.geo import zip_centroid
from clinics.models import (
    Clinic,
    ClinicTreatment,
    Condition,
    Credential,
    InsurancePlan,
    Language,
    OpeningHours,
    Treatment,
)

SLUG_PREFIX = "synthetic-clinic-"
SLUG_NUMBER = re.compile(rf"^{SLUG_PREFIX}(\d+)$")
BATCH_SIZE = 1000

# Towns within about 60 miles of downtown Sacramento: (city, ZIP codes, weight).
# Sacramento itself gets the most clinics, as it would in real life.
TOWNS = [
    ("Sacramento", ["95811", "95814", "95816", "95818", "95817", "95820", "95822"], 10),
    ("Sacramento", ["95825", "95831", "95834", "95835", "95815", "95823", "95864"], 8),
    ("Elk Grove", ["95757", "95758", "95624"], 4),
    ("Roseville", ["95661", "95678", "95747"], 4),
    ("Folsom", ["95630"], 3),
    ("Davis", ["95616", "95618"], 3),
    ("Rancho Cordova", ["95670", "95742"], 3),
    ("Citrus Heights", ["95610", "95621"], 2),
    ("Carmichael", ["95608"], 2),
    ("West Sacramento", ["95691", "95605"], 2),
    ("Auburn", ["95603"], 2),
    ("Woodland", ["95695", "95776"], 2),
    ("Rocklin", ["95765"], 2),
    ("Lincoln", ["95648"], 1),
    ("El Dorado Hills", ["95762"], 2),
    ("Placerville", ["95667"], 1),
    ("Fair Oaks", ["95628"], 1),
    ("Orangevale", ["95662"], 1),
    ("Antelope", ["95843"], 1),
    ("Granite Bay", ["95746"], 1),
    ("Dixon", ["95620"], 1),
    ("Vacaville", ["95688", "95687"], 2),
    ("Winters", ["95694"], 1),
    ("Galt", ["95632"], 1),
    ("Lodi", ["95240"], 2),
    ("Yuba City", ["95993"], 1),
    ("Marysville", ["95901"], 1),
    ("Grass Valley", ["95945"], 1),
    ("Jackson", ["95642"], 1),
]

STREETS = [
    "Main Street",
    "Oak Avenue",
    "Elm Court",
    "Riverside Drive",
    "Sierra Boulevard",
    "Capitol Avenue",
    "Madrone Lane",
    "Cypress Way",
    "Granite Parkway",
    "Walnut Street",
    "Valley Oak Drive",
    "Mariposa Avenue",
    "Harbor Boulevard",
    "Stockton Boulevard",
    "Sunset Avenue",
]
FIRST_NAMES = ["Ada", "Bram", "Corin", "Dalia", "Ezra", "Farah", "Gideon", "Hana", "Ivo", "Juno"]
LAST_NAMES = ["Ashdown", "Brightley", "Corvell", "Dunmore", "Eskew", "Fairleigh", "Grantham"]
OPENINGS = [
    "A synthetic listing generated for load testing.",
    "Generated sample data used to measure the directory's speed.",
]
MIDDLES = [
    "Offers ketamine treatment with monitoring by licensed clinicians.",
    "Works with each patient's own psychiatrist or primary-care doctor.",
    "Combines ketamine sessions with talking therapy.",
]

# (low, high) bounds for the lowest self-pay price per session; the top of the range adds
# up to ``spread`` dollars. Spravato is usually billed to insurance, so its price is often blank.
PRICES = {
    "iv-infusion": (400, 600, 250),
    "im-injection": (200, 350, 150),
    "spravato": (550, 750, 250),
    "oral-sublingual": (125, 250, 100),
    "kap": (250, 400, 200),
    "telehealth": (75, 175, 75),
}
HOUR_PATTERNS = [
    demo.OFFICE,
    demo.SPLIT_LUNCH,
    demo.WITH_SATURDAY,
    demo.EVENINGS,
    demo.EARLY,
    demo.SHORT_WEEK,
    demo.SPLIT_WITH_SATURDAY,
    demo.MON_TO_SAT_LONG,
]


def _round25(value: float) -> int:
    return int(round(value / 25) * 25)


class Generator:
    """Builds unsaved model instances from one seeded random stream."""

    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.condition_ids = list(Condition.objects.values_list("id", flat=True))
        self.plan_ids = list(InsurancePlan.objects.values_list("id", flat=True))
        self.treatments = dict(Treatment.objects.values_list("slug", "id"))
        self.towns = [(city, zips) for city, zips, _ in TOWNS]
        self.town_weights = [weight for _, _, weight in TOWNS]
        self.other_languages = [code for code in Language.values if code != "en"]
        self.hour_patterns = [
            [(day, demo.as_time(opens), demo.as_time(closes)) for day, opens, closes in pattern]
            for pattern in HOUR_PATTERNS
        ]

    def location(self) -> tuple[str, str, float, float]:
        city, zips = self.rng.choices(self.towns, weights=self.town_weights)[0]
        zip_code = self.rng.choice(zips)
        lat, lng = zip_centroid(zip_code)
        # Scatter around the ZIP centre, up to about two miles each way.
        lat += self.rng.uniform(-0.03, 0.03)
        lng += self.rng.uniform(-0.03, 0.03) / math.cos(math.radians(lat))
        return city, zip_code, round(lat, 6), round(lng, 6)

    def verified_on(self) -> datetime.date | None:
        roll = self.rng.random()
        if roll < 0.05:
            return None
        days = self.rng.randint(366, 700) if roll < 0.15 else self.rng.randint(0, 365)
        return self.today - datetime.timedelta(days=days)

    def clinic(self, number: int, width: int) -> Clinic:
        rng = self.rng
        label = f"{number:0{width}d}"
        slug = f"{SLUG_PREFIX}{label}"
        city, zip_code, lat, lng = self.location()
        roll = rng.random()
        status = (
            Clinic.Status.CLOSED
            if roll < 0.01
            else Clinic.Status.TEMPORARILY_CLOSED
            if roll < 0.03
            else Clinic.Status.LISTED
        )
        return Clinic(
            name=f"Synthetic Clinic {label}",
            slug=slug,
            status=status,
            is_demo=True,
            description=f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}",
            street_address=f"{rng.randint(100, 9999)} {rng.choice(STREETS)}",
            city=city,
            state="CA",
            zip_code=zip_code,
            latitude=lat,
            longitude=lng,
            # 916-555-01xx repeats; phone numbers are not unique.
            phone=f"+1916555{100 + number % 100:04d}",
            website=f"https://{slug}.example.org/",
            email=f"hello@{slug}.example.org",
            booking_url=f"https://{slug}.example.org/book/" if rng.random() < 0.6 else "",
            accepting_new_patients=rng.random() < 0.75,
            wheelchair_accessible=rng.random() < 0.85,
            referral_required=rng.random() < 0.2,
            languages=["en", *rng.sample(self.other_languages, rng.choice([0, 0, 1, 1, 2, 3]))],
            medical_director=(
                f"Dr. {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, MD (fictional)"
            ),
            clinician_credentials=rng.sample(Credential.values, rng.randint(1, 3)),
            self_pay=rng.random() < 0.9,
            accepts_hsa_fsa=rng.random() < 0.5,
            offers_financing=rng.random() < 0.3,
            last_verified_on=self.verified_on(),
        )

    def treatments_for(self, clinic: Clinic) -> list[ClinicTreatment]:
        rng = self.rng
        slugs = rng.sample(list(self.treatments), rng.randint(1, 4))
        rows = []
        for slug in slugs:
            low, high, spread = PRICES[slug]
            price_min = price_max = None
            if not (slug == "spravato" and rng.random() < 0.7):
                price_min = _round25(rng.uniform(low, high))
                price_max = price_min + _round25(rng.uniform(0, spread))
            certified = slug == "spravato" and rng.random() < 0.85
            # Spravato without a recorded REMS certification is kept but hidden, as the
            # admin would hide it (the database refuses it listed).
            hidden = slug == "spravato" and not certified
            rows.append(
                ClinicTreatment(
                    clinic=clinic,
                    treatment_id=self.treatments[slug],
                    price_min=price_min,
                    price_max=price_max,
                    rems_certified=certified,
                    is_listed=not hidden,
                    hidden_reason=ClinicTreatment.HiddenReason.REMS_NOT_RECORDED if hidden else "",
                )
            )
        return rows

    def hours_for(self, clinic: Clinic) -> list[OpeningHours]:
        if clinic.status == Clinic.Status.CLOSED:
            return []
        pattern = self.rng.choice(self.hour_patterns)
        return [
            OpeningHours(clinic=clinic, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in pattern
        ]

    def condition_links(self, clinic: Clinic) -> list:
        ids = self.rng.sample(self.condition_ids, self.rng.randint(1, 5))
        through = Clinic.conditions.through
        return [through(clinic_id=clinic.pk, condition_id=pk) for pk in ids]

    def insurance_links(self, clinic: Clinic) -> list:
        if self.rng.random() < 0.3:
            return []  # self-pay only
        ids = self.rng.sample(self.plan_ids, self.rng.randint(1, 6))
        through = Clinic.insurance_plans.through
        return [through(clinic_id=clinic.pk, insuranceplan_id=pk) for pk in ids]


def next_number() -> int:
    """One past the highest existing synthetic clinic number, so runs add to each other."""
    highest = 0
    for slug in Clinic.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True):
        match = SLUG_NUMBER.match(slug)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


class Command(BaseCommand):
    help = (
        "Create N synthetic clinics (sample data, is_demo) with conditions, treatments, prices, "
        "insurance, hours and languages, spread within about 60 miles of Sacramento. "
        "Uses bulk inserts: 20,000 clinics take seconds. Refused in production mode."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many clinics to add.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed, for repeatable data."
        )

    def handle(self, *args, count: int, seed: int | None, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Synthetic clinics are never generated in production mode.")
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if seed is None:
            seed = secrets.randbelow(2**31)
        started = time.monotonic()
        generator = Generator(random.Random(seed), timezone.localdate())  # noqa: S311
        first = next_number()
        last = first + count - 1
        width = max(5, len(str(last)))
        totals = {"treatments": 0, "hours": 0, "conditions": 0, "insurance": 0}

        progress = tqdm(
            total=count, unit="clinic", disable=options["verbosity"] == 0, desc="Clinics"
        )
        with progress:
            for batch_start in range(first, last + 1, BATCH_SIZE):
                numbers = range(batch_start, min(batch_start + BATCH_SIZE, last + 1))
                self.insert_batch(generator, numbers, width, totals)
                progress.update(len(numbers))

        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count:,} synthetic clinics ({SLUG_PREFIX}{first:0{width}d} to "
                f"{SLUG_PREFIX}{last:0{width}d}) with {totals['treatments']:,} treatments, "
                f"{totals['hours']:,} opening-hours rows, {totals['conditions']:,} condition "
                f"links and {totals['insurance']:,} insurance links in {elapsed:.1f} s "
                f"(seed {seed})."
            )
        )

    @transaction.atomic
    def insert_batch(self, generator: Generator, numbers, width: int, totals: dict) -> None:
        # bulk_create skips save() and signals: coordinates are set explicitly and no
        # history rows are written, which is what a load-test data set wants.
        clinics = Clinic.objects.bulk_create(
            [generator.clinic(number, width) for number in numbers]
        )
        treatments, hours, conditions, insurance = [], [], [], []
        for clinic in clinics:
            treatments += generator.treatments_for(clinic)
            hours += generator.hours_for(clinic)
            conditions += generator.condition_links(clinic)
            insurance += generator.insurance_links(clinic)
        ClinicTreatment.objects.bulk_create(treatments)
        OpeningHours.objects.bulk_create(hours)
        Clinic.conditions.through.objects.bulk_create(conditions)
        Clinic.insurance_plans.through.objects.bulk_create(insurance)
        # Each offering is covered by its clinic's plans, as migration 0016 set existing
        # listings up, so "insurance with a treatment" searches find clinics here too.
        plans: dict[int, list[int]] = {}
        for link in insurance:
            plans.setdefault(link.clinic_id, []).append(link.insuranceplan_id)
        covered = ClinicTreatment.insurance_plans.through
        covered.objects.bulk_create(
            covered(clinictreatment_id=offer.pk, insuranceplan_id=plan)
            for offer in treatments
            for plan in plans.get(offer.clinic_id, ())
        )
        totals["treatments"] += len(treatments)
        totals["hours"] += len(hours)
        totals["conditions"] += len(conditions)
        totals["insurance"] += len(insurance)
