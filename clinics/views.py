import re
from urllib.parse import urlencode

from django.contrib.auth.views import PasswordResetConfirmView
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from clinics import crisis, maps, search_index, services
from clinics.filters import ClinicFilter
from clinics.forms import (
    MAX_COMPARED,
    CompareForm,
    ListingRequestForm,
    NearForm,
    ProblemReportForm,
)
from clinics.hours import upcoming_exceptions, weekly_schedule
from clinics.models import Clinic, ClinicSlugRedirect, Condition, Treatment
from clinics.search import (
    active_choices,
    card_matches,
    facets,
    ignored_choices,
    relaxations,
    summary,
)
from config.site.page_cache import cache_public_page

PAGE_SIZE = 20
# What a clinic's web address (slug) can look like; anything else names no clinic.
SLUG_PATTERN = re.compile(r"[-\w]+")
CONDITION_PAGE_CLINICS = 20


def _page(queryset, raw_number):
    """The requested page, or the nearest real one and a message saying so."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        number = int(str(raw_number or "1").strip())
    except ValueError:
        return paginator.page(1), gettext(
            "That page number isn't valid, so here is the first page."
        )
    if number < 1:
        return paginator.page(1), gettext("Pages start at 1, so here is the first page.")
    if number > paginator.num_pages:
        last = paginator.num_pages
        return paginator.page(last), ngettext(
            "There is no page %(number)s; these results have %(last)s page, so here is the "
            "last one.",
            "There is no page %(number)s; these results have %(last)s pages, so here is the "
            "last one.",
            last,
        ) % {"number": number, "last": last}
    return paginator.page(number), ""


@require_safe
@cache_public_page(params=(ClinicFilter, "page"))
def clinic_list(request):
    search = ClinicFilter(request.GET, request=request)
    results = search.results()
    crisis_words = crisis.search_expresses_crisis(request.GET)
    crisis_words_left_out = crisis_words and not results
    if crisis_words_left_out:
        # "i want to die" matches no clinic: rather than a dead end under the help
        # panel, show the clinics for the rest of the search, and say so.
        search = ClinicFilter(crisis.search_without_crisis_words(request.GET), request=request)
        results = search.results()
    page_obj, page_message = _page(results, request.GET.get("page"))
    shows_crisis_panel = crisis_words or crisis.is_crisis_condition(
        request.GET.getlist("condition")
    )
    for clinic in page_obj.object_list:
        clinic.matches = card_matches(search, clinic)
    count = page_obj.paginator.count
    response = render(
        request,
        "clinics/clinic_list.html",
        {
            "search": search,
            "form": search.form,
            "page_obj": page_obj,
            "page_message": page_message,
            "facets": facets(search),
            "suggestions": relaxations(search) if not count else [],
            "summary": summary(search, count),
            "choices": active_choices(search),
            "ignored": ignored_choices(search),
            # Someone in crisis is sent to no other host, not even a tile server.
            "results_map": maps.clinics_map(
                page_obj.object_list,
                search.place,
                first_number=page_obj.start_index(),
                tiles=not shows_crisis_panel,
            )
            if count
            else None,
            "shows_crisis_panel": shows_crisis_panel,
            "crisis_words_left_out": crisis_words_left_out,
            # Cards keep what only the clinic decides while the index is this version.
            "card_version": search.index.version,
        },
    )
    # What someone in crisis typed is kept by no cache and sent to no other site.
    return crisis.keep_private(response) if shows_crisis_panel else response


@require_safe
@cache_public_page
def clinic_detail(request, slug):
    # Every published clinic has a page, closed ones included: the page says it has closed.
    clinic = Clinic.objects.published().with_detail_data().filter(slug=slug).first()
    if clinic is None:
        # A renamed clinic keeps its old addresses (rows written by clinics.signals).
        current_slug = (
            ClinicSlugRedirect.objects.filter(old_slug=slug)
            .values_list("clinic__slug", flat=True)
            .first()
        )
        if current_slug is None:
            raise Http404("No clinic has this address.")
        return redirect("clinics:clinic_detail", slug=current_slug, permanent=True)
    return render(
        request,
        "clinics/clinic_detail.html",
        {
            "clinic": clinic,
            "schedule": weekly_schedule(clinic.opening_hours.all()),
            "special_days": upcoming_exceptions(clinic.upcoming_hours_exceptions),
            "open_now": clinic.is_open_at(),
            "clinic_map": maps.clinic_map(clinic),
        },
    )


@require_safe
@cache_public_page(params=(NearForm,))
def condition_detail(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    near_form = NearForm(request.GET)
    place = near_form.cleaned_data["near"] if near_form.is_valid() else None
    # The search index counts and orders the clinics: only the 20 shown are read.
    index = search_index.current()
    treating = index.with_options("condition", [condition.pk])
    total = search_index.count(treating)
    if place:
        ids = index.nearest(treating, place.latitude, place.longitude, CONDITION_PAGE_CLINICS)
    else:
        ids = index.ordered(treating, 0, CONDITION_PAGE_CLINICS)
    clinics = Clinic.objects.listed().filter(pk__in=ids).with_card_data().with_headline_price()
    if place:
        clinics = clinics.with_distance(place.latitude, place.longitude)
    by_id = {clinic.pk: clinic for clinic in clinics.order_by()}
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
            # A clinic closed since the index was read is left out.
            "clinics": [by_id[pk] for pk in ids if pk in by_id],
            "card_version": index.version,
            "total": total,
            "search_url": reverse("clinics:clinic_list") + "?" + urlencode(search_params),
            "shows_crisis_panel": crisis.is_crisis_condition([condition.slug]),
        },
    )


@require_safe
@cache_public_page
def treatment_detail(request, slug):
    treatment = get_object_or_404(Treatment, slug=slug)
    return render(
        request,
        "clinics/treatment_detail.html",
        {
            "treatment": treatment,
            "clinic_count": Clinic.objects.listed().offering(treatment).count(),
            "search_url": reverse("clinics:clinic_list")
            + "?"
            + urlencode({"treatment": treatment.slug}),
        },
    )


def _compare_query(slugs, near: str = "") -> str:
    params = QueryDict(mutable=True)
    params.setlist("c", list(slugs))
    if near:
        params["near"] = near
    return "?" + params.urlencode()


@require_safe
@cache_public_page(params=(CompareForm,))
def clinic_compare(request):
    """Up to three clinics side by side, at an address that can be shared and printed."""
    form = CompareForm(request.GET)
    form.is_valid()  # a place we cannot find is said on the page; the rest still shows
    slugs = form.cleaned_data.get("c", [])
    place = form.cleaned_data.get("near")
    near = form.data.get("near", "") if place else ""
    chosen = slugs[:MAX_COMPARED]
    found = {}
    if chosen:
        clinics = Clinic.objects.published().with_detail_data().filter(slug__in=chosen)
        if place:
            clinics = clinics.with_distance(place.latitude, place.longitude)
        found = {clinic.slug: clinic for clinic in clinics}
    missing = [slug for slug in chosen if slug not in found]
    if missing:
        # A renamed clinic's old address still works: go to the address with its new one.
        renamed = dict(
            ClinicSlugRedirect.objects.filter(old_slug__in=missing).values_list(
                "old_slug", "clinic__slug"
            )
        )
        if renamed:
            current = dict.fromkeys(renamed.get(slug, slug) for slug in slugs)
            url = reverse("clinics:clinic_compare") + _compare_query(current, near)
            return redirect(url, permanent=True)
    # By name: the page cache sorts the address's values, so their order is not kept.
    compared = sorted(found.values(), key=lambda clinic: (clinic.name, clinic.pk))
    for clinic in compared:
        clinic.schedule = weekly_schedule(clinic.opening_hours.all())
        clinic.open_now = clinic.is_open_at()
        others = [other.slug for other in compared if other is not clinic]
        clinic.remove_query = _compare_query(others, near)
    return render(
        request,
        "clinics/clinic_compare.html",
        {
            "form": form,
            "clinics": compared,
            "place": place,
            "missing": missing,
            "asked": len(slugs),
            "left_out": len(slugs) - len(chosen),
            "max_compared": MAX_COMPARED,
        },
    )


# --- Problem reports from the public ---


@require_http_methods(["GET", "HEAD", "POST"])
def problem_report_create(request, slug):
    # Closed clinics stay reportable: "it has reopened" is a useful report.
    clinic = get_object_or_404(Clinic.objects.published(), slug=slug)
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
    clinic = get_object_or_404(Clinic.objects.published(), slug=slug)
    return render(request, "clinics/problemreport_thanks.html", {"clinic": clinic})


# --- List your clinic, or claim its listing ---


@require_http_methods(["GET", "HEAD", "POST"])
def listing_request_create(request):
    # ?clinic=<slug> (a hidden field once posted) claims that listing; without it, a new one.
    params = request.POST if request.method == "POST" else request.GET
    claim_slug = params.get("clinic", "").strip()
    if claim_slug and not SLUG_PATTERN.fullmatch(claim_slug):
        raise Http404("No clinic has this address.")  # e.g. a NUL byte PostgreSQL would refuse
    claimed = get_object_or_404(Clinic.objects.published(), slug=claim_slug) if claim_slug else None
    if request.method == "POST":
        form = ListingRequestForm(request.POST)
    elif claimed:
        form = ListingRequestForm(initial=ListingRequestForm.initial_for(claimed))
    else:
        form = ListingRequestForm()
    status = 200
    if request.method == "POST":
        thanks = redirect("clinics:listing_request_thanks")
        if form.honeypot_filled:
            # Bots see the same thank-you page as people, but nothing is stored.
            return thanks
        if form.is_valid():
            try:
                services.listing_request_submit(
                    clinic=claimed,
                    **form.listing_details(),
                    ip_address=request.META.get("REMOTE_ADDR", ""),
                    language=request.LANGUAGE_CODE,
                )
            except services.ListingRequestRateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
            else:
                return thanks
    return render(
        request,
        "clinics/listingrequest_form.html",
        {"form": form, "claimed": claimed},
        status=status,
    )


@require_safe
def listing_request_thanks(request):
    return render(request, "clinics/listingrequest_thanks.html")


class StaffInvitationView(PasswordResetConfirmView):
    """Choose a password from the invitation that approving a listing request mails.

    Django's password-reset confirmation: the one-time token is checked, moved out of
    the address into the session, and spent once the password is set; it expires after
    PASSWORD_RESET_TIMEOUT.
    """

    template_name = "clinics/staff_invitation.html"
    success_url = reverse_lazy("clinics:staff_invitation_done")
    title = _("Choose your password")


@require_safe
def staff_invitation_done(request):
    return render(request, "clinics/staff_invitation_done.html")
