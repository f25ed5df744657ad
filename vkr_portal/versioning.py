"""Optimistic locking shared by the apps' services: the stale-version refusal and the saving
of a versioned row under its lock."""

from __future__ import annotations

from django.db import models


class StaleVersion(Exception):
    """The row changed since the form was opened; `current` is what is saved now."""

    def __init__(self, current: models.Model):
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


def locked_at_version(model: type[models.Model], pk: int, version: int | None):
    """The row, locked for this transaction; StaleVersion if it is not at `version`."""
    current = model.objects.select_for_update().get(pk=pk)
    if version is not None and current.version != version:
        raise StaleVersion(current)
    return current


def save_versioned(current: models.Model, fields: dict, allowed: set[str]):
    """Set `fields` on the locked row, validate, bump the version and save."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields for {type(current).__name__}: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.version += 1
    current.save()
    return current
