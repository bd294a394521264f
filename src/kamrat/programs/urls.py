from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("<slug:slug>/", views.program_detail, name="detail"),
]
