from django.urls import path

from . import views

app_name = "recommendations"

publication = "nationellt/rekommendationer/<int:pk>/"
council = "rad/<slug:slug>/rekommendationer/"

urlpatterns = [
    path("nationellt/rekommendationer/", views.publication_list, name="publications"),
    path("nationellt/rekommendationer/ny/", views.publication_create, name="publication_create"),
    path(publication, views.publication_detail, name="publication"),
    path(publication + "andra/", views.publication_edit, name="publication_edit"),
    path(publication + "omraden/ny/", views.area_create, name="area_create"),
    path(publication + "ny-rekommendation/", views.recommendation_create,
         name="recommendation_create"),
    path(publication + "rekommendationer/<int:rec_pk>/andra/", views.recommendation_edit,
         name="recommendation_edit"),
    path(publication + "matris/", views.matrix, name="matrix"),
    path(publication + "matris.xlsx", views.matrix_export, name="matrix_export"),
    path(council, views.council_follow_ups, name="council"),
    path(council + "<int:rec_pk>/", views.follow_up_edit, name="follow_up_edit"),
    path(council + "<int:rec_pk>/organisationer/<int:org_pk>/", views.follow_up_edit,
         name="follow_up_edit_organisation"),
    path("rad/<slug:slug>/uppfoljningar/<int:pk>/", views.follow_up_detail, name="follow_up"),
    path(council + "omgangar/ny/", views.round_create, name="round_create"),
    path(council + "omgangar/<int:pk>/", views.round_detail, name="round"),
    path(council + "omgangar/<int:pk>/hamta-svar/", views.round_apply, name="round_apply"),
]  # fmt: skip
