"""Writing a report table as CSV and XLSX, and the text of its cells.

One function decides how a value reads (:func:`cell_text`): the page shows it,
the CSV file contains it, and the XLSX file holds the value itself (numbers
as numbers, dates as dates), so all three carry the same numbers. Text never
becomes a formula: in the CSV a leading ``= + - @`` is escaped with
:func:`lms.attendance_lists.csv_safe`; in the XLSX text cells are stored as
text, never as formulas (the protection of Wagtail's own spreadsheet export).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

from django.utils import formats

from lms.attendance_lists import csv_safe, csv_writer

#: What an empty cell reads on the page (a dash, so it is not mistaken for a zero).
MISSING = "–"

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value, *, missing: str = MISSING) -> str:
    """A cell as people read it: German decimal comma, dates as dd.mm.yyyy."""
    if value is None:
        return missing
    if isinstance(value, Decimal):
        value = value.normalize()
        return formats.number_format(value, max(-value.as_tuple().exponent, 0))
    if isinstance(value, int | float):
        return formats.number_format(value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def csv_cells(values) -> list[str]:
    """A row for the CSV file: the text of the page, formula-safe, empty where missing."""
    return [csv_safe(cell_text(value, missing="")) for value in values]


def write_csv(header, rows, out) -> None:
    """Header and rows as a CSV file for spreadsheets (BOM, semicolons)."""
    writer = csv_writer(out)
    writer.writerow([csv_safe(str(text)) for text in header])
    for row in rows:
        writer.writerow(csv_cells(row))


def _xlsx_value(value):
    if isinstance(value, Decimal):
        # Integral values as whole numbers, the rest as they are shown.
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, int | float | datetime.date) or value is None:
        return value
    return str(value)


def xlsx_cells(worksheet, values):
    """Write-only cells: numbers and dates as such, text never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    for value in values:
        cell = WriteOnlyCell(worksheet, _xlsx_value(value))
        if cell.data_type == "f":
            # openpyxl takes text beginning with "=" for a formula: keep it text.
            cell.data_type = "s"
        if isinstance(value, datetime.datetime):
            cell.number_format = "DD.MM.YYYY HH:MM"
        elif isinstance(value, datetime.date):
            cell.number_format = "DD.MM.YYYY"
        yield cell


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()
    return cleaned[:31] or "Sheet"


def write_xlsx(header, rows, out, *, title: str = "Sheet") -> None:
    """Header and rows as an XLSX workbook with one sheet, header row frozen."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True, iso_dates=True)
    worksheet = workbook.create_sheet(title=sheet_title(title))
    worksheet.freeze_panes = "A2"
    worksheet.append(list(xlsx_cells(worksheet, [str(text) for text in header])))
    for row in rows:
        worksheet.append(list(xlsx_cells(worksheet, row)))
    workbook.save(out)


def xlsx_bytes(header, rows, *, title: str = "Sheet") -> bytes:
    output = BytesIO()
    write_xlsx(header, rows, output, title=title)
    return output.getvalue()
