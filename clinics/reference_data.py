"""The reference lists (conditions, treatments, insurance plans) whose slugs are public URLs.

Migration 0002 loaded the same lists into every database, and later data migrations
reworded some of them (the condition summaries, in plain words). Each keeps its own
frozen copy on purpose: a migration must go on doing what it did when first run, so
it cannot import code that may change later, and this module is not imported by it.
This copy is the live one, for code that runs after migrations, such as browser
tests whose transactional flush emptied the tables. A test checks that the two
copies still agree on a migrated database.
"""

from __future__ import annotations

from django.db import transaction

from clinics.models import Condition, InsurancePlan, Treatment

CONDITIONS = [
    (
        "depression",
        "Depression",
        "Depression is more than feeling sad. It means weeks of low mood or lost interest, "
        "often with poor sleep, low energy and trouble thinking, that get in the way of daily "
        "life. Ketamine is usually tried only after other treatments have not helped enough.",
    ),
    (
        "treatment-resistant-depression",
        "Treatment-resistant depression",
        "Depression is often called treatment-resistant when two or more antidepressants have "
        "not helped enough. Each must have been taken at a good dose for long enough. The "
        "nasal spray Spravato (esketamine) is approved for adults with this kind of "
        "depression. Ketamine has been studied most in this group.",
    ),
    (
        "anxiety",
        "Anxiety",
        "Anxiety disorders bring worry, fear or panic that is hard to control. The fear is "
        "bigger than the situation calls for. There is much less research on ketamine for "
        "anxiety than for depression. Ketamine is not approved by the FDA to treat it.",
    ),
    (
        "ptsd",
        "PTSD",
        "Post-traumatic stress disorder (PTSD) can follow a scary or harmful event. It can "
        "bring unwanted memories and nightmares. People may feel on guard and stay away from "
        "reminders. Studies of ketamine for PTSD are mixed. In one small trial it helped for a "
        "time. In a larger trial in veterans and service members, it eased PTSD no more than a "
        "dummy drip did. Talk therapy and medicines with stronger proof usually come first.",
    ),
    (
        "ocd",
        "OCD",
        "Obsessive-compulsive disorder (OCD) brings unwanted thoughts that keep coming back, "
        "and strong urges to do things to ease them. Only a few small studies have tested "
        "ketamine for OCD. Ask a clinic how it would fit with exposure therapy, the main talk "
        "therapy for OCD.",
    ),
    (
        "bipolar-depression",
        "Bipolar depression",
        "This is the low phase of bipolar disorder. Ketamine has been tested in small studies "
        "of people who kept taking their mood stabilizer. Clinics check with care first. Some "
        "depression treatments can set off mania in people with bipolar disorder.",
    ),
    (
        "suicidal-ideation",
        "Suicidal thoughts",
        "If you are thinking about ending your life, get help today: call or text 988, or call "
        "911 in an emergency. In studies, one ketamine infusion often eased suicidal thoughts "
        "within a day, but the effect was short. No study has shown that ketamine prevents "
        "suicide. It is given along with urgent care and a safety plan, never in place of them.",
    ),
    (
        "postpartum-depression",
        "Postpartum depression",
        "This is depression during pregnancy or in the year after giving birth. Ketamine and "
        "esketamine are still being studied for it. The FDA has approved two medicines just "
        "for depression after birth. Brexanolone (Zulresso) was a drip given in a hospital; it "
        "is no longer sold. Zuranolone (Zurzuvae) is a pill. "
        "Talk with your pregnancy and mental health care team, most of all if you breastfeed.",
    ),
    (
        "chronic-pain",
        "Chronic pain",
        "This is pain that lasts more than three months, such as nerve pain or complex "
        "regional pain syndrome. Some pain clinics use ketamine infusions for some of these "
        "conditions, most often as one part of a wider plan to manage pain.",
    ),
]

# Treatment pages (/treatments/<slug>/): plain words (US 8th-grade reading level or
# below), each fact from the sources listed with it. Migration 0012 wrote the same texts.
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
        "requires_rems": False,
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
        "requires_rems": False,
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
        "requires_rems": True,
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
        "requires_rems": False,
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
        "requires_rems": False,
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
        "requires_rems": False,
        "fda_compounding_warning": True,
        "sources": [FDA_COMPOUNDING],
    },
}

