from django.urls import path

from . import views

app_name = "recovery"
urlpatterns = [
    path("", views.plans, name="plans"),
    path("shared/<int:pairing_id>/", views.shared_plan, name="shared"),
    path("items/<int:item_id>/", views.item_edit, name="item_edit"),
    path("items/<int:item_id>/steps/", views.step_add, name="step_add"),
    path("items/<int:item_id>/<slug:action>/", views.item_action, name="item_action"),
    path("<slug:slug>/", views.plan, name="plan"),
    path("<slug:slug>/print/", views.plan_print, name="print"),
    path("<slug:slug>/sharing/", views.sharing, name="sharing"),
    path("<slug:slug>/add/<slug:part>/", views.item_add, name="item_add"),
]
