from django.urls import path

from . import views

app_name = "households"

urlpatterns = [
    path("khoi-pho/", views.block_list, name="blocks"),
    path("khoi-pho/<int:pk>/", views.block_detail, name="block"),
    path("ho/", views.household_list, name="list"),
    path("ho/them/", views.household_create, name="create"),
    path("ho/xuat-excel/", views.household_export, name="export"),
    path("ho/mau-nhap/", views.household_import_template, name="import_template"),
    path("ho/nhap/", views.household_import, name="import"),
    path("ho/nhap/<int:pk>/", views.household_import_detail, name="import_detail"),
    path("ho/nhap/<int:pk>/tien-do/", views.household_import_progress, name="import_progress"),
    path("ho/<int:pk>/", views.household_detail, name="detail"),
    path("ho/<int:pk>/sua/", views.household_edit, name="edit"),
    path("ho/<int:pk>/chuyen-di/", views.household_move_out, name="move_out"),
    path("ho/<int:pk>/o-lai/", views.household_return, name="return"),
    path("ho/<int:pk>/chuyen-khoi/", views.household_move, name="move"),
]
