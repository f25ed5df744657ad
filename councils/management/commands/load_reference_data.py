from django.core.management.base import BaseCommand

from councils.reference_data import reference_data_load


class Command(BaseCommand):
    help = (
        "Load or update the healthcare regions, regions, municipalities, universities and councils."
    )

    def handle(self, *args, **options) -> None:
        result = reference_data_load()
        self.stdout.write(self.style.SUCCESS(f"Reference data: {result}"))
