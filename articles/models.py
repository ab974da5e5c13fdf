"""Medically reviewed articles.

An article has a *working copy* (the ordinary fields, edited in the admin and
moved through the review workflow by ``status``) and a *live version* (the
``published_*`` fields), a snapshot of an approved working copy that the public
sees. Only ``articles.services`` writes the live version, and only from an
approved working copy, so unreviewed medical content can never go live and
revising a published article never takes it down.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Case, Q, When
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import HistoricalRecords

from articles.rendering import render_markdown
from clinics.models import Condition, Treatment

doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$", "Enter a DOI such as 10.1056/NEJMoa1234567 (without https://doi.org/)."
)

IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF")


def validate_image_file(upload) -> None:
    """Accept only PNG, JPEG or WebP files, judged by their first bytes, not their name."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(12)
    upload.seek(position)
    is_webp = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if not (
        head.startswith(IMAGE_SIGNATURES[0]) or head.startswith(IMAGE_SIGNATURES[1]) or is_webp
    ):
        raise ValidationError("Upload a PNG, JPEG or WebP image.", code="invalid_image")


class ContentLanguage(models.TextChoices):
    """The languages articles and reviewed page text are written in (settings.LANGUAGES)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"


# The PostgreSQL text search configuration that stems each language's words.
SEARCH_CONFIGS = {ContentLanguage.ENGLISH: "english", ContentLanguage.SPANISH: "spanish"}


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "english")


def _search_vector(config: str) -> SearchVector:
    return (
        SearchVector("published_title", weight="A", config=config)
        + SearchVector("published_summary", weight="B", config=config)
        + SearchVector("published_text", weight="C", config=config)
    )


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    name_es = models.CharField(
        "name in Spanish", max_length=100, blank=True, help_text="Leave empty to show the name."
    )
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the page's language (a label, so no medical review applies)."""
        if translation.get_language() == ContentLanguage.SPANISH and self.name_es:
            return self.name_es
        return self.name


class Author(models.Model):
    display_name = models.CharField(max_length=150)
    credentials = models.CharField(
        max_length=150, blank=True, help_text="e.g. “MD, board-certified psychiatrist”."
    )
    bio = models.TextField(blank=True)
    is_demo = models.BooleanField("sample data", default=False)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class Reviewer(models.Model):
    """A clinician who medically reviews articles, optionally linked to a sign-in."""

    display_name = models.CharField(max_length=150)
    credentials = models.CharField(max_length=150, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer_profile",
        help_text="The staff account that approves articles as this reviewer.",
    )
    is_demo = models.BooleanField("sample data", default=False)

    class Meta:
        ordering = ["display_name"]
        verbose_name = "medical reviewer"

    def __str__(self) -> str:
        return self.display_name


@dataclass
class ArticleVersion:
    """What an article page shows: the live version, or the working copy in a preview."""

    title: str
    summary: str
    body_html: str
    topics: list[Topic] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    is_demo: bool = False
    toc: list[dict] = field(default_factory=list)
    reading_minutes: int = 1
    authors: list[dict] = field(default_factory=list)
    reviewer: dict | None = None
    reviewed_on: datetime.date | None = None
    next_review_due: datetime.date | None = None
    references: list[dict] = field(default_factory=list)
    hero_url: str = ""
    hero_alt: str = ""

    @property
    def review_is_sample(self) -> bool:
        """Demo content, or signed by a fictional reviewer: never shown as a real review."""
        return self.is_demo or bool(self.reviewer and self.reviewer.get("is_demo"))


def _topic_labels():
    return Topic.objects.only("name", "name_es", "slug")


