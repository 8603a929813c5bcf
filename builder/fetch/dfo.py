"""DFØ's downloads from statsregnskapet.dfo.no: the yearly accounts zip and the appropriations history zip.

A zip is unpacked into a temporary folder (one CSV, size-limited, written under a fixed name, never under its
member name); the CSV's header is checked (ISO-8859-1, the columns we read); DuckDB's CSV reader loads the rows
of the posts we keep, as text, with exactly DFØ's dialect (`;`, every field quoted, a header row, no sniffing of
types); the SQL in builder/sql/fetch/ checks every value and sums exact kroner (DECIMAL(18,3), rounded to øre
once per aggregated row). Every problem is a FetchError naming the source and what was wrong."""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import duckdb

from builder.config import SQL_DIR
from builder.fetch.client import FetchError
from builder.model.queries import PARAMS_LINE

BASE = "https://statsregnskapet.dfo.no/nedlasting"
# The posts that carry the schemes (data/upstream/statsregnskap/README.md): (kapittel, post).
POSTS = (("0226", "21"), ("0226", "22"), ("0231", "21"))
# The columns we read (DFØ's files have more; the order does not matter, names are matched exactly).
ACCOUNT_COLUMNS: tuple[str, ...] = ("År", "Periode", "Post_id", "Post", "Kontoklasse_id", "Kontoklasse")
ACCOUNT_COLUMNS += ("Artskonto_id", "Artskonto", "Virksomhet_id", "Virksomhet", "Beløp")
# From DFØ's bevilgninger_beskrivelse_av_kolonner.csv as the aggregation project documents it (Lippen1995/
# Project_statsbudsjett, docs/data-schema.md, verified there against the file in 2026-07); not seen here.
APPROPRIATION_COLUMNS = ("År", "Periode", "Post_id", "Post", "Bevilgning_beløp", "Bevilgning")
# A zip-bomb guard: the 2023 accounts CSV is about 134 MB; the cap leaves room for growth.
MAX_MEMBERS = 20
MAX_CSV_BYTES = 1024 * 1024 * 1024
HEADER_BYTES = 64 * 1024
SQL = SQL_DIR / "fetch"
CSV_ERROR = re.compile(r"CSV Error on Line: (\d+)")
COLUMN_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")

Row = dict[str, Any]


@dataclass(frozen=True)
class Accounts:
    """One accounts year, aggregated: per post, per post and entity, per post and artskonto."""

    posts: list[Row]
    entities: list[Row]
    kinds: list[Row]


def accounts_url(base: str, year: int) -> str:
    """The yearly accounts zip."""
    return f"{base}/statsregnskapet_aar_{year}.zip"


def appropriations_url(base: str) -> str:
    """The appropriations of every year."""
    return f"{base}/bevilgninger_full_historikk.zip"


def post_ids() -> list[str]:
    """The six-digit Post_id of each post we keep (chapter and post, e.g. 022621)."""
    return [chapter + post for chapter, post in POSTS]


def unpack(body: bytes, source: str, folder: Path) -> Path:
    """The one CSV in a zip, extracted into `folder` under a fixed name, within the size limits."""
    if body[:512].lstrip().lower().startswith((b"<!doctype", b"<html")):
        raise FetchError(source, "svaret er en HTML-side, ikke en zip-fil (feil adresse, eller DFØ har nedetid)")
    try:
        archive = zipfile.ZipFile(BytesIO(body))
    except zipfile.BadZipFile as exc:
        raise FetchError(source, f"svaret er ikke en hel zip-fil ({len(body)} byte; avkortet eller skadet)") from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise FetchError(source, f"zip-filen har {len(members)} filer, høyst {MAX_MEMBERS} er tillatt")
        csvs = [m for m in members if m.filename.lower().endswith(".csv")]
        if len(csvs) != 1:
            found = ", ".join(m.filename for m in members) or "ingen"
            raise FetchError(source, f"zip-filen skal ha nøyaktig én CSV-fil, har: {found}")
        return _extract(archive, csvs[0], source, folder / "dfo.csv")


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, source: str, target: Path) -> Path:
    """Copy one member out, counting bytes (the declared size can lie); a broken member is an error."""
    limit = f"{MAX_CSV_BYTES // (1024 * 1024)} MB"
    if member.file_size > MAX_CSV_BYTES:
        raise FetchError(source, f"{member.filename} er {member.file_size} byte utpakket, over grensen på {limit}")
    written = 0
    try:
        with archive.open(member) as src, target.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                written += len(chunk)
                if written > MAX_CSV_BYTES:
                    raise FetchError(source, f"{member.filename} blir større enn grensen på {limit} når den pakkes ut")
                dst.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise FetchError(source, f"{member.filename} i zip-filen er avkortet eller skadet ({exc})") from exc
    return target


