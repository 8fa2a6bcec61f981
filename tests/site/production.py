"""Runs manage.py in a process of its own under the real settings (mgh_site.settings), to see
what the settings make of a given environment (pytest's own process runs settings_test)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage_py(*args, **variables):
    """The finished `manage.py *args`, with `variables` set in its environment (None: unset).

    DEBUG is off and a secret key given unless `variables` say otherwise; the browser tests'
    async-unsafe switch is never passed on (production does not have it)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOW_ASYNC_UNSAFE": None,
        **variables,
    }
    env = {name: value for name, value in env.items() if value is not None}
    return subprocess.run(  # noqa: S603 (manage.py of this project)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
