"""The Django side of the benchmark, run against one built dataset (a subprocess of run.py).

For each page it finds the address and the persona that opens it, logs the persona in (a session
row in the database, as a login would leave), counts the page's queries with Django's test client
and checks it answers 200; then it times the report PDF view against WeasyPrint alone. It prints
one JSON object for run.py. Run with the same environment as the server (debug off, same secret
key), so the session cookies it hands out are valid there.

No page keeps a user's repeat views any more (the per-login page cache was removed), so every
view wrk measures is a first view. ``KEPT`` names pages that would keep them; for those the probe
also counts and times the first view beside a repeat view.
"""

import argparse
import json
import statistics
import time

from bench.dataset import PTUJ_USERS, setup_django

COUNCIL = "ptuj"
# page: (persona, URL name); the kwargs are filled in by ``addresses``.
PAGES = {
    "dashboard": ("member", "dashboard"),
    "session": ("member", "meetings:session"),
    "roster": ("member", "members:roster"),
    "reports": ("mayors_office", "reports:report_list"),
    "report_pdf": ("mayors_office", "reports:report_pdf"),
    # For reference, not a target: about the lightest council page there is (a handful of rows
    # under the council's layout), to show what the layout, login and council lookup cost alone.
    "mandates": ("member", "members:mandate_list"),
}
KEPT = []  # pages with repeat views served from a cache: none since issue 11


def addresses():
    """page → (persona, path), and a description of what the pages show."""
    from django.urls import reverse

    from meetings.models import Session
    from reports.models import AnnualReport

    # The session page: the latest held session, with its agenda, materials, outcome, attendance.
    session = (
        Session.objects.filter(mandate__council__slug=COUNCIL, status=Session.Status.HELD)
        .order_by("-date")
        .first()
    )
    draft = AnnualReport.objects.filter(council__slug=COUNCIL, status="draft").latest("report_year")
    kwargs = {
        "dashboard": {"council": COUNCIL},
        "session": {"council": COUNCIL, "pk": session.pk},
        "roster": {"council": COUNCIL},
        "reports": {"council": COUNCIL},
        "report_pdf": {"council": COUNCIL, "pk": draft.pk},
        "mandates": {"council": COUNCIL},
    }
    pages = {
        page: (persona, reverse(name, kwargs=kwargs[page]))
        for page, (persona, name) in PAGES.items()
    }
    about = {
        "session": f"{session} of {session.date:%Y-%m-%d}: {session.items.count()} agenda items, "
        f"{session.attendances.count()} attendance rows, {session.resolutions.count()} resolutions",
        "report": f"draft {draft}",
    }
    return pages, draft, about


def count_queries(client, path):
    """Queries of a first view (nothing kept) and of the repeat view after it."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: what a process does once (translations, content types)
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    with CaptureQueriesContext(connection) as repeat:
        client.get(path)
    return len(first), len(repeat)


def time_views(client, path, rounds):
    """Median milliseconds of a first view and of a repeat view, interleaved round by round."""
    from django.core.cache import cache

    first, repeat = [], []
    for _ in range(rounds):
        cache.clear()
        for samples in (first, repeat):
            started = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
    return {"first_ms": statistics.median(first), "repeat_ms": statistics.median(repeat)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-rounds", type=int, default=20)
    parser.add_argument("--view-rounds", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.report_pdf import compare

    users = {
        persona: get_user_model().objects.get(username=username)
        for persona, username in PTUJ_USERS.items()
    }
    clients = {}
    for persona, user in users.items():
        clients[persona] = Client(HTTP_HOST="127.0.0.1")
        # The backend a password login records (axes only guards the login, it keeps no one).
        clients[persona].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    pages, draft, about = addresses()
    result = {"about": about, "pages": {}}
    for page, (persona, path) in pages.items():
        client = clients[persona]
        first, repeat = count_queries(client, path)
        # What a browser sends after its first page: the login's session and the CSRF cookie.
        cookies = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        result["pages"][page] = {
            "path": path,
            "persona": persona,
            "cookie": "; ".join(f"{name}={client.cookies[name].value}" for name in cookies),
            "queries": first,
            "repeat_queries": repeat,
        }
        if page in KEPT:
            result["pages"][page]["views"] = time_views(client, path, args.view_rounds)
    times = compare(draft, users["mayors_office"], max(args.pdf_rounds, 2))
    result["pdf"] = {
        name: {
            "median_ms": statistics.median(samples) * 1000,
            "p90_ms": statistics.quantiles(samples, n=10, method="inclusive")[-1] * 1000,
        }
        for name, samples in times.items()
    }
    result["pdf"]["rounds"] = len(times["view"])
    print("BENCH-PROBE " + json.dumps(result))


if __name__ == "__main__":
    main()
