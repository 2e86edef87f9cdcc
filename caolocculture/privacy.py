"""Pages and downloads seen signed in carry personal data: no browser, proxy or shared computer
may keep a copy. One middleware, so no new view can forget it (a decorator per view could)."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class NoStoreWhenSignedIn:
    """`Cache-Control: private, no-store` on every response to a signed-in person or to a request
    with an API key. Static files are answered by WhiteNoise before this runs (and skipped here too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if (signed_in or "HTTP_AUTHORIZATION" in request.META) and not request.path.startswith(
            "/" + settings.STATIC_URL.lstrip("/")
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
