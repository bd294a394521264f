from django.urls import path

from . import views

app_name = "concerns"
urlpatterns = [
    path("raise/<slug:slug>/", views.concern_raise, name="raise"),
    path("<int:concern_id>/", views.concern_detail, name="detail"),
    path(
        "<int:concern_id>/acknowledge/",
        views.concern_acknowledge,
        name="acknowledge",
    ),
    path("<int:concern_id>/close/", views.concern_close, name="close"),
    path("list/<slug:slug>/", views.concern_list, name="list"),
    path("rota/<slug:slug>/", views.rota, name="rota"),
    path("rota/<slug:slug>/shifts/", views.rota_shift_add, name="shift_add"),
    path(
        "rota/<slug:slug>/shifts/<int:shift_id>/remove/",
        views.rota_shift_remove,
        name="shift_remove",
    ),
    path("rota/<slug:slug>/order/", views.rota_order, name="order"),
]
