"""Public treatment pages: plain-language texts, safety notes and their sources.

Each treatment gets what a session is like, its safety notes and the sources they come
from (US 8th-grade reading level or below), and oral and telehealth-prescribed ketamine
carry the FDA's October 2023 warning about compounded and at-home ketamine. A
description still worded as migration 0002 loaded it is replaced; one an editor has
changed since is left alone, and the new fields are only filled while empty. Going back
restores the old descriptions the same way. clinics/reference_data.py holds the same
texts for code that runs after migrations.
"""

from django.db import migrations, models

import clinics.models

OLD_DESCRIPTIONS = {
    "iv-infusion": "Ketamine given through a drip in a vein over about 40 minutes, with monitoring.",
    "im-injection": "Ketamine given as an injection into a muscle, with monitoring.",
    "spravato": (
        "An FDA-approved nasal spray taken in a certified clinic under the Spravato REMS programme."
    ),
    "oral-sublingual": (
        "Ketamine taken as a lozenge or tablet that dissolves in the mouth, prescribed by a "
        "clinician."
    ),
    "kap": "Therapy sessions planned around ketamine sessions, with preparation and integration.",
    "telehealth": "Video visits for assessment, follow-up or prescribing where the law allows.",
}

FDA_COMPOUNDING = {
    "title": (
        "U.S. Food and Drug Administration (FDA). FDA warns patients and health care "
        "providers about potential risks associated with compounded ketamine products, "
        "including oral formulations, for the treatment of psychiatric disorders. "
        "October 10, 2023. Listed on the FDA's Human Drug Compounding page."
    ),
    "url": "https://www.fda.gov/drugs/human-drug-compounding",
}
SPRAVATO_LABEL = {
    "title": (
        "Spravato (esketamine) nasal spray: prescribing information and medication guide. "
        "DailyMed, U.S. National Library of Medicine."
    ),
    "url": (
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm"
        "?setid=d81a6a79-a74a-44b7-822c-0dfa3036eaed"
    ),
}
ELEKT_D = {
    "title": (
        "Anand A, Mathew SJ, Sanacora G, et al. Ketamine versus ECT for nonpsychotic "
        "treatment-resistant major depression. N Engl J Med. 2023;388(25):2315-2325."
    ),
    "url": "https://doi.org/10.1056/NEJMoa2302399",
}

NOT_APPROVED = (
    "Ketamine is not FDA-approved to treat depression or any other mental health "
    "condition. Doctors use it “off-label.”"
)
KETAMINE_RISKS = (
    "Ketamine can make you very sleepy. It can make you feel cut off from yourself or the "
    "world around you. It can slow your breathing and raise your blood pressure. It can be "
    "misused. Tell the clinic about every medicine you take. Sleeping pills, anxiety pills, "
    "opioid pain pills and alcohol can make you even sleepier."
)

