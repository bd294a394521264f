from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    path("calls/<slug:slug>/", views.calls_public, name="calls"),
    path("apply/<int:call_id>/", views.apply, name="apply"),
    path("manage/<slug:slug>/", views.calls_manage, name="manage"),
    path("call/<int:call_id>/", views.pipeline, name="pipeline"),
    path(
        "application/<int:application_id>/",
        views.application_detail,
        name="application",
    ),
    path(
        "application/<int:application_id>/step/",
        views.application_step,
        name="application_step",
    ),
]
