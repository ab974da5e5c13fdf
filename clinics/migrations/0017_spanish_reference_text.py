"""Spanish page text for conditions and treatments, and Spanish names.

Names in Spanish for conditions, treatments and insurance plans (a plan's stays empty
where Spanish speakers use its English name), and the Spanish versions of the condition
summaries and the treatment pages: the same facts as the English, in plain Latin
American Spanish. The texts are filled in only where still empty. A page shows its
Spanish text only once a medical reviewer has reviewed it in Spanish (the articles
app's ContentReview), so loading it here publishes nothing. clinics/reference_data.py
holds the same texts for code that runs after migrations.
"""

from django.db import migrations, models

CONDITIONS = {
    "depression": {
        "name_es": "Depresión",
        "summary_es": (
            "La depresión es más que sentirse triste. Son semanas de ánimo bajo o de "
            "perder el interés en las cosas. A menudo trae mal sueño, poca energía y "
            "problemas para pensar. Todo esto afecta la vida diaria. Por lo general, "
            "la ketamina solo se prueba cuando otros tratamientos no han ayudado lo "
            "suficiente."
        ),
    },
    "treatment-resistant-depression": {
        "name_es": "Depresión resistente al tratamiento",
        "summary_es": (
            "A menudo se dice que la depresión es resistente al tratamiento cuando "
            "dos o más antidepresivos no han ayudado lo suficiente. Cada uno debe "
            "haberse tomado en una dosis adecuada y por el tiempo necesario. El "
            "espray nasal Spravato (esketamina) está aprobado para adultos con este "
            "tipo de depresión. La ketamina se ha estudiado más en este grupo."
        ),
    },
    "anxiety": {
        "name_es": "Ansiedad",
        "summary_es": (
            "Los trastornos de ansiedad causan preocupación, miedo o pánico difíciles "
            "de controlar. El miedo es más grande de lo que la situación pide. Hay "
            "mucha menos investigación sobre la ketamina para la ansiedad que para la "
            "depresión. La FDA no ha aprobado la ketamina para tratarla."
        ),
    },
    "ptsd": {
        "name_es": "Estrés postraumático (TEPT)",
        "summary_es": (
            "El trastorno de estrés postraumático (TEPT) puede aparecer después de un "
            "hecho aterrador o dañino. Puede traer recuerdos no deseados y "
            "pesadillas. La persona puede sentirse siempre en alerta y evitar lo que "
            "le recuerda lo que pasó. Los estudios de ketamina para el TEPT tienen "
            "resultados mixtos. En un estudio pequeño ayudó por un tiempo. En un "
            "estudio más grande con veteranos y militares, no alivió el TEPT más que "
            "un suero sin medicina (placebo). Por lo general, primero se usan la "
            "terapia de conversación y medicinas con más pruebas a su favor."
        ),
    },
    "ocd": {
        "name_es": "Trastorno obsesivo-compulsivo (TOC)",
        "summary_es": (
            "El trastorno obsesivo-compulsivo (TOC) trae pensamientos no deseados que "
            "vuelven una y otra vez. También trae fuertes impulsos de hacer ciertas "
            "cosas para calmarlos. Solo unos pocos estudios pequeños han probado la "
            "ketamina para el TOC. Pregunte en la clínica cómo se combinaría con la "
            "terapia de exposición, la principal terapia de conversación para el TOC."
        ),
    },
    "bipolar-depression": {
        "name_es": "Depresión bipolar",
        "summary_es": (
            "Es la fase baja del trastorno bipolar. La ketamina se ha probado en "
            "estudios pequeños con personas que seguían tomando su estabilizador del "
            "ánimo. Las clínicas revisan cada caso con cuidado antes de empezar. "
            "Algunos tratamientos para la depresión pueden provocar manía en personas "
            "con trastorno bipolar."
        ),
    },
    "suicidal-ideation": {
        "name_es": "Pensamientos suicidas",
        "summary_es": (
            "Si está pensando en quitarse la vida, busque ayuda hoy: llame o envíe un "
            "mensaje de texto al 988, o llame al 911 si es una emergencia. En los "
            "estudios, una sola infusión de ketamina a menudo alivió los pensamientos "
            "suicidas en un día, pero el efecto duró poco. Ningún estudio ha "
            "demostrado que la ketamina prevenga el suicidio. Se da junto con "
            "atención urgente y un plan de seguridad, nunca en lugar de ellos."
        ),
    },
    "postpartum-depression": {
        "name_es": "Depresión posparto",
        "summary_es": (
            "Es la depresión durante el embarazo o en el año después de dar a luz. La "
            "ketamina y la esketamina todavía se están estudiando para este tipo de "
            "depresión. La FDA aprobó dos medicinas solo para la depresión después "
            "del parto. La brexanolona (Zulresso) se daba por goteo en el hospital y ya no "
            "se vende. La zuranolona (Zurzuvae) es una pastilla. Hable con su equipo de atención del embarazo y de salud "
            "mental, sobre todo si da pecho."
        ),
    },
    "chronic-pain": {
        "name_es": "Dolor crónico",
        "summary_es": (
            "Es el dolor que dura más de tres meses, como el dolor de los nervios o "
            "el síndrome de dolor regional complejo. Algunas clínicas del dolor usan "
            "infusiones de ketamina para algunos de estos problemas. Lo más común es "
            "que sea una parte de un plan más amplio para controlar el dolor."
        ),
    },
}
TREATMENTS = {
    "iv-infusion": {
        "name_es": "Infusión intravenosa (IV)",
        "description_es": (
            "Ketamina que entra despacio a la vena por un tubo delgado, como un "
            "suero. En un estudio grande de 2023, cada dosis duró 40 minutos."
        ),
        "what_to_expect_es": (
            "Una enfermera le pone un tubo pequeño en una vena del brazo. Usted se "
            "sienta o se recuesta mientras la medicina entra gota a gota, a menudo "
            "por unos 40 minutos. El personal revisa su presión arterial, su ritmo "
            "cardíaco y su respiración. Muchas personas se sienten como en un sueño, "
            "o fuera de su cuerpo, mientras pasa la medicina. Pida a otra persona que "
            "maneje para llevarle a casa."
        ),
        "safety_notes_es": (
            "La FDA no ha aprobado la ketamina para tratar la depresión ni ningún "
            "otro problema de salud mental. Los médicos la usan “fuera de indicación” "
            "(en inglés, “off-label”). La ketamina puede darle mucho sueño. Puede "
            "causarle una sensación de estar fuera de su cuerpo o lejos del mundo que "
            "le rodea. Puede hacer más lenta su respiración y subir su presión "
            "arterial. Se puede usar de forma indebida. Avise a la clínica de todas "
            "las medicinas que toma. Las pastillas para dormir, las pastillas para la "
            "ansiedad, los analgésicos opioides y el alcohol pueden darle todavía más "
            "sueño."
        ),
    },
    "im-injection": {
        "name_es": "Inyección intramuscular (IM)",
        "description_es": (
            "Ketamina que se da con una inyección en un músculo. IM quiere decir "
            "intramuscular, es decir, dentro de un músculo."
        ),
        "what_to_expect_es": (
            "Una enfermera o un médico le pone la inyección. Usted descansa en un "
            "cuarto tranquilo mientras la medicina hace efecto. El personal revisa su "
            "presión arterial y su respiración. Por un rato, puede sentirse como en "
            "un sueño o fuera de su cuerpo. Pida a otra persona que maneje para "
            "llevarle a casa."
        ),
        "safety_notes_es": (
            "La FDA no ha aprobado la ketamina para tratar la depresión ni ningún "
            "otro problema de salud mental. Los médicos la usan “fuera de indicación” "
            "(en inglés, “off-label”). La ketamina puede darle mucho sueño. Puede "
            "causarle una sensación de estar fuera de su cuerpo o lejos del mundo que "
            "le rodea. Puede hacer más lenta su respiración y subir su presión "
            "arterial. Se puede usar de forma indebida. Avise a la clínica de todas "
            "las medicinas que toma. Las pastillas para dormir, las pastillas para la "
            "ansiedad, los analgésicos opioides y el alcohol pueden darle todavía más "
            "sueño."
        ),
    },
    "spravato": {
        "name_es": "Espray nasal de esketamina (Spravato)",
        "description_es": (
            "La esketamina es una forma de ketamina que viene como espray nasal. Su "
            "nombre de marca es Spravato. Solo se puede usar en una clínica "
            "certificada, dentro de un programa de seguridad de la FDA llamado REMS."
        ),
        "what_to_expect_es": (
            "Usted se pone el espray en la nariz mientras un trabajador de salud le "
            "observa. Luego se queda en la clínica por lo menos 2 horas. El personal "
            "revisa su presión arterial y su respiración hasta que esté en "
            "condiciones de irse. No maneje ni use máquinas hasta el día siguiente, "
            "después de dormir bien toda la noche. Pida a otra persona que le lleve a "
            "casa. No puede llevarse Spravato a casa."
        ),
        "safety_notes_es": (
            "La FDA aprobó Spravato para adultos cuya depresión no ha mejorado con "
            "otras medicinas. También está aprobado para algunos adultos con "
            "depresión y pensamientos suicidas. Puede darle mucho sueño y una "
            "sensación de estar fuera de su cuerpo. Puede hacer más lenta su "
            "respiración y subir su presión arterial. Se puede usar de forma "
            "indebida. No está aprobado para menores de 18 años. No dé pecho mientras "
            "lo usa, y avise a la clínica si está embarazada. Las pastillas para "
            "dormir, las pastillas para la ansiedad, los opioides y el alcohol pueden "
            "darle más sueño. Los estimulantes, como muchas medicinas para el TDAH, y "
            "los antidepresivos llamados IMAO pueden subir su presión arterial."
        ),
    },
    "oral-sublingual": {
        "name_es": "Ketamina oral o sublingual",
        "description_es": (
            "Ketamina en tableta o pastilla que se disuelve en la boca o debajo de la "
            "lengua. A menudo la prepara una farmacia de compuestos y se puede tomar "
            "en casa. En octubre de 2023, la FDA advirtió sobre los riesgos de la "
            "ketamina de farmacias de compuestos, incluidas las pastillas que se "
            "toman en casa. Dijo que esta ketamina puede dar sueño o una sensación de "
            "desconexión. Puede hacer más lenta la respiración, subir la presión "
            "arterial y causar problemas de la vejiga. La FDA no ha aprobado la "
            "ketamina para tratar ningún problema de salud mental."
        ),
        "what_to_expect_es": (
            "Un profesional de salud elige la dosis y le explica cómo tomarla. Usted "
            "deja que la tableta o pastilla se disuelva en la boca. Algunas clínicas "
            "le piden que la tome en el consultorio mientras el personal le observa. "
            "Otras le dejan tomarla en casa. En casa, no hay ningún trabajador de "
            "salud que le observe. No maneje después de una dosis."
        ),
        "safety_notes_es": (
            "La FDA no ha revisado la ketamina de farmacias de compuestos para saber "
            "si es segura, si tiene buena calidad o si funciona. No forma parte del "
            "programa de seguridad REMS que cubre a Spravato."
        ),
    },
    "kap": {
        "name_es": "Psicoterapia asistida con ketamina (KAP)",
        "description_es": (
            "Terapia de conversación planeada alrededor de las sesiones de ketamina. "
            "Usted se reúne con un terapeuta antes de una sesión para prepararse, y "
            "después para hablar de lo que sintió o pensó."
        ),
        "what_to_expect_es": (
            "Antes de su primera sesión, usted y su terapeuta hablan de sus metas. La "
            "ketamina se puede dar con una inyección, por suero en la vena (IV) o "
            "como una pastilla que se disuelve en la boca. Durante una sesión, puede "
            "sentirse como en un sueño o fuera de su cuerpo, por eso alguien se queda "
            "con usted. Las visitas de después le ayudan a entender lo que sintió. "
            "Este paso se llama integración."
        ),
        "safety_notes_es": (
            "La ketamina en la KAP tiene los mismos riesgos que en cualquier otra "
            "forma. Puede darle mucho sueño, hacer más lenta su respiración y subir "
            "su presión arterial. Si en su KAP usa tabletas o pastillas que toma en "
            "casa, lea la advertencia de la FDA en la página sobre la ketamina oral."
        ),
    },
    "telehealth": {
        "name_es": "Consultas por telesalud",
        "description_es": (
            "Consultas por video para un chequeo, un seguimiento o una receta, donde "
            "la ley lo permite. Algunos profesionales de salud recetan ketamina por "
            "video, para tomarla en casa. En octubre de 2023, la FDA advirtió sobre "
            "los riesgos de ese tipo de ketamina. Dijo que esta ketamina puede dar "
            "sueño o una sensación de desconexión. Puede hacer más lenta la "
            "respiración, subir la presión arterial y causar problemas de la vejiga. "
            "La FDA no ha aprobado la ketamina para tratar ningún problema de salud "
            "mental."
        ),
        "what_to_expect_es": (
            "Usted habla con un profesional de salud por video desde su casa. Le "
            "pregunta sobre su salud, sus medicinas y cómo se siente. Puede que le "
            "pida ir a una consulta en persona."
        ),
        "safety_notes_es": (
            "Cuando usted toma ketamina en casa, no hay ningún trabajador de salud "
            "que le observe. La FDA dice que esto aumenta el riesgo."
        ),
    },
}


