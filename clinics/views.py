from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from clinics.models import Clinic, Condition


@require_safe
def clinic_list(request):
    clinics = Clinic.objects.listed()
    return render(request, "clinics/clinic_list.html", {"clinics": clinics})


@require_safe
def clinic_detail(request, slug):
    clinic = get_object_or_404(Clinic.objects.public(), slug=slug)
    return render(request, "clinics/clinic_detail.html", {"clinic": clinic})


@require_safe
def condition_detail(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    return render(request, "clinics/condition_detail.html", {"condition": condition})


# --- Problem reports (issue 4; replaced by the real form) ---


@require_safe
def problem_report_create(request, slug):
    clinic = get_object_or_404(Clinic.objects.public(), slug=slug)
    return render(request, "clinics/problemreport_form.html", {"clinic": clinic})


@require_safe
def problem_report_thanks(request, slug):
    clinic = get_object_or_404(Clinic.objects.public(), slug=slug)
    return render(request, "clinics/problemreport_thanks.html", {"clinic": clinic})
