"""Timed requests and renders on the benchmark data set, with baselines and targets.

Every case runs in-process (Django's test client for pages, direct calls for
PDFs) ``warmup`` times unmeasured and then ``repetitions`` times, each under
:class:`~django.test.utils.CaptureQueriesContext`; pages and PDFs in turn with
their baseline (:func:`measure_interleaved`). Pages are compared with a
bare Wagtail page with the same StreamField body (``bench/urls.py``), PDFs
with a minimal one-page WeasyPrint document.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import dataset, hooks

#: Target ratios to the baseline (issue 7).
TARGETS = {
    "lesson page": 1.5,
    "dashboard": 2.0,
    "trainer matrix (200 trainees)": 5.0,
    "verification page": 2.0,
    "certificate PDF": 4.0,
}
MINIMAL_PDF_HTML = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<style>@page { size: A4; margin: 20mm; }</style></head>
<body><h1>Bescheinigung</h1><p>Jana Becker hat teilgenommen.</p></body></html>"""


@dataclass
class Figures:
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return round(statistics.median(self.times) * 1000, 2)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.times)
        # Nearest rank: with few repetitions the p95 is the slowest run.
        return round(ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)] * 1000, 2)

    @property
    def query_count(self) -> int:
        return max(self.queries)


@dataclass
class Case:
    name: str
    kind: str  # "page", "pdf" or "bulk"
    run: Callable[[], None] | None  # None: the case could not be set up (see note)
    note: str = ""


def measure(run: Callable[[], None], repetitions: int, warmup: int) -> Figures:
    for _ in range(warmup):
        run()
    figures = Figures()
    for _ in range(repetitions):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run()
            elapsed = time.perf_counter() - start
        figures.times.append(elapsed)
        figures.queries.append(len(captured.captured_queries))
    return figures


def measure_interleaved(
    runs: dict[str, Callable[[], None]], repetitions: int, warmup: int
) -> dict[str, Figures]:
    """:func:`measure` for several cases in turn, one run of each per repetition.

    A case and its baseline then see the same load of a shared machine:
    measured one after the other, a busy minute of a neighbour put whole
    cases off by a third and the ratios with them.
    """
    for run in runs.values():
        for _ in range(warmup):
            run()
    figures = {name: Figures() for name in runs}
    for _ in range(repetitions):
        for name, run in runs.items():
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                run()
                elapsed = time.perf_counter() - start
            figures[name].times.append(elapsed)
            figures[name].queries.append(len(captured.captured_queries))
    return figures


def _get(client: Client, url: str) -> Callable[[], None]:
    def run():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
        # Streaming or not, the body is produced inside the measurement.
        b"".join(response) if response.streaming else response.content  # noqa: B018

    return run


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def cases(data: dataset.BenchData, bulk_size: int) -> list[Case]:
    """What is measured, in the order of the table."""
    from django.urls import reverse

    trainee = _client(data.trainee)
    lesson_url = data.lesson.get_url()
    site_relative = data.lesson.relative_url(None) if hasattr(data.lesson, "relative_url") else ""
    items = [
        Case("baseline: bare page", "page", _get(trainee, "/__bench__/bare" + site_relative)),
        Case("lesson page", "page", _get(trainee, lesson_url)),
        Case("dashboard", "page", _get(trainee, reverse("dashboard"))),
        Case(
            "trainer matrix (200 trainees)",
            "page",
            _get(_client(data.trainer), reverse("cohort_progress", args=[data.cohort.pk])),
        ),
        Case(
            "verification page",
            "page",
            _get(
                _client(),
                reverse("certificate_verify_detail", args=[data.certificate.verification_code]),
            ),
        ),
    ]
    staff = _client(data.staff)
    for name, url in hooks.report_cases():
        items.append(Case(name, "page", _get(staff, url)))

    from weasyprint import HTML

    from certificates.pdf import render_certificate_pdf

    items.append(
        Case("baseline: minimal PDF", "pdf", lambda: HTML(string=MINIMAL_PDF_HTML).write_pdf())
    )
    items.append(Case("certificate PDF", "pdf", lambda: render_certificate_pdf(data.certificate)))

    # Not the measured trainee: re-issuing theirs piled superseded certificates onto
    # the dashboard and the verification page measured at the next scale.
    enrolments = list(data.cohort.enrolments.exclude(user=data.trainee).order_by("pk")[:bulk_size])
    # Fewer enrolments than bulk_size (small data sets): issue again, round robin.
    chosen = [enrolments[i % len(enrolments)] for i in range(bulk_size)]
    items.append(
        Case(
            f"bulk issue of {bulk_size}",
            "bulk",
            lambda: hooks.bulk_issue(chosen, by=data.staff),
        )
    )
    return items