def fill_spanish(apps, schema_editor):
    Condition = apps.get_model("clinics", "Condition")
    Treatment = apps.get_model("clinics", "Treatment")
    for model, texts in ((Condition, CONDITIONS), (Treatment, TREATMENTS)):
        for page in model.objects.filter(slug__in=texts):
            for field, text in texts[page.slug].items():
                if not getattr(page, field):
                    setattr(page, field, text)
            page.save(update_fields=list(texts[page.slug]))


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0016_offering_coverage_and_search_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="condition",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to show the name.",
                max_length=100,
                verbose_name="name in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="summary_es",
            field=models.TextField(
                blank=True,
                help_text="Plain Spanish for patients (usted, short sentences), with the same facts as the English. Shown on /es/ pages only once a medical reviewer has reviewed it in Spanish.",
                verbose_name="summary in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="insuranceplan",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="Only where Spanish speakers know the plan by another name.",
                max_length=100,
                verbose_name="name in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Plain Spanish for patients (usted, short sentences), with the same facts as the English. Shown on /es/ pages only once a medical reviewer has reviewed it in Spanish.",
                verbose_name="description in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to show the name.",
                max_length=100,
                verbose_name="name in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="safety_notes_es",
            field=models.TextField(
                blank=True,
                help_text="Plain Spanish for patients (usted, short sentences), with the same facts as the English. Shown on /es/ pages only once a medical reviewer has reviewed it in Spanish.",
                verbose_name="safety notes in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="what_to_expect_es",
            field=models.TextField(
                blank=True,
                help_text="Plain Spanish for patients (usted, short sentences), with the same facts as the English. Shown on /es/ pages only once a medical reviewer has reviewed it in Spanish.",
                verbose_name="what a session is like, in Spanish",
            ),
        ),
        migrations.RunPython(fill_spanish, migrations.RunPython.noop),
    ]
