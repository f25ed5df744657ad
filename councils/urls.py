from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("<slug:slug>/", views.council_detail, name="detail"),
    path("<slug:slug>/installningar/", views.council_settings, name="settings"),
    path("<slug:slug>/ledamoter/", views.member_list, name="members"),
    path("<slug:slug>/ledamoter/ny/", views.member_add, name="member_add"),
    path(
        "<slug:slug>/ledamoter/organisationer/",
        views.organisation_search,
        name="organisation_search",
    ),
    path("<slug:slug>/ledamoter/<int:pk>/", views.member_edit, name="member_edit"),
    path("<slug:slug>/ledamoter/<int:pk>/avsluta/", views.member_end, name="member_end"),
]
