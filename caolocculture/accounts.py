"""Passwords: everyone changes their own; a password someone else set (the admin's temporary
one, a new account's first) must be changed at the next sign-in (middleware.py sends the
person here until it is). Both leave a line in the account's history."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AdminPasswordChangeForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class OwnPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Mật khẩu hiện tại không đúng. Hãy nhập lại."),
    }

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password1", ValidationError(_("Mật khẩu mới phải khác mật khẩu đang dùng.")))
        return cleaned

    def save(self, commit=True):
        self.user.must_change_password = False
        self.user._change_reason = "Tự đổi mật khẩu"
        return super().save(commit)


class TemporaryPasswordForm(AdminPasswordChangeForm):
    """The admin's "set password" for someone else: a temporary password, to be changed at
    their next sign-in."""

    def save(self, commit=True):
        self.user.must_change_password = True
        self.user._change_reason = "Quản trị đặt mật khẩu tạm"
        return super().save(commit)


class PasswordChange(auth_views.PasswordChangeView):
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def form_invalid(self, form):
        # Bad input gets a 4xx, the form shown again with its errors.
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class Login(auth_views.LoginView):
    """The sign-in page; a wrong name or password is bad input like any refused form: a 400."""

    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
