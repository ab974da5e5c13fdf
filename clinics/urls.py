from django.urls import path

from clinics import views

app_name = "clinics"

urlpatterns = [
    path("clinics/", views.clinic_list, name="clinic_list"),
    path("clinics/<slug:slug>/", views.clinic_detail, name="clinic_detail"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
]
