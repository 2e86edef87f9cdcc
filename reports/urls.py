from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("tinh/", views.province, name="province"),
    path("tinh/chi-so.json", views.province_json, name="province_json"),
    path("tinh/chi-so.xlsx", views.province_xlsx, name="province_xlsx"),
    path("bao-cao/<int:year>/", views.yearend, name="yearend"),
    path("bao-cao/<int:year>/chot/", views.year_close, name="year_close"),
    path("bao-cao/<int:year>/mo-chot/", views.year_reopen, name="year_reopen"),
    path("bao-cao/<int:year>/xem-truoc/", views.yearend_preview, name="yearend_preview"),
    path("bao-cao/<int:year>/tao-pdf/", views.yearend_generate, name="yearend_generate"),
    path("bao-cao/<int:year>/ban-word.docx", views.yearend_word, name="yearend_docx"),
    path("bao-cao/<int:year>/thong-ke.xlsx", views.statistics, name="statistics"),
    path("bao-cao/<int:year>/bieu-tong-hop.xlsx", views.summary_table, {"kind": "xlsx"}, name="summary_table_xlsx"),
    path("bao-cao/<int:year>/bieu-tong-hop.pdf", views.summary_table, {"kind": "pdf"}, name="summary_table_pdf"),
    path(
        "bao-cao/<int:year>/the-thao-quan-chung.xlsx",
        views.sports_assessment,
        {"kind": "xlsx"},
        name="sports_assessment_xlsx",
    ),
    path(
        "bao-cao/<int:year>/the-thao-quan-chung.pdf",
        views.sports_assessment,
        {"kind": "pdf"},
        name="sports_assessment_pdf",
    ),
    path("bao-cao/tep/<int:pk>/", views.report_file, name="file"),
    path("bao-cao/tep/<int:pk>/tai-ve/", views.report_file_download, name="file_download"),
    path("bao-cao/tep/<int:pk>/thu-lai/", views.report_file_retry, name="file_retry"),
    path("viec-can-lam/", views.due, name="due"),
    path("api/chi-tieu/<int:year>/", views.api_indicators, name="api_indicators"),
    path("tai-khoan/khoa-api/", views.api_token, name="api_token"),
]
