"""PostgreSQL extensions for search and the reference lists whose slugs are public URLs."""

from django.contrib.postgres.operations import (
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations

CONDITIONS = [
    (
        "depression",
        "Depression",
        "Depression is more than sadness: weeks of low mood, lost interest, poor sleep, "
        "tiredness and trouble thinking that get in the way of daily life. Ketamine "
        "treatment is usually considered after other treatments have not helped enough.",
    ),
    (
        "treatment-resistant-depression",
        "Treatment-resistant depression",
        "Depression is often called treatment-resistant when at least two antidepressants, "
        "taken at a good dose for long enough, have not brought enough relief. This is the "
        "group for which esketamine (Spravato) is approved and where ketamine is best studied.",
    ),
    (
        "anxiety",
        "Anxiety",
        "Anxiety disorders bring worry, fear or panic that is hard to control and out of "
        "proportion to the situation. Research on ketamine for anxiety is earlier than for "
        "depression, and clinics usually offer it alongside therapy.",
    ),
    (
        "ptsd",
        "PTSD",
        "Post-traumatic stress disorder can follow a frightening or harmful event. It brings "
        "unwanted memories, nightmares, feeling on guard and avoiding reminders. Some trials "
        "suggest ketamine can ease symptoms for a time; it is not a first-line treatment.",
    ),
    (
        "ocd",
        "OCD",
        "Obsessive-compulsive disorder involves unwanted, repeated thoughts and urges to do "
        "things to relieve them. Evidence for ketamine in OCD is limited to small studies, so "
        "ask a clinic how it would fit with exposure-based therapy.",
    ),
    (
        "bipolar-depression",
        "Bipolar depression",
        "The low phase of bipolar disorder. Ketamine has been studied here with mood "
        "stabilisers in place; clinics screen carefully because some treatments can tip "
        "people with bipolar disorder into mania.",
    ),
    (
        "suicidal-ideation",
        "Suicidal thoughts",
        "Thoughts of ending your life are a reason to get help today: call or text 988, or "
        "call 911 in an emergency. Ketamine can reduce suicidal thoughts within hours in some "
        "people, but it is given alongside, never instead of, urgent care and safety planning.",
    ),
    (
        "postpartum-depression",
        "Postpartum depression",
        "Depression during pregnancy or in the year after giving birth. Ketamine and "
        "esketamine are still being studied here; talk with your obstetric and mental-health "
        "clinicians, especially if you are breastfeeding.",
    ),
    (
        "chronic-pain",
        "Chronic pain",
        "Pain lasting more than three months, such as complex regional pain syndrome or "
        "nerve pain. Pain clinics use ketamine infusions for some of these conditions, "
        "usually as part of a wider pain-management plan.",
    ),
]

TREATMENTS = [
    (
        "iv-infusion",
        "IV infusion",
        "Ketamine given through a drip in a vein over about 40 minutes, with monitoring.",
    ),
    (
        "im-injection",
        "IM injection",
        "Ketamine given as an injection into a muscle, with monitoring.",
    ),
    (
        "spravato",
        "Esketamine (Spravato) nasal spray",
        "An FDA-approved nasal spray taken in a certified clinic under the Spravato REMS programme.",
    ),
    (
        "oral-sublingual",
        "Oral or sublingual ketamine",
        "Ketamine taken as a lozenge or tablet that dissolves in the mouth, prescribed by a clinician.",
    ),
    (
        "kap",
        "Ketamine-assisted psychotherapy (KAP)",
        "Therapy sessions planned around ketamine sessions, with preparation and integration.",
    ),
    (
        "telehealth",
        "Telehealth consultations",
        "Video visits for assessment, follow-up or prescribing where the law allows.",
    ),
]

INSURANCE_PLANS = [
    ("medi-cal", "Medi-Cal"),
    ("medicare", "Medicare"),
    ("kaiser", "Kaiser Permanente"),
    ("sutter-health-plus", "Sutter Health Plus"),
    ("blue-shield", "Blue Shield of California"),
    ("anthem", "Anthem Blue Cross"),
    ("aetna", "Aetna"),
    ("cigna", "Cigna"),
    ("unitedhealthcare", "UnitedHealthcare"),
    ("tricare", "TRICARE"),
    ("health-net", "Health Net"),
    ("western-health-advantage", "Western Health Advantage"),
]


def load_reference_data(apps, schema_editor):
    Condition = apps.get_model("clinics", "Condition")
    Treatment = apps.get_model("clinics", "Treatment")
    InsurancePlan = apps.get_model("clinics", "InsurancePlan")
    for order, (slug, name, summary) in enumerate(CONDITIONS):
        Condition.objects.update_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "sort_order": order}
        )
    for order, (slug, name, description) in enumerate(TREATMENTS):
        Treatment.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, (slug, name) in enumerate(INSURANCE_PLANS):
        InsurancePlan.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("clinics", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
