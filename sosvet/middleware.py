from django.conf import settings
from django.shortcuts import render
from django.utils import translation


class SlovenianFirstLocaleMiddleware:
    """Speak Slovenian unless the visitor has chosen another language with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
    every council member whose computer happens to be set up in English. Here only the explicit
    choice (the language cookie set by the switch in the footer) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than any form of the portal needs, before reading it.

    Django reads a body only when a view or CSRF check asks for request.POST, so this runs before
    that, from the length the client declares. The largest body allowed is one material at the
    upload limit plus the other fields of a form (Django's own limit for fields); a file just
    over the upload limit still reaches the form and gets its message there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django then reads no body at all
        if declared > largest_request_bytes():
            return render(
                request,
                "413.html",
                {"limit": settings.SOSVET_MAX_UPLOAD_MB * 1024 * 1024},
                status=413,
            )
        return self.get_response(request)


def largest_request_bytes():
    return settings.SOSVET_MAX_UPLOAD_MB * 1024 * 1024 + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
