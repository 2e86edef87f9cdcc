"""The dashboard at the site's root, under its plain names ("home", "history_json") that every
page links to; included by caolocculture/urls.py by name, so the project package imports no app."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("chi-tieu/lich-su.json", views.history_json, name="history_json"),
]
