from django.conf import settings
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
