"""Every table as Excel-true CSV, machine-readable CSV, XLSX and JSON (TABLE_FORMATS), formula injection impossible."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter

from builder.language import DEFAULT, unlocalized
from builder.load.formula import is_formula_like
from builder.model.datasets import Release
from builder.model.site import Page
from builder.model.tables import Column, Table
from builder.render.csv_writer import EXCEL_NB, MACHINE, write_csv
from builder.render.formats import DownloadFormat
from builder.render.i18n import t
from builder.render.json_numbers import json_number


def columns(table: Table) -> list[tuple[str, str, Column, bool]]:
    """Output columns: (machine name, Norwegian header, column, is_status) with a status column after flagged values."""
    out = []
    for col in table.columns:
        out.append((col.key, col.label, col, False))
        if col.status_key:
            out.append((f"{col.key}_status", f"{col.label.split(' (')[0]} – status", col, True))
    return out


def records(table: Table) -> list[list[Any]]:
    """Raw values per row in output column order (each status as the model carried it, never from its mark)."""
    rows = []
    for row in table.rows:
        values: list[Any] = []
        for col, cell in zip(table.columns, row, strict=True):
            values.append(cell.value)
            if col.status_key:
                values.append(cell.status)
        rows.append(values)
    return rows


def reason(source: Mapping[str, Any]) -> dict[str, str]:
    """Why a source has no date or URL (kilder.csv `merknad`), as {"merknad": …}; nothing when it has both."""
    missing = not source.get("dato") or not source.get("url")
    return {"merknad": str(source["merknad"])} if missing and source.get("merknad") else {}


def source_line(source: Mapping[str, Any]) -> str:
    """A source on the «Om dataene» sheet: title, publisher, URL, and why a date or URL is missing."""
    line = f"{source['tittel']} ({source['utgiver']}) {source.get('url') or ''}".strip()
    why = reason(source)
    return f"{line}. {t('about.source_reason', merknad=why['merknad'])}" if why else line


def _is_number(col: Column, is_status: bool) -> bool:
    """Whether a column holds numbers (years included, so Excel can sort and filter them)."""
    return (col.numeric or col.kind == "year") and not is_status


def csv_bytes(table: Table, *, excel: bool) -> bytes:
    """Excel flavour: Norwegian labels in the Excel dialect; machine flavour: column names in the machine dialect."""
    cols = columns(table)
    header = [label if excel else name for name, label, _, _ in cols]
    numeric = [_is_number(col, status) for _, _, col, status in cols]
    shares = [col.kind in PERCENT_KINDS and not status for _, _, col, status in cols]
    return write_csv(EXCEL_NB if excel else MACHINE, header, numeric, records(table), shares)


# Shares: a fraction in the data (0.015), in percent in the Excel CSV (1,5) and with a percent format in the XLSX.
PERCENT_KINDS = frozenset({"pct", "signed_pct"})
# Excel's number formats are written in its invariant (US) spelling: `,` is the thousands separator and `.` the
# decimal mark, which a Norwegian Excel or Calc shows as a space and a comma (78 579 000, 12,5 %).
NUMBER_FORMATS = {
    "year": "0",
    "nok": "#,##0",
    "int": "#,##0",
    "dec1": "#,##0.0",
    "pct": "0.0 %",
    "signed_pct": "+0.0 %;-0.0 %;0.0 %",
    "date": "dd.mm.yyyy",
}


class _Text:
    """Writes text cells; formula-like text gets Excel's own quote prefix, so it stays text even when edited."""

    def __init__(self, book: xlsxwriter.Workbook, props: dict[str, Any]) -> None:
        self.plain = book.add_format(props) if props else None
        self.quoted = book.add_format({**props, "quote_prefix": True})

    def write(self, sheet: Any, row: int, col: int, text: str) -> None:
        """One text cell, never a formula (write_string, S-11)."""
        sheet.write_string(row, col, text, self.quoted if is_formula_like(text) else self.plain)


def xlsx_bytes(table: Table, release: Release, sources: Sequence[Mapping[str, Any]], url: str) -> bytes:
    """XLSX with typed cells (codes as text, amounts and shares as formatted numbers, dates as dates), frozen
    header, widths and an about sheet naming every source."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(xlsx_properties(table, release))
    bold = _Text(book, {"bold": True, "text_wrap": True, "valign": "top"})
    text = _Text(book, {})
    _table_sheet(book, table, bold, text)
    about = book.add_worksheet("Om dataene")
    lines = [(t("demo.label"), t("demo.banner"))] if release.demo else []
    lines += [
        ("Tabell", table.caption),
        ("Versjon", release.version),
        ("Dato", release.date),
        ("Lisens", release.license),
        ("Adresse", url),
    ]
    lines += [("Kilde", source_line(s)) for s in sources]
    for r, (key, value) in enumerate(lines):
        bold.write(about, r, 0, key)
        text.write(about, r, 1, value)
    about.set_column(0, 0, 12)
    about.set_column(1, 1, 100)
    book.close()
    return buffer.getvalue()


def xlsx_properties(table: Table, release: Release) -> dict[str, Any]:
    """Document properties; a demo's title, subject and keywords say DEMO."""
    props: dict[str, Any] = {
        "title": table.caption,
        "author": "Kompetanseinnsyn",
        "comments": f"Versjon {release.version}",
        "created": dt.datetime.fromisoformat(release.date),
    }
    if release.demo:
        demo = t("demo.label")
        props.update(title=f"{demo} – {table.caption}", subject=t("demo.banner"), keywords=demo)
        props["comments"] = f"{t('demo.banner')}. Versjon {release.version}"
    return props


