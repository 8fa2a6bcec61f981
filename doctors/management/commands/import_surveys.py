"""Import the survey vendor's export (doctors.surveys): the whole file, or nothing, its problems listed."""

from django.core.management.base import BaseCommand, CommandError

from doctors.surveys import import_surveys


class Command(BaseCommand):
    help = "Import the post-visit surveys from the survey vendor's CSV export."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the vendor's CSV file")

    def handle(self, *args, file, **options):
        with open(file, "rb") as fileobj:
            report = import_surveys(fileobj)
        if not report.imported:
            for problem in report.problems:
                self.stderr.write(f"row {problem.row}, {problem.column or '-'}: {problem.message}")
            raise CommandError(f"{report.problem_count} problems: nothing was imported.")
        self.stdout.write(report.summary())
