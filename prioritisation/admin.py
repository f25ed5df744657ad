from django.contrib import admin

from .models import Decision, DiscussionGroup, Mark, Round, Voter


@admin.register(DiscussionGroup)
class DiscussionGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "council"]
    list_filter = ["council"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


class VoterInline(admin.TabularInline):
    model = Voter
    extra = 0
    fields = ["name", "user", "group", "reminded_at"]
    readonly_fields = ["name", "user", "group", "reminded_at"]
    can_delete = False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are opened, marked and closed in the portal (under the round's lock, with its
    revision, which the live views follow); the admin shows them and corrects a title."""

    list_display = ["title", "plan", "mode", "closes_at", "closed_at", "revision"]
    list_filter = ["mode", "plan__council"]
    search_fields = ["title"]
    fields = ["plan", "title", "mode", "focus_areas", "closes_at", "closed_at", "opened_by",
              "opened_at", "revision", "changed_at"]  # fmt: skip
    readonly_fields = ["plan", "mode", "focus_areas", "closes_at", "closed_at", "opened_by",
                       "opened_at", "revision", "changed_at"]  # fmt: skip
    inlines = [VoterInline]


@admin.register(Mark)
class MarkAdmin(admin.ModelAdmin):
    list_display = ["activity", "voter", "colour", "marked_at"]
    list_filter = ["colour", "voter__round"]
    fields = ["voter", "activity", "colour", "comment", "move_to", "marked_by", "marked_at"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["activity", "round", "priority", "decided_by", "decided_at"]
    list_filter = ["priority", "round"]
    readonly_fields = ["round", "activity", "priority", "decided_by", "decided_at", "version"]