TREATMENT_NAMES = [
    ("iv-infusion", "IV infusion"),
    ("im-injection", "IM injection"),
    ("spravato", "Esketamine (Spravato) nasal spray"),
    ("oral-sublingual", "Oral or sublingual ketamine"),
    ("kap", "Ketamine-assisted psychotherapy (KAP)"),
    ("telehealth", "Telehealth consultations"),
]
TREATMENTS = [(slug, name, TREATMENT_PAGES[slug]["description"]) for slug, name in TREATMENT_NAMES]

# The Spanish texts (Condition.name_es, summary_es; Treatment.name_es, …_es): the same
# facts as the English above, in plain Latin American Spanish for patients (usted, short
# sentences). Migration 0017 wrote the same texts. A page shows them only once a
# medical reviewer has reviewed them in Spanish (articles.models.ContentReview).
CONDITIONS_ES = {
    "depression": (
        "Depresión",
        "La depresión es más que sentirse triste. Son semanas de ánimo bajo o de perder el "
        "interés en las cosas. A menudo trae mal sueño, poca energía y problemas para pensar. "
        "Todo esto afecta la vida diaria. Por lo general, la ketamina solo se prueba cuando "
        "otros tratamientos no han ayudado lo suficiente.",
    ),
    "treatment-resistant-depression": (
        "Depresión resistente al tratamiento",
        "A menudo se dice que la depresión es resistente al tratamiento cuando dos o más "
        "antidepresivos no han ayudado lo suficiente. Cada uno debe haberse tomado en una "
        "dosis adecuada y por el tiempo necesario. El espray nasal Spravato (esketamina) está "
        "aprobado para adultos con este tipo de depresión. La ketamina se ha estudiado más en "
        "este grupo.",
    ),
    "anxiety": (
        "Ansiedad",
        "Los trastornos de ansiedad causan preocupación, miedo o pánico difíciles de controlar. "
        "El miedo es más grande de lo que la situación pide. Hay mucha menos investigación "
        "sobre la ketamina para la ansiedad que para la depresión. La FDA no ha aprobado la "
        "ketamina para tratarla.",
    ),
    "ptsd": (
        "Estrés postraumático (TEPT)",
        "El trastorno de estrés postraumático (TEPT) puede aparecer después de un hecho "
        "aterrador o dañino. Puede traer recuerdos no deseados y pesadillas. La persona puede "
        "sentirse siempre en alerta y evitar lo que le recuerda lo que pasó. Los estudios de "
        "ketamina para el TEPT tienen resultados mixtos. En un estudio pequeño ayudó por un "
        "tiempo. En un estudio más grande con veteranos y militares, no alivió el TEPT más que "
        "un suero sin medicina (placebo). Por lo general, primero se usan la terapia de "
        "conversación y medicinas con más pruebas a su favor.",
    ),
    "ocd": (
        "Trastorno obsesivo-compulsivo (TOC)",
        "El trastorno obsesivo-compulsivo (TOC) trae pensamientos no deseados que vuelven una y "
        "otra vez. También trae fuertes impulsos de hacer ciertas cosas para calmarlos. Solo "
        "unos pocos estudios pequeños han probado la ketamina para el TOC. Pregunte en la "
        "clínica cómo se combinaría con la terapia de exposición, la principal terapia de "
        "conversación para el TOC.",
    ),
    "bipolar-depression": (
        "Depresión bipolar",
        "Es la fase baja del trastorno bipolar. La ketamina se ha probado en estudios pequeños "
        "con personas que seguían tomando su estabilizador del ánimo. Las clínicas revisan "
        "cada caso con cuidado antes de empezar. Algunos tratamientos para la depresión pueden "
        "provocar manía en personas con trastorno bipolar.",
    ),
    "suicidal-ideation": (
        "Pensamientos suicidas",
        "Si está pensando en quitarse la vida, busque ayuda hoy: llame o envíe un mensaje de "
        "texto al 988, o llame al 911 si es una emergencia. En los estudios, una sola infusión "
        "de ketamina a menudo alivió los pensamientos suicidas en un día, pero el efecto duró "
        "poco. Ningún estudio ha demostrado que la ketamina prevenga el suicidio. Se da junto "
        "con atención urgente y un plan de seguridad, nunca en lugar de ellos.",
    ),
    "postpartum-depression": (
        "Depresión posparto",
        "Es la depresión durante el embarazo o en el año después de dar a luz. La ketamina y la "
        "esketamina todavía se están estudiando para este tipo de depresión. La FDA aprobó dos "
        "medicinas solo para la depresión después del parto. La brexanolona (Zulresso) se "
        "daba por goteo en el hospital y ya no se vende. La zuranolona (Zurzuvae) es una "
        "pastilla. Hable con su equipo de atención del embarazo "
        "y de salud mental, sobre todo si da pecho.",
    ),
    "chronic-pain": (
        "Dolor crónico",
        "Es el dolor que dura más de tres meses, como el dolor de los nervios o el síndrome de "
        "dolor regional complejo. Algunas clínicas del dolor usan infusiones de ketamina para "
        "algunos de estos problemas. Lo más común es que sea una parte de un plan más amplio "
        "para controlar el dolor.",
    ),
}