def header(path: Path, source: str, required: Sequence[str]) -> list[str]:
    """The CSV's column names, checked: ISO-8859-1 (not UTF-8, UTF-16 or Windows-1252), unique, the ones we read."""
    with path.open("rb") as f:
        line = f.readline(HEADER_BYTES)
    if not line.endswith(b"\n"):
        raise FetchError(source, "CSV-filen har ingen hel overskriftslinje")
    if line.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in line:
        raise FetchError(source, "CSV-filen er UTF-16-kodet; DFØ leverer ISO-8859-1 (Latin-1)")
    try:
        utf8 = line.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = ""
    if line.startswith(b"\xef\xbb\xbf") or not utf8.isascii():
        raise FetchError(source, "CSV-filen er UTF-8-kodet; DFØ leverer ISO-8859-1 (Latin-1)")
    text = line.decode("latin-1")
    if any("\x80" <= ch <= "\x9f" for ch in text):
        raise FetchError(source, "CSV-filen ser ut til å være Windows-1252-kodet; DFØ leverer ISO-8859-1 (Latin-1)")
    names = next(csv.reader([text.rstrip("\r\n")], delimiter=";", quotechar='"'))
    missing = [c for c in required if c not in names]
    if missing:
        shown = ", ".join(f"«{c}»" for c in missing)
        raise FetchError(source, f"CSV-filen mangler kolonnen {shown} (har: {'; '.join(names)})")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise FetchError(source, f"CSV-filen har kolonnen «{repeated[0]}» mer enn én gang")
    return names


def run(con: duckdb.DuckDBPyConnection, source: str, name: str, **params: Any) -> list[Row]:
    """Rows of builder/sql/fetch/<name>.sql with exactly its declared parameters; a CSV error names the line."""
    text = (SQL / f"{name}.sql").read_text("utf-8")
    declared = PARAMS_LINE.fullmatch(text.splitlines()[1])
    names = set() if declared is None or declared["names"] == "none" else set(declared["names"].split(", "))
    if declared is None or names != set(params):
        raise ValueError(f"builder/sql/fetch/{name}.sql: parameters {sorted(params)} do not match line 2")
    try:
        cur = con.execute(text, params or None)
        cols = [d[0] for d in cur.description] if cur.description else []
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except duckdb.Error as exc:
        raise FetchError(source, f"CSV-filen kunne ikke leses: {csv_problem(str(exc))}") from exc


def csv_problem(message: str) -> str:
    """DuckDB's CSV error in one Norwegian line (line number and what was wrong when it says)."""
    where = CSV_ERROR.search(message)
    counts = COLUMN_COUNT.search(message)
    line = f"linje {where.group(1)}: " if where else ""
    if counts:
        return f"{line}{counts.group(2)} felt, ventet {counts.group(1)} (avkortet fil eller feil skilletegn?)"
    if "unterminated quote" in message:
        return f"{line}et felt mangler avsluttende anførselstegn"
    return line + message.strip().splitlines()[0][:300]


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database that spills, if it must, into the temporary folder only."""
    return duckdb.connect(":memory:", config={"temp_directory": str(folder / "duckdb"), "memory_limit": "500MB"})


def check_values(con: duckdb.DuckDBPyConnection, source: str, name: str) -> None:
    """Every loaded value in its format, or one error listing each column's first bad value and count."""
    bad = run(con, source, name)
    if bad:
        shown = "; ".join(f"«{r['kolonne']}» har {r['antall']} ugyldige verdier, f.eks. «{r['verdi']}»" for r in bad)
        raise FetchError(source, f"CSV-filen har verdier i feil format: {shown}")


def read_accounts(body: bytes, year: int, source: str) -> Accounts:
    """One year's accounts zip aggregated for the posts we keep; the year and each post must be there."""
    with tempfile.TemporaryDirectory(prefix="innsyn-dfo-") as tmp:
        path = unpack(body, source, Path(tmp))
        names = header(path, source, ACCOUNT_COLUMNS)
        with connect(Path(tmp)) as con:
            run(con, source, "accounts_load", path=str(path), columns=dict.fromkeys(names, "VARCHAR"), posts=post_ids())
            path.unlink()
            check_values(con, source, "accounts_check")
            posts = run(con, source, "accounts_posts")
            found = {int(r["aar"]) for r in posts}
            if found - {year}:
                others = ", ".join(map(str, sorted(found - {year})))
                raise FetchError(source, f"filen for {year} har rader for {others} på postene våre")
            require_posts(posts, year, source)
            accounts = Accounts(posts, run(con, source, "accounts_entities"), run(con, source, "accounts_kinds"))
    return accounts


def require_posts(rows: Sequence[Row], year: int, source: str) -> None:
    """Each post we keep has rows in the year; a year without any is its own error."""
    have = {(r["kapittel"], r["post"]) for r in rows if int(r["aar"]) == year}
    if not have:
        listed = ", ".join(f"{k}.{p}" for k, p in POSTS)
        raise FetchError(source, f"ingen rader for {year} på postene {listed}")
    missing = [f"kap. {k} post {p}" for k, p in POSTS if (k, p) not in have]
    if missing:
        raise FetchError(source, f"{year}: mangler {', '.join(missing)}")


def read_appropriations(body: bytes, source: str) -> list[Row]:
    """Adopted and revised budget per year and post we keep, from the appropriations history zip."""
    with tempfile.TemporaryDirectory(prefix="innsyn-dfo-") as tmp:
        path = unpack(body, source, Path(tmp))
        names = header(path, source, APPROPRIATION_COLUMNS)
        with connect(Path(tmp)) as con:
            run(
                con,
                source,
                "appropriations_load",
                path=str(path),
                columns=dict.fromkeys(names, "VARCHAR"),
                posts=post_ids(),
            )
            check_values(con, source, "appropriations_check")
            return run(con, source, "appropriations_posts")


def kroner(value: Decimal) -> str:
    """An exact amount as the data package writes it: kroner with two decimals, point as separator."""
    return f"{value:.2f}"
