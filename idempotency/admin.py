from django.contrib import admin

from .models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = ["scope", "key", "user", "created_at", "result_url"]
    list_filter = ["scope"]
    readonly_fields = ["key", "scope", "user", "created_at", "result_url"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
