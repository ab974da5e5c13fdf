"""The condition summaries in plain words (US 8th-grade reading level or below).

Only a summary that still reads as migration 0002 loaded it is replaced; one an editor
has changed since is left alone. Going back restores the old wording the same way.
clinics/reference_data.py holds the same new wording for code that runs after migrations.
"""

from django.db import migrations

OLD_SUMMARIES = {
    "depression": (
        "Depression is more than sadness: weeks of low mood, lost interest, poor sleep, "
        "tiredness and trouble thinking that get in the way of daily life. Ketamine "
        "treatment is usually considered after other treatments have not helped enough."
    ),
    "treatment-resistant-depression": (
        "Depression is often called treatment-resistant when at least two "
        "antidepressants, taken at a good dose for long enough, have not brought enough "
        "relief. This is the group for which esketamine (Spravato) is approved and where "
        "ketamine is best studied."
    ),
    "anxiety": (
        "Anxiety disorders bring worry, fear or panic that is hard to control and out of "
        "proportion to the situation. Research on ketamine for anxiety is earlier than "
        "for depression, and clinics usually offer it alongside therapy."
    ),
    "ptsd": (
        "Post-traumatic stress disorder can follow a frightening or harmful event. It "
        "brings unwanted memories, nightmares, feeling on guard and avoiding reminders. "
        "Some trials suggest ketamine can ease symptoms for a time; it is not a "
        "first-line treatment."
    ),
    "ocd": (
        "Obsessive-compulsive disorder involves unwanted, repeated thoughts and urges to "
        "do things to relieve them. Evidence for ketamine in OCD is limited to small "
        "studies, so ask a clinic how it would fit with exposure-based therapy."
    ),
    "bipolar-depression": (
        "The low phase of bipolar disorder. Ketamine has been studied here with mood "
        "stabilisers in place; clinics screen carefully because some treatments can tip "
        "people with bipolar disorder into mania."
    ),
    "suicidal-ideation": (
        "Thoughts of ending your life are a reason to get help today: call or text 988, "
        "or call 911 in an emergency. Ketamine can reduce suicidal thoughts within hours "
        "in some people, but it is given alongside, never instead of, urgent care and "
        "safety planning."
    ),
    "postpartum-depression": (
        "Depression during pregnancy or in the year after giving birth. Ketamine and "
        "esketamine are still being studied here; talk with your obstetric and "
        "mental-health clinicians, especially if you are breastfeeding."
    ),
    "chronic-pain": (
        "Pain lasting more than three months, such as complex regional pain syndrome or "
        "nerve pain. Pain clinics use ketamine infusions for some of these conditions, "
        "usually as part of a wider pain-management plan."
    ),
}

PLAIN_SUMMARIES = {
    "depression": (
        "Depression is more than feeling sad. It means weeks of low mood or lost "
        "interest, often with poor sleep, low energy and trouble thinking, that get in "
        "the way of daily life. Ketamine is usually tried only after other treatments "
        "have not helped enough."
    ),
    "treatment-resistant-depression": (
        "Depression is often called treatment-resistant when two or more antidepressants "
        "have not helped enough. Each must have been taken at a good dose for long "
        "enough. The nasal spray Spravato (esketamine) is approved for adults with this "
        "kind of depression. Ketamine has been studied most in this group."
    ),
    "anxiety": (
        "Anxiety disorders bring worry, fear or panic that is hard to control. The fear "
        "is bigger than the situation calls for. There is much less research on ketamine "
        "for anxiety than for depression. Ketamine is not approved by the FDA to treat "
        "it."
    ),
    "ptsd": (
        "Post-traumatic stress disorder (PTSD) can follow a scary or harmful event. It "
        "can bring unwanted memories and nightmares. People may feel on guard and stay "
        "away from reminders. Studies of ketamine for PTSD are mixed. In one small trial "
        "it helped for a time. In a larger trial in veterans and service members, it "
        "eased PTSD no more than a dummy drip did. Talk therapy and medicines with "
        "stronger proof usually come first."
    ),
    "ocd": (
        "Obsessive-compulsive disorder (OCD) brings unwanted thoughts that keep coming "
        "back, and strong urges to do things to ease them. Only a few small studies have "
        "tested ketamine for OCD. Ask a clinic how it would fit with exposure therapy, "
        "the main talk therapy for OCD."
    ),
    "bipolar-depression": (
        "This is the low phase of bipolar disorder. Ketamine has been tested in small "
        "studies of people who kept taking their mood stabilizer. Clinics check with care "
        "first. Some depression treatments can set off mania in people with bipolar "
        "disorder."
    ),
    "suicidal-ideation": (
        "If you are thinking about ending your life, get help today: call or text 988, or "
        "call 911 in an emergency. In studies, one ketamine infusion often eased suicidal "
        "thoughts within a day, but the effect was short. No study has shown that "
        "ketamine prevents suicide. It is given along with urgent care and a safety plan, "
        "never in place of them."
    ),
    "postpartum-depression": (
        "This is depression during pregnancy or in the year after giving birth. Ketamine "
        "and esketamine are still being studied for it. The FDA has approved two medicines "
        "just for depression after birth. Brexanolone (Zulresso) was a drip given in a "
        "hospital; it is no longer sold. Zuranolone (Zurzuvae) is a pill. Talk "
        "with your pregnancy and mental health care team, most of all if you breastfeed."
    ),
    "chronic-pain": (
        "This is pain that lasts more than three months, such as nerve pain or complex "
        "regional pain syndrome. Some pain clinics use ketamine infusions for some of "
        "these conditions, most often as one part of a wider plan to manage pain."
    ),
}


def replace(apps, before: dict, after: dict) -> None:
    Condition = apps.get_model("clinics", "Condition")
    for slug, text in after.items():
        Condition.objects.filter(slug=slug, summary=before[slug]).update(summary=text)


def forwards(apps, schema_editor):
    replace(apps, OLD_SUMMARIES, PLAIN_SUMMARIES)


def backwards(apps, schema_editor):
    replace(apps, PLAIN_SUMMARIES, OLD_SUMMARIES)


class Migration(migrations.Migration):
    dependencies = [("clinics", "0008_crisisresource")]

    operations = [migrations.RunPython(forwards, backwards)]
