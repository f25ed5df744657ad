"""The peer's URLs: the survey app's, where its documentation mounts them."""

from django.urls import include, path

urlpatterns = [path("survey/", include("survey.urls"))]
