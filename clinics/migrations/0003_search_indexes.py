from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clinics", "0002_extensions_and_reference_data")]

    operations = []
