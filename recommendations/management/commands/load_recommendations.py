from django.core.management.base import BaseCommand, CommandError

from recommendations.reference_data import (
    ReferenceDataError,
    recommendations_load,
    result_describe,
)


class Command(BaseCommand):
    help = (
        "Load or update the national council's reports, their areas and recommendations, from "
        "the JSON files in recommendations/data/ (idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--path", help="A JSON file or a directory of them (default: recommendations/data/)."
        )

    def handle(self, *args, **options) -> None:
        try:
            result = recommendations_load(options.get("path"))
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Recommendations: {result_describe(result)}"))
        for line in result["kept"]:
            self.stdout.write(self.style.WARNING(line))
