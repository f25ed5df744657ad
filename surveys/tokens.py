"""Invitation tokens: 256 bits from the operating system's secure generator, stored as a
SHA-256 hash so that a copy of the database gives no one a working link."""

from __future__ import annotations

import hashlib
import secrets

# 32 bytes = 256 bits (the issue asks for at least 128), URL-safe: 43 characters.
TOKEN_BYTES = 32


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
