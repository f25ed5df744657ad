from django import forms
from django.contrib import admin

from .models import Contact, ContactBook
from .services import email_normalise


class ContactAdminForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["organisation", "role", "email", "name"]

    def clean_email(self) -> str:
        # Kept once means kept lower-case, as the register's own pages keep it.
        return email_normalise(self.cleaned_data["email"])


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactAdminForm
    list_display = ["organisation", "role", "email", "name", "created_at"]
    list_filter = ["role", "organisation__kind", "organisation__healthcare_regions"]
    search_fields = ["email", "name", "organisation__name", "organisation__code"]
    autocomplete_fields = ["organisation"]


@admin.register(ContactBook)
class ContactBookAdmin(admin.ModelAdmin):
    list_display = ["organisation", "version", "updated_at", "updated_by"]
    readonly_fields = ["organisation", "version", "updated_at", "updated_by"]

    def has_add_permission(self, request) -> bool:
        return False
