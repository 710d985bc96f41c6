"""Security headers on every role's pages; error pages in Slovenian that leak nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import log_in

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def check_security_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    hsts = response["Strict-Transport-Security"]
    assert "includeSubDomains" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("persona", [None, "member", "mayors_office", "secretary", "outsider"])
def test_every_role_gets_the_security_headers(client, request, persona, mandate):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    addresses = [reverse("login"), reverse("members:roster", kwargs={"council": "ptuj"})]
    for address in addresses:
        response = client.get(address, secure=True)
        check_security_headers(response)


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, member):
    client.get(reverse("login"))
    log_in(client, "clan")
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_production_settings_pass_the_deploy_check(deploy_check_of_complete_settings):
    result = deploy_check_of_complete_settings
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("persona", [None, "member"])
def test_not_found_page_is_slovenian(client, request, persona, council):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get("/ni-takega-naslova/in-se-manj/")
    assert response.status_code == 404
    assert "Strani ni mogoče najti" in response.content.decode()


def test_forbidden_page_is_slovenian(client, member, council):
    client.force_login(member)
    response = client.get(reverse("members:person_create", kwargs={"council": "ptuj"}))
    assert response.status_code == 403
    assert "Ni dovoljeno" in response.content.decode()


@pytest.mark.urls("tests.security.urls_with_failure")
def test_server_error_page_shows_no_traceback_sql_or_settings(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/test-failure/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Prišlo je do napake" in page
    for leak in ("Traceback", "SELECT", "RuntimeError", "settings", "SECRET_KEY"):
        assert leak not in page


PROBE = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="sosvet.example.si")
for address in ("/healthz", "/racun/prijava/"):
    response = client.get(address)
    print(address, response.status_code, response.content.decode() or response["Location"])
"""


def test_plain_http_health_probe_is_answered_in_production_while_pages_go_to_https(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SOSVET_")
        and key not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    env.update(
        SOSVET_DEBUG="0",
        SOSVET_SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        SOSVET_ALLOWED_HOSTS="sosvet.example.si",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="sosvet.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/healthz 200 ok",
        "/racun/prijava/ 301 https://sosvet.example.si/racun/prijava/",
    ]
