"""What the production image runs, run here: the Dockerfile's own `collectstatic` with
DEBUG off, then pages rendered with the hashed manifest, and gunicorn serving them.

`check --deploy` passing says nothing about whether the manifest can be built or whether a
template names a static file that is not in it; these tests do. There is no Docker engine on
these machines, so the image itself is not built here: the same commands are.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import port_for
import pytest
from django.conf import settings
from django.urls import reverse

from .test_deployment import PRODUCTION_ENV

BASE_DIR = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent
STATIC_REF = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _dockerfile_collectstatic() -> str:
    """The Dockerfile's collectstatic command, as the image build runs it."""
    text = (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    run = next(line for line in text.splitlines() if "collectstatic" in line)
    command = run.strip().removeprefix("RUN ").strip()
    return next(part for part in command.split("&&") if "collectstatic" in part).strip()


def _production_env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return {
        **clean,
        **PRODUCTION_ENV,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "REDIS_CACHE_URL": "redis://127.0.0.1:1/1",
        **extra,
    }


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """STATIC_ROOT after the Dockerfile's collectstatic, with DEBUG off."""
    root = tmp_path_factory.mktemp("staticfiles")
    command = _dockerfile_collectstatic()
    assert "DJANGO_DEBUG=0" in command, command
    result = subprocess.run(
        ["sh", "-c", command],
        cwd=BASE_DIR,
        env=_production_env(STATIC_ROOT=str(root)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (root / "staticfiles.json").exists()
    return root


def test_the_dockerfile_collects_static_files_with_debug_off(collected):
    import json

    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name in ("css/portal.css", "js/portal.js", "vendor/bootstrap/bootstrap.min.css"):
        assert name in manifest, name
        assert (collected / manifest[name]).exists()
        assert (collected / (manifest[name] + ".gz")).exists()  # compressed for WhiteNoise


@pytest.fixture
def production_storage(collected, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return collected


def _assert_hashed_and_collected(html: str, root: Path) -> None:
    refs = STATIC_REF.findall(html)
    assert refs, "the page names no static file"
    for ref in refs:
        name = ref.removeprefix("/static/")
        assert re.search(r"\.[0-9a-f]{12}\.", name), f"{ref} is not a hashed name"
        assert (root / name).exists(), f"{ref} is not in STATIC_ROOT"


@pytest.mark.django_db
def test_pages_render_with_the_manifest_and_debug_off(production_storage, world, client_for):
    pages = {
        "anonymous": [reverse("login"), reverse("password_reset"), reverse("accessibility")],
        "member": [
            reverse("home"),
            reverse("activities:plan", kwargs={"slug": world.own.slug, "year": 2022}),
            reverse(
                "surveys:results",
                kwargs={"slug": world.own.slug, "pk": world.extra["own_survey"].pk},
            ),
        ],  # fmt: skip
        "admin": [reverse("admin:index")],
    }
    for role, urls in pages.items():
        client = client_for(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{role} {url}: {response.status_code}"
            _assert_hashed_and_collected(response.content.decode(), production_storage)


@pytest.mark.django_db
def test_a_static_file_missing_from_the_manifest_is_an_error_not_a_silent_link(
    production_storage,
):
    from django.contrib.staticfiles.storage import staticfiles_storage

    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        staticfiles_storage.url("css/finns-inte.css")


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One GET, redirects not followed (http.client: urllib would follow them)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.integration
def test_gunicorn_serves_the_portal_as_the_image_runs_it(collected, postgresql_server, db):
    """gunicorn with the production settings, the test database and the collected files."""
    port = port_for.select_random()
    database = settings.DATABASES["default"]
    env = _production_env(
        STATIC_ROOT=str(collected),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    )
    assert "gunicorn vkr_portal.wsgi:application" in (BASE_DIR / "docker-compose.yml").read_text()
    command = [str(VENV_BIN / "gunicorn"), "vkr_portal.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", "1"]  # fmt: skip
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _headers, _body = _get(f"{base}/healthz/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    output = server.stdout.read().decode() if server.poll() is not None else ""
                    pytest.fail(f"gunicorn did not answer: {output[-2000:]}")
                time.sleep(0.2)
        assert status == 200
        # The TLS proxy in front says the request came over https; without it, a redirect.
        status, headers, _body = _get(f"{base}{reverse('login')}")
        assert status == 301 and headers["Location"].startswith("https://")
        status, headers, body = _get(f"{base}{reverse('login')}", **{"X-Forwarded-Proto": "https"})
        assert status == 200, body[-2000:]
        html = body.decode()
        _assert_hashed_and_collected(html, collected)
        css = next(ref for ref in STATIC_REF.findall(html) if ref.endswith(".css"))
        status, headers, body = _get(f"{base}{css}", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and body
        assert "immutable" in headers.get("Cache-Control", ""), headers
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if server.stdout:
            server.stdout.close()


def test_the_image_installs_the_production_lock_only():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    installs = re.findall(r"pip install[^\n]*-r (\S+)", dockerfile)
    assert installs == ["requirements.lock"], installs


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[_canonical(name)] = version
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution the requirements need, from the installed packages' metadata."""
    import importlib.metadata as metadata

    from packaging.requirements import Requirement

    seen: set[tuple[str, frozenset]] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        # A package asked for with extras (fonttools[woff]) needs more than without.
        key = (_canonical(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        for dependency in metadata.distribution(requirement.name).requires or []:
            dep = Requirement(dependency)
            environments = [{"extra": ""}] + [{"extra": e} for e in requirement.extras]
            if dep.marker is None or any(dep.marker.evaluate(env) for env in environments):
                todo.append(dep)
    return {name for name, _extras in seen}


def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((BASE_DIR / "pyproject.toml").read_text())


def test_the_production_lock_pins_everything_production_needs_and_no_test_tool():
    project = _pyproject()["project"]
    production = _pins(BASE_DIR / "requirements.lock")
    needed = _closure(project["dependencies"])
    assert needed - set(production) == set(), "not pinned in requirements.lock"
    test_only = _closure(project["optional-dependencies"]["test"]) - needed
    assert test_only & set(production) == set(), "test tools in the production lock"
    assert set(production) - needed == set(), "pinned in production but not needed"


def test_the_development_lock_adds_the_test_tools_to_production():
    project = _pyproject()["project"]
    dev_text = (BASE_DIR / "requirements-dev.lock").read_text()
    assert "-r requirements.lock" in dev_text
    pins = {**_pins(BASE_DIR / "requirements.lock"), **_pins(BASE_DIR / "requirements-dev.lock")}
    missing = _closure(project["optional-dependencies"]["test"]) - set(pins)
    assert not missing, f"test tools not pinned in requirements-dev.lock: {missing}"


def test_the_installed_versions_are_the_pinned_ones():
    import importlib.metadata as metadata

    pins = {**_pins(BASE_DIR / "requirements.lock"), **_pins(BASE_DIR / "requirements-dev.lock")}
    wrong = {
        name: (version, metadata.version(name))
        for name, version in pins.items()
        if metadata.version(name) != version
    }
    assert not wrong, f"installed ≠ pinned (make install?): {wrong}"


@pytest.mark.django_db
def test_the_annual_report_is_typeset_with_the_collected_stylesheet(production_storage, world):
    """The PDF's stylesheet is named by its hashed name and served to WeasyPrint from
    STATIC_ROOT: the plan comes out on landscape pages, which only the stylesheet asks for."""
    import pikepdf

    from reports import services, storage
    from reports.models import ReportBuild

    report = world.extra["other_annual_report"]
    report.sections = ["plan"]
    report.save()
    build, _joined = services.build_request(report=report, user=None, enqueue=False)
    build = services.report_build(build=build)
    assert build.status == ReportBuild.Status.DONE, build.error
    html = storage.read(build.content_file).decode()
    assert "report-plan" in html
    with pikepdf.open(storage.open_file(build.file)) as pdf:
        sizes = {tuple(round(float(v)) for v in page.MediaBox[2:]) for page in pdf.pages}
    assert (842, 595) in sizes and (595, 842) in sizes, sizes
