from django.urls import path

from . import views

app_name = "recognition"

urlpatterns = [
    path("binh-xet/", views.meeting_list, name="meetings"),
    path("binh-xet/khoi/<int:block_pk>/", views.meeting_block, name="block"),
    path("binh-xet/<int:pk>/", views.meeting_detail, name="meeting"),
    path("binh-xet/<int:pk>/ket-qua/", views.meeting_result, name="result"),
    path("binh-xet/<int:pk>/ket-qua.json", views.meeting_results, name="results"),
    path("binh-xet/<int:pk>/con-lai/", views.meeting_complete, name="complete"),
    path("binh-xet/<int:pk>/niem-yet/", views.meeting_post, name="post"),
    path("binh-xet/<int:pk>/ket-thuc/", views.meeting_end, name="end"),
    path("binh-xet/<int:pk>/gui/", views.meeting_submit, name="submit"),
    path("binh-xet/<int:pk>/kiem-tra/", views.meeting_check, name="check"),
    path("binh-xet/<int:pk>/tra-lai/", views.meeting_return, name="return"),
    path("binh-xet/<int:pk>/mo-lai/", views.meeting_reopen, name="reopen"),
    path("binh-xet/<int:pk>/<slug:paper>.pdf", views.meeting_paper, name="paper"),
    path("binh-xet/<int:pk>/<slug:paper>.docx", views.meeting_paper_docx, name="paper_docx"),
    path("binh-xet/<int:pk>/y-kien/", views.posting_comments, name="comments"),
    path("dang-ky/khoi/<int:block_pk>/", views.register_block, name="register_block"),
    path("danh-hieu/", views.titles, name="titles"),
    path("danh-hieu/khoi/<int:block_pk>/bao-cao/", views.block_report, name="block_report"),
    path("danh-hieu/ho-so/<int:pk>/<slug:step>/", views.block_dossier_step, name="block_dossier_step"),
    path("danh-hieu/ho-so/<int:pk>/<slug:paper>.pdf", views.dossier_paper, name="dossier_paper"),
    path("danh-hieu/ho-so/<int:pk>/<slug:paper>.docx", views.dossier_paper_docx, name="dossier_paper_docx"),
    path("danh-hieu/co-quan/<int:pk>/cong-nhan/", views.organisation_recognise, name="organisation_recognise"),
    path("danh-hieu/tieu-bieu/", views.commend, name="commend"),
    path("danh-hieu/dang-ky/<slug:kind>/<int:pk>/", views.register, name="register"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/moi/", views.decision_new, name="decision_new"),
    path("quyet-dinh/ghi-nhan/", views.recorded_decision_new, name="recorded_decision_new"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/ban-chup/", views.decision_scan, name="decision_scan"),
    path("quyet-dinh/<int:pk>.pdf", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>.docx", views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/giay-cong-nhan/<int:block_pk>.pdf", views.decision_certificates, name="certificates"),
    path("quyet-dinh/<int:pk>/giay-cong-nhan.pdf", views.decision_all_certificates, name="all_certificates"),
]
