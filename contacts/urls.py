from django.urls import path

from . import views

app_name = "contacts"

council = "rad/<slug:slug>/kontakter/"

urlpatterns = [
    path(council, views.contact_list, name="list"),
    path(council + "<int:pk>/", views.organisation_contacts, name="organisation"),
]
