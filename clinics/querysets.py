from __future__ import annotations

from django.db import models


class ClinicQuerySet(models.QuerySet):
    def listed(self) -> ClinicQuerySet:
        """Clinics the public can find in search: everything except closed ones."""
        return self.exclude(status="closed")

    def public(self) -> ClinicQuerySet:
        """Clinics whose page the public may open (closed ones say they are closed)."""
        return self.all()


class ProblemReportQuerySet(models.QuerySet):
    def open(self) -> ProblemReportQuerySet:
        return self.filter(status="new")
