from django.urls import path, register_converter

from . import views


class ExportFormat:
    regex = "xlsx|csv|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "exportformat")

app_name = "activities"

plan = "rad/<slug:slug>/planer/<int:year>/"
activity = plan + "aktiviteter/<int:pk>/"

urlpatterns = [
    path("rad/<slug:slug>/planer/", views.plan_list, name="plan_list"),
    path("rad/<slug:slug>/planer/ny/", views.plan_create, name="plan_create"),
    path(plan, views.plan_detail, name="plan"),
    path(plan + "installningar/", views.plan_settings, name="plan_settings"),
    path(plan + "kopiera/", views.plan_copy, name="plan_copy"),
    path(plan + "export.<exportformat:fmt>", views.plan_export, name="plan_export"),
    path(plan + "import/", views.plan_import, name="plan_import"),
    path(plan + "aktiviteter/ny/", views.activity_create, name="activity_create"),
    path(activity, views.activity_detail, name="activity"),
    path(activity + "andra/", views.activity_edit, name="activity_edit"),
    path(activity + "satt/", views.activity_set, name="activity_set"),
    path(activity + "flytta/", views.activity_move, name="activity_move"),
    path(activity + "ta-bort/", views.activity_delete, name="activity_delete"),
    path(activity + "anteckningar/", views.activity_note_add, name="activity_note_add"),
    path(activity + "lyft/", views.activity_raise, name="activity_raise"),
    path("nationellt/oversikt/", views.rollup, name="rollup"),
    path("nationellt/jamfor/", views.compare, name="compare"),
    path("nationellt/jamfor/export.xlsx", views.compare_export, name="compare_export"),
    path("nationellt/lyfta/", views.inbox, name="inbox"),
    path("nationellt/lyfta/<int:pk>/", views.raise_answer, name="raise_answer"),
]
