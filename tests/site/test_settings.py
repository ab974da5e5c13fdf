"""Settings rules: production mode refuses unsafe configuration and passes check --deploy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 10 + "9f8e7d6c5b4a3z2y1x0w-v_u+t=s!r@q#p$o%n^m&l*j(i)h" + "Q" * 10


def run_manage(*args, env_overrides: dict, remove: tuple = ()) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into these runs.
    remove = (*remove, "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in remove}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(database_url: str) -> dict:
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": STRONG_KEY,
        "DJANGO_ALLOWED_HOSTS": "clinics.example.org",
        "DATABASE_URL": database_url,
    }


@pytest.fixture
def database_url(django_db_blocker):
    from django.db import connection

    params = connection.settings_dict
    host = params["HOST"] or "localhost"
    if host.startswith("/"):
        return f"postgres://{params['USER']}@/{params['NAME']}?host={host}&port={params['PORT']}"
    port = params["PORT"] or 5432
    return f"postgres://{params['USER']}:{params['PASSWORD']}@{host}:{port}/{params['NAME']}"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_setting(missing, database_url):
    env = production_env(database_url)
    env.pop(missing)
    result = run_manage("check", env_overrides=env, remove=(missing,))
    assert result.returncode != 0
    assert "Production mode refuses to start without" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_weak_secret_key(database_url):
    env = production_env(database_url) | {"DJANGO_SECRET_KEY": "short"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "at least 50 random characters" in result.stderr


def test_check_deploy_is_clean_in_production_mode(database_url):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=production_env(database_url)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env_overrides={},
        remove=("DJANGO_DEBUG",),
    )
    assert result.stdout.strip() == "False", result.stderr


def test_debug_never_turns_on_in_production(database_url):
    env = production_env(database_url) | {"DJANGO_DEBUG": "1"}
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env_overrides=env,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_local_secret_key_is_generated_once_and_kept(tmp_path):
    """Without DJANGO_SECRET_KEY the local key lives in var/ and survives restarts."""
    command = (
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )
    env = {"DJANGO_VAR_DIR": str(tmp_path)}
    first = run_manage(*command, env_overrides=env, remove=("DJANGO_SECRET_KEY",))
    second = run_manage(*command, env_overrides=env, remove=("DJANGO_SECRET_KEY",))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_no_secret_key_file_is_tracked_by_git():
    # No git, or git failing, must fail the test: an empty listing would pass it.
    git = shutil.which("git")
    assert git, "git is needed to list the tracked files"
    result = subprocess.run(  # noqa: S603
        [git, "ls-files"], cwd=BASE_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git ls-files failed: {result.stderr}"
    tracked = result.stdout.splitlines()
    assert "manage.py" in tracked
    assert not any(path.startswith("var/") for path in tracked)
    assert not any(path.endswith("secret_key") for path in tracked)
