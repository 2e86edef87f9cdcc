"""What a web process's first request would otherwise pay, paid when the process starts
(gunicorn.conf.py's post_worker_init): every view module imported through the URLs, the Vietnamese
catalogue read, every template of the app compiled into the cached loader. After a restart nobody
waits a second or two for a cold process, and a template that does not compile is found at once.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation


def warm() -> int:
    """Warm this process; returns how many templates were compiled."""
    reverse("login")  # builds the URL resolver: every app's urls and views imported
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Đăng nhập")
    compiled = 0
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            get_template(path.relative_to(folder).as_posix())
            compiled += 1
    return compiled
