"""One-time form keys: claimed once, refused after, rolled back with a failed service."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from idempotency import services
from idempotency.models import IdempotencyKey
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db


def test_a_key_is_claimed_once_and_the_second_claim_learns_where_the_result_is():
    key = uuid.uuid4()
    claimed = services.idempotency_key_claim(key=key, scope="test")
    services.idempotency_key_done(claimed, result_url="/resultat/1/")
    with pytest.raises(services.AlreadySubmitted) as refused:
        services.idempotency_key_claim(key=str(key), scope="test")
    assert refused.value.result_url == "/resultat/1/"
    assert IdempotencyKey.objects.count() == 1


def test_no_key_or_a_malformed_one_checks_nothing():
    assert services.idempotency_key_claim(key=None, scope="test") is None
    assert services.idempotency_key_claim(key="", scope="test") is None
    assert services.idempotency_key_claim(key="inte-en-uuid", scope="test") is None
    assert IdempotencyKey.objects.count() == 0


def test_a_claim_is_rolled_back_with_the_service_that_failed():
    key = uuid.uuid4()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.idempotency_key_claim(key=key, scope="test")
        raise RuntimeError("the service failed after claiming")
    assert services.idempotency_key_claim(key=key, scope="test") is not None


def test_old_keys_are_purged():
    old = services.idempotency_key_claim(key=uuid.uuid4(), scope="test")
    IdempotencyKey.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.KEEP_FOR - timedelta(days=1)
    )
    fresh = services.idempotency_key_claim(key=uuid.uuid4(), scope="test")
    assert services.idempotency_keys_purge() == 1
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [fresh.pk]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_by_eight_requests_at_once_is_claimed_by_exactly_one():
    key = uuid.uuid4()

    def claim(_index: int):
        with transaction.atomic():
            claimed = services.idempotency_key_claim(key=key, scope="test")
            services.idempotency_key_done(claimed, result_url="/vinnaren/")
            return claimed.pk

    outcomes = run_together(claim, threads=8)
    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 7
    assert all(isinstance(e, services.AlreadySubmitted) for e in outcomes.errors)
    assert IdempotencyKey.objects.count() == 1
