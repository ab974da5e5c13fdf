"""Articles in the admin, with the editorial workflow as POST-only buttons.

The rules live in articles.services (``allowed_actions``, ``sees_all_articles``,
``can_edit_article``): this admin asks them for its querysets, has_*_permission
methods and buttons, and the services check them again on every transition, so
hiding a button is never the only guard.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles import services
from articles.forms import ArticleAdminForm, ScheduleForm, SendBackForm
from articles.models import (
    Article,
    Author,
    ContentReview,
    ContentSource,
    Reference,
    Reviewer,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "credentials", "is_demo"]
    search_fields = ["display_name"]


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "credentials", "user", "is_demo"]
    search_fields = ["display_name"]
    raw_id_fields = ["user"]


# The labelled table of inline rows the clinic admin uses: a label in every cell and no
# empty header cell, so screen readers name each box; rows become cards on a phone.
LABELLED_TABULAR = "admin/clinics/edit_inline/tabular.html"


class ReferenceInline(admin.TabularInline):
    model = Reference
    template = LABELLED_TABULAR
    extra = 0
    fields = ["order", "authors", "title", "source", "year", "doi", "url"]

    # References are part of the reviewed content: editable exactly when the article is.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and services.can_edit_article(
            request.user, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and services.can_edit_article(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_edit_article(
            request.user, obj
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    change_form_template = "articles/admin/article_change_form.html"
    form = ArticleAdminForm
    list_display = ["title", "language", "status", "live_state", "updated_at", "created_by"]
    list_filter = ["status", "language", "topics", "is_demo"]
    search_fields = ["title", "slug"]
    date_hierarchy = None
    inlines = [ReferenceInline]
    readonly_fields = [
        "status",
        "live_state",
        "review_note",
        "medical_reviewer",
        "reviewed_on",
        "next_review_due",
        "preview_link",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "loaded_version"]}),
        ("Image", {"fields": ["hero_image", "hero_alt"], "classes": ["collapse"]}),
        ("Classification", {"fields": ["topics", "conditions", "authors", "is_demo"]}),
        # A translation is reviewed and published like any article; this only links them.
        ("Language", {"fields": ["language", "translation_of"]}),
        (
            "Review and publication (changed only by the workflow buttons)",
            {
                "fields": [
                    "status",
                    "live_state",
                    "review_note",
                    "medical_reviewer",
                    "reviewed_on",
                    "next_review_due",
                    "preview_link",
                ]
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Short lists (topics, conditions, authors): checkboxes in a labelled group are
        # clearer than a multi-select, need no JavaScript, and every box has a label.
        kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def view_on_site(self, obj):
        # Until the public can see it, "View on site" means the private preview, which
        # admits only staff allowed to view articles; the public URL would only 404.
        return obj.get_absolute_url() if obj.is_public() else obj.get_preview_url()

    @admin.display(description="Private preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article first."
        return format_html('<a href="{}">Preview the working copy</a>', obj.get_preview_url())

    # --- Who sees and edits what ---------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("created_by")
        if services.sees_all_articles(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        return services.can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request, obj)
        return "delete" in services.allowed_actions(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        # Read-only visitors save nothing, so the form's version field has nothing to show.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_version"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.first_published_at:
            # The public URL is fixed once published; so is the language, its /es/ part.
            fields += ["slug", "language"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.first_published_at:
            return {}
        return {"slug": ["title"]}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.status = Article.Status.DRAFT
        elif not services.can_edit_article(request.user, obj):
            raise PermissionDenied
        else:
            obj.version = services.article_version_bump(
                article=obj, expected_version=form.cleaned_data["loaded_version"]
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edited = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if change and edited and services.article_mark_edited(article=form.instance):
            self.message_user(
                request,
                "The working copy changed, so it is a draft again and needs medical review. "
                "The live version (if any) stays up until the new one is published.",
                messages.WARNING,
            )

    # --- Workflow buttons ----------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                wrap(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<path:object_id>/revisions/",
                wrap(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("No such article.")
        return article

    def _change_url(self, article: Article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        user = request.user
        try:
            if action == "submit":
                services.article_submit(article=article, user=user)
                done = "Submitted for medical review."
            elif action == "approve":
                services.article_approve(article=article, user=user)
                done = "Approved. An editor can now publish or schedule it."
            elif action == "send_back":
                form = SendBackForm(request.POST)
                if not form.is_valid():
                    raise services.WorkflowError("Say what needs to change when sending it back.")
                services.article_send_back(
                    article=article, user=user, note=form.cleaned_data["note"]
                )
                done = "Sent back to the writer with your note."
            elif action == "publish":
                services.article_publish(article=article, user=user)
                done = "Published: the approved version is live now."
            elif action == "schedule":
                form = ScheduleForm(request.POST)
                if not form.is_valid():
                    raise services.WorkflowError(" ".join(form.errors.get("publish_at", [])))
                services.article_schedule(
                    article=article, user=user, publish_at=form.cleaned_data["publish_at"]
                )
                done = "Scheduled."
            elif action == "unpublish":
                services.article_unpublish(article=article, user=user)
                done = "Unpublished: the public can no longer see it."
            else:
                raise Http404("Unknown workflow action.")
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return redirect(self._change_url(article))

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        revisions = article.history.select_related("history_user").order_by("-history_date")[:100]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": revisions,
            "can_restore": "restore" in services.allowed_actions(request.user, article),
            "title": f"Revisions of “{article.title}”",
        }
        return TemplateResponse(request, "articles/admin/article_revisions.html", context)

    def restore_view(self, request, object_id, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        try:
            services.article_restore_revision(
                article=article, user=request.user, history_id=history_id
            )
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                "Revision restored into the working copy as a draft; it needs review before "
                "it can be published.",
                messages.SUCCESS,
            )
        return redirect(self._change_url(article))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None:
            actions = services.allowed_actions(request.user, article)
            extra_context["workflow"] = {
                "article": article,
                "actions": actions,
                # A reviewer looking at an article in review is told why they cannot approve it.
                "approve_refusal": (
                    services.action_refusal(request.user, article, "approve")
                    if "approve" not in actions
                    and services.is_reviewer(request.user)
                    and article.status == Article.Status.IN_REVIEW
                    else None
                ),
                "schedule_form": ScheduleForm(),
                "send_back_form": SendBackForm(),
            }
        return super().change_view(request, object_id, form_url, extra_context)


# --- Medical review of condition and treatment pages --------------------------------


class ContentSourceInline(admin.TabularInline):
    model = ContentSource
    template = LABELLED_TABULAR
    extra = 0
    fields = ["order", "authors", "title", "source", "year", "doi", "url"]


@admin.register(ContentReview)
class ContentReviewAdmin(admin.ModelAdmin):
    """Editors choose the pages and their sources; a medical reviewer signs the review.

    The signature (reviewer and dates) is written only by
    ``services.content_review_record``, through the button on the change page, which
    asks the service whether to show itself; the service checks again on POST.
    """

    change_form_template = "articles/admin/contentreview_change_form.html"
    list_display = ["__str__", "language", "state", "reviewer", "reviewed_on", "next_review_due"]
    list_filter = ["language"]
    list_select_related = ["condition", "treatment", "reviewer"]
    inlines = [ContentSourceInline]
    readonly_fields = [
        "page_text",
        "state",
        "reviewer",
        "reviewed_on",
        "next_review_due",
        "reviewed_text",
    ]
    fieldsets = [
        (None, {"fields": ["condition", "treatment", "language", "page_text"]}),
        (
            "Medical review (recorded only by the button above)",
            {"fields": ["state", "reviewer", "reviewed_on", "next_review_due", "reviewed_text"]},
        ),
    ]

    def get_queryset(self, request):
        # The list's "state" compares each review's sources with what was reviewed.
        return super().get_queryset(request).prefetch_related("sources")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A review belongs to one page, in one language, for good.
            fields += ["condition", "treatment", "language"]
        return fields

    @admin.display(description="Page text in its language (edited with the condition or treatment)")
    def page_text(self, obj):
        return linebreaksbr(obj.page_text(), autoescape=True) if obj.pk else ""

    @admin.display(description="State")
    def state(self, obj):
        return obj.state if obj.pk else ""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/record-review/",
                self.admin_site.admin_view(self.record_review_view),
                name="articles_contentreview_record",
            ),
            *super().get_urls(),
        ]

    def record_review_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review = self.get_object(request, object_id)
        if review is None or not self.has_view_or_change_permission(request, review):
            raise Http404("No such review.")
        try:
            services.content_review_record(
                review=review, user=request.user, seen=request.POST.get("seen", "")
            )
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, "Medical review recorded.", messages.SUCCESS)
        return redirect(reverse("admin:articles_contentreview_change", args=[review.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        review = self.get_object(request, object_id)
        if review is not None:
            extra_context["content_review"] = {
                "review": review,
                "refusal": services.content_review_refusal(request.user),
                # Shown only to medical reviewers, who may fix what stops them.
                "show_refusal": services.is_reviewer(request.user),
                "seen": review.fingerprint(),
            }
        return super().change_view(request, object_id, form_url, extra_context)