NOT_APPROVED_ES = (
    "La FDA no ha aprobado la ketamina para tratar la depresión ni ningún otro problema de "
    "salud mental. Los médicos la usan “fuera de indicación” (en inglés, “off-label”)."
)
KETAMINE_RISKS_ES = (
    "La ketamina puede darle mucho sueño. Puede causarle una sensación de estar fuera de su "
    "cuerpo o lejos del mundo que le rodea. Puede hacer más lenta su respiración y subir su "
    "presión arterial. Se puede usar de forma indebida. Avise a la clínica de todas las "
    "medicinas que toma. Las pastillas para dormir, las pastillas para la ansiedad, los "
    "analgésicos opioides y el alcohol pueden darle todavía más sueño."
)
FDA_WARNING_ES = (
    "En octubre de 2023, la FDA advirtió sobre los riesgos de {what}. Dijo que esta ketamina "
    "puede dar sueño o una sensación de desconexión. Puede hacer más lenta la respiración, "
    "subir la presión arterial y causar problemas de la vejiga. La FDA no ha aprobado la "
    "ketamina para tratar ningún problema de salud mental."
)

TREATMENTS_ES = {
    "iv-infusion": {
        "name_es": "Infusión intravenosa (IV)",
        "description_es": (
            "Ketamina que entra despacio a la vena por un tubo delgado, como un suero. En un "
            "estudio grande de 2023, cada dosis duró 40 minutos."
        ),
        "what_to_expect_es": (
            "Una enfermera le pone un tubo pequeño en una vena del brazo. Usted se sienta o se "
            "recuesta mientras la medicina entra gota a gota, a menudo por unos 40 minutos. El "
            "personal revisa su presión arterial, su ritmo cardíaco y su respiración. Muchas "
            "personas se sienten como en un sueño, o fuera de su cuerpo, mientras pasa la "
            "medicina. Pida a otra persona que maneje para llevarle a casa."
        ),
        "safety_notes_es": NOT_APPROVED_ES + " " + KETAMINE_RISKS_ES,
    },
    "im-injection": {
        "name_es": "Inyección intramuscular (IM)",
        "description_es": (
            "Ketamina que se da con una inyección en un músculo. IM quiere decir "
            "intramuscular, es decir, dentro de un músculo."
        ),
        "what_to_expect_es": (
            "Una enfermera o un médico le pone la inyección. Usted descansa en un cuarto "
            "tranquilo mientras la medicina hace efecto. El personal revisa su presión "
            "arterial y su respiración. Por un rato, puede sentirse como en un sueño o fuera "
            "de su cuerpo. Pida a otra persona que maneje para llevarle a casa."
        ),
        "safety_notes_es": NOT_APPROVED_ES + " " + KETAMINE_RISKS_ES,
    },
    "spravato": {
        "name_es": "Espray nasal de esketamina (Spravato)",
        "description_es": (
            "La esketamina es una forma de ketamina que viene como espray nasal. Su nombre de "
            "marca es Spravato. Solo se puede usar en una clínica certificada, dentro de un "
            "programa de seguridad de la FDA llamado REMS."
        ),
        "what_to_expect_es": (
            "Usted se pone el espray en la nariz mientras un trabajador de salud le observa. "
            "Luego se queda en la clínica por lo menos 2 horas. El personal revisa su presión "
            "arterial y su respiración hasta que esté en condiciones de irse. No maneje ni use "
            "máquinas hasta el día siguiente, después de dormir bien toda la noche. Pida a otra "
            "persona que le lleve a casa. No puede llevarse Spravato a casa."
        ),
        "safety_notes_es": (
            "La FDA aprobó Spravato para adultos cuya depresión no ha mejorado con otras "
            "medicinas. También está aprobado para algunos adultos con depresión y "
            "pensamientos suicidas. Puede darle mucho sueño y una sensación de estar fuera de "
            "su cuerpo. Puede hacer más lenta su respiración y subir su presión arterial. Se "
            "puede usar de forma indebida. No está aprobado para menores de 18 años. No dé "
            "pecho mientras lo usa, y avise a la clínica si está embarazada. Las pastillas para "
            "dormir, las pastillas para la ansiedad, los opioides y el alcohol pueden darle más "
            "sueño. Los estimulantes, como muchas medicinas para el TDAH, y los antidepresivos "
            "llamados IMAO pueden subir su presión arterial."
        ),
    },
    "oral-sublingual": {
        "name_es": "Ketamina oral o sublingual",
        "description_es": (
            "Ketamina en tableta o pastilla que se disuelve en la boca o debajo de la lengua. "
            "A menudo la prepara una farmacia de compuestos y se puede tomar en casa. "
            + FDA_WARNING_ES.format(
                what="la ketamina de farmacias de compuestos, incluidas las pastillas que se "
                "toman en casa"
            )
        ),
        "what_to_expect_es": (
            "Un profesional de salud elige la dosis y le explica cómo tomarla. Usted deja que "
            "la tableta o pastilla se disuelva en la boca. Algunas clínicas le piden que la "
            "tome en el consultorio mientras el personal le observa. Otras le dejan tomarla en "
            "casa. En casa, no hay ningún trabajador de salud que le observe. No maneje "
            "después de una dosis."
        ),
        "safety_notes_es": (
            "La FDA no ha revisado la ketamina de farmacias de compuestos para saber si es "
            "segura, si tiene buena calidad o si funciona. No forma parte del programa de "
            "seguridad REMS que cubre a Spravato."
        ),
    },
    "kap": {
        "name_es": "Psicoterapia asistida con ketamina (KAP)",
        "description_es": (
            "Terapia de conversación planeada alrededor de las sesiones de ketamina. Usted se "
            "reúne con un terapeuta antes de una sesión para prepararse, y después para hablar "
            "de lo que sintió o pensó."
        ),
        "what_to_expect_es": (
            "Antes de su primera sesión, usted y su terapeuta hablan de sus metas. La ketamina "
            "se puede dar con una inyección, por suero en la vena (IV) o como una pastilla que "
            "se disuelve en la boca. Durante una sesión, puede sentirse como en un sueño o "
            "fuera de su cuerpo, por eso alguien se queda con usted. Las visitas de después le "
            "ayudan a entender lo que sintió. Este paso se llama integración."
        ),
        "safety_notes_es": (
            "La ketamina en la KAP tiene los mismos riesgos que en cualquier otra forma. Puede "
            "darle mucho sueño, hacer más lenta su respiración y subir su presión arterial. Si "
            "en su KAP usa tabletas o pastillas que toma en casa, lea la advertencia de la FDA "
            "en la página sobre la ketamina oral."
        ),
    },
    "telehealth": {
        "name_es": "Consultas por telesalud",
        "description_es": (
            "Consultas por video para un chequeo, un seguimiento o una receta, donde la ley lo "
            "permite. Algunos profesionales de salud recetan ketamina por video, para tomarla "
            "en casa. " + FDA_WARNING_ES.format(what="ese tipo de ketamina")
        ),
        "what_to_expect_es": (
            "Usted habla con un profesional de salud por video desde su casa. Le pregunta "
            "sobre su salud, sus medicinas y cómo se siente. Puede que le pida ir a una "
            "consulta en persona."
        ),
        "safety_notes_es": (
            "Cuando usted toma ketamina en casa, no hay ningún trabajador de salud que le "
            "observe. La FDA dice que esto aumenta el riesgo."
        ),
    },
}

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


@transaction.atomic
def load_reference_data() -> None:
    """Create or update every reference row by slug; running it again changes nothing."""
    for order, (slug, name, summary) in enumerate(CONDITIONS):
        name_es, summary_es = CONDITIONS_ES[slug]
        Condition.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": summary,
                "name_es": name_es,
                "summary_es": summary_es,
                "sort_order": order,
            },
        )
    for order, (slug, name) in enumerate(TREATMENT_NAMES):
        Treatment.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "sort_order": order,
                **TREATMENT_PAGES[slug],
                **TREATMENTS_ES[slug],
            },
        )
    for order, (slug, name) in enumerate(INSURANCE_PLANS):
        InsurancePlan.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
