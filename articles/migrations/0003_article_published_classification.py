from django.db import migrations, models


def copy_classification_to_live(apps, schema_editor):
    """Give every existing live version the topics, conditions and sample-data flag it showed.

    Until now public pages read these from the working copy, so copying the working
    copy's values keeps every public page exactly as it was.
    """
    Article = apps.get_model("articles", "Article")
    live = Article.objects.filter(publish_at__isnull=False)
    live.update(published_is_demo=models.F("is_demo"))
    for article in live.prefetch_related("topics", "conditions"):
        article.published_topics.set(article.topics.all())
        article.published_conditions.set(article.conditions.all())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow_groups"),
        ("clinics", "0006_clinic_slug_redirects"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="published_conditions",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                related_name="published_articles",
                to="clinics.condition",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="published_is_demo",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="live version is sample data"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="published_topics",
            field=models.ManyToManyField(
                blank=True, editable=False, related_name="published_articles", to="articles.topic"
            ),
        ),
        migrations.RunPython(copy_classification_to_live, migrations.RunPython.noop),
    ]
