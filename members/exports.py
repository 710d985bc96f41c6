"""Tables as downloadable files: CSV for any program, XLSX for spreadsheet apps.

Every export of the portal (the secretary's lists, the public open data) is a header row and
rows of plain values: text, numbers, dates, times, booleans or None. A table without rows is a
file with its header row alone.

- CSV is UTF-8, comma-separated, with dates as ISO 8601 (2024-03-14). The secretary's copies start
  with a byte-order mark, so that spreadsheet apps read the Slovenian letters right, and a text
  that a spreadsheet would take for a formula (=, +, -, @ first) is preceded by an apostrophe.
  Open data leaves both out: its readers are programs, and the text stays as it was written.
- XLSX keeps every text as text (never a formula, whatever its first character), dates as dates
  shown the Slovenian way, and drops the control characters the format cannot hold.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from django.urls import register_converter
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8; header=present"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat:
    """URL converter for the format at the end of an export's address: csv or xlsx."""

    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DataFormat(ExportFormat):
    """URL converter for the format of an open-data file: json or csv."""

    regex = "json|csv"


def table_response(fmt, filename, header, rows, *, for_spreadsheets=True):
    """The table as a download named ``filename`` (without the extension) in ``fmt``.
    ``for_spreadsheets``: the CSV is meant to be opened by a person (see the module's note)."""
    if fmt == "xlsx":
        content, content_type = xlsx_bytes(header, rows, title=filename), XLSX_TYPE
    elif fmt == "csv":
        content = csv_text(header, rows, guard_formulas=for_spreadsheets)
        content = ("\ufeff" if for_spreadsheets else "") + content
        content_type = CSV_TYPE
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def csv_text(header, rows, *, guard_formulas=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(value, guard_formulas) for value in row])
    return buffer.getvalue()


def _csv_value(value, guard_formulas):
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_or_no(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str) and guard_formulas and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_bytes(header, rows, *, title="List"):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, name, font=bold) for name in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value, font=None):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, bool):
        value = yes_or_no(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    elif isinstance(value, datetime.date):
        cell.number_format = "d. m. yyyy"
    if font is not None:
        cell.font = font
    return cell


def yes_or_no(value):
    return _("yes") if value else _("no")


# The format at the end of every export's address: ".../izvoz.csv", ".../izvoz.xlsx", and of
# every open-data file: ".../seje.json", ".../seje.csv".
register_converter(ExportFormat, "export")
register_converter(DataFormat, "data")
