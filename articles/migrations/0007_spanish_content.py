"""Spanish content: articles in a language, linked to their English original; page reviews
per language; Spanish topic names; the search vector stemmed in each article's language."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_review_reminders"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contentreview",
            options={
                "ordering": ["condition__sort_order", "treatment__sort_order", "language", "pk"],
                "verbose_name": "condition or treatment review",
            },
        ),
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Spanish")],
                default="en",
                help_text="The language the article is written in; fixed once published.",
                max_length=2,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                help_text="For a translation: the English article it translates.",
                limit_choices_to={"language": "en", "translation_of__isnull": True},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="articles.article",
            ),
        ),
        migrations.AddField(
            model_name="contentreview",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Spanish")],
                default="en",
                help_text="The language of the page text this review covers.",
                max_length=2,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Spanish")],
                default="en",
                help_text="The language the article is written in; fixed once published.",
                max_length=2,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="For a translation: the English article it translates.",
                limit_choices_to={"language": "en", "translation_of__isnull": True},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.article",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to show the name.",
                max_length=100,
                verbose_name="name in Spanish",
            ),
        ),
        # PostgreSQL cannot change a generated column's expression: drop it (and its index)
        # and add it again, stemmed in each article's language.
        migrations.RemoveIndex(model_name="article", name="article_search_gin"),
        migrations.RemoveField(model_name="article", name="search_vector"),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        language="es",
                        then=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.SearchVector(
                                    "published_title", config="spanish", weight="A"
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector(
                                    "published_summary", config="spanish", weight="B"
                                ),
                                django.contrib.postgres.search.SearchConfig("spanish"),
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "published_text", config="spanish", weight="C"
                            ),
                            django.contrib.postgres.search.SearchConfig("spanish"),
                        ),
                    ),
                    default=django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "published_title", config="english", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "published_summary", config="english", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "published_text", config="english", weight="C"
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_gin"
            ),
        ),
        migrations.AlterField(
            model_name="contentreview",
            name="condition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="content_reviews",
                to="clinics.condition",
            ),
        ),
        migrations.AlterField(
            model_name="contentreview",
            name="treatment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="content_reviews",
                to="clinics.treatment",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["en", "es"])), name="article_language_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("translation_of__isnull", True),
                    models.Q(("language", "en"), _negated=True),
                    _connector="OR",
                ),
                name="article_translation_not_english",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("translation_of", "language"), name="article_one_translation_per_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.UniqueConstraint(
                fields=("condition", "language"), name="content_review_one_per_condition_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.UniqueConstraint(
                fields=("treatment", "language"), name="content_review_one_per_treatment_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["en", "es"])),
                name="content_review_language_valid",
            ),
        ),
    ]