def _condition_labels():
    return Condition.objects.only("name", "name_es", "slug")


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """The one definition of "public": a live version whose publish time has passed.

        The working copy's status plays no part: a published article being revised
        stays public (its approved live version) while the revision is reviewed.
        """
        now = now or timezone.now()
        return self.filter(publish_at__isnull=False, publish_at__lte=now)

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-publish_at", "-pk")

    def in_language(self, language: str) -> ArticleQuerySet:
        return self.filter(language=language)

    def other_languages_of(self, article: Article) -> ArticleQuerySet:
        """The same article in its other languages: its original and the original's
        translations, never the article itself."""
        original = article.translation_of_id or article.pk
        return self.filter(Q(pk=original) | Q(translation_of_id=original)).exclude(pk=article.pk)

    def untranslated_into(self, language: str) -> ArticleQuerySet:
        """Originals with no published translation into ``language`` (yet)."""
        translated = Article.objects.published().filter(
            language=language, translation_of__isnull=False
        )
        return self.filter(translation_of__isnull=True).exclude(
            pk__in=translated.values("translation_of_id")
        )

    def review_due_by(self, date: datetime.date) -> ArticleQuerySet:
        """Live or scheduled articles whose next medical review falls on or before ``date``."""
        return self.filter(publish_at__isnull=False, next_review_due__lte=date)

    # Filters by classification read the live version's, never the working copy's.

    def in_topic(self, topic: Topic) -> ArticleQuerySet:
        return self.filter(published_topics=topic)

    def about_condition(self, condition: Condition) -> ArticleQuerySet:
        return self.filter(published_conditions=condition)

    def sharing_topics(self, topics: list[Topic], *, exclude: Article) -> ArticleQuerySet:
        """Other articles whose live version has one of these topics."""
        return (
            self.filter(published_topics__in=[topic.pk for topic in topics])
            .exclude(pk=exclude.pk)
            .distinct()
        )

    def for_links(self) -> ArticleQuerySet:
        """Just what a "related articles" link shows: live title, summary, date."""
        return self.only("slug", "language", "published_title", "published_summary", "publish_at")

    def for_cards(self) -> ArticleQuerySet:
        """Just what a list card shows (the live title, summary, dates and topics)."""
        return self.only(
            "slug",
            "language",
            "published_is_demo",
            "publish_at",
            "first_published_at",
            "live_updated_at",
            "published_title",
            "published_summary",
            "published_data",
        ).prefetch_related(models.Prefetch("published_topics", queryset=_topic_labels()))

    def for_detail(self) -> ArticleQuerySet:
        """The live page: the live version's topics and conditions, never the working copy's."""
        return self.prefetch_related(
            models.Prefetch("published_topics", queryset=_topic_labels()),
            models.Prefetch("published_conditions", queryset=_condition_labels()),
        )

    def for_preview(self) -> ArticleQuerySet:
        """The staff preview: the working copy with everything it shows."""
        return self.select_related("medical_reviewer").prefetch_related(
            models.Prefetch("topics", queryset=_topic_labels()),
            models.Prefetch("conditions", queryset=_condition_labels()),
            "authors",
            "references",
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In medical review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"

    # --- Working copy ------------------------------------------------------
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Part of the public URL; fixed once published."
    )
    summary = models.TextField(max_length=400, help_text="One or two plain sentences.")
    body = models.TextField(
        help_text="Markdown. Start sections at ## (level 2). Raw HTML is shown as text."
    )
    body_html = models.TextField(editable=False, blank=True)
    hero_image = models.FileField(
        upload_to="articles/hero/",
        blank=True,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg", "webp"]),
            validate_image_file,
        ],
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Required with an image: describe what it shows.",
    )
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    conditions = models.ManyToManyField("clinics.Condition", related_name="articles", blank=True)
    authors = models.ManyToManyField(Author, related_name="articles", blank=True)
    medical_reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(
        blank=True, help_text="The medical reviewer's note when sending an article back."
    )
    is_demo = models.BooleanField("sample data", default=False)
    # A translation is an article like any other (its own review and publication); the
    # link only lets each page point readers, and search engines, to the other language.
    language = models.CharField(
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ENGLISH,
        help_text="The language the article is written in; fixed once published.",
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        limit_choices_to={"language": ContentLanguage.ENGLISH, "translation_of__isnull": True},
        help_text="For a translation: the English article it translates.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    preview_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # No lost updates (config.site.edit_conflicts): the admin's save and every workflow
    # step move it on, so a form opened before either cannot save over it.
    version = models.PositiveIntegerField(default=1, editable=False)

    # --- Live version (written only by articles.services) ------------------
    publish_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the live version goes public."
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    live_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_title = models.CharField(max_length=200, blank=True, editable=False)
    published_summary = models.TextField(blank=True, editable=False)
    published_body_html = models.TextField(blank=True, editable=False)
    published_text = models.TextField(blank=True, editable=False)
    published_data = models.JSONField(default=dict, blank=True, editable=False)
    # Relations too: filters, listings and links follow the reviewed classification.
    published_topics = models.ManyToManyField(
        Topic, related_name="published_articles", blank=True, editable=False
    )
    published_conditions = models.ManyToManyField(
        "clinics.Condition", related_name="published_articles", blank=True, editable=False
    )
    published_is_demo = models.BooleanField(
        "live version is sample data", default=False, editable=False
    )
    # Computed by PostgreSQL from the live version only, so search never sees drafts, and
    # stemmed in the article's own language. A generated column must be immutable: each
    # branch names its configuration as a constant, where a configuration read from a
    # text column (cast to regconfig at run time) would not be.
    search_vector = models.GeneratedField(
        expression=Case(
            When(language=ContentLanguage.SPANISH, then=_search_vector("spanish")),
            default=_search_vector("english"),
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    history = HistoricalRecords(
        excluded_fields=[
            "body_html",
            "preview_key",
            "publish_at",
            "first_published_at",
            "live_updated_at",
            "published_title",
            "published_summary",
            "published_body_html",
            "published_text",
            "published_data",
            "published_is_demo",
            "search_vector",
        ]
    )
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-updated_at"]
        permissions = [
            ("submit_article", "Can submit an article for medical review"),
            ("review_article", "Can approve or send back an article in medical review"),
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("restore_article", "Can restore an earlier revision of an article"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt=""), name="article_hero_needs_alt"
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "in_review", "approved", "published", "scheduled"]
                ),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled"]) | Q(publish_at__isnull=False),
                name="article_live_status_has_publish_at",
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(next_review_due__gt=models.F("reviewed_on")),
                name="article_next_review_after_review",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "es"]), name="article_language_valid"
            ),
            # Originals are English; a translation is into another language.
            models.CheckConstraint(
                condition=Q(translation_of__isnull=True) | ~Q(language="en"),
                name="article_translation_not_english",
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="article_one_translation_per_language",
            ),
        ]
        indexes = [
            models.Index(fields=["publish_at"], name="article_publish_at_idx"),
            models.Index(fields=["status"], name="article_status_idx"),
            GinIndex(fields=["search_vector"], name="article_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Derived field only: the sanitised HTML of the working copy.
        self.body_html = render_markdown(self.body).html
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The article's address in its own language (Spanish ones under /es/)."""
        with translation.override(self.language):
            return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the image for people who cannot see it."})
        original = self.translation_of
        if original is not None:
            if self.language == ContentLanguage.ENGLISH:
                raise ValidationError(
                    {"language": "A translation is written in a language other than English."}
                )
            if original.pk == self.pk or original.language != ContentLanguage.ENGLISH:
                raise ValidationError(
                    {"translation_of": "Choose the English original this article translates."}
                )
            if original.translation_of_id is not None:
                raise ValidationError(
                    {"translation_of": "Choose the English original, not another translation."}
                )

    def get_preview_url(self) -> str:
        with translation.override(self.language):
            return reverse("articles:article_preview", kwargs={"key": self.preview_key})

    # --- Live state ---------------------------------------------------------

    @property
    def has_live_version(self) -> bool:
        return self.publish_at is not None

    def is_public(self, now: datetime.datetime | None = None) -> bool:
        return self.publish_at is not None and self.publish_at <= (now or timezone.now())

    @property
    def live_state(self) -> str:
        if self.publish_at is None:
            return "Not live"
        local = timezone.localtime(self.publish_at)
        if self.is_public():
            return f"Live since {local:%b %-d, %Y %-I:%M %p}"
        return f"Goes live {local:%b %-d, %Y %-I:%M %p}"

    # --- Versions ------------------------------------------------------------

    def working_version(self) -> ArticleVersion:
        """The working copy rendered for a staff preview (may be unreviewed)."""
        rendered = render_markdown(self.body)
        snapshot = self.snapshot_data(rendered.toc, rendered.reading_minutes)
        return self._version(
            self.title,
            self.summary,
            rendered.html,
            snapshot,
            topics=list(self.topics.all()),
            conditions=list(self.conditions.all()),
            is_demo=self.is_demo,
        )

    def live_version(self) -> ArticleVersion:
        return self._version(
            self.published_title,
            self.published_summary,
            self.published_body_html,
            self.published_data or {},
            topics=list(self.published_topics.all()),
            conditions=list(self.published_conditions.all()),
            is_demo=self.published_is_demo,
        )

    @staticmethod
    def _version(
        title: str,
        summary: str,
        body_html: str,
        data: dict,
        *,
        topics: list[Topic],
        conditions: list[Condition],
        is_demo: bool,
    ) -> ArticleVersion:
        def as_date(value):
            return datetime.date.fromisoformat(value) if value else None

        return ArticleVersion(
            title=title,
            summary=summary,
            body_html=body_html,
            topics=topics,
            conditions=conditions,
            is_demo=is_demo,
            toc=data.get("toc", []),
            reading_minutes=data.get("reading_minutes", 1),
            authors=data.get("authors", []),
            reviewer=data.get("reviewer"),
            reviewed_on=as_date(data.get("reviewed_on")),
            next_review_due=as_date(data.get("next_review_due")),
            references=data.get("references", []),
            hero_url=data.get("hero_url", ""),
            hero_alt=data.get("hero_alt", ""),
        )

    def snapshot_data(self, toc: list[dict], reading_minutes: int) -> dict:
        """Everything else the live page needs, frozen as JSON at publication."""
        reviewer = self.medical_reviewer
        return {
            "toc": toc,
            "reading_minutes": reading_minutes,
            "authors": [
                {"name": author.display_name, "credentials": author.credentials}
                for author in self.authors.all()
            ],
            "reviewer": (
                {
                    "name": reviewer.display_name,
                    "credentials": reviewer.credentials,
                    "is_demo": reviewer.is_demo,
                }
                if reviewer
                else None
            ),
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "next_review_due": self.next_review_due.isoformat() if self.next_review_due else None,
            "references": [reference.as_dict() for reference in self.references.all()],
            "hero_url": self.hero_image.url if self.hero_image else "",
            "hero_alt": self.hero_alt,
        }


class Source(models.Model):
    """A cited source: the fields an article's references and a page review's sources share."""

    order = models.PositiveSmallIntegerField(default=0)
    authors = models.CharField(max_length=500, blank=True, help_text="e.g. “Berman RM, et al.”")
    title = models.CharField(max_length=500)
    source = models.CharField(max_length=300, blank=True, help_text="Journal or publisher.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[doi_validator])
    url = models.URLField("URL", max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def as_dict(self) -> dict:
        return {
            "authors": self.authors,
            "title": self.title,
            "source": self.source,
            "year": self.year,
            "doi": self.doi,
            "doi_url": self.doi_url,
            "url": self.url,
        }


class Reference(Source):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    class Meta(Source.Meta):
        pass


# --- Medical review of condition and treatment pages ------------------------------


def page_fields(page: Condition | Treatment, language: str) -> dict[str, str]:
    """The page's own text in one language, by English field name (empty if unwritten)."""
    if language == ContentLanguage.ENGLISH:
        return {name: getattr(page, name) for name in page.SPANISH_FIELDS}
    if language == ContentLanguage.SPANISH:
        return {name: getattr(page, field) for name, field in page.SPANISH_FIELDS.items()}
    return dict.fromkeys(page.SPANISH_FIELDS, "")


class ContentReviewQuerySet(models.QuerySet):
    def of_page(
        self, page: Condition | Treatment, language: str | None = None
    ) -> ContentReviewQuerySet:
        """The reviews of this condition or treatment page: one per language at most, so
        at most one row once ``language`` is given."""
        if isinstance(page, Condition):
            reviews = self.filter(condition=page)
        elif isinstance(page, Treatment):
            reviews = self.filter(treatment=page)
        else:
            raise TypeError(f"Only condition and treatment pages are reviewed, not {page!r}.")
        return reviews if language is None else reviews.filter(language=language)

    def for_notice(self) -> ContentReviewQuerySet:
        """What the public review notice shows: the reviewer and the sources."""
        return self.select_related("reviewer", "condition", "treatment").prefetch_related("sources")

    def review_due_by(self, date: datetime.date) -> ContentReviewQuerySet:
        """Signed page reviews whose next review falls on or before ``date``."""
        return self.filter(reviewer__isnull=False, next_review_due__lte=date)


class ContentReview(models.Model):
    """The medical review of a condition or treatment page's text, and the sources it cites.

    Why the articles app owns it: conditions and treatments live in ``clinics``, which
    never imports ``articles``, while the review machinery (``Reviewer`` profiles, the
    ``review_article`` permission, ``REVIEW_INTERVAL``) lives here. A row here points at
    the page (``articles`` may import ``clinics``), ``articles.services`` signs it with the
    same rules as approving an article, and the clinics templates show it through the
    ``{% review_notice %}`` inclusion tag, so ``clinics`` never learns reviews exist.
    Explicit keys rather than a generic relation: the database guarantees each page has
    at most one review per language and the target exists, and two kinds of page need
    no more.

    The page's text stays editable in the clinics admin. A review vouches for the text
    and sources it saw (kept in ``reviewed_text`` and ``reviewed_sources``); once either
    changes, the page stops claiming a current review until a reviewer signs again.

    Each language is reviewed on its own: the Spanish review vouches for the Spanish
    fields (``summary_es``…), and a page shows its Spanish text only while that review
    is current (``localized_page``); otherwise it shows the English, and says so.
    """

    condition = models.ForeignKey(
        Condition,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="content_reviews",
    )
    treatment = models.ForeignKey(
        Treatment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="content_reviews",
    )
    language = models.CharField(
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ENGLISH,
        help_text="The language of the page text this review covers.",
    )
    reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="content_reviews"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewed_text = models.TextField(
        blank=True, help_text="The page text as the reviewer approved it."
    )
    reviewed_sources = models.JSONField(
        default=list, blank=True, help_text="The sources as the reviewer approved them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContentReviewQuerySet.as_manager()

    class Meta:
        ordering = ["condition__sort_order", "treatment__sort_order", "language", "pk"]
        verbose_name = "condition or treatment review"
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "language"], name="content_review_one_per_condition_language"
            ),
            models.UniqueConstraint(
                fields=["treatment", "language"], name="content_review_one_per_treatment_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "es"]), name="content_review_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(condition__isnull=False, treatment__isnull=True)
                | Q(condition__isnull=True, treatment__isnull=False),
                name="content_review_one_page",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True, reviewed_on__isnull=True)
                | Q(reviewer__isnull=False, reviewed_on__isnull=False),
                name="content_review_signed_with_date",
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(next_review_due__gt=models.F("reviewed_on")),
                name="content_review_next_after_review",
            ),
        ]

    def __str__(self) -> str:
        if not self.page:
            return "Page review"
        if self.language == ContentLanguage.ENGLISH:
            return f"Review of {self.page}"
        return f"Review of {self.page} ({self.get_language_display()})"

    def clean(self) -> None:
        super().clean()
        if (self.condition_id is None) == (self.treatment_id is None):
            raise ValidationError("Choose either a condition or a treatment, not both.")

    @property
    def page(self) -> Condition | Treatment | None:
        return self.condition or self.treatment

    def page_text(self) -> str:
        """All the page's own text the review vouches for, in the review's language, as
        one string for the reviewer.

        A treatment page also lists sources of its own (``Treatment.sources``); they are
        part of what the reviewer checks, so they are part of this text.
        """
        page = self.page
        if page is None:
            return ""
        parts = list(page_fields(page, self.language).values())
        if self.treatment is not None:
            parts += [
                f"Source: {source.get('title', '')} {source.get('url', '')}".strip()
                for source in page.sources
            ]
        return "\n\n".join(part for part in parts if part)

    def current_sources(self) -> list[dict]:
        return [source.as_dict() for source in self.sources.all()]

    def fingerprint(self) -> str:
        """A digest of the current text and sources, to tell whether they changed."""
        content = json.dumps([self.page_text(), self.current_sources()], sort_keys=True)
        return hashlib.sha256(content.encode()).hexdigest()

    @property
    def is_reviewed(self) -> bool:
        return self.reviewer_id is not None and self.reviewed_on is not None

    @property
    def is_current(self) -> bool:
        """Reviewed, and neither the text nor the sources changed since."""
        return (
            self.is_reviewed
            and self.reviewed_text == self.page_text()
            and self.reviewed_sources == self.current_sources()
        )

    @property
    def is_sample(self) -> bool:
        """Signed by a fictional demo reviewer: never shown as a real medical review."""
        return self.reviewer is not None and self.reviewer.is_demo

    @property
    def is_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @property
    def state(self) -> str:
        if not self.is_reviewed:
            return "Not reviewed yet"
        if not self.is_current:
            return "Changed since its review"
        if self.is_overdue:
            return "Review overdue"
        return "Reviewed"


@dataclass
class LocalizedPage:
    """A condition or treatment page's text as a visitor reading ``requested`` sees it."""

    page: Condition | Treatment
    language: str  # the language of ``text``
    requested: str  # the language of the page around it
    text: dict[str, str]  # by English field name: {"summary": …}
    review: ContentReview | None  # the review of this text, if any

    @property
    def is_fallback(self) -> bool:
        """The visitor reads another language, but the text is shown in English."""
        return self.language != self.requested


def localized_page(page: Condition | Treatment, language: str) -> LocalizedPage:
    """The page's text in ``language`` if it is written and medically reviewed in it
    (a current review), otherwise the English text; with the review of what is shown.

    Two queries, whatever the language: the reviews with their reviewers, then sources.
    """
    reviews = {
        review.language: review
        for review in ContentReview.objects.of_page(page)
        .filter(language__in={ContentLanguage.ENGLISH, language})
        .for_notice()
    }
    if language != ContentLanguage.ENGLISH:
        review = reviews.get(language)
        text = page_fields(page, language)
        if review is not None and review.is_current and any(text.values()):
            return LocalizedPage(page, language, language, text, review)
    english = page_fields(page, ContentLanguage.ENGLISH)
    return LocalizedPage(page, ContentLanguage.ENGLISH, language, english, reviews.get("en"))


class ContentSource(Source):
    """A source cited by a reviewed condition or treatment page."""

    review = models.ForeignKey(ContentReview, on_delete=models.CASCADE, related_name="sources")

    class Meta(Source.Meta):
        verbose_name = "source"


class ReviewReminder(models.Model):
    """A reminder mailed to a medical reviewer that an article or page review is due.

    ``services.review_reminders_send`` writes one per item per day at most (the unique
    constraints) and skips items reminded recently, so a daily cron that runs twice
    sends nothing twice.
    """

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="review_reminders"
    )
    content_review = models.ForeignKey(
        ContentReview,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    due_on = models.DateField(help_text="The review date the reminder was about.")
    sent_on = models.DateField()
    sent_to = models.TextField(help_text="The addresses it went to, one per line.")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, content_review__isnull=True)
                | Q(article__isnull=True, content_review__isnull=False),
                name="review_reminder_one_item",
            ),
            models.UniqueConstraint(
                fields=["article", "sent_on"], name="review_reminder_article_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["content_review", "sent_on"], name="review_reminder_page_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.article or self.content_review} due {self.due_on}"
