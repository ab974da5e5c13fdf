from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "clinics"
    verbose_name = "Clinic directory"

    def ready(self):
        # Sign-in, lockout and refused-access logging (receivers live in clinics.security).
        from clinics import security
        from config import page_cache

        security.connect_axes_signals()
        page_cache.connect_invalidation(self, skip=("ClinicMembership", "ProblemReport"))
