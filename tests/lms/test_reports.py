"""The funder reports: numbers, downloads (CSV, XLSX), filters, permissions, query counts."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import CertificateKind, CertificateStatus
from lms import trainer
from lms.models import Function, MilestoneKind, MilestoneStatus, Municipality, SessionKind
from lms.reports import (
    REPORTS,
    CertificateRegisterReport,
    MilestonesReport,
    ParticipationReport,
    ProgressMatrixReport,
    SessionsReport,
    get_report,
)
from lms.reports.export import cell_text, csv_cells
from tests.lms.report_factories import bulk_world, small_world

# Tables made in the tests are compared with the (German) pages.
pytestmark = [pytest.mark.django_db, pytest.mark.language("de")]


@pytest.fixture
def world(programme):
    return small_world(programme)


def url(report, **query):
    from urllib.parse import urlencode

    return reverse(f"kokoma_reports:{report.slug}") + (f"?{urlencode(query)}" if query else "")


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def xlsx_equal(cell, value) -> bool:
    """A cell read back with openpyxl holds the table's value (numbers, dates, text)."""
    if value is None or value == "":
        return cell is None
    if isinstance(value, Decimal):
        return isinstance(cell, int | float) and Decimal(str(cell)) == value
    if isinstance(value, datetime.date):
        return (cell.date() if isinstance(cell, datetime.datetime) else cell) == value
    return cell == value


# --- The numbers --------------------------------------------------------------------------


def test_participation_counts_per_municipality(world):
    table = ParticipationReport().table()
    functions = len(Function.values) + 1
    assert len(table.header) == 7 + functions + 4
    bamberg, erfurt, nowhere = table.rows
    # Bamberg: 6 applications (Ulla twice); admitted Ulla ×2, Uwe, Ute (withdrawn after
    # admission); persons Ulla, Uwe, Ute; UE 4 + 2 (first cohort) + 3 (Ulla, second cohort).
    assert bamberg == [
        "Bamberg", 6, 4, 1, 2, 1, 3,
        1, 1, 1, 0, 0, 0, 0,
        Decimal(9), 1, Decimal("50.0"), Decimal("25.0"),
    ]  # fmt: skip
    # Erfurt: Vera withdrew before admission, so she is no participant.
    assert erfurt == [
        "Erfurt", 2, 1, 1, 0, 1, 1,
        1, 0, 0, 0, 0, 0, 0,
        Decimal(4), 0, Decimal("0.0"), Decimal("0.0"),
    ]  # fmt: skip
    assert nowhere[1:] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Decimal(0), 0, None, None]
    # Ulla counts once among the persons, though enrolled twice.
    assert table.totals[1:] == [
        9, 5, 2, 2, 2, 4,
        2, 1, 1, 0, 0, 0, 0,
        Decimal(13), 1, Decimal("40.0"), Decimal("20.0"),
    ]  # fmt: skip


def test_participation_filters(world):
    report = ParticipationReport()
    only_second = report.table({"cohort": world["second"]})
    assert [row[:3] for row in only_second.rows] == [["Bamberg", 1, 1]]
    assert only_second.rows[0][-4] == Decimal(3)
    erfurt = report.table({"municipality": world["erfurt"]})
    assert [row[0] for row in erfurt.rows] == ["Erfurt"]
    # The period selects cohorts running in it: none in 2024.
    empty = report.table(
        {"date_from": datetime.date(2024, 1, 1), "date_to": datetime.date(2024, 12, 31)}
    )
    assert empty.rows == []
    assert empty.totals[1] == 0
    # ... and the sessions whose UE count: only March 2026 (session 1).
    march = report.table(
        {"date_from": datetime.date(2026, 3, 1), "date_to": datetime.date(2026, 3, 31)}
    )
    assert march.rows[0][-4] == Decimal(6)
    assert march.totals[-4] == Decimal(10)


def test_sessions_per_municipality_and_kind(world):
    table = SessionsReport().table()
    kind = {k: str(label) for k, label in SessionKind.choices}
    assert [row[:2] for row in table.rows] == [
        ["Bamberg", kind["steering_group"]],
        ["Erfurt", kind["supervision"]],
        [table.rows[2][0], kind["workshop"]],
        [table.rows[2][0], kind["deepening"]],
    ]
    assert table.rows[0][2:] == [1, 0, 0, Decimal(2), 2, 1, 0, 1, 1, Decimal("50.0")]
    assert table.rows[1][2:] == [0, 1, 0, Decimal(0), 0, 0, 0, 0, 0, None]
    assert table.rows[2][2:] == [2, 0, 0, Decimal(7), 5, 4, 1, 0, 3, Decimal("80.0")]
    assert table.rows[3][2:] == [0, 0, 1, Decimal(0), 0, 0, 0, 0, 0, None]
    assert table.totals[2:] == [3, 1, 1, Decimal(9), 7, 5, 1, 1, 3, Decimal("71.4")]


