from django.urls import path

from clinics import views

app_name = "clinics"

urlpatterns = [
    path("clinics/", views.clinic_list, name="clinic_list"),
    path("clinics/<slug:slug>/", views.clinic_detail, name="clinic_detail"),
    path("clinics/<slug:slug>/report/", views.problem_report_create, name="problem_report_create"),
    path(
        "clinics/<slug:slug>/report/thanks/",
        views.problem_report_thanks,
        name="problem_report_thanks",
    ),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment_detail"),
]
