from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("who-has-looked/", views.access_log_mine, name="access_log"),
]