def test_sessions_filters(world):
    report = SessionsReport()
    # Steering-group meetings belong to no programme: the programme filter leaves them out.
    by_programme = report.table({"programme": world["first"].programme})
    assert "Bamberg" not in [row[0] for row in by_programme.rows]
    erfurt = report.table({"municipality": world["erfurt"]})
    assert [row[0] for row in erfurt.rows] == ["Erfurt"]
    april = report.table(
        {"date_from": datetime.date(2026, 4, 1), "date_to": datetime.date(2026, 4, 30)}
    )
    assert [row[2:6] for row in april.rows] == [[1, 0, 0, Decimal(3)]]


def test_certificate_register_from_snapshots(world):
    enrolments = world["enrolments"]
    # A later change of name does not change the register (the snapshot does).
    enrolments["u2"].user.last_name = "Umbenannt"
    enrolments["u2"].user.save()
    table = CertificateRegisterReport().table()
    assert table.rows == [
        [
            "2026-1",
            "Uwe Muster",
            world["first"].programme.title,
            "Durchgang 2026",
            "Bamberg",
            datetime.date(2026, 6, 1),
            str(CertificateKind.CERTIFICATE.label),
            str(CertificateStatus.VALID.label),
            None,
        ],
        [
            "2026-2",
            "Ulla Muster",
            world["first"].programme.title,
            "Durchgang Bamberg",
            "Bamberg",
            datetime.date(2026, 7, 1),
            str(CertificateKind.ATTENDANCE.label),
            str(CertificateStatus.REVOKED.label),
            datetime.date(2026, 8, 1),
        ],
    ]
    later = CertificateRegisterReport().table({"date_from": datetime.date(2026, 6, 15)})
    assert [row[0] for row in later.rows] == ["2026-2"]
    assert CertificateRegisterReport().table({"cohort": world["first"]}).rows[0][0] == "2026-1"
    assert CertificateRegisterReport().table({"municipality": world["erfurt"]}).rows == []
    summary = CertificateRegisterReport().summary_table(table)
    assert summary.rows[0][1:] == [1, 0, 0, 1]
    assert summary.rows[1][1:] == [0, 1, 0, 1]


def test_milestones_per_municipality(world):
    table = MilestonesReport().table()
    status = {k: str(label) for k, label in MilestoneStatus.choices}
    assert len(table.header) == 1 + 2 * len(MilestoneKind.values) + 4
    bamberg, erfurt = table.rows
    assert bamberg[:5] == [
        "Bamberg",
        status["reached"],
        datetime.date(2026, 2, 1),
        status["in_progress"],
        datetime.date(2026, 9, 1),
    ]
    assert bamberg[-4:] == [0, 1, 1, 1]
    assert erfurt[-4:] == [0, 0, 0, 0]
    assert table.totals[-4:] == [0, 1, 1, 1]
    in_2026 = MilestonesReport().table(
        {"date_from": datetime.date(2026, 3, 1), "date_to": datetime.date(2026, 12, 31)}
    )
    assert [row[0] for row in in_2026.rows] == ["Bamberg"]
    assert in_2026.rows[0][-1] == 0  # reached in February, before the period
    by_cohort = MilestonesReport().table({"cohort": world["second"]})
    assert [row[0] for row in by_cohort.rows] == ["Bamberg"]


def test_progress_matrix_is_the_trainers_matrix(world):
    cohort = world["first"]
    table = ProgressMatrixReport().table({"cohort": cohort})
    header, rows = trainer.matrix_table(trainer.progress_matrix(cohort))
    assert table.header == [str(text) for text in header]
    assert table.rows == rows
    assert [row[0] for row in rows] == ["Ulla Muster", "Uwe Muster", "Veit Muster"]
    assert [row[-2:] for row in rows] == [[0, 0], [1, 100], [0, 0]]
    only_erfurt = ProgressMatrixReport().table({"cohort": cohort, "municipality": world["erfurt"]})
    assert [row[0] for row in only_erfurt.rows] == ["Veit Muster"]


def test_progress_matrix_needs_a_cohort():
    with pytest.raises(ValueError):
        ProgressMatrixReport().table()


def test_registry_lists_every_report_once():
    assert len({report.slug for report in REPORTS}) == len(REPORTS) == 5
    assert get_report("teilnahme") is ParticipationReport
    assert get_report("nichts") is None
    assert ParticipationReport.url() == "/admin/berichte/teilnahme/"
    assert ParticipationReport.url(export="csv") == "/admin/berichte/teilnahme/?export=csv"


