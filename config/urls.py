from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from clinics.sitemaps import SITEMAPS as CLINIC_SITEMAPS
from config.site import views
from config.site.password_reset import StaffPasswordResetView
from config.site.sitemaps import PageSitemap

admin.site.site_header = "Sacramento Ketamine Clinic Directory — administration"
admin.site.site_title = "Directory admin"
admin.site.index_title = "Directory administration"

# Every section's sitemap, for /sitemap.xml. The URL conf is the one place in config that
# names the apps, so the sitemaps meet here.
SITEMAPS = {"pages": PageSitemap, **CLINIC_SITEMAPS, **ARTICLE_SITEMAPS}

# Site machinery, the admin (English only) and the API: one address each, no language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Password reset for staff, as Django's admin documentation sets it up: the admin's
    # sign-in page offers it once "admin_password_reset" exists. Before admin.site.urls,
    # whose catch-all would answer these paths itself.
    path("admin/password_reset/", StaffPasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # The directory as open data: a read-only HSDS 3.0 API (clinics/hsds/).
    path("api/hsds/", include("clinics.hsds.urls")),
]

# The public pages: English at these addresses, Spanish under /es/ (the same paths). The
# language is read from the path only, so each language's page has its own address.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("editorial-policy/", views.editorial_policy, name="editorial_policy"),
    path(
        "how-results-are-ordered/",
        views.how_results_are_ordered,
        name="how_results_are_ordered",
    ),
    path("open-data/", views.open_data, name="open_data"),
    path("articles/", include("articles.urls")),
    path("", include("clinics.urls")),
    prefix_default_language=False,
)
