from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("ke-hoach/", views.plan_current, name="plan_current"),
    path("ke-hoach/<int:year>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:year>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:year>/chi-tieu/", views.targets_edit, name="targets"),
    path("ke-hoach/<int:year>/sao-chep/", views.plan_copy, name="plan_copy"),
    path("ke-hoach/<int:year>/thanh-vien/them/", views.member_edit, name="member_add"),
    path("ke-hoach/<int:year>/thanh-vien/<int:pk>/", views.member_edit, name="member"),
    path("ke-hoach/<int:year>/thanh-vien/<int:pk>/xoa/", views.member_delete, name="member_delete"),
    path("ke-hoach/<int:year>/nhiem-vu/them/", views.task_edit, name="task_add"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("ke-hoach/<int:year>/kinh-phi/", views.funding, name="funding"),
    path("ke-hoach/<int:year>/kinh-phi/them/", views.budget_line_edit, name="budget_line_add"),
    path("ke-hoach/<int:year>/kinh-phi/<int:pk>/", views.budget_line_edit, name="budget_line"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/minh-chung/", views.task_evidence, name="task_evidence"),
    path("minh-chung/<slug:kind>/<int:pk>/", views.evidence_download, name="evidence"),
    path("hoat-dong/", views.activity_list, name="activities"),
    path("hoat-dong/<int:year>/", views.activity_list, name="activities_year"),
    path("hoat-dong/<int:year>/them/", views.activity_edit, name="activity_add"),
    path("hoat-dong/<int:year>/<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/chi-tiet/<int:pk>/", views.activity_detail, name="activity"),
    path("hoat-dong/chi-tiet/<int:pk>/minh-chung/", views.activity_evidence, name="activity_evidence"),
    path("so-lieu/", views.figures_current, name="figures_current"),
    path("so-lieu/<int:year>/", views.figures, name="figures"),
    path("so-lieu/<int:year>/khoi/<int:block_pk>/", views.figures_block, name="figures_block"),
    path("so-lieu/xu-ly/<int:pk>/<slug:step>/", views.figures_decide, name="figures_decide"),
    path("so-lieu/<int:year>/nhap/", views.figures_import, name="figures_import"),
    path("so-lieu/<int:year>/tai-excel/", views.figures_template, name="figures_template"),
    path("so-lieu/nhap/<int:pk>/", views.figures_import_detail, name="figures_import_detail"),
    path("nha-van-hoa/", views.houses, name="houses"),
    path("nha-van-hoa/<int:block_pk>/", views.house_edit, name="house"),
    path("co-quan/", views.organisations, name="organisations"),
    path("co-quan/them/", views.organisation_edit, name="organisation_add"),
    path("co-quan/<int:pk>/", views.organisation_edit, name="organisation"),
    path("co-quan/<int:pk>/cong-nhan/", views.organisation_history, name="organisation_history"),
    path("viec-can-lam/", views.due, name="due"),
]
