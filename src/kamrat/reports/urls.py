from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<slug:slug>/", views.report, name="report"),
    path("<slug:slug>/report.csv", views.report_csv, name="csv"),
    path("<slug:slug>/report.xlsx", views.report_xlsx, name="xlsx"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="pdf"),
]
