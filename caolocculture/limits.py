"""Request bodies over the limit are refused from their declared length, before any view or
parser reads them: Django's DATA_UPLOAD_MAX_MEMORY_SIZE counts only the fields of a form, not
its files, so without this a 50 MB upload was spooled to a temporary file before the form said
it was too big."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1 style="font-size: 1.3rem">{title}</h1><p>{message}</p><p><a href="/">{home}</a></p></body></html>"""


def limit() -> int:
    """The whole request body: a 10 MB file and its form (12 MB, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _refusal(status: int, title: str, message: str) -> HttpResponse:
    page = PAGE.format(title=title, message=message, home=_("Về trang chủ"))
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


class RequestBodyLimit:
    """First in MIDDLEWARE: answers 413 when Content-Length says the body is over the limit, and
    411 to a body sent in chunks without a length (WSGI reads no more than Content-Length, so such
    a body would be silently dropped; better to say so). Nothing of the body is read either way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or ""
        try:
            length = int(declared) if declared.strip() else None
        except ValueError:
            length = None  # Django itself reads such a body as empty
        if length is not None and length > limit():
            mb = limit() // (1024 * 1024)
            return _refusal(
                413,
                _("Dữ liệu gửi lên quá lớn"),
                _("Mỗi lần gửi tối đa %(mb)d MB (mỗi tệp tối đa 10 MB). Hãy chọn tệp nhỏ hơn hoặc gửi từng tệp một.")
                % {"mb": mb},
            )
        if length is None and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _refusal(411, _("Yêu cầu không hợp lệ"), _("Dữ liệu gửi lên phải kèm độ dài (Content-Length)."))
        return self.get_response(request)
