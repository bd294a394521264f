from django.contrib import admin
from django.urls import include, path

from kamrat.core import views as core_views
from kamrat.support.views import calendar as support_calendar

handler500 = "kamrat.core.views.server_error"

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("healthz", core_views.healthz, name="healthz"),
    path("language/", core_views.language_set, name="language_set"),
    path("home/", include("kamrat.accounts.urls")),
    path("p/", include("kamrat.programs.urls")),
    path("support/", include("kamrat.support.urls")),
    path("privacy/", include("kamrat.privacy.urls")),
    path("recovery/", include("kamrat.recovery.urls")),
    path("concerns/", include("kamrat.concerns.urls")),
    path("recruitment/", include("kamrat.recruitment.urls")),
    path("supervision/", include("kamrat.supervision.urls")),
    path("training/", include("kamrat.training.urls")),
    path("placements/", include("kamrat.placements.urls")),
    path("reports/", include("kamrat.reports.urls")),
    path("calendar/<str:token>.ics", support_calendar.feed, name="calendar_feed"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
