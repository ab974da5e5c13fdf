from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "clinics"
    verbose_name = "Clinic directory"

    def ready(self):
        from config.site import page_cache

        page_cache.connect_invalidation(
            self,
            skip=("ClinicMembership", "ProblemReport", "ListingRequest", "StaleListingReminder"),
        )

        # Old clinic addresses keep redirecting, however the slug was changed.
        from clinics import signals

        signals.connect()

    def seed_demo(self) -> tuple[dict[str, int], list[tuple[str, str, str, str]]]:
        """The demo clinics and clinic-staff accounts (for `manage.py seed_demo`)."""
        from clinics.demo import seed_clinics
        from clinics.demo_accounts import seed_accounts

        clinics = seed_clinics()
        return {"clinics": clinics}, seed_accounts()

    def has_content(self) -> bool:
        """A directory that lists clinics is not empty (`seed_demo --if-empty` leaves it)."""
        return self.get_model("Clinic").objects.exists()
