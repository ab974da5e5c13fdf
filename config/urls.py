from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import views
from config.sitemaps import SITEMAPS

admin.site.site_header = "Sacramento Ketamine Clinic Directory — administration"
admin.site.site_title = "Directory admin"
admin.site.index_title = "Directory administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("articles/", include("articles.urls")),
    path("", include("clinics.urls")),
]
