from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, Goal, Meeting, Member, Question, Report, ReportReminder, Workgroup


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Workgroup)
class WorkgroupAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "status", "start_date", "final_report_due"]
    list_filter = ["council", "status"]
    search_fields = ["name", "mandate", "purpose"]
    raw_id_fields = ["activities"]
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workgroup", "role", "title", "organisation", "end_date"]
    list_filter = ["role", "workgroup__council"]
    search_fields = ["name", "user__full_name", "title", "organisation"]
    autocomplete_fields = ["user"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "workgroup", "responsible", "timeline", "status"]
    list_filter = ["status", "workgroup__council"]
    search_fields = ["goal", "activity", "responsible"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "workgroup", "starts_at", "form"]
    list_filter = ["form", "workgroup__council"]
    search_fields = ["title", "agenda", "minutes"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    raw_id_fields = ["asked_by", "answered_by"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "workgroup", "kind", "report_date", "submitted_at"]
    list_filter = ["kind", "workgroup__council"]
    search_fields = ["done", "conclusions", "next_steps"]
    raw_id_fields = ["submitted_by"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "status", "answered_at"]
    list_filter = ["status", "report__workgroup__council"]
    search_fields = ["text", "answer"]
    raw_id_fields = ["asked_by", "answered_by"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only the services write: a document's file is checked by its content on upload,
    a reminder's row is what makes it sent once."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "workgroup", "filename", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type", "workgroup__council"]
    search_fields = ["title", "filename"]
    # The stored file's name is never shown: files go out only through the portal's view.
    exclude = ["file"]


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdmin):
    list_display = ["workgroup", "report_kind", "due_date", "stage", "sent_at"]
    list_filter = ["stage", "report_kind"]
