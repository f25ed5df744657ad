from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("aviseringar/", views.notification_settings, name="settings"),
]
