"""`manage.py check --deploy`: what would tie a person to one web process. Any number of
gunicorn processes on any number of machines serve one installation only if none keeps state of
its own (docs/scaling.md): the cache in Redis, sessions in PostgreSQL, background work on the
broker rather than inside the web request."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.translation import gettext as _

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_state(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    local = {alias for alias, cache in settings.CACHES.items() if cache["BACKEND"] in PROCESS_LOCAL_CACHES}
    if local:
        warnings.append(
            Warning(
                _("Bộ nhớ đệm %(aliases)s nằm trong từng tiến trình web: mỗi tiến trình giữ một bản riêng.")
                % {"aliases": ", ".join(sorted(local))},
                hint=_("Đặt CACHE_URL (hoặc CELERY_BROKER_URL) là địa chỉ Redis dùng chung."),
                id="caolocculture.W001",
            )
        )
    if settings.SESSION_ENGINE.endswith((".cache", ".signed_cookies")) or (
        settings.SESSION_ENGINE.endswith(".cached_db") and local
    ):
        warnings.append(
            Warning(
                _("Phiên đăng nhập không lưu trong cơ sở dữ liệu dùng chung (SESSION_ENGINE)."),
                hint=_("Dùng django.contrib.sessions.backends.db."),
                id="caolocculture.W002",
            )
        )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        warnings.append(
            Warning(
                _("Chưa có hàng đợi (CELERY_BROKER_URL): việc nền chạy ngay trong yêu cầu web."),
                hint=_("Đặt CELERY_BROKER_URL là địa chỉ Redis và chạy worker (make worker)."),
                id="caolocculture.W003",
            )
        )
    return warnings
