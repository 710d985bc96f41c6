"""The portal's checks run as in production: in a process of their own, since the settings read
the environment once, when the process starts."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SOSVET_DEBUG": "0",
    "SOSVET_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "SOSVET_ALLOWED_HOSTS": "sosvet.example.si",
}


def deploy_check(*options, **environment):
    """``manage.py check --deploy`` with production settings and ``environment`` besides; none of
    the test run's own SOSVET_ variables, nor its leave to call the database from async code."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SOSVET_") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION, **environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", *options],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
