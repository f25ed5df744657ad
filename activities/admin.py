from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, ActivityNote, ActivityPlan, FocusArea, NationalRaise, PlanFocusArea


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "order"]
    list_filter = ["council"]
    search_fields = ["name", "short_name"]


class PlanFocusAreaInline(admin.TabularInline):
    model = PlanFocusArea
    extra = 0


@admin.register(ActivityPlan)
class ActivityPlanAdmin(admin.ModelAdmin):
    list_display = ["council", "year", "status", "adopted_on"]
    list_filter = ["council", "year", "status"]
    search_fields = ["council__name", "intro"]
    inlines = [PlanFocusAreaInline]


@admin.register(PlanFocusArea)
class PlanFocusAreaAdmin(admin.ModelAdmin):
    list_display = ["plan", "focus_area", "order", "note"]
    list_filter = ["plan__council", "plan__year"]
    search_fields = ["focus_area__name", "note"]


class ActivityNoteInline(admin.TabularInline):
    model = ActivityNote
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "focus_area", "priority", "progress"]
    list_filter = ["plan__council", "plan__year", "focus_area", "priority", "progress"]
    search_fields = ["title", "content", "implementation"]
    autocomplete_fields = ["responsible"]
    raw_id_fields = ["carried_over_from"]
    inlines = [ActivityNoteInline]


@admin.register(ActivityNote)
class ActivityNoteAdmin(admin.ModelAdmin):
    list_display = ["text", "group_name", "author", "created_at"]
    list_filter = ["group_name"]
    search_fields = ["text", "group_name"]


@admin.register(NationalRaise)
class NationalRaiseAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "status", "raised_at", "answered_at"]
    list_filter = ["status", "activity__plan__council"]
    search_fields = ["activity__title", "motivation", "answer"]
