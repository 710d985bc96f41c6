"""PDF documents of the council (the invitation, the minutes) rendered by WeasyPrint."""

import hashlib
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext, npgettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from members.models import Person

from .models import Attendance, Resolution
from .pdf_ua import finish_for_pdf_ua

# What the council keeps (approved minutes, adopted reports) is archived as PDF/A-3a: PDF/A with
# the document's structure tagged, so it can be kept and read aloud by screen readers. It also
# declares PDF/UA-1, which WeasyPrint cannot write beside PDF/A (see pdf_ua.py).
ARCHIVE_VARIANT = "pdf/a-3a"
# Every other document (an invitation, minutes and reports not yet final) is PDF/UA-1 only.
ACCESSIBLE_VARIANT = "pdf/ua-1"

# The language tag written into the PDF, which screen readers use to pick a voice.
PDF_LANGUAGES = {"sl": "sl-SI", "en": "en-GB"}


class StaticOnlyFetcher(URLFetcher):
    """Serves static files from disk and data: URLs, and refuses everything else.

    Fetching over HTTP would make the server call itself while it renders (a deadlock with one
    worker) and would let a stray address in a document reach the network.
    """

    def __init__(self, base_url):
        super().__init__(allowed_protocols={"data"})
        self.static_prefixes = [base_url.rstrip("/") + settings.STATIC_URL, settings.STATIC_URL]

    def fetch(self, url, headers=None):
        for prefix in self.static_prefixes:
            if url.startswith(prefix):
                path = finders.find(url.removeprefix(prefix).split("?")[0])
                if not path:
                    raise ValueError(f"No static file at {url}")
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, Path(path).read_bytes(), headers={"Content-Type": content_type}
                )
        return super().fetch(url, headers)


def render_pdf(template_name, context, *, base_url, archive=False):
    """Render a template to an A4 PDF and return its bytes.

    Official documents are written in the portal's language (Slovenian) whatever the language of
    the screen that asked for them. The template should extend ``meetings/pdf/_letter_base.html``,
    which sets the page, the fonts (embedded by WeasyPrint) and the PDF's title, author and
    language; the context needs ``council``. ``base_url`` is the site's root
    (``request.build_absolute_uri("/")``), against which static files are resolved.
    """
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            template_name, {**context, "pdf_lang": PDF_LANGUAGES.get(language, language)}
        )
    return html_to_pdf(html, base_url=base_url, archive=archive)


def html_to_pdf(html, *, base_url, archive=False):
    """The PDF bytes of a standalone HTML document; ``archive`` for a record kept as PDF/A.

    Tagged in both cases and PDF/UA-1: the structure (headings, lists, tables) reaches screen
    readers, and page numbers and draft marks are artifacts they skip.
    """
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher(base_url))
    variant = ARCHIVE_VARIANT if archive else ACCESSIBLE_VARIANT
    return finish_for_pdf_ua(document.write_pdf(pdf_variant=variant, pdf_tags=True))


def minutes_context(session):
    attendances = session.attendances.select_related("person")
    resolutions = Resolution.objects.select_related("responsible")
    items = session.items.filter(withdrawn=False)
    return {
        "council": session.mandate.council,
        "session": session,
        "items": items.prefetch_related(Prefetch("resolutions", queryset=resolutions)),
        "attendance": attendance_lines(attendances),
    }


def attendance_lines(attendances):
    """(label, names) of those present, excused and absent, in the order of their names."""
    lines = []
    for presence in Attendance.Presence.values:
        people = [a.person for a in attendances if a.presence == presence]
        if people:
            lines.append((_attendance_label(presence, people), [p.full_name for p in people]))
    return lines


def _attendance_label(presence, people):
    """The label agrees with the people it names, in number and gender: "Navzoč:" of a man,
    "Navzoča:" of a woman (or of two men), "Navzoče:" of three women; a mixed group is
    masculine, "Navzoči:"."""
    count = len(people)
    if all(person.gender == Person.Gender.FEMALE for person in people):
        labels = {
            "present": npgettext("woman", "Present:", "Present:", count),
            "excused": npgettext("woman", "Excused:", "Excused:", count),
            "absent": npgettext("woman", "Absent:", "Absent:", count),
        }
    else:
        labels = {
            "present": ngettext("Present:", "Present:", count),
            "excused": ngettext("Excused:", "Excused:", count),
            "absent": ngettext("Absent:", "Absent:", count),
        }
    return labels[presence]


def render_minutes_pdf(session, *, base_url, archive=False):
    """The minutes as they stand now; ``archive`` for the file frozen at approval."""
    return render_pdf(
        "meetings/pdf/minutes.html", minutes_context(session), base_url=base_url, archive=archive
    )


def sha256(data):
    return hashlib.sha256(data).hexdigest()
