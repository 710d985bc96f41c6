"""Walk the portal as a person would: open a page, follow every link on it, and so on.

The walk keeps to the portal's own HTML pages (no downloads, no admin, no other councils' pages
than the ones linked) and opens each page at most once. A page reached under many addresses of
one kind (each seat's "end membership" page) is opened for each object, up to ``per_name``, so
that objects in unusual states (a vacant seat, a session without a date) are walked too.

Addresses that answer with a file (the PDFs, exports, open data and calendars the permission
matrix lists as NOT_HTML) are not even opened: making a PDF costs more than most pages, and the
walk would only throw it away. The permission matrix opens each of them as every persona.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

from tests.security.test_permission_matrix import NOT_HTML

# Not pages a person reads: the admin keeps its own templates; feeds and files are not HTML.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")


@dataclass
class Page:
    url: str
    name: str  # the URL's name, e.g. "members:membership_end"
    html: str


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_on(html):
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _url_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, *starts, per_name=60, limit=1500):
    """The HTML pages reachable from ``starts`` by following links, as ``client`` sees them."""
    pages, seen, queue, per = [], set(starts), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        name = _url_name(urlsplit(url).path)
        if name is None or name in NOT_HTML or per.get(name, 0) >= per_name:
            continue
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        per[name] = per.get(name, 0) + 1
        html = response.content.decode()
        pages.append(Page(url, name, html))
        for href in links_on(html):
            target, _fragment = urldefrag(href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a mail address, or the page itself
            if target in seen or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(target)
            queue.append(target)
    return pages
