from django.urls import path

from . import views

app_name = "workgroups"

council = "rad/<slug:slug>/arbetsgrupper/"
group = council + "<int:pk>/"
member = group + "medlemmar/<int:member_pk>/"
goal = group + "mal/<int:goal_pk>/"
meeting = group + "moten/<int:meeting_pk>/"
report = group + "rapporter/<int:report_pk>/"
document = group + "dokument/<int:document_pk>/"

urlpatterns = [
    path("arbetsgrupper/", views.group_mine, name="mine"),
    path(council, views.group_list, name="list"),
    path(council + "ny/", views.group_create, name="create"),
    path(council + "fragor/", views.question_inbox, name="questions"),
    path(council + "fragor/<int:question_pk>/", views.question_answer, name="question_answer"),
    path(group, views.group_detail, name="detail"),
    path(group + "andra/", views.group_edit, name="edit"),
    path(group + "export.xlsx", views.group_export, name="export"),
    path(group + "medlemmar/ny/", views.member_add, name="member_add"),
    path(member + "andra/", views.member_edit, name="member_edit"),
    path(member + "ta-bort/", views.member_remove, name="member_remove"),
    path(group + "mal/ny/", views.goal_create, name="goal_create"),
    path(goal, views.goal_row, name="goal"),
    path(goal + "andra/", views.goal_edit, name="goal_edit"),
    path(goal + "flytta/", views.goal_move, name="goal_move"),
    path(goal + "ta-bort/", views.goal_delete, name="goal_delete"),
    path(group + "moten/ny/", views.meeting_create, name="meeting_create"),
    path(meeting, views.meeting_detail, name="meeting"),
    path(meeting + "andra/", views.meeting_edit, name="meeting_edit"),
    path(meeting + "minnesanteckningar/", views.meeting_minutes, name="meeting_minutes"),
    path(meeting + "ta-bort/", views.meeting_delete, name="meeting_delete"),
    path(meeting + "kalender.ics", views.meeting_ics, name="meeting_ics"),
    path(group + "kalender.ics", views.group_ics, name="group_ics"),
    path(group + "kalender/prenumeration/", views.feed_subscribe, name="feed_subscribe"),
    path("arbetsgrupper/kalender/<str:token>.ics", views.feed, name="feed"),
    path(group + "rapporter/ny/", views.report_create, name="report_create"),
    path(report, views.report_detail, name="report"),
    path(report + "andra/", views.report_edit, name="report_edit"),
    path(report + "lamna-in/", views.report_submit, name="report_submit"),
    path(report + "fragor/ny/", views.question_add, name="question_add"),
    path(group + "dokument/ny/", views.document_upload, name="document_upload"),
    path(document, views.document_download, name="document_download"),
    path(document + "ta-bort/", views.document_delete, name="document_delete"),
]
