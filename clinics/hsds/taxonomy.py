"""The taxonomy the directory publishes its attributes in, and the Open Eligibility links.

HSDS states facts about a record as attributes: a taxonomy term applied to it. Our
own taxonomy ("Sacramento ketamine clinic directory") has five groups:

- ``treatment`` — the route of ketamine treatment a service is (one per Treatment row);
- ``condition`` — conditions the clinic treats (one per Condition row);
- ``insurance`` — insurance plans that cover the service (one per InsurancePlan row);
- ``payment`` — self-pay, HSA/FSA, financing;
- ``listing`` — accepting new patients, REMS-certified, referral required, sample data.

Term codes are ``group:slug`` and ids derive from them (clinics.hsds.ids), so they stay
the same in every database and across releases. Reference rows keep their slugs
(public URLs), and the fixed terms below never change their code.

Where the Open Eligibility taxonomy (openeligibility.org, version 2.0, by Aunt Bertha,
CC BY-SA 3.0) has a matching term, a record carries that term as a second attribute,
so consumers that classify by Open Eligibility find our services too. Only the terms
we use are published, with Open Eligibility's own numeric codes and names.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from clinics.hsds import ids

DIRECTORY = "sacramento-ketamine-directory"
OPEN_ELIGIBILITY = "open-eligibility"


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str
    uri: str = ""
    version: str = ""

    @property
    def id(self) -> uuid.UUID:
        return ids.taxonomy_id(self.code)


TAXONOMIES = {
    DIRECTORY: Taxonomy(
        code=DIRECTORY,
        name="Sacramento ketamine clinic directory",
        description=(
            "The directory's own vocabulary: ketamine treatment routes, conditions treated, "
            "insurance plans and payment options accepted, and facts about a listing."
        ),
        version="1",
    ),
    OPEN_ELIGIBILITY: Taxonomy(
        code=OPEN_ELIGIBILITY,
        name="Open Eligibility",
        description=(
            "The Open Eligibility taxonomy of human services and human situations "
            "(only the terms this directory uses). The Open Eligibility Human Services "
            "Taxonomy by Aunt Bertha, Inc. is licensed under CC BY-SA 3.0."
        ),
        uri="http://openeligibility.org",
        version="2.0",
    ),
}


@dataclass(frozen=True)
class Term:
    taxonomy: str
    code: str
    name: str
    description: str
    parent: str = ""
    # Open Eligibility codes of the same meaning (our terms only).
    open_eligibility: tuple[str, ...] = ()
    # Which services carry the term, as a ClinicTreatment filter (None: its children decide).
    services: Q | None = field(default=None, compare=False)
    # The same rule for rows already in memory, applies(clinic, offer), yes/no facts only;
    # facts about the clinic (not one offering) are stated on its organization too.
    applies: Callable | None = field(default=None, compare=False)
    clinic_level: bool = True

    @property
    def id(self) -> uuid.UUID:
        return ids.term_id(self.taxonomy, self.code)

    @property
    def parent_id(self) -> uuid.UUID | None:
        return ids.term_id(self.taxonomy, self.parent) if self.parent else None

    @property
    def group(self) -> str:
        return self.code.split(":", 1)[0]


def _group(code: str, name: str, description: str) -> Term:
    return Term(DIRECTORY, code, name, description)


GROUPS = [
    _group(
        "treatment",
        "Ketamine treatment route",
        "How the ketamine treatment is given; each service of a clinic is one route.",
    ),
    _group("condition", "Condition treated", "A condition the clinic says it treats."),
    _group(
        "insurance",
        "Insurance plan accepted",
        "An insurance plan the clinic bills for the service.",
    ),
    _group("payment", "Payment option", "A way to pay the clinic other than insurance."),
    _group("listing", "Listing fact", "A fact about the clinic's listing in the directory."),
]

# Facts that are yes or no: present as an attribute only where true.
FLAGS = [
    Term(
        DIRECTORY,
        "payment:self-pay",
        "Self-pay accepted",
        "The clinic takes patients paying for themselves.",
        "payment",
        services=Q(clinic__self_pay=True),
        applies=lambda clinic, offer: clinic.self_pay,
    ),
    Term(
        DIRECTORY,
        "payment:hsa-fsa",
        "HSA/FSA accepted",
        "The clinic accepts payment from a health savings or flexible spending account.",
        "payment",
        services=Q(clinic__accepts_hsa_fsa=True),
        applies=lambda clinic, offer: clinic.accepts_hsa_fsa,
    ),
    Term(
        DIRECTORY,
        "payment:financing",
        "Financing offered",
        "The clinic offers payment plans or financing.",
        "payment",
        services=Q(clinic__offers_financing=True),
        applies=lambda clinic, offer: clinic.offers_financing,
    ),
    Term(
        DIRECTORY,
        "listing:accepting-new-patients",
        "Accepting new patients",
        "The clinic said it takes new patients when the listing was last updated.",
        "listing",
        services=Q(clinic__accepting_new_patients=True),
        applies=lambda clinic, offer: clinic.accepting_new_patients,
    ),
    Term(
        DIRECTORY,
        "listing:referral-required",
        "Referral required",
        "The clinic needs a referral from another clinician before a first visit.",
        "listing",
        services=Q(clinic__referral_required=True),
        applies=lambda clinic, offer: clinic.referral_required,
    ),
    Term(
        DIRECTORY,
        "listing:rems-certified",
        "REMS-certified treatment center",
        "The clinic is certified under the medicine's REMS, the FDA safety program that "
        "esketamine (Spravato) may only be given under.",
        "listing",
        services=Q(rems_certified=True),
        applies=lambda clinic, offer: offer is not None and offer.rems_certified,
        clinic_level=False,
    ),
    Term(
        DIRECTORY,
        "listing:sample-data",
        "Sample data",
        "A fictional clinic from the directory's demonstration data, not a real provider.",
        "listing",
        services=Q(clinic__is_demo=True),
        applies=lambda clinic, offer: clinic.is_demo,
    ),
]

# Open Eligibility 2.0 terms we link to: (code, name, parent code). Codes from 1100 are
# human services, from 20000 human situations (who a service is for).
OPEN_ELIGIBILITY_TERMS = [
    ("1106", "Health", ""),
    ("1206", "Medical Care", "1106"),
    ("1219", "Prevent & Treat", "1206"),
    ("1222", "Pain Management", "1219"),
    ("20041", "Health", ""),
    ("20051", "Mental Illness", "20041"),
    ("20090", "Chronic Illness", "20041"),
]
# Our terms' Open Eligibility equivalents, by code (every treatment route: 1219).
CONDITION_LINKS = {
    "depression": ("20051",),
    "treatment-resistant-depression": ("20051",),
    "anxiety": ("20051",),
    "ptsd": ("20051",),
    "ocd": ("20051",),
    "bipolar-depression": ("20051",),
    "suicidal-ideation": ("20051",),
    "postpartum-depression": ("20051",),
    "chronic-pain": ("1222", "20090"),
}
TREATMENT_LINKS = ("1219",)


class Vocabulary:
    """Every published term, with the reference rows they are made from.

    Built per request from three small queries (conditions, treatments, insurance
    plans), so a renamed row shows at once.
    """

    def __init__(self, *, conditions, treatments, insurance_plans):
        through_conditions = _clinic_links("conditions")
        through_coverage = _offer_coverage()
        own = [*GROUPS]
        for row in treatments:
            own.append(
                Term(
                    DIRECTORY,
                    f"treatment:{row.slug}",
                    row.name,
                    row.description or row.name,
                    "treatment",
                    TREATMENT_LINKS,
                    Q(treatment__slug=row.slug),
                )
            )
        for row in conditions:
            own.append(
                Term(
                    DIRECTORY,
                    f"condition:{row.slug}",
                    row.name,
                    row.summary or row.name,
                    "condition",
                    CONDITION_LINKS.get(row.slug, ()),
                    Q(clinic_id__in=through_conditions.filter(condition__slug=row.slug)),
                )
            )
        for row in insurance_plans:
            own.append(
                Term(
                    DIRECTORY,
                    f"insurance:{row.slug}",
                    row.name,
                    f"The clinic bills {row.name} for the service.",
                    "insurance",
                    services=Q(pk__in=through_coverage.filter(insuranceplan__slug=row.slug)),
                )
            )
        own.extend(FLAGS)
        linked = {code for term in own for code in term.open_eligibility}
        used = set()
        for code, _, parent in OPEN_ELIGIBILITY_TERMS:
            if code in linked:
                used.add(code)
                while parent:
                    used.add(parent)
                    parent = next(p for c, _, p in OPEN_ELIGIBILITY_TERMS if c == parent)
        external = [
            Term(OPEN_ELIGIBILITY, code, name, _open_eligibility_description(code, name), parent)
            for code, name, parent in OPEN_ELIGIBILITY_TERMS
            if code in used
        ]
        self.terms: list[Term] = own + external
        self.flags: list[Term] = list(FLAGS)
        self.by_id: dict[uuid.UUID, Term] = {term.id: term for term in self.terms}
        self.by_code: dict[tuple[str, str], Term] = {
            (term.taxonomy, term.code): term for term in self.terms
        }

    @classmethod
    def load(cls) -> Vocabulary:
        from clinics.models import Condition, InsurancePlan, Treatment

        return cls(
            conditions=Condition.objects.only("slug", "name", "summary"),
            treatments=Treatment.objects.only("slug", "name", "description"),
            insurance_plans=InsurancePlan.objects.only("slug", "name"),
        )

    def term(self, code: str, taxonomy: str = DIRECTORY) -> Term | None:
        return self.by_code.get((taxonomy, code))

    def children(self, term: Term) -> list[Term]:
        return [t for t in self.terms if t.taxonomy == term.taxonomy and t.parent == term.code]

    def open_eligibility_terms(self, term: Term) -> list[Term]:
        return [self.by_code[(OPEN_ELIGIBILITY, code)] for code in term.open_eligibility]

    def services_q(self, term: Term) -> Q:
        """Which ClinicTreatment rows carry `term` (or one below it), as a filter."""
        if term.services is not None:
            return term.services
        if term.taxonomy == OPEN_ELIGIBILITY:
            below = self._open_eligibility_codes_below(term.code)
            ours = [t for t in self.terms if set(t.open_eligibility) & below]
            return _any(self.services_q(t) for t in ours)
        return _any(self.services_q(child) for child in self.children(term))

    def taxonomy_services_q(self, taxonomy: Taxonomy) -> Q:
        """Which ClinicTreatment rows carry some term of `taxonomy`."""
        roots = [t for t in self.terms if t.taxonomy == taxonomy.code and not t.parent]
        return _any(self.services_q(root) for root in roots)

    def _open_eligibility_codes_below(self, code: str) -> set[str]:
        found = {code}
        for child_code, _, parent in OPEN_ELIGIBILITY_TERMS:
            if parent == code:
                found |= self._open_eligibility_codes_below(child_code)
        return found


def _open_eligibility_description(code: str, name: str) -> str:
    kind = "human situation" if int(code) >= 20000 else "human service"
    return f"Open Eligibility {kind} {code}, {name}."


def _any(filters) -> Q:
    """Rows matching any of `filters`; none at all when there are none."""
    combined = None
    for condition in filters:
        combined = condition if combined is None else combined | condition
    return combined if combined is not None else Q(pk__in=[])


def _clinic_links(field_name: str):
    from clinics.models import Clinic

    return getattr(Clinic, field_name).through.objects.values("clinic_id")


def _offer_coverage():
    """Offerings and the plans that cover them (a plan may cover some treatments only)."""
    from clinics.models import ClinicTreatment

    return ClinicTreatment.insurance_plans.through.objects.values("clinictreatment_id")
