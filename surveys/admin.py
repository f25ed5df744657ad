from django.contrib import admin

from .models import (
    Answer,
    Invitation,
    InvitationEvent,
    Option,
    Question,
    Response,
    Scale,
    ScaleStep,
    Section,
    Survey,
)


class ScaleStepInline(admin.TabularInline):
    model = ScaleStep
    extra = 0


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [ScaleStepInline]


@admin.register(ScaleStep)
class ScaleStepAdmin(admin.ModelAdmin):
    list_display = ["label", "scale", "order"]
    list_filter = ["scale"]
    search_fields = ["label"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "status", "opens_at", "closes_at"]
    list_filter = ["council", "status"]
    search_fields = ["title", "intro"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "survey", "order"]
    list_filter = ["survey__council"]
    search_fields = ["title"]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "section", "required"]
    list_filter = ["kind", "required", "section__survey"]
    search_fields = ["text", "help_text"]
    inlines = [OptionInline]


@admin.register(Option)
class OptionAdmin(admin.ModelAdmin):
    list_display = ["label", "question", "order"]
    search_fields = ["label"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    # The token hash is never shown or edited: a new link is issued from the portal.
    list_display = ["organisation", "survey", "sent_at", "reminded_at", "revoked_at"]
    list_filter = ["survey"]
    search_fields = ["organisation__name", "emails"]
    exclude = ["token_hash"]
    raw_id_fields = ["organisation"]


@admin.register(InvitationEvent)
class InvitationEventAdmin(admin.ModelAdmin):
    list_display = ["invitation", "kind", "at", "by"]
    list_filter = ["kind"]
    search_fields = ["invitation__organisation__name"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question", "step", "option"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["organisation", "survey", "status", "respondent_role", "submitted_at"]
    list_filter = ["status", "survey", "respondent_role"]
    search_fields = ["organisation__name", "respondent_name"]
    raw_id_fields = ["organisation", "invitation"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["response", "question"]
    list_filter = ["question__kind"]
    search_fields = ["response__organisation__name", "text"]
    raw_id_fields = ["response", "question", "step", "option"]
