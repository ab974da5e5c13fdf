from django.urls import path, re_path

from clinics.hsds import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("services", views.service_list, name="service_list"),
    path("services/<str:record_id>", views.service_detail, name="service_detail"),
    path("organizations", views.organization_list, name="organization_list"),
    path("organizations/<str:record_id>", views.organization_detail, name="organization_detail"),
    path("service_at_locations", views.service_at_location_list, name="service_at_location_list"),
    path(
        "service_at_locations/<str:record_id>",
        views.service_at_location_detail,
        name="service_at_location_detail",
    ),
    path("taxonomies", views.taxonomy_list, name="taxonomy_list"),
    path("taxonomies/<str:record_id>", views.taxonomy_detail, name="taxonomy_detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_term_list"),
    path("taxonomy_terms/<str:record_id>", views.taxonomy_term_detail, name="taxonomy_term_detail"),
    # Anything else under /api/hsds/ is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<path>.*)$", views.not_found),
]
