from django.contrib import admin

from .models import AnnualReport, ReportBuild


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["council", "year", "updated_at"]
    list_filter = ["council"]
    filter_horizontal = ["surveys"]


@admin.register(ReportBuild)
class ReportBuildAdmin(admin.ModelAdmin):
    """Read-only: builds are made, fastställda and deleted in the portal, where the rules
    (a final version is immutable) are kept."""

    list_display = ["report", "number", "status", "finalised_at", "pages", "requested_at"]
    list_filter = ["status", "report__council"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
