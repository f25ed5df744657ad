from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def idempotency_keys_purge_task() -> int:
    return services.idempotency_keys_purge()
