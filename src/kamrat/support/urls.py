from django.urls import path

from .views import calendar, contacts, coordinator, entry, participant, supporter

app_name = "support"
urlpatterns = [
    path("", participant.support_home, name="home"),
    path("ask/<slug:slug>/", participant.request_new, name="request_new"),
    path("start/<slug:slug>/", entry.register, name="register"),
    path("code/", entry.code_redeem, name="code"),
    path("keep/", entry.keep_account, name="keep"),
    path("codes/<slug:slug>/", entry.codes_create, name="codes"),
    path("refer/<slug:slug>/", entry.refer, name="refer"),
    path("requests/<int:request_id>/", participant.request_detail, name="request"),
    path(
        "requests/<int:request_id>/choose/",
        participant.request_choose,
        name="request_choose",
    ),
    path(
        "requests/<int:request_id>/confirm/",
        participant.request_confirm,
        name="request_confirm",
    ),
    path(
        "requests/<int:request_id>/withdraw/",
        participant.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "requests/<int:request_id>/take/", coordinator.request_take, name="request_take"
    ),
    path(
        "requests/<int:request_id>/assign/",
        coordinator.request_assign,
        name="request_assign",
    ),
    path("contacts/<int:pairing_id>/", contacts.pairing_detail, name="pairing"),
    path("contacts/<int:pairing_id>/book/", contacts.meeting_book, name="meeting_book"),
    path(
        "contacts/<int:pairing_id>/<slug:action>/",
        contacts.pairing_action,
        name="pairing_action",
    ),
    path("meetings/<int:meeting_id>/move/", contacts.meeting_move, name="meeting_move"),
    path(
        "meetings/<int:meeting_id>/cancel/",
        contacts.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "meetings/<int:meeting_id>/record/",
        contacts.meeting_record,
        name="meeting_record",
    ),
    path("week/", supporter.week, name="week"),
    path("times/<slug:slug>/", supporter.times, name="times"),
    path("queue/<slug:slug>/", coordinator.queue, name="queue"),
    path("queue/<slug:slug>/run/", coordinator.queue_run, name="queue_run"),
    path("caseloads/<slug:slug>/", coordinator.caseloads, name="caseloads"),
    path("calendar/", calendar.feed_settings, name="calendar"),
]