def _table_sheet(book: xlsxwriter.Workbook, table: Table, bold: _Text, text: _Text) -> None:
    """The «Tabell» sheet: a header row, then numbers as numbers and everything else as text."""
    sheet = book.add_worksheet("Tabell")
    formats = {k: book.add_format({"num_format": v}) for k, v in NUMBER_FORMATS.items()}
    cols = columns(table)
    for c, (_, label, _, _) in enumerate(cols):
        bold.write(sheet, 0, c, label)
    widths = [len(label) for _, label, _, _ in cols]
    for r, values in enumerate(records(table), start=1):
        for c, (value, (_, _, col, status)) in enumerate(zip(values, cols, strict=True)):
            if value is None:
                continue
            if _is_number(col, status) and not isinstance(value, bool):
                sheet.write_number(r, c, float(value), formats.get(col.kind))
                widths[c] = max(widths[c], len(f"{value:,.0f}") + 2)
            elif isinstance(value, dt.date) and not status:
                sheet.write_datetime(r, c, value, formats["date"])
                widths[c] = max(widths[c], 11)
            else:
                shown = str(value)
                text.write(sheet, r, c, shown)
                widths[c] = max(widths[c], min(len(shown), 60))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(max(width, 8), 60) + 1)
    sheet.freeze_panes(1, 0)


def _json_value(value: Any) -> Any:
    """Exact JSON numbers for Decimals; ISO dates."""
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_bytes(table: Table, release: Release, sources: Sequence[Mapping[str, Any]], url: str) -> bytes:
    """The table with its columns, version and sources."""
    cols = columns(table)
    demo = {"demo": True, "merknad": t("demo.banner")} if release.demo else {}
    body = {
        **demo,
        "tabell": table.id,
        "tittel": table.caption,
        "versjon": release.version,
        "dato": release.date,
        "lisens": release.license,
        "adresse": url,
        "kilder": [
            {"id": s["kilde_id"], "tittel": s["tittel"], "utgiver": s["utgiver"], "url": s.get("url"), **reason(s)}
            for s in sources
        ],
        "kolonner": [{"navn": n, "tittel": label, "type": "status" if s else c.kind} for n, label, c, s in cols],
        "rader": [
            {n: _json_value(v) for (n, _, _, _), v in zip(cols, values, strict=True)} for values in records(table)
        ],
    }
    return (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


# Writes one table given the release, its sources and the file's own URL.
TableWriter = Callable[[Table, Release, Sequence[Mapping[str, Any]], str], bytes]

# The XLSX first: the Excel-first format (codes keep their leading zero, amounts and dates are typed); a CSV
# opened in a spreadsheet shows «03» as 3, so every table with a county number also carries the county's name.
TABLE_FORMATS: tuple[DownloadFormat[TableWriter], ...] = (
    DownloadFormat(
        ".xlsx", "download.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_bytes
    ),
    DownloadFormat(".csv", "download.csv_excel", "text/csv", lambda table, *_: csv_bytes(table, excel=True)),
    DownloadFormat(
        ".maskinlesbar.csv", "download.csv_machine", "text/csv", lambda table, *_: csv_bytes(table, excel=False)
    ),
    DownloadFormat(".json", "download.json", "application/json", json_bytes),
)


def table_files(table: Table, base: str, release: Release, sources: Sequence[Mapping[str, Any]]) -> dict[str, bytes]:
    """Every format of TABLE_FORMATS of one table at `base` (a path without extension)."""
    url = release.site_url + "/" + base
    return {fmt.path(base): fmt.writer(table, release, sources, fmt.path(url)) for fmt in TABLE_FORMATS}


def page_table_files(
    pages: Sequence[Page], release: Release, sources: Mapping[str, Mapping[str, Any]]
) -> dict[str, bytes]:
    """Every table of every page in every format at /data/<page path>/<table id>.<ext>."""
    files: dict[str, bytes] = {}
    for page in pages:
        if page.lang != DEFAULT:  # a nynorsk page links the same files: downloads keep one set of column names
            continue
        for table in page.content.tables:
            used = [sources[s] for s in table.sources if s in sources]
            files.update(table_files(table, download_base(page.url, table.id), release, used))
    return files


def download_base(page_url: str, table_id: str) -> str:
    """The path (without extension) of a page table's downloads, e.g. data/fylke/46-vestland/per-ordning-og-aar."""
    inner = unlocalized(page_url).strip("/") or "forside"
    return f"data/{inner}/{table_id}"


def table_download_url(page_url: str, table_id: str, fmt: DownloadFormat[TableWriter]) -> str:
    """The site-relative URL of one page table's download in one format, for the page's download links."""
    return "/" + fmt.path(download_base(page_url, table_id))


def table_version_url(page_url: str, table_id: str, fmt: DownloadFormat[TableWriter], version: str) -> str:
    """The site-relative URL of the same download's fixed copy in one release (data/<x> → data/v/<version>/<x>,
    as bulk.versioned writes it), for the menu's versioned links and the citation."""
    rest = fmt.path(download_base(page_url, table_id)).removeprefix("data/").removeprefix("siste/")
    return f"/data/v/{version}/{rest}"
