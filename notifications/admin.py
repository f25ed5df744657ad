from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Rows only the services write: a row is what makes its e-mail sent once."""

    list_display = ["kind", "object_id", "recipient", "email", "delivery", "created_at", "sent_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["recipient__email", "recipient__full_name", "email"]
    raw_id_fields = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user"]