# --- Pages and downloads --------------------------------------------------------------------


def table_for(report_class, world):
    filters = {"cohort": world["first"]} if report_class.required_filters else {}
    return filters, report_class().table(filters)


@pytest.mark.parametrize("report_class", REPORTS)
def test_page_shows_the_table_and_the_chart(client, staff, world, report_class):
    client.force_login(staff)
    filters, table = table_for(report_class, world)
    query = {key: value.pk for key, value in filters.items()}
    response = client.get(url(report_class, **query))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<table class="listing kokoma-report-table"' in html
    on_screen = html.split('id="report-table"')[1].split("</table>")[0]
    assert on_screen.count('<th scope="col">') == len(table.header)
    assert on_screen.count('<th scope="row">') == len(table.all_rows())
    for row in table.rows:
        for value in row:
            assert cell_text(value) in html
    assert 'class="kokoma-report-chart"' in html
    assert "export=csv" in html and "export=xlsx" in html
    chart = report_class().charts(table)[0]
    for bar in chart.bars:
        assert f">{bar.text}" in html


@pytest.mark.parametrize("report_class", REPORTS)
def test_csv_download_has_the_page_numbers(client, staff, world, report_class):
    client.force_login(staff)
    filters, table = table_for(report_class, world)
    query = {key: value.pk for key, value in filters.items()}
    response = client.get(url(report_class, **query, export="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{report_class.filename}'
    )
    rows = read_csv(response)
    assert rows[0] == table.header
    assert rows[1:] == [csv_cells(row) for row in table.all_rows()]
    # The CSV cells are the text of the page (an empty cell where the page shows a dash).
    assert rows[1] == [cell_text(value, missing="") for value in table.all_rows()[0]]


@pytest.mark.parametrize("report_class", REPORTS)
def test_xlsx_download_has_the_page_numbers(client, staff, world, report_class):
    client.force_login(staff)
    filters, table = table_for(report_class, world)
    query = {key: value.pk for key, value in filters.items()}
    response = client.get(url(report_class, **query, export="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = read_xlsx(response)
    assert list(rows[0]) == table.header
    expected = table.all_rows()
    assert len(rows) - 1 == len(expected)
    for read, row in zip(rows[1:], expected, strict=True):
        assert all(xlsx_equal(cell, value) for cell, value in zip(read, row, strict=True)), (
            read,
            row,
        )


def test_participation_xlsx_numbers_are_numbers(client, staff, world):
    client.force_login(staff)
    rows = read_xlsx(client.get(url(ParticipationReport, export="xlsx")))
    bamberg = rows[1]
    assert bamberg[0] == "Bamberg"
    assert bamberg[1] == 6 and isinstance(bamberg[1], int)
    assert bamberg[-2] == 50 and bamberg[-1] == 25


def test_names_never_become_formulas(client, staff, programme):
    municipality = Municipality.objects.create(
        name='=HYPERLINK("http://x","y")', federal_state="TH"
    )
    from tests import factories

    factories.EnrolmentFactory(
        cohort=factories.CohortFactory(programme=programme), municipality=municipality
    )
    client.force_login(staff)
    csv_rows = read_csv(client.get(url(ParticipationReport, export="csv")))
    assert csv_rows[1][0] == '\'=HYPERLINK("http://x","y")'
    workbook = load_workbook(
        io.BytesIO(client.get(url(ParticipationReport, export="xlsx")).content)
    )
    cell = workbook.active["A2"]
    assert cell.value == '=HYPERLINK("http://x","y")'
    assert cell.data_type == "s"


def test_index_lists_the_reports(client, staff):
    client.force_login(staff)
    response = client.get(reverse("kokoma_reports:index"))
    assert response.status_code == 200
    for report in REPORTS:
        assert url(report) in response.content.decode()


def test_reports_are_in_the_berichte_menu_for_staff_only(client, staff, trainer):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert "kokoma-report-teilnahme" in html
    client.force_login(trainer)
    html = client.get("/admin/").content.decode()
    assert "kokoma-report-teilnahme" not in html


# --- Filters --------------------------------------------------------------------------------


def test_invalid_date_shows_an_error_and_keeps_the_input(client, staff, world):
    client.force_login(staff)
    response = client.get(url(ParticipationReport, date_from="31.02.2026", date_to=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="31.02.2026"' in html
    assert "Bitte ein gültiges Datum eingeben." in html
    assert 'id="report-table"' not in html
    assert "export=csv" not in html
    # A download with invalid filters gives the page with the error, not a file.
    response = client.get(url(ParticipationReport, date_from="gestern", export="csv"))
    assert response["Content-Type"].startswith("text/html")


def test_period_end_before_start_is_refused(client, staff, world):
    client.force_login(staff)
    response = client.get(url(SessionsReport, date_from="01.05.2026", date_to="2026-04-01"))
    html = response.content.decode()
    assert 'value="01.05.2026"' in html and 'value="2026-04-01"' in html
    assert 'id="report-table"' not in html
    form = SessionsReport().form({"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert not form.is_valid()
    assert list(form.errors) == ["date_to"]


def test_cohort_of_another_programme_is_refused(home, world):
    from tests import factories

    other = factories.make_programme(home, title="Anderes", slug="anderes")
    form = ParticipationReport().form({"programme": other.pk, "cohort": world["first"].pk})
    assert not form.is_valid()
    assert list(form.errors) == ["cohort"]


def test_filters_in_the_url_filter_the_page_and_the_download(client, staff, world):
    client.force_login(staff)
    query = {"municipality": world["erfurt"].pk, "date_from": "2026-01-01", "date_to": "2026-12-31"}
    html = client.get(url(ParticipationReport, **query)).content.decode()
    assert '<th scope="row">Erfurt</th>' in html
    assert '<th scope="row">Bamberg</th>' not in html
    response = client.get(url(ParticipationReport, **query, export="csv"))
    assert [row[0] for row in read_csv(response)[1:]] == ["Erfurt", read_csv(response)[-1][0]]
    assert "erfurt-2026-01-01-2026-12-31" in response["Content-Disposition"]


def on_screen_rows(html) -> list[str]:
    """The first cell of every body row of the on-screen table."""
    table = html.split('id="report-table"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<th scope="row">([^<]*)</th>', body)


def test_certificate_register_page_shows_100_rows_a_page_the_files_all(client, staff, programme):
    client.force_login(staff)
    client.cookies["kokoma_language"] = "en"
    cohort = bulk_world(programme, 1250)  # 250 certificates
    numbers = [row[0] for row in CertificateRegisterReport().table({"cohort": cohort}).rows]
    assert len(numbers) == 250
    query = {"cohort": cohort.pk, "date_from": "2026-01-01"}

    html = client.get(url(CertificateRegisterReport, **query)).content.decode()
    assert on_screen_rows(html) == numbers[:100]
    nav = html.split('<nav class="pagination"')[1].split("</nav>")[0]
    assert nav.startswith(' aria-label="Pagination"')
    # The current page is marked; every page link keeps the filters.
    links = re.findall(r'<a href="([^"]*)"', nav)
    assert links == [
        f"?cohort={cohort.pk}&amp;date_from=2026-01-01&amp;p={number}" for number in (1, 2, 3, 2)
    ]
    assert re.search(r'p=1"\s*aria-current="page"', nav)
    assert html.count('aria-current="page"') == 1

    html = client.get(url(CertificateRegisterReport, **query, p=3)).content.decode()
    assert on_screen_rows(html) == numbers[200:]
    assert "Rows 201 to 250 of 250; the downloads contain all rows." in html
    # The downloads hold every row whichever page is shown.
    downloads = re.findall(r'href="(\?[^"]*export=csv)"', html)
    assert len(downloads) == 1 and "p=" not in downloads[0]
    response = client.get(url(CertificateRegisterReport, **query, p=3, export="csv"))
    assert [row[0] for row in read_csv(response)[1:]] == numbers
    response = client.get(url(CertificateRegisterReport, **query, p=2, export="xlsx"))
    assert [row[0] for row in read_xlsx(response)[1:]] == numbers
    # Charts count every document, not only those on the page.
    chart = html.split('class="kokoma-report-chart"')[2]
    assert ">250<" in chart


def test_progress_matrix_pages_its_table_and_its_bars(client, staff, programme):
    """One bar per participant: the chart shows the participants of the page beside them."""
    client.force_login(staff)
    cohort = bulk_world(programme, 300)
    table = ProgressMatrixReport().table({"cohort": cohort})
    names = [row[0] for row in table.rows]
    assert 100 < len(names) <= 200
    for number, shown in ((1, names[:100]), (2, names[100:])):
        html = client.get(url(ProgressMatrixReport, cohort=cohort.pk, p=number)).content.decode()
        assert on_screen_rows(html) == shown
        labels = re.findall(r'<span class="kokoma-report-chart__label">([^<]*)</span>', html)
        assert labels == shown


def test_report_page_number_out_of_range_shows_the_last_page(client, staff, programme):
    client.force_login(staff)
    cohort = bulk_world(programme, 1250)
    response = client.get(url(CertificateRegisterReport, cohort=cohort.pk, p=99))
    assert response.status_code == 200
    assert len(on_screen_rows(response.content.decode())) == 50
    response = client.get(url(CertificateRegisterReport, cohort=cohort.pk, p="x"))
    assert len(on_screen_rows(response.content.decode())) == 100


def test_short_tables_have_no_pagination(client, staff, world):
    client.force_login(staff)
    html = client.get(url(ParticipationReport)).content.decode()
    assert '<nav class="pagination"' not in html


def test_progress_matrix_page_asks_for_a_cohort(client, staff, world):
    client.force_login(staff)
    response = client.get(url(ProgressMatrixReport))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="report-table"' not in html
    assert "export=csv" not in html
    # Asking for the file without a cohort gives the page, not a file.
    response = client.get(url(ProgressMatrixReport, cohort="", export="xlsx"))
    assert response["Content-Type"].startswith("text/html")
    assert "Dieses Feld muss ausgefüllt werden." in response.content.decode()


# --- Who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("report_class", REPORTS)
def test_anonymous_and_trainee_go_to_login(client, trainee, report_class):
    target = url(report_class)
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={target}"
    client.force_login(trainee)
    response = client.get(url(report_class, export="csv"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("report_class", REPORTS)
def test_trainer_is_turned_away(client, trainer, report_class):
    client.force_login(trainer)
    for target in (url(report_class), url(report_class, export="xlsx")):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_index_is_for_staff_only(client, trainer, superuser):
    client.force_login(trainer)
    assert client.get(reverse("kokoma_reports:index"))["Location"] == "/admin/"
    client.force_login(superuser)
    assert client.get(reverse("kokoma_reports:index")).status_code == 200


# --- A constant number of queries ------------------------------------------------------------

QUERIES = {
    ParticipationReport: 5,
    SessionsReport: 3,
    CertificateRegisterReport: 1,
    MilestonesReport: 2,
    ProgressMatrixReport: 6,  # lms.trainer.progress_matrix
}


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("report_class", REPORTS)
def test_report_queries_do_not_grow_with_enrolments(
    programme, django_assert_num_queries, report_class, count
):
    cohort = bulk_world(programme, count)
    filters = {"cohort": cohort} if report_class.required_filters else {}
    with django_assert_num_queries(QUERIES[report_class]):
        table = report_class().table(filters)
    assert table.rows


def test_report_pages_queries_do_not_grow_with_enrolments(client, staff, programme):
    client.force_login(staff)
    cohort = bulk_world(programme, 10)

    def queries():
        counts = {}
        for report_class in REPORTS:
            query = {"cohort": cohort.pk} if report_class.required_filters else {}
            for export in ("", "csv", "xlsx"):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(
                        url(report_class, **query, **({"export": export} if export else {}))
                    )
                assert response.status_code == 200
                counts[(report_class.slug, export)] = len(captured)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url(report_class, **query, p=2)).status_code == 200
            counts[(report_class.slug, "page 2")] = len(captured)
        return counts

    small = queries()
    bulk_world(programme, 1000)
    assert queries() == small


def test_progress_matrix_csv_equals_the_trainers_csv(client, staff, world):
    """The report's CSV and the trainer page's CSV are the same file (no drift)."""
    client.force_login(staff)
    cohort = world["first"]
    report_csv = client.get(url(ProgressMatrixReport, cohort=cohort.pk, export="csv"))
    trainer_csv = client.get(reverse("cohort_progress_csv", args=[cohort.pk]))
    assert read_csv(report_csv) == read_csv(trainer_csv)
    assert len(read_csv(report_csv)) == 4


# --- Cells and sheets -------------------------------------------------------------------------


def test_cell_text_reads_as_in_german():
    from django.utils import translation

    from lms.reports.export import sheet_title

    with translation.override("de"):
        assert cell_text(Decimal("12.50")) == "12,5"
        assert cell_text(Decimal("100.0")) == "100"
        assert cell_text(Decimal("71.4")) == "71,4"
        assert cell_text(1000) == "1000"
        assert cell_text(datetime.date(2026, 6, 1)) == "01.06.2026"
        assert cell_text(None) == "–"
        assert cell_text(None, missing="") == ""
    assert csv_cells(["-1+1", "@SUM(A1)", 3]) == ["'-1+1", "'@SUM(A1)", "3"]
    assert sheet_title("Teilnahme: Kommunen [2026]/Q1 und noch viel mehr Text") == (
        "Teilnahme  Kommunen  2026  Q1 u"
    )
