"""Production settings fail loudly: a misconfigured portal refuses to start and says why."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(**environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SOSVET_")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = start(SOSVET_DEBUG="0", SOSVET_ALLOWED_HOSTS="sosvet.example.si")
    assert result.returncode != 0
    assert "SOSVET_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = start(SOSVET_DEBUG="0", SOSVET_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "SOSVET_ALLOWED_HOSTS is not set" in result.stderr


def test_unclear_debug_value_is_an_error_not_a_guess():
    result = start(SOSVET_DEBUG="maybe")
    assert result.returncode != 0
    assert "SOSVET_DEBUG must be one of" in result.stderr


def test_unknown_mail_backend_is_an_error():
    result = start(SOSVET_EMAIL_BACKEND="pigeon")
    assert result.returncode != 0
    assert "SOSVET_EMAIL_BACKEND must be one of" in result.stderr


def test_production_settings_start_when_complete(deploy_check_without_accessibility_body):
    """Started with the secret key and host names alone, the portal passes ``manage.py check``
    and the deployment checks besides (they only warn of what is still missing)."""
    result = deploy_check_without_accessibility_body
    assert result.returncode == 0, result.stderr


def database_options(**environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SOSVET_")}
    env.update(environment, DJANGO_SETTINGS_MODULE="sosvet.settings")
    script = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_postgresql_prepares_statements_unless_told_not_to_behind_a_pooler():
    """Prepared, each statement is planned once per connection, for every council alike,
    without JIT and costing an index read as on SSD; behind a pooler, which can keep neither,
    none of it."""
    postgres = "postgres://sosvet@db.example.si:5432/sosvet"
    prepared = database_options(DATABASE_URL=postgres)
    assert "prepare_threshold" in prepared
    assert "-c plan_cache_mode=force_generic_plan -c jit=off -c random_page_cost=1.1" in prepared
    behind_a_pooler = database_options(DATABASE_URL=postgres, SOSVET_DB_PREPARED="0")
    assert "prepare_threshold" not in behind_a_pooler
    assert "plan_cache_mode" not in behind_a_pooler


def test_s3_settings_without_a_bucket_refuse_to_start():
    result = start(SOSVET_S3_ENDPOINT_URL="https://s3.example.si")
    assert result.returncode != 0
    assert "SOSVET_S3_ENDPOINT_URL set but SOSVET_S3_BUCKET is not" in result.stderr


def test_s3_with_only_half_a_key_refuses_to_start():
    result = start(SOSVET_S3_BUCKET="sosvet", SOSVET_S3_ACCESS_KEY_ID="kljuc")
    assert result.returncode != 0
    assert "Set both SOSVET_S3_ACCESS_KEY_ID and SOSVET_S3_SECRET_ACCESS_KEY" in result.stderr


def test_a_bucket_puts_the_files_on_s3_and_never_writes_over_one():
    env = {key: value for key, value in os.environ.items() if not key.startswith("SOSVET_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sosvet.settings",
        SOSVET_S3_BUCKET="sosvet",
        SOSVET_S3_ENDPOINT_URL="https://s3.example.si",
        SOSVET_S3_PREFIX="/ptuj/",
    )
    script = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url,"
        " s.location, s.file_overwrite)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "sosvet",
        "https://s3.example.si",
        "ptuj",
        "False",
    ]


def test_an_accessibility_contact_that_is_no_address_refuses_to_start():
    result = start(SOSVET_ACCESSIBILITY_EMAIL="tajnistvo pri obcini")
    assert result.returncode != 0
    assert "SOSVET_ACCESSIBILITY_EMAIL must be an e-mail address" in result.stderr


def test_deploy_check_asks_for_the_body_the_accessibility_statement_names(
    deploy_check_without_accessibility_body, deploy_check_of_complete_settings
):
    unnamed, named = deploy_check_without_accessibility_body, deploy_check_of_complete_settings
    assert "SOSVET_ACCESSIBILITY_BODY is not set" in unnamed.stdout + unnamed.stderr
    assert "SOSVET_ACCESSIBILITY_BODY" not in named.stdout + named.stderr
