from django.urls import path

from .views import certify, manage, trainee

app_name = "training"
urlpatterns = [
    # Fixed words first, so they are never read as a programme's slug.
    path("mine/", trainee.mine, name="mine"),
    path("feed/<str:token>.ics", trainee.feed, name="feed"),
    path(
        "enrolment/<int:enrolment_id>/feed/renew/",
        trainee.feed_renew,
        name="feed_renew",
    ),
    path("enrolment/<int:enrolment_id>/withdraw/", manage.withdraw, name="withdraw"),
    path("certificates/", certify.my_certificates, name="my_certificates"),
    path("certificate/<int:certificate_id>/", certify.certificate, name="certificate"),
    path(
        "certificate/<int:certificate_id>/pdf/",
        certify.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "certificate/<int:certificate_id>/revoke/",
        certify.certificate_revoke,
        name="certificate_revoke",
    ),
    path("verify/", certify.verify, name="verify"),
    path("verify/<str:code>/", certify.verify_code, name="verify_code"),
    path("cohort/<int:cohort_id>/", manage.cohort_detail, name="cohort"),
    path("cohort/<int:cohort_id>/week/<int:number>/", manage.week, name="week"),
    path(
        "cohort/<int:cohort_id>/sessions/new/",
        manage.session_new,
        name="session_new",
    ),
    path("cohort/<int:cohort_id>/enrol/", manage.enrol, name="enrol"),
    path("cohort/<int:cohort_id>/complete/", manage.complete, name="complete"),
    path("session/<int:training_session_id>/", manage.session_detail, name="session"),
    path(
        "session/<int:training_session_id>/attendance/",
        manage.attendance,
        name="attendance",
    ),
    path("<slug:slug>/", manage.cohorts, name="cohorts"),
    path("<slug:slug>/new/", manage.cohort_new, name="cohort_new"),
    path("<slug:slug>/education/", manage.education, name="education"),
]
