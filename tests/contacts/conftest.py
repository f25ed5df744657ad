import pytest
from django.test import Client


@pytest.fixture
def other_secretariat(world) -> Client:
    """Logged in as the other council's (Norra's) secretariat."""
    client = Client()
    client.force_login(
        world.memberships["other_secretariat"].user,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client
