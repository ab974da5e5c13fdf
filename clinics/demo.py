"""Fictional demo clinics. Every one is sample data: 916-555-01xx phones, example.org sites.

The names, people, street numbers and descriptions are invented for this project;
the towns and ZIP codes are real so that distance search behaves as it would
with real listings. Coordinates are left blank so ``Clinic.save()`` fills them
from the ZIP code's centre.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from clinics.models import (
    Clinic,
    ClinicTreatment,
    Condition,
    HoursException,
    InsurancePlan,
    OpeningHours,
    Treatment,
)

MON, TUE, WED, THU, FRI, SAT = range(6)
WEEKDAYS = (MON, TUE, WED, THU, FRI)


def as_time(hhmm: str) -> datetime.time:
    hours, minutes = hhmm.split(":")
    return datetime.time(int(hours), int(minutes))


def _hours(days, *intervals: tuple[str, str]) -> list[tuple[int, str, str]]:
    return [(day, opens, closes) for day in days for opens, closes in intervals]


# Weekly patterns (Sunday is closed everywhere; no row means closed that day).
OFFICE = _hours(WEEKDAYS, ("09:00", "17:00"))
SPLIT_LUNCH = _hours(WEEKDAYS, ("08:00", "12:00"), ("13:00", "17:00"))
WITH_SATURDAY = OFFICE + _hours([SAT], ("09:00", "13:00"))
EVENINGS = _hours((MON, TUE, WED, THU), ("12:00", "20:30")) + _hours([FRI], ("09:00", "17:00"))
EARLY = _hours(WEEKDAYS, ("07:00", "15:30"))
SHORT_WEEK = _hours((TUE, WED, THU), ("10:00", "16:00"))
SPLIT_WITH_SATURDAY = SPLIT_LUNCH + _hours([SAT], ("08:30", "12:30"))
MON_TO_SAT_LONG = _hours(WEEKDAYS, ("08:00", "18:00")) + _hours([SAT], ("10:00", "14:00"))

# Price ranges are per session, self-pay, whole dollars; None means "ask / billed to insurance".
IV = "iv-infusion"
IM = "im-injection"
SPRAVATO = "spravato"
ORAL = "oral-sublingual"
KAP = "kap"
TELE = "telehealth"

# "verified" is days before today (None: never verified); "treatments" maps a slug to a
# (min, max) self-pay price or None; "flags" overrides accepting, wheelchair, referral,
# self_pay, hsa, financing, whose defaults are below. Every demo clinic listing Spravato is
# REMS-certified: the directory lists it nowhere else.
CLINICS: list[dict] = [
    {
        "slug": "riverbend-ketamine-center",
        "name": "Riverbend Ketamine Center",
        "city": "Sacramento",
        "zip": "95816",
        "street": "4217 Folsom Boulevard, Suite 3",
        "verified": 21,
        "hours": SPLIT_LUNCH,
        "treatments": {IV: (450, 650), SPRAVATO: None, KAP: (300, 500), TELE: (150, 150)},
        "conditions": [
            "depression",
            "treatment-resistant-depression",
            "ptsd",
            "anxiety",
            "suicidal-ideation",
        ],
        "insurance": ["blue-shield", "anthem", "aetna", "tricare", "western-health-advantage"],
        "languages": ["en", "es"],
        "credentials": ["anesthesiologist", "psychiatrist", "rn"],
        "director": "Dr. Imogen Vale, MD",
        "flags": dict(hsa=True, financing=True),
        "description": (
            "An East Sacramento practice where a psychiatrist and an anesthesiologist plan "
            "each course of treatment together. Infusions take place in quiet private rooms, "
            "and therapists on site offer preparation and integration sessions."
        ),
    },
    {
        "slug": "foothill-infusion-clinic",
        "name": "Foothill Infusion Clinic",
        "city": "Roseville",
        "zip": "95661",
        "street": "1180 Cirby Way, Building B",
        "verified": 35,
        "hours": WITH_SATURDAY,
        "treatments": {IV: (500, 750), IM: (300, 400), SPRAVATO: None},
        "conditions": ["depression", "treatment-resistant-depression", "chronic-pain", "ptsd"],
        "insurance": ["sutter-health-plus", "blue-shield", "unitedhealthcare", "medicare"],
        "languages": ["en", "ru", "uk"],
        "credentials": ["anesthesiologist", "crna", "pain_specialist"],
        "director": "Dr. Marcus Thornell, MD",
        "flags": dict(hsa=True),
        "description": (
            "A Roseville infusion suite run by an anesthesia team that also treats chronic "
            "pain. Saturday mornings are kept for patients who work during the week."
        ),
    },
    {
        "slug": "midtown-mood-renewal-clinic",
        "name": "Midtown Mood Renewal Clinic",
        "city": "Sacramento",
        "zip": "95811",
        "street": "2025 P Street, Floor 2",
        "verified": 12,
        "hours": EVENINGS,
        "treatments": {IV: (425, 600), KAP: (275, 450), ORAL: (180, 260), TELE: (120, 180)},
        "conditions": ["depression", "anxiety", "ptsd", "ocd"],
        "insurance": [],
        "languages": ["en", "es", "tl"],
        "credentials": ["psychiatrist", "pmhnp", "lmft"],
        "director": "Dr. Celeste Abernath, MD",
        "flags": dict(hsa=True, financing=True),
        "description": (
            "Open until 8:30 in the evening four days a week, so appointments can fit "
            "around a working day. Self-pay only; staff provide receipts that some "
            "patients submit to their insurer themselves."
        ),
    },
    {
        "slug": "land-park-ketamine-and-wellness",
        "name": "Land Park Ketamine & Wellness",
        "city": "Sacramento",
        "zip": "95818",
        "street": "2830 Freeport Boulevard",
        "verified": 48,
        "hours": OFFICE,
        "treatments": {SPRAVATO: None, KAP: (350, 550), TELE: (150, 200)},
        "conditions": ["treatment-resistant-depression", "postpartum-depression", "anxiety"],
        "insurance": ["aetna", "cigna", "anthem", "health-net"],
        "languages": ["en", "vi"],
        "credentials": ["psychiatrist", "psychologist", "lcsw"],
        "director": "Dr. Hollis Quenby, MD",
        "flags": dict(hsa=True),
        "description": (
            "A small psychiatric practice near the park offering Spravato and "
            "ketamine-assisted psychotherapy. New parents are welcome to bring an infant "
            "to consultation visits."
        ),
    },
    {
        "slug": "natomas-bridge-infusion-center",
        "name": "Natomas Bridge Infusion Center",
        "city": "Sacramento",
        "zip": "95834",
        "street": "3600 Truxel Road, Suite 140",
        "verified": 63,
        "hours": MON_TO_SAT_LONG,
        "treatments": {IV: (400, 575), IM: (250, 350), SPRAVATO: None},
        "conditions": [
            "depression",
            "treatment-resistant-depression",
            "bipolar-depression",
            "suicidal-ideation",
        ],
        "insurance": ["medi-cal", "health-net", "anthem", "kaiser"],
        "languages": ["en", "es", "pa", "hi"],
        "credentials": ["emergency_physician", "psychiatrist", "rn"],
        "director": "Dr. Priyanka Oruvel, MD",
        "flags": dict(),
        "description": (
            "A North Natomas clinic with long weekday hours and Saturday appointments. "
            "Staff coordinate with each patient's own psychiatrist and speak Punjabi, "
            "Hindi and Spanish."
        ),
    },
    {
        "slug": "arden-oaks-psychiatric-infusions",
        "name": "Arden Oaks Psychiatric Infusions",
        "city": "Sacramento",
        "zip": "95825",
        "street": "1455 Response Road, Suite 210",
        "verified": 90,
        "hours": SPLIT_LUNCH,
        "treatments": {IV: (550, 800), SPRAVATO: None, TELE: (200, 250)},
        "conditions": ["treatment-resistant-depression", "ocd", "bipolar-depression"],
        "insurance": ["blue-shield", "cigna", "medicare"],
        "languages": ["en", "fa"],
        "credentials": ["psychiatrist", "anesthesiologist"],
        "director": "Dr. Rostam Kavehzad, MD",
        "flags": dict(referral=True, hsa=True),
        "description": (
            "Takes referrals from psychiatrists and primary-care doctors for patients whose "
            "depression or OCD has not eased with other treatment. A referral letter is "
            "needed before the first visit."
        ),
    },
    {
        "slug": "pocket-lake-mind-clinic",
        "name": "Pocket Lake Mind Clinic",
        "city": "Sacramento",
        "zip": "95831",
        "street": "7200 Greenhaven Drive, Suite 8",
        "verified": 140,
        "hours": SHORT_WEEK,
        "treatments": {KAP: (250, 400), ORAL: (150, 225)},
        "conditions": ["anxiety", "ptsd", "depression"],
        "insurance": [],
        "languages": ["en", "zh"],
        "credentials": ["pmhnp", "psychologist"],
        "director": "Dr. Winifred Ashcombe, MD",
        "flags": dict(accepting=False, financing=True),
        "description": (
            "A therapy-led practice that uses low-dose sublingual ketamine within "
            "structured psychotherapy. The waiting list is full for now."
        ),
    },
    {
        "slug": "oak-park-community-ketamine-services",
        "name": "Oak Park Community Ketamine Services",
        "city": "Sacramento",
        "zip": "95817",
        "street": "3345 Broadway",
        "verified": 27,
        "hours": EARLY,
        "treatments": {SPRAVATO: None, IM: (200, 300), TELE: (75, 120)},
        "conditions": ["depression", "treatment-resistant-depression", "suicidal-ideation"],
        "insurance": ["medi-cal", "medicare", "health-net", "anthem"],
        "languages": ["en", "es", "hmn"],
        "credentials": ["psychiatrist", "pmhnp", "lcsw"],
        "director": "Dr. Desmond Achterberg, MD",
        "flags": dict(self_pay=True),
        "description": (
            "A community clinic that accepts Medi-Cal for Spravato and keeps a sliding "
            "fee scale for the rest. Hmong and Spanish interpreters are on staff."
        ),
    },
    {
        "slug": "tower-bridge-telepsychiatry",
        "name": "Tower Bridge Telepsychiatry",
        "city": "Sacramento",
        "zip": "95814",
        "street": "915 L Street, Suite 1100",
        "verified": 8,
        "hours": _hours(WEEKDAYS, ("08:00", "18:00")),
        "treatments": {TELE: (125, 200), ORAL: (160, 240)},
        "conditions": ["depression", "anxiety", "postpartum-depression"],
        "insurance": ["aetna", "unitedhealthcare", "cigna"],
        "languages": ["en", "ko", "ar"],
        "credentials": ["psychiatrist", "pmhnp"],
        "director": "Dr. Annelise Brandvold, MD",
        "flags": dict(wheelchair=True, hsa=True),
        "description": (
            "Mostly video visits, with an office downtown for the first in-person "
            "assessment. Prescribes at-home sublingual ketamine only after that visit and "
            "with regular check-ins."
        ),
    },
    {
        "slug": "tahoe-park-spravato-center",
        "name": "Tahoe Park Spravato Center",
        "city": "Sacramento",
        "zip": "95820",
        "street": "5990 14th Avenue",
        "status": Clinic.Status.TEMPORARILY_CLOSED,
        "verified": 44,
        "hours": OFFICE,
        "treatments": {SPRAVATO: None},
        "conditions": ["treatment-resistant-depression"],
        "insurance": ["kaiser", "blue-shield", "anthem", "medi-cal"],
        "languages": ["en", "vi"],
        "credentials": ["psychiatrist", "rn"],
        "director": "Dr. Theron Maplewood, MD",
        "flags": dict(accepting=False, self_pay=False),
        "description": (
            "A Spravato-only treatment room. It is closed for renovation for a few weeks; "
            "existing patients have been moved to a partner clinic in the meantime."
        ),
    },
    {
        "slug": "northgate-infusion-annex",
        "name": "Northgate Infusion Annex",
        "city": "Sacramento",
        "zip": "95815",
        "street": "2101 Northgate Boulevard",
        "status": Clinic.Status.CLOSED,
        "verified": 200,
        "hours": [],
        "treatments": {IV: (400, 500)},
        "conditions": ["depression"],
        "insurance": [],
        "languages": ["en"],
        "credentials": ["crna"],
        "director": "Dr. Ingrid Palstrom, MD",
        "flags": dict(accepting=False),
        "description": "This infusion office has closed permanently.",
    },
    {
        "slug": "stillwater-infusions-elk-grove",
        "name": "Stillwater Infusions Elk Grove",
        "city": "Elk Grove",
        "zip": "95757",
        "street": "9250 Big Horn Boulevard, Suite 4",
        "verified": 55,
        "hours": SPLIT_WITH_SATURDAY,
        "treatments": {IV: (450, 700), IM: (275, 375), KAP: (300, 500)},
        "conditions": ["depression", "ptsd", "anxiety", "chronic-pain"],
        "insurance": ["tricare", "blue-shield", "aetna"],
        "languages": ["en", "tl", "es"],
        "credentials": ["anesthesiologist", "crna", "lmft"],
        "director": "Dr. Augustin Ferrow, MD",
        "flags": dict(hsa=True, financing=True),
        "description": (
            "Serves many veterans and military families from south county, and accepts "
            "TRICARE for the initial consultation. Therapy sessions can follow infusions "
            "on the same day."
        ),
    },
    {
        "slug": "laguna-crossing-mental-health",
        "name": "Laguna Crossing Mental Health",
        "city": "Elk Grove",
        "zip": "95758",
        "street": "8120 Laguna Palms Way",
        "verified": 410,
        "hours": OFFICE,
        "treatments": {SPRAVATO: None, TELE: (100, 175)},
        "conditions": ["depression", "treatment-resistant-depression", "bipolar-depression"],
        "insurance": ["kaiser", "sutter-health-plus", "western-health-advantage"],
        "languages": ["en", "vi", "zh"],
        "credentials": ["psychiatrist", "pmhnp"],
        "director": "Dr. Lucinda Farrowby, MD",
        "flags": dict(referral=True),
        "description": (
            "A general psychiatry group that added a Spravato room for established "
            "patients. Referrals come mainly from local primary-care offices."
        ),
    },
    {
        "slug": "roseville-pathways-psychiatry",
        "name": "Roseville Pathways Psychiatry",
        "city": "Roseville",
        "zip": "95678",
        "street": "310 Vernon Street, Suite 201",
        "verified": 72,
        "hours": SPLIT_LUNCH,
        "treatments": {SPRAVATO: None, KAP: (325, 600), TELE: (150, 225)},
        "conditions": ["treatment-resistant-depression", "ptsd", "ocd", "anxiety"],
        "insurance": ["sutter-health-plus", "anthem", "cigna", "unitedhealthcare"],
        "languages": ["en", "ru"],
        "credentials": ["psychiatrist", "psychologist", "lmft"],
        "director": "Dr. Nikolai Berestov, MD",
        "flags": dict(hsa=True),
        "description": (
            "A downtown Roseville psychiatry practice offering Spravato and "
            "ketamine-assisted psychotherapy in a calm, converted house."
        ),
    },
    {
        "slug": "lake-natoma-ketamine-therapy",
        "name": "Lake Natoma Ketamine Therapy",
        "city": "Folsom",
        "zip": "95630",
        "street": "1700 Creekside Drive, Suite 120",
        "verified": 18,
        "hours": WITH_SATURDAY,
        "treatments": {IV: (495, 695), KAP: (350, 575)},
        "conditions": ["depression", "anxiety", "ptsd", "postpartum-depression"],
        "insurance": [],
        "languages": ["en", "hi"],
        "credentials": ["anesthesiologist", "psychologist"],
        "director": "Dr. Evander Kilbride, MD",
        "flags": dict(hsa=True, financing=True),
        "description": (
            "Self-pay infusions and psychotherapy near the lake, with payment plans "
            "arranged through the front desk. Rooms have reclining chairs and blackout "
            "blinds."
        ),
    },
    {
        "slug": "trailhead-pain-and-infusion",
        "name": "Trailhead Pain & Infusion",
        "city": "Folsom",
        "zip": "95630",
        "street": "245 Iron Point Road, Suite 310",
        "verified": 101,
        "hours": EARLY,
        "treatments": {IV: (600, 800)},
        "conditions": ["chronic-pain", "depression"],
        "insurance": ["medicare", "blue-shield", "unitedhealthcare"],
        "languages": ["en"],
        "credentials": ["pain_specialist", "anesthesiologist", "rn"],
        "director": "Dr. Roswitha Kalendar, MD",
        "flags": dict(referral=True),
        "description": (
            "A pain-medicine clinic that uses longer ketamine infusions for nerve pain and "
            "complex regional pain syndrome, always within a wider pain plan."
        ),
    },
    {
        "slug": "putah-creek-psychiatric-group",
        "name": "Putah Creek Psychiatric Group",
        "city": "Davis",
        "zip": "95616",
        "street": "640 Third Street",
        "verified": 30,
        "hours": SPLIT_LUNCH,
        "treatments": {SPRAVATO: None, ORAL: (150, 250), TELE: (110, 160)},
        "conditions": ["depression", "anxiety", "treatment-resistant-depression", "ocd"],
        "insurance": ["western-health-advantage", "anthem", "aetna", "health-net"],
        "languages": ["en", "zh", "ko"],
        "credentials": ["psychiatrist", "pmhnp"],
        "director": "Dr. Odalys Ferrante, MD",
        "flags": dict(hsa=True),
        "description": (
            "A Davis group practice close to the university that sees many students and "
            "staff. Spravato visits are scheduled in the mornings."
        ),
    },
    {
        "slug": "arboretum-kap-collective",
        "name": "Arboretum KAP Collective",
        "city": "Davis",
        "zip": "95618",
        "street": "2900 Spafford Street, Unit 5",
        "verified": None,
        "hours": SHORT_WEEK,
        "treatments": {KAP: (275, 475), IM: (250, 325)},
        "conditions": ["ptsd", "anxiety", "depression"],
        "insurance": [],
        "languages": ["en", "es", "fa"],
        "credentials": ["psychologist", "lmft", "rn"],
        "director": "Dr. Sorrel Whitcombe, MD",
        "flags": dict(financing=True),
        "description": (
            "A collective of therapists who offer ketamine-assisted psychotherapy in small "
            "groups and individually, with a supervising physician on call."
        ),
    },
    {
        "slug": "american-river-infusion-suites",
        "name": "American River Infusion Suites",
        "city": "Rancho Cordova",
        "zip": "95670",
        "street": "11290 Point East Drive, Suite 100",
        "verified": 40,
        "hours": MON_TO_SAT_LONG,
        "treatments": {IV: (400, 625), SPRAVATO: None, IM: (250, 350)},
        "conditions": [
            "depression",
            "treatment-resistant-depression",
            "ptsd",
            "suicidal-ideation",
            "bipolar-depression",
        ],
        "insurance": ["tricare", "kaiser", "health-net", "blue-shield", "medi-cal"],
        "languages": ["en", "ru", "uk", "es"],
        "credentials": ["emergency_physician", "crna", "psychiatrist"],
        "director": "Dr. Konstantin Varlamov, MD",
        "flags": dict(hsa=True),
        "description": (
            "An infusion centre close to the highway with free parking and Saturday "
            "hours. Staff speak Russian, Ukrainian and Spanish."
        ),
    },
    {
        "slug": "sylvan-corners-ketamine-studio",
        "name": "Sylvan Corners Ketamine Studio",
        "city": "Citrus Heights",
        "zip": "95610",
        "street": "7500 Sunrise Boulevard, Suite 6",
        "verified": 155,
        "hours": OFFICE,
        "treatments": {IV: (425, 575), KAP: (250, 400)},
        "conditions": ["depression", "anxiety", "ocd"],
        "insurance": ["aetna"],
        "languages": ["en", "uk"],
        "credentials": ["crna", "lmft"],
        "director": "Dr. Bartholomew Enwright, MD",
        "flags": dict(accepting=False, financing=True),
        "description": (
            "A nurse-anesthetist-led studio with two infusion rooms. It is not taking new "
            "patients until it adds a third clinician."
        ),
    },
    {
        "slug": "parkside-carmichael-infusion-center",
        "name": "Parkside Carmichael Infusion Center",
        "city": "Carmichael",
        "zip": "95608",
        "street": "6600 Fair Oaks Boulevard, Suite 2",
        "verified": 66,
        "hours": SPLIT_LUNCH,
        "treatments": {IV: (475, 725), SPRAVATO: None, TELE: (150, 200)},
        "conditions": [
            "treatment-resistant-depression",
            "ptsd",
            "postpartum-depression",
            "chronic-pain",
        ],
        "insurance": ["medicare", "anthem", "sutter-health-plus"],
        "languages": ["en", "fa", "ar"],
        "credentials": ["anesthesiologist", "psychiatrist"],
        "director": "Dr. Delphine Marchetti, MD",
        "flags": dict(hsa=True),
        "description": (
            "An infusion centre in a single-storey building beside the park, with "
            "step-free access from the car park to every room."
        ),
    },
    {
        "slug": "bridgeway-riverfront-clinic",
        "name": "Bridgeway Riverfront Clinic",
        "city": "West Sacramento",
        "zip": "95691",
        "street": "880 Riverfront Street",
        "verified": 14,
        "hours": _hours(WEEKDAYS, ("08:30", "12:00"), ("13:00", "18:30")),
        "treatments": {SPRAVATO: None, IV: (450, 650), TELE: (100, 150)},
        "conditions": ["depression", "treatment-resistant-depression", "suicidal-ideation"],
        "insurance": ["medi-cal", "health-net", "western-health-advantage", "kaiser"],
        "languages": ["en", "es", "ru"],
        "credentials": ["psychiatrist", "anesthesiologist", "rn"],
        "director": "Dr. Thaddeus Quillon, MD",
        "flags": dict(),
        "description": (
            "A riverfront clinic a short walk across the bridge from downtown. Spravato "
            "sessions include two hours of monitoring in a private room."
        ),
    },
    {
        "slug": "canyon-oak-ketamine-care",
        "name": "Canyon Oak Ketamine Care",
        "city": "Auburn",
        "zip": "95603",
        "street": "12050 Education Street",
        "verified": 520,
        "hours": SHORT_WEEK,
        "treatments": {IV: (450, 600), IM: (225, 325)},
        "conditions": ["depression", "chronic-pain", "ptsd"],
        "insurance": ["medicare"],
        "languages": ["en"],
        "credentials": ["emergency_physician", "rn"],
        "director": "Dr. Marguerite Oakhollow, MD",
        "flags": dict(wheelchair=False),
        "description": (
            "A foothills practice open three days a week. It sits on the first floor of "
            "an older building with stairs at the entrance."
        ),
    },
    {
        "slug": "yolo-meadow-psychiatry",
        "name": "Yolo Meadow Psychiatry",
        "city": "Woodland",
        "zip": "95695",
        "street": "415 Court Street, Suite 3",
        "verified": 80,
        "hours": EARLY,
        "treatments": {SPRAVATO: None, TELE: (90, 140), ORAL: (140, 200)},
        "conditions": ["depression", "treatment-resistant-depression", "anxiety"],
        "insurance": ["medi-cal", "western-health-advantage", "blue-shield", "medicare"],
        "languages": ["en", "es", "pa"],
        "credentials": ["psychiatrist", "pmhnp", "lcsw"],
        "director": "Dr. Ezequiel Montanaro, MD",
        "flags": dict(),
        "description": (
            "A Woodland psychiatry office serving Yolo County, with bilingual staff and "
            "early appointments for farm and shift workers."
        ),
    },
    {
        "slug": "harvest-lane-spravato-clinic",
        "name": "Harvest Lane Spravato Clinic",
        "city": "Woodland",
        "zip": "95776",
        "street": "1320 Harvest Lane, Suite D",
        "verified": 115,
        "hours": _hours((MON, WED, FRI), ("09:00", "15:00")),
        "treatments": {SPRAVATO: (600, 900)},
        "conditions": ["treatment-resistant-depression"],
        "insurance": ["aetna", "cigna", "unitedhealthcare"],
        "languages": ["en", "es"],
        "credentials": ["psychiatrist", "rn"],
        "director": "Dr. Fenella Brightwater, MD",
        "flags": dict(referral=True),
        "description": (
            "A Spravato clinic open three days a week. It lists a self-pay price for "
            "patients without coverage; most visits are billed to insurance."
        ),
    },
    {
        "slug": "lakeside-natomas-evening-clinic",
        "name": "Lakeside Natomas Evening Clinic",
        "city": "Sacramento",
        "zip": "95835",
        "street": "4800 Natomas Crossing Drive",
        "verified": 5,
        "hours": _hours(WEEKDAYS, ("14:00", "21:00")) + _hours([SAT], ("10:00", "16:00")),
        "treatments": {IV: (399, 549), KAP: (275, 425), TELE: (125, 175)},
        "conditions": ["depression", "anxiety", "ptsd", "bipolar-depression", "ocd"],
        "insurance": ["kaiser", "sutter-health-plus", "anthem"],
        "languages": ["en", "hi", "pa", "tl"],
        "credentials": ["anesthesiologist", "pmhnp", "lmft"],
        "director": "Dr. Anjali Serrano-Wynne, MD",
        "flags": dict(hsa=True, financing=True),
        "description": (
            "An afternoon-and-evening clinic for people who cannot leave work during the "
            "day, open until 9 p.m. on weekdays."
        ),
    },
]


# Coverage per treatment: by default every plan a clinic accepts covers what it offers,
# except compounded oral ketamine, which insurers do not pay for. These clinics bill
# their plans for Spravato but charge everyone for IV infusions.
IV_SELF_PAY_ONLY = {
    "foothill-infusion-clinic",
    "natomas-bridge-infusion-center",
    "american-river-infusion-suites",
    "bridgeway-riverfront-clinic",
}
SELF_PAY_ONLY_TREATMENTS = {ORAL}
# A full course of IV infusions is usually six; these clinics state a package price.
IV_COURSE_SESSIONS = 6
IV_COURSE_CLINICS = {
    "riverbend-ketamine-center",
    "foothill-infusion-clinic",
    "midtown-mood-renewal-clinic",
    "natomas-bridge-infusion-center",
    "american-river-infusion-suites",
}
# The first visit's fee, where a clinic charges for it separately (0: free).
CONSULT_FEES = {
    "riverbend-ketamine-center": 250,
    "foothill-infusion-clinic": 200,
    "midtown-mood-renewal-clinic": 0,
    "natomas-bridge-infusion-center": 175,
    "arden-oaks-psychiatric-infusions": 300,
    "lake-natoma-ketamine-therapy": 225,
}
TEMPORARY_CLOSURE = {
    "tahoe-park-spravato-center": ("Renovating the treatment rooms", datetime.timedelta(days=24)),
}
# Holidays every demo clinic with hours closes for, and a few shorter days.
CLOSED_HOLIDAYS = ("Thanksgiving", "Christmas Day", "New Year's Day")
SHORT_DAYS = {
    "Christmas Eve": (("09:00", "12:00"),),
    "Day after Thanksgiving": (("10:00", "14:00"),),
}
SHORT_DAY_CLINICS = {
    "riverbend-ketamine-center",
    "foothill-infusion-clinic",
    "natomas-bridge-infusion-center",
    "stillwater-infusions-elk-grove",
}


def _thanksgiving(year: int) -> datetime.date:
    first = datetime.date(year, 11, 1)
    return first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 21)


def upcoming_holidays(today: datetime.date) -> dict[str, datetime.date]:
    """The next date (today or later) of each holiday the demo clinics observe."""
    found = {}
    for year in (today.year, today.year + 1):
        thanksgiving = _thanksgiving(year)
        for name, day in {
            "Thanksgiving": thanksgiving,
            "Day after Thanksgiving": thanksgiving + datetime.timedelta(days=1),
            "Christmas Eve": datetime.date(year, 12, 24),
            "Christmas Day": datetime.date(year, 12, 25),
            "New Year's Day": datetime.date(year, 1, 1),
        }.items():
            if day >= today and name not in found:
                found[name] = day
    return found


def _phone(index: int) -> str:
    return f"+1916555{100 + index:04d}"


def _defaults(index: int, data: dict, today: datetime.date) -> dict:
    flags = data["flags"]
    slug = data["slug"]
    verified = data["verified"]
    return {
        "name": data["name"],
        "status": data.get("status", Clinic.Status.LISTED),
        "is_demo": True,
        "description": data["description"],
        "street_address": data["street"],
        "city": data["city"],
        "state": "CA",
        "zip_code": data["zip"],
        "latitude": None,
        "longitude": None,
        "phone": _phone(index),
        "website": f"https://{slug}.example.org/",
        "email": f"hello@{slug}.example.org",
        "booking_url": f"https://{slug}.example.org/book/",
        "accepting_new_patients": flags.get("accepting", True),
        "wheelchair_accessible": flags.get("wheelchair", True),
        "referral_required": flags.get("referral", False),
        "languages": data["languages"],
        "medical_director": f"{data['director']} (fictional)",
        "clinician_credentials": data["credentials"],
        "self_pay": flags.get("self_pay", True),
        "accepts_hsa_fsa": flags.get("hsa", False),
        "offers_financing": flags.get("financing", False),
        "consult_fee": CONSULT_FEES.get(slug),
        "closure_reason": TEMPORARY_CLOSURE[slug][0] if slug in TEMPORARY_CLOSURE else "",
        "reopens_on": today + TEMPORARY_CLOSURE[slug][1] if slug in TEMPORARY_CLOSURE else None,
        "last_verified_on": None if verified is None else today - datetime.timedelta(days=verified),
    }


def _sync_treatments(
    clinic: Clinic, data: dict, treatments: dict[str, Treatment], plans: list[InsurancePlan]
) -> None:
    wanted = data["treatments"]
    clinic.clinic_treatments.exclude(treatment__slug__in=list(wanted)).delete()
    for slug, prices in wanted.items():
        price_min, price_max = prices if prices else (None, None)
        course = slug == IV and price_min is not None and data["slug"] in IV_COURSE_CLINICS
        offering, _ = ClinicTreatment.objects.update_or_create(
            clinic=clinic,
            treatment=treatments[slug],
            defaults={
                "price_min": price_min,
                "price_max": price_max,
                # A package of six, a little under six single sessions.
                "course_price": price_min * IV_COURSE_SESSIONS * 9 // 500 * 50 if course else None,
                "course_sessions": IV_COURSE_SESSIONS if course else None,
                "rems_certified": treatments[slug].requires_rems,
                "notes": "Usually billed to insurance." if slug == SPRAVATO and not prices else "",
            },
        )
        self_pay_only = slug in SELF_PAY_ONLY_TREATMENTS or (
            slug == IV and data["slug"] in IV_SELF_PAY_ONLY
        )
        offering.insurance_plans.set([] if self_pay_only else plans)


def _sync_exceptions(clinic: Clinic, data: dict, today: datetime.date) -> None:
    wanted = {}
    if data["hours"] and data.get("status", Clinic.Status.LISTED) == Clinic.Status.LISTED:
        holidays = upcoming_holidays(today)
        for name in CLOSED_HOLIDAYS:
            wanted[holidays[name]] = {"closed": True, "note": name}
        if data["slug"] in SHORT_DAY_CLINICS:
            for name, intervals in SHORT_DAYS.items():
                times = dict(zip(("opens", "closes"), map(as_time, intervals[0]), strict=True))
                wanted[holidays[name]] = {"closed": False, "note": name, **times}
    clinic.hours_exceptions.exclude(date__in=list(wanted)).delete()
    for day, values in wanted.items():
        defaults = {"opens": None, "closes": None, "reopens": None, "closes_again": None}
        HoursException.objects.update_or_create(
            clinic=clinic, date=day, defaults={**defaults, **values}
        )


def _sync_hours(clinic: Clinic, data: dict) -> None:
    wanted = {(day, as_time(opens)): as_time(closes) for day, opens, closes in data["hours"]}
    for row in list(clinic.opening_hours.all()):
        if wanted.get((row.weekday, row.opens)) != row.closes:
            row.delete()
    existing = set(clinic.opening_hours.values_list("weekday", "opens"))
    for (day, opens), closes in sorted(wanted.items()):
        if (day, opens) not in existing:
            OpeningHours.objects.create(clinic=clinic, weekday=day, opens=opens, closes=closes)


@transaction.atomic
def seed_clinics() -> int:
    """Create or update the demo clinics; returns how many exist.

    Idempotent: clinics are matched by slug and their treatments, hours,
    conditions and insurance are brought to exactly the listed values.
    """
    today = timezone.localdate()
    conditions = {c.slug: c for c in Condition.objects.all()}
    treatments = {t.slug: t for t in Treatment.objects.all()}
    plans = {p.slug: p for p in InsurancePlan.objects.all()}
    for index, data in enumerate(CLINICS):
        clinic, _ = Clinic.objects.update_or_create(
            slug=data["slug"], defaults=_defaults(index, data, today)
        )
        clinic.conditions.set([conditions[slug] for slug in data["conditions"]])
        accepted = [plans[slug] for slug in data["insurance"]]
        clinic.insurance_plans.set(accepted)
        _sync_treatments(clinic, data, treatments, accepted)
        _sync_hours(clinic, data)
        _sync_exceptions(clinic, data, today)
    return len(CLINICS)