def run_scale(scale, repetitions: int, warmup: int, bulk_size: int, log) -> dict:
    """Build (grow) the data set to ``scale`` and measure every case on it."""
    started = time.perf_counter()
    data = dataset.build(scale, log=log)
    log(f"Data set {scale.name} ready in {time.perf_counter() - started:.1f} s: {dataset.counts()}")
    items = cases(data, bulk_size)
    measured: dict[str, Figures] = {}
    # Pages with their baseline, PDFs with theirs: each group interleaved.
    for kind in ("page", "pdf"):
        runs = {case.name: case.run for case in items if case.kind == kind and case.run}
        measured.update(measure_interleaved(runs, repetitions, warmup))
    results = {}
    for case in items:
        if case.run is None:
            results[case.name] = {"kind": case.kind, "note": case.note}
            continue
        figures = measured.get(case.name)
        if figures is None:  # the bulk issue takes seconds per run: fewer, no warm-up
            figures = measure(case.run, min(repetitions, 3), 0)
        results[case.name] = {
            "kind": case.kind,
            "median_ms": figures.median_ms,
            "p95_ms": figures.p95_ms,
            "queries": figures.query_count,
        }
        log(f"  {case.name}: {figures.median_ms} ms, {figures.query_count} queries")
    return {"counts": dataset.counts(), "results": results}


def _ratio(value, baseline):
    if value is None or not baseline:
        return None
    return round(value / baseline, 2)


def combine(per_scale: dict[str, dict], bulk_size: int) -> list[dict]:
    """One row per case: timings of the largest scale, query counts of every scale."""
    names = list(per_scale)
    largest = per_scale[names[-1]]["results"]
    page_base = largest["baseline: bare page"].get("median_ms")
    pdf_base = largest["baseline: minimal PDF"].get("median_ms")
    rows = []
    for name, figures in largest.items():
        kind = figures["kind"]
        median = figures.get("median_ms")
        if kind == "page":
            baseline = page_base
        elif kind == "pdf":
            baseline = pdf_base
        else:  # per certificate, against the minimal PDF
            baseline = pdf_base * bulk_size if pdf_base else None
        ratio = _ratio(median, baseline)
        target = TARGETS.get(name)
        rows.append(
            {
                "name": name,
                "kind": kind,
                "median_ms": median,
                "p95_ms": figures.get("p95_ms"),
                "baseline_ms": baseline,
                "ratio": ratio,
                "target": target,
                "met": (ratio <= target) if (target and ratio is not None) else None,
                "queries": {
                    scale: per_scale[scale]["results"].get(name, {}).get("queries")
                    for scale in names
                },
                "note": figures.get("note", ""),
            }
        )
    return rows


def table(result: dict) -> str:
    """The rows as a fixed-width text table."""
    scales = list(result["scales"])
    header = (
        ["case", "median ms", "p95 ms", "ratio", "target", "met"]
        + [f"SQL {scale}" for scale in scales]
        + [""]
    )
    lines = []
    for row in result["rows"]:
        met = {True: "met", False: "MISSED", None: ""}[row["met"]]
        lines.append(
            [
                row["name"],
                _fmt(row["median_ms"]),
                _fmt(row["p95_ms"]),
                f"{row['ratio']:.2f}x" if row["ratio"] is not None else "",
                f"<= {row['target']}x" if row["target"] else "",
                met,
            ]
            + [_fmt(row["queries"][scale]) for scale in scales]
            + [row["note"]]
        )
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    out = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths[:-1]),
    ]
    for line in lines:
        out.append(
            "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
        )
    return "\n".join(line.rstrip() for line in out)


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def run_bench(
    scale_names: list[str],
    *,
    repetitions: int,
    warmup: int,
    bulk_size: int,
    output: Path | None,
    log=print,
) -> dict:
    """Measure on each scale in turn (the data set grows) and write the JSON."""
    # WeasyPrint logs every rendering step at INFO, which would drown the table.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page created
    per_scale = {}
    with override_settings(
        ROOT_URLCONF="bench.urls",
        ALLOWED_HOSTS=["testserver"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(Path(__file__).resolve().parent / "media"),
        # Still counted, never reached: more repetitions would otherwise be refused.
        KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT="100000/m/ip",
    ):
        for position, name in enumerate(scale_names, start=1):
            scale = dataset.SCALES[name]
            log(f"Scale {name}: {scale}")
            # Smaller scales give the query counts to compare: one measured run suffices.
            final = position == len(scale_names)
            per_scale[name] = run_scale(
                scale, repetitions if final else 1, warmup if final else 1, bulk_size, log
            )
    result = {
        "generated_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "repetitions": repetitions,
        "warmup": warmup,
        "bulk_size": bulk_size,
        "scales": {name: per_scale[name]["counts"] for name in per_scale},
        "rows": combine(per_scale, bulk_size),
    }
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(output.read_text()) if output.exists() else {}
        existing[connection.vendor] = result
        output.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    return result
