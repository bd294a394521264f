from django.urls import path

from . import rights_views, views

app_name = "privacy"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("who-has-looked/", views.access_log_mine, name="access_log"),
    path("my-data/", rights_views.my_data, name="export"),
    path("delete/", rights_views.erase, name="erase"),
    path("consents/<slug:slug>/", views.consents_mine, name="consents"),
    path("texts/<slug:slug>/", views.consent_texts, name="consent_texts"),
    path(
        "texts/<slug:slug>/<str:kind>/new/",
        views.consent_text_new,
        name="consent_text_new",
    ),
    path("evaluation/<slug:slug>/", views.evaluation, name="evaluation"),
    path("has-supporter/<slug:slug>/", views.has_supporter, name="has_supporter"),
]
