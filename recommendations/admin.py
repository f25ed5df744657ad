from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, FollowUp, FollowUpRound, Publication, Recommendation


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "published_on"]
    search_fields = ["title", "number", "summary"]
    inlines = [AreaInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "area", "kind"]
    list_filter = ["area__publication", "kind", "addressees"]
    search_fields = ["text"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "council", "organisation", "status", "recorded_on", "source"]
    list_filter = ["council", "status", "source"]
    search_fields = ["done", "evidence", "recommendation__text"]
    raw_id_fields = ["recommendation", "organisation", "recorded_by", "activities", "workgroups"]


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "council", "publication", "actor", "created_at"]
    raw_id_fields = ["survey", "created_by"]
