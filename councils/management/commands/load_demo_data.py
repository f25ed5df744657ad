import importlib
import importlib.util

from django.core.management.base import BaseCommand

from councils.reference_data import reference_data_load

# Each app may have a `demo` module with `demo_load()`; they run in this order because later
# ones build on the councils and people of the earlier ones.
DEMO_APPS = [
    "councils",
    "activities",
    "prioritisation",
    "surveys",
    "contacts",
    "workgroups",
    "recommendations",
    "reports",
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print one login per role."

    def handle(self, *args, **options) -> None:
        reference_data_load()
        logins = []
        for app in DEMO_APPS:
            if importlib.util.find_spec(f"{app}.demo") is None:
                continue
            result = importlib.import_module(f"{app}.demo").demo_load()
            if app == "councils":
                logins = result
            elif app == "workgroups":
                logins += result
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins:"))
        width = max(len(login.role) for login in logins)
        email_width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.role:<{width}}  {login.email:<{email_width}}  {login.password}"
            )
        from surveys.demo import demo_respondent_link

        link = demo_respondent_link()
        if link:
            organisation, url = link
            self.stdout.write(f"Answer the demo survey as {organisation} (no login needed):")
            self.stdout.write(f"  {url}")