TREATMENT_PAGES = {
    "iv-infusion": {
        "description": (
            "Ketamine given slowly through a thin tube into a vein, as an IV drip. In a large "
            "2023 study, each dose ran for 40 minutes."
        ),
        "what_to_expect": (
            "A nurse puts a small tube into a vein in your arm. You sit or lie back while "
            "the medicine drips in, often for about 40 minutes. Staff check your blood "
            "pressure, heart rate and breathing. Many people feel dreamy or cut off from "
            "their body while it runs. Plan for someone else to drive you home."
        ),
        "safety_notes": NOT_APPROVED + " " + KETAMINE_RISKS,
        "fda_compounding_warning": False,
        "sources": [ELEKT_D, FDA_COMPOUNDING],
    },
    "im-injection": {
        "description": (
            "Ketamine given as a shot into a muscle. IM is short for intramuscular, which "
            "means into a muscle."
        ),
        "what_to_expect": (
            "A nurse or doctor gives you the shot. You rest in a quiet room while the "
            "medicine works. Staff check your blood pressure and breathing. You may feel "
            "dreamy or cut off from your body for a while. Plan for someone else to drive "
            "you home."
        ),
        "safety_notes": NOT_APPROVED + " " + KETAMINE_RISKS,
        "fda_compounding_warning": False,
        "sources": [FDA_COMPOUNDING],
    },
    "spravato": {
        "description": (
            "Esketamine is a form of ketamine made as a nasal spray. Its brand name is "
            "Spravato. You can only use it at a certified clinic, under rules known as the "
            "Spravato REMS."
        ),
        "what_to_expect": (
            "You spray the medicine into your nose yourself while a health worker watches. "
            "Then you stay at the clinic for at least 2 hours. Staff check your blood "
            "pressure and breathing until you are ready to leave. Do not drive or use "
            "machines until the next day, after a good night's sleep. Plan for a ride home. "
            "You cannot take Spravato home."
        ),
        "safety_notes": (
            "The FDA approved Spravato for adults whose depression has not gotten better "
            "with other medicines. It is also approved for some adults with depression and "
            "suicidal thoughts. It can make you very sleepy and feel cut off from yourself. "
            "It can slow your breathing and raise your blood pressure. It can be misused. It "
            "is not approved for anyone under 18. Do not breastfeed while you use it, and "
            "tell the clinic if you are pregnant. Sleeping pills, anxiety pills, opioids and "
            "alcohol can make you sleepier. Stimulants, such as many ADHD medicines, and "
            "antidepressants called MAOIs can raise your blood pressure."
        ),
        "fda_compounding_warning": False,
        "sources": [SPRAVATO_LABEL],
    },
    "oral-sublingual": {
        "description": (
            "Ketamine taken as a tablet or lozenge that melts in your mouth or under your "
            "tongue. It is often made by a compounding pharmacy and may be taken at home. In "
            "October 2023 the FDA warned about the risks of compounded ketamine, including "
            "pills taken at home. It said this ketamine can make you sleepy or feel detached. It "
            "can slow your breathing, raise your blood pressure and cause bladder problems. "
            "Ketamine is not FDA-approved to treat any mental health condition."
        ),
        "what_to_expect": (
            "A clinician chooses the dose and tells you how to take it. You let the tablet or "
            "lozenge melt in your mouth. Some clinics have you take it in the office while "
            "staff watch. Others let you take it at home. At home, no health worker is there "
            "to watch you. Do not drive after a dose."
        ),
        "safety_notes": (
            "The FDA has not checked compounded ketamine for safety, quality or how well it "
            "works. It is not covered by the Spravato REMS."
        ),
        "fda_compounding_warning": True,
        "sources": [FDA_COMPOUNDING],
    },
    "kap": {
        "description": (
            "Talk therapy planned around ketamine sessions. You meet a therapist before a "
            "session to get ready, and after it to talk about what came up."
        ),
        "what_to_expect": (
            "Before your first session, you and your therapist talk about your goals. The "
            "ketamine may be given as a shot, an IV drip or a lozenge. During a session you "
            "may feel dreamy or cut off from your body, so someone stays with you. Later "
            "visits help you make sense of what you felt. This step is known as integration."
        ),
        "safety_notes": (
            "The ketamine in KAP has the same risks as any other form. It can make you very "
            "sleepy, slow your breathing and raise your blood pressure. If your KAP uses "
            "tablets or lozenges you take at home, read the FDA warning on the page about "
            "oral ketamine."
        ),
        "fda_compounding_warning": False,
        "sources": [FDA_COMPOUNDING],
    },
    "telehealth": {
        "description": (
            "Video visits for a check-up, a follow-up or a prescription, where the law "
            "allows. Some clinicians prescribe ketamine by video, to take at home. In October "
            "2023 the FDA warned about the risks of that kind of ketamine. It said this ketamine "
            "can make you sleepy or feel detached. It can slow your breathing, raise your blood "
            "pressure and cause bladder problems. Ketamine is not FDA-approved to treat any "
            "mental health condition."
        ),
        "what_to_expect": (
            "You talk with a clinician by video from home. They ask about your health, your "
            "medicines and how you feel. They may ask you to come in for a visit in person."
        ),
        "safety_notes": (
            "When you take ketamine at home, no health worker is there to watch you. The FDA "
            "says this adds risk."
        ),
        "fda_compounding_warning": True,
        "sources": [FDA_COMPOUNDING],
    },
}


def forwards(apps, schema_editor):
    Treatment = apps.get_model("clinics", "Treatment")
    for slug, page in TREATMENT_PAGES.items():
        Treatment.objects.filter(slug=slug, description=OLD_DESCRIPTIONS[slug]).update(
            description=page["description"]
        )
        for field in ("what_to_expect", "safety_notes"):
            Treatment.objects.filter(slug=slug, **{field: ""}).update(**{field: page[field]})
        Treatment.objects.filter(slug=slug, sources=[]).update(sources=page["sources"])
        Treatment.objects.filter(slug=slug).update(
            fda_compounding_warning=page["fda_compounding_warning"]
        )


def backwards(apps, schema_editor):
    Treatment = apps.get_model("clinics", "Treatment")
    for slug, page in TREATMENT_PAGES.items():
        Treatment.objects.filter(slug=slug, description=page["description"]).update(
            description=OLD_DESCRIPTIONS[slug]
        )


class Migration(migrations.Migration):
    dependencies = [("clinics", "0011_sign_in_log_kept")]

    operations = [
        migrations.AlterField(
            model_name="treatment",
            name="description",
            field=models.TextField(
                blank=True, help_text="Plain words (US 8th-grade reading level), a few sentences."
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="what_to_expect",
            field=models.TextField(
                blank=True,
                help_text="Plain words, a few sentences.",
                verbose_name="what a session is like",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="safety_notes",
            field=models.TextField(
                blank=True,
                help_text="The safety facts for this route, in plain words, with sources.",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="fda_compounding_warning",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "For oral, at-home and telehealth-prescribed ketamine: the treatment page "
                    "and the pages of clinics offering it show the FDA's October 2023 warning."
                ),
                verbose_name="show the FDA's compounded-ketamine warning",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="sources",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Where the texts come from: [{"title": "…", "url": "https://…"}].',
                validators=[clinics.models.validate_sources],
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
