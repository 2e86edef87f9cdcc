from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from caolocculture import accounts, views

urlpatterns = [
    path("", include("reports.root_urls")),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dang-nhap/", accounts.Login.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", accounts.PasswordChange.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quan-tri/", admin.site.urls),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/chua-doc.json", views.notifications_unread, name="notifications_unread"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    path("thong-bao/da-doc-tat-ca/", views.notifications_read, name="notifications_read"),
    path("", include("households.urls")),
    path("", include("recognition.urls")),
    path("", include("campaigns.urls")),
    path("", include("reports.urls")),
]

handler400 = "caolocculture.views.bad_request"
