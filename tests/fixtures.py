"""Shared fixtures for every app's tests (loaded by tests/conftest.py).

Imports of project code happen inside the fixtures: this module may be loaded as a plugin
before Django is set up.
"""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing with the production hasher costs ~0.2 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def client_for(world):
    """A test client logged in as one of the world's roles ("anonymous" stays logged out)."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client()
        user = world.users[role]
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    # Throttling counters live in the cache: one test's wrong links must not lock out another.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _surveys_forgotten():
    # The respondent's pages remember a survey's structure in the process: a test that
    # changes one behind the services' back must not see an earlier test's.
    from surveys import selectors

    selectors.structure_forget()
    yield
    selectors.structure_forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    # Uploaded documents go to a directory of this test's own, never to the project's media/.
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _swedish_after_each_test():
    # A request in English (the language switch, a login after it) leaves English active in
    # the thread: the next test starts in the portal's own language again.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
