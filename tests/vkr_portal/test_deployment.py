"""Production configuration: the settings refuse development secrets, `check --deploy` is
clean, and docker-compose.yml hands the settings exactly the variables they read."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-0123456789",
    "DJANGO_ALLOWED_HOSTS": "vardkompetensrad.example.se",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://vardkompetensrad.example.se",
    # Not connected to by `check`; production needs a shared cache for its throttles.
    "REDIS_CACHE_URL": "redis://redis:6379/1",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_at_warning_level_with_nothing_silenced():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert not settings.SILENCED_SYSTEM_CHECKS


def test_check_deploy_refuses_a_process_local_cache():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_CACHE_URL"}
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "vkr_portal.E001" in result.stderr + result.stdout
    assert "REDIS_CACHE_URL" in result.stderr + result.stdout


def test_production_refuses_the_development_secret_key():
    env = {**PRODUCTION_ENV}
    del env["DJANGO_SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def _variables_read_by_settings() -> set[str]:
    """Every environment variable name that vkr_portal/settings.py reads."""
    tree = ast.parse((BASE_DIR / "vkr_portal" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "env_bool", "env_list", "os.getenv"}:
                names.add(node.args[0].value)
    # dj_database_url.config() reads DATABASE_URL.
    return names | {"DATABASE_URL"}


def _compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_compose_has_the_production_services():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn vkr_portal.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A vkr_portal worker")
    assert services["beat"]["command"].startswith("celery -A vkr_portal beat")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("web", "worker", "beat"):
        assert set(services[name]["depends_on"]) == {"db", "redis"}


def test_compose_environment_matches_what_the_settings_read():
    read = _variables_read_by_settings()
    for name in ("web", "worker", "beat"):
        environment = _compose()["services"][name]["environment"]
        unknown = set(environment) - read
        assert not unknown, f"{name} sets variables the settings never read: {unknown}"
        assert environment["DJANGO_DEBUG"] == "0"
        for required in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL",
                         "DJANGO_ALLOWED_HOSTS", "MEDIA_ROOT", "EMAIL_HOST"):  # fmt: skip
            assert required in environment, f"{name} lacks {required}"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")


def test_generated_files_live_on_a_volume_shared_by_web_and_worker():
    compose = _compose()
    for name in ("web", "worker"):
        service = compose["services"][name]
        media_root = service["environment"]["MEDIA_ROOT"]
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in service["volumes"]}
        assert mounts.get(media_root) in compose["volumes"], f"{name}: {media_root} not a volume"


def test_the_web_port_is_published_to_the_host_only():
    # The TLS proxy on the host is the only way in: it is what makes X-Forwarded-For and
    # X-Forwarded-Proto trustworthy (TRUSTED_PROXY_COUNT, SECURE_PROXY_SSL_HEADER).
    web = _compose()["services"]["web"]
    assert all(str(port).startswith("127.0.0.1:") for port in web["ports"]), web["ports"]
    assert web["environment"]["TRUSTED_PROXY_COUNT"]


def test_the_env_example_names_every_variable_compose_asks_for():
    import re

    asked = set(re.findall(r"\$\{(\w+):[?-]", (BASE_DIR / "docker-compose.yml").read_text()))
    example = (BASE_DIR / ".env.example").read_text()
    offered = set(re.findall(r"^(\w+)=", example, re.MULTILINE))
    assert asked - offered == set(), "variables docker-compose.yml reads that .env.example lacks"
