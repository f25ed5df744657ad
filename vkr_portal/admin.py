"""The portal's admin site: Django's, with the portal's login form and a clear 400 for the
malformed ids that Django's own admin code lets through as server errors.

A forged `_selected_action=abc` on a changelist, or an id of no kind in an autocomplete field
that the change form then renders again, makes Django's admin raise ValueError ("Field 'id'
expected a number but got 'abc'"). Only a tampered request can send such a value; it gets a
400 page and a warning in the log instead of a 500.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.shortcuts import render

logger = logging.getLogger(__name__)


class PortalAdminSite(admin.AdminSite):
    @property
    def login_form(self):
        # Imported late: the admin site is made while the apps are still loading.
        from councils.forms import AdminLoginForm

        return AdminLoginForm

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            try:
                response = inner(request, *args, **kwargs)
                # The autocomplete widget fails while the page renders: render it here.
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return response
            except (ValueError, ValidationError) as error:
                logger.warning("Admin refused a malformed request to %s: %s", request.path, error)
                return render(request, "admin/bad_request.html", status=400)

        return guarded
