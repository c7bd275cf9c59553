"""``manage.py bench``: build the benchmark data set and print the benchmark table.

Run through ``make bench`` (``scripts/bench.sh``), which points DATABASE_URL
at a throw-away database (``bench/bench.sqlite3``, or ``<name>bench`` on
PostgreSQL) and migrates it first. The command writes to the database it is
given, so it refuses one whose name does not contain "bench".
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Build the benchmark data set in a bench database and measure pages and PDFs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scales",
            default="small,large",
            help="Data set sizes in growing order (small, large; tiny, tiny2 for tests).",
        )
        parser.add_argument("--repetitions", type=int, default=20)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--bulk-size", type=int, default=100)
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.json")
        )
        parser.add_argument(
            "--any-database",
            action="store_true",
            help="Skip the check that the database name contains 'bench' (tests only).",
        )

    def handle(self, *args, **options):
        from bench import dataset, run

        name = str(connection.settings_dict["NAME"])
        if not options["any_database"] and "bench" not in Path(name).name:
            raise CommandError(
                f"The benchmark writes thousands of rows into the database {name!r}. "
                "Run it through 'make bench', or point DATABASE_URL at a database "
                "whose name contains 'bench'."
            )
        scales = [scale.strip() for scale in options["scales"].split(",") if scale.strip()]
        unknown = [scale for scale in scales if scale not in dataset.SCALES]
        if unknown:
            raise CommandError(f"Unknown scale(s) {unknown}; known: {sorted(dataset.SCALES)}")
        if options["repetitions"] < 1 or options["bulk_size"] < 1:
            raise CommandError("--repetitions and --bulk-size must be at least 1.")
        result = run.run_bench(
            scales,
            repetitions=options["repetitions"],
            warmup=options["warmup"],
            bulk_size=options["bulk_size"],
            output=Path(options["output"]),
            log=lambda message: self.stderr.write(message),
        )
        self.stdout.write(
            f"\nBenchmark on {result['database']['vendor']} ({result['database']['name']}), "
            f"{result['repetitions']} repetitions after {result['warmup']} warm-up; "
            f"data set: {result['scales'][scales[-1]]}\n"
        )
        self.stdout.write(run.table(result) + "\n")
        self.stdout.write(f"Written to {options['output']}\n")
