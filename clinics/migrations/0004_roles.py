from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clinics", "0003_search_indexes")]

    operations = []
