"""Account pages that differ from Django's own: a password reset that cannot be used to flood
an address or the mail server.

The reset form is open to anyone and sends mail, so it is throttled per client address and
per e-mail address asked for (whether or not an account has it: the answer must not tell).
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from vkr_portal import throttles


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"]
        # Both counters count every request, so a flood of one address also uses up the
        # sender's allowance for others.
        by_address = throttles.hit(self.request, "password_reset_address")
        by_email = throttles.hit(self.request, "password_reset_email", value=email)
        if by_address or by_email:
            form.add_error(
                None,
                _(
                    "Det har skickats för många återställningslänkar på kort tid. "
                    "Vänta en stund och försök igen."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
