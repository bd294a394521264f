from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/events/", views.events, name="events"),
    path("<slug:slug>/events/new/", views.event_new, name="event_new"),
    path("<slug:slug>/placements/new/", views.placement_new, name="placement_new"),
    path("<slug:slug>/workplace/", views.workplace, name="workplace"),
    path("event/<int:event_id>/", views.event_detail, name="event"),
    path(
        "event/<int:event_id>/schedule/",
        views.schedule_build,
        name="schedule_build",
    ),
    path("event/<int:event_id>/held/", views.held, name="held"),
    path("event/<int:event_id>/offer/", views.offer, name="offer"),
    path("event/<int:event_id>/interest/", views.interest, name="interest"),
    path(
        "placement/<int:placement_id>/end/",
        views.placement_end,
        name="placement_end",
    ),
]
