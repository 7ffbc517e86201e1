"""Fixtures of the web tests: the persona world, logged-in clients, API clients."""

from __future__ import annotations

import pytest
from axes.utils import reset
from django.test import Client

from web.personas import World, build_world


@pytest.fixture(autouse=True)
def fast_and_fresh(settings, db, tmp_path):
    """A fast password hasher (Argon2 is deliberately slow, and the world hashes
    nine passwords per test), uploads in the test's own folder, and no failed
    logins carried between tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    reset()
    yield
    reset()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client: Client, world: World):
    """`login("fgw")` logs the test client in as that persona and returns it."""

    def as_persona(persona: str) -> Client:
        client.force_login(world.users[persona])
        return client

    return as_persona


@pytest.fixture
def api(world: World):
    """`api("fgw")` returns a client that sends the persona's bearer token."""

    def as_persona(persona: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {world.token(persona)}"})

    return as_persona
