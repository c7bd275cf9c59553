"""The benchmark (make bench) still runs: a tiny data set, one repetition.

Not a timing test: it only checks that every case of the table is measured
and written to the JSON with numbers, so the benchmark cannot rot.
"""

import json

import pytest
from django.core.management import CommandError, call_command

from bench.run import TARGETS


@pytest.mark.django_db
def test_bench_writes_every_row_with_numbers(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    output = tmp_path / "results.json"

    call_command(
        "bench",
        scales="tiny,tiny2",
        repetitions=1,
        warmup=0,
        bulk_size=2,
        output=str(output),
        any_database=True,
    )

    results = json.loads(output.read_text())
    (result,) = results.values()
    assert list(result["scales"]) == ["tiny", "tiny2"]
    assert result["scales"]["tiny2"]["enrolments"] == 6
    assert result["scales"]["tiny2"]["attendance"] == 12
    rows = {row["name"]: row for row in result["rows"]}
    expected = {
        "baseline: bare page",
        "lesson page",
        "dashboard",
        "trainer matrix (200 trainees)",
        "verification page",
        "baseline: minimal PDF",
        "certificate PDF",
        "bulk issue of 2",
    }
    assert expected <= set(rows)
    for name, row in rows.items():
        assert row["median_ms"] > 0, name
        assert row["p95_ms"] >= row["median_ms"], name
        assert row["ratio"] > 0, name
        for scale in ("tiny", "tiny2"):
            assert isinstance(row["queries"][scale], int), (name, scale)
        if name in TARGETS:
            assert row["target"] == TARGETS[name]
            assert row["met"] in (True, False)
    # Pages hit the database; the lesson page must really be the lesson (not a redirect).
    assert rows["lesson page"]["queries"]["tiny"] > 0
    assert rows["bulk issue of 2"]["queries"]["tiny"] > 0


@pytest.mark.django_db
def test_bench_refuses_a_database_not_named_bench(tmp_path):
    with pytest.raises(CommandError, match="contains 'bench'"):
        call_command("bench", scales="tiny", output=str(tmp_path / "r.json"))
