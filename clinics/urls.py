from django.urls import path

from clinics import views

app_name = "clinics"

urlpatterns = [
    path("clinics/", views.clinic_list, name="clinic_list"),
    # Before clinic_detail, whose <slug> would take "compare" otherwise.
    path("clinics/compare/", views.clinic_compare, name="clinic_compare"),
    # Before clinic_detail, whose <slug> would take "list-your-clinic" otherwise.
    path("clinics/list-your-clinic/", views.listing_request_create, name="listing_request_create"),
    path(
        "clinics/list-your-clinic/thanks/",
        views.listing_request_thanks,
        name="listing_request_thanks",
    ),
    path("clinics/<slug:slug>/", views.clinic_detail, name="clinic_detail"),
    path("clinics/<slug:slug>/report/", views.problem_report_create, name="problem_report_create"),
    path(
        "clinics/<slug:slug>/report/thanks/",
        views.problem_report_thanks,
        name="problem_report_thanks",
    ),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment_detail"),
    path("welcome/<uidb64>/<token>/", views.StaffInvitationView.as_view(), name="staff_invitation"),
    path("welcome/done/", views.staff_invitation_done, name="staff_invitation_done"),
]
