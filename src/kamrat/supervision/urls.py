from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/targets/", views.targets, name="targets"),
    path("<slug:slug>/new/", views.session_new, name="new"),
    path("<slug:slug>/mine/", views.mine, name="mine"),
    path("session/<int:supervision_id>/", views.session_detail, name="session"),
    path("session/<int:supervision_id>/move/", views.session_move, name="move"),
    path("session/<int:supervision_id>/cancel/", views.session_cancel, name="cancel"),
    path(
        "session/<int:supervision_id>/attendance/",
        views.session_attendance,
        name="attendance",
    ),
]
