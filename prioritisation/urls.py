from django.urls import path

from . import views

app_name = "prioritisation"

rounds = "rad/<slug:slug>/planer/<int:year>/prioritering/"
one = rounds + "<int:pk>/"
groups = "rad/<slug:slug>/diskussionsgrupper/"

urlpatterns = [
    path(rounds, views.round_list, name="rounds"),
    path(rounds + "ny/", views.round_create, name="round_create"),
    path(one, views.round_detail, name="round"),
    path(one + "markera/", views.mark, name="mark"),
    path(one + "mote/", views.meeting, name="meeting"),
    path(one + "live/", views.live, name="live"),
    path(one + "beslut/", views.decide, name="decide"),
    path(one + "flytta/", views.move, name="move"),
    path(one + "paminn/", views.remind, name="remind"),
    path(one + "stang/", views.close, name="close"),
    path(one + "export.xlsx", views.export, name="export"),
    path(groups, views.group_list, name="groups"),
    path(groups + "ny/", views.group_create, name="group_create"),
    path(groups + "<int:pk>/", views.group_edit, name="group_edit"),
]
