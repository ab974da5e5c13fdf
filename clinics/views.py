from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from clinics import services
from clinics.filters import ClinicFilter, NearForm
from clinics.forms import ProblemReportForm
from clinics.hours import is_open_at, weekly_schedule
from clinics.models import Clinic, Condition
from config.page_cache import cache_public_page

PAGE_SIZE = 20
CONDITION_PAGE_CLINICS = 20


def _page(queryset, raw_number):
    """The requested page, or the nearest real one and a message saying so."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        number = int(str(raw_number or "1").strip())
    except ValueError:
        return paginator.page(1), "That page number isn't valid, so here is the first page."
    if number < 1:
        return paginator.page(1), "Pages start at 1, so here is the first page."
    if number > paginator.num_pages:
        last = paginator.num_pages
        return paginator.page(last), (
            f"There is no page {number}; these results have {last} "
            f"page{pluralize(last)}, so here is the last one."
        )
    return paginator.page(number), ""


@require_safe
@cache_public_page
def clinic_list(request):
    search = ClinicFilter(request.GET, request=request)
    page_obj, page_message = _page(search.results(), request.GET.get("page"))
    return render(
        request,
        "clinics/clinic_list.html",
        {
            "search": search,
            "form": search.form,
            "page_obj": page_obj,
            "page_message": page_message,
            "facets": search.facets(),
            "suggestions": search.relaxations() if not page_obj.paginator.count else [],
        },
    )


@require_safe
@cache_public_page
def clinic_detail(request, slug):
    clinic = Clinic.objects.public().with_detail_data().filter(slug=slug).first()
    if clinic is None:
        # A renamed clinic keeps its old address: find who last had this slug.
        old = Clinic.history.filter(slug=slug).order_by("-history_date", "-history_id").first()
        current = Clinic.objects.filter(pk=old.id).only("slug").first() if old else None
        if current is None or current.slug == slug:
            raise Http404("No clinic has this address.")
        return redirect(current, permanent=True)
    hours = list(clinic.opening_hours.all())
    return render(
        request,
        "clinics/clinic_detail.html",
        {
            "clinic": clinic,
            "schedule": weekly_schedule(hours),
            "open_now": clinic.status == Clinic.Status.LISTED and is_open_at(hours),
        },
    )


@require_safe
@cache_public_page
def condition_detail(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    near_form = NearForm(request.GET)
    place = near_form.cleaned_data["near"] if near_form.is_valid() else None
    clinics = Clinic.objects.listed().filter(conditions=condition)
    total = clinics.count()
    if place:
        clinics = clinics.with_distance(place.latitude, place.longitude).order_by(
            "distance_miles", "name"
        )
    search_params = {"condition": condition.slug}
    if place:
        search_params["near"] = near_form.data.get("near", "")
    return render(
        request,
        "clinics/condition_detail.html",
        {
            "condition": condition,
            "near_form": near_form,
            "place": place,
            "clinics": clinics.with_card_data()[:CONDITION_PAGE_CLINICS],
            "total": total,
            "search_url": reverse("clinics:clinic_list") + "?" + urlencode(search_params),
            # One query however many articles exist (articles app, issue 5).
            "related_articles": Article.objects.published()
            .filter(conditions=condition)
            .newest_first()
            .for_links()[:6],
        },
    )


# --- Problem reports from the public (issue 4) ---


@require_http_methods(["GET", "HEAD", "POST"])
def problem_report_create(request, slug):
    # Closed clinics stay reportable: "it has reopened" is a useful report.
    clinic = get_object_or_404(Clinic.objects.public(), slug=slug)
    form = ProblemReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        thanks = redirect("clinics:problem_report_thanks", slug=clinic.slug)
        if form.honeypot_filled:
            # Bots see the same thank-you page as people, but nothing is stored.
            return thanks
        if form.is_valid():
            try:
                # REMOTE_ADDR must be the visitor's own address; see the README's
                # "Problem reports" section for what that needs behind a proxy.
                services.problem_report_submit(
                    clinic=clinic,
                    category=form.cleaned_data["category"],
                    details=form.cleaned_data["details"],
                    reply_email=form.cleaned_data["reply_email"],
                    ip_address=request.META.get("REMOTE_ADDR", ""),
                )
            except services.ProblemReportRateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
            else:
                return thanks
    return render(
        request, "clinics/problemreport_form.html", {"clinic": clinic, "form": form}, status=status
    )


@require_safe
def problem_report_thanks(request, slug):
    clinic = get_object_or_404(Clinic.objects.public(), slug=slug)
    return render(request, "clinics/problemreport_thanks.html", {"clinic": clinic})
