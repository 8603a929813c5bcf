"""A hostile or broken data contract: names that would reach SQL, paths out of data/, malformed JSON, and faults
outside the data; each stops with one Norwegian line and the right exit code, never a traceback."""

from __future__ import annotations

import copy
import csv
import errno
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.errors import BuildError, Exit
from builder.load.contract import FieldSpec, ResourceSpec, load_contract
from builder.load.database import create_table
from builder.load.descriptor import MAX_DEPTH, json_depth
from builder.load.names import MAX_IDENTIFIER, is_identifier, quote_identifier
from builder.model import queries
from tests.conftest import FIXTURE_DATA

PACKAGE = json.loads((FIXTURE_DATA / "datapackage.json").read_text("utf-8"))
# The fixture has no upstream copies; the path rules are checked on one made up here.
UPSTREAM = {"path": "upstream/SOURCES.md", "sha256": "0" * 64, "description": "Kopi av kildene"}
LOG = next(i for i, r in enumerate(PACKAGE["resources"]) if r["name"] == "endringslogg")
NAME_RULE = "er ikke et gyldig navn (forventet små bokstaver a–z, sifre og _, og første tegn en bokstav)"


def attack(target: Path) -> str:
    """A field name that closes the CREATE TABLE and runs COPY … TO target."""
    return f"dato\" DATE); COPY (SELECT 1) TO '{target}'; CREATE TABLE x (\"y"


def contract_error(folder: Path, raw: Any = None, text: str | bytes | None = None) -> BuildError:
    """The usage error load_contract raises for this descriptor (given as JSON data or as raw text)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "datapackage.json"
    if text is None:
        text = json.dumps(raw, ensure_ascii=False)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(BuildError) as caught:
        load_contract(folder)
    assert caught.value.code == Exit.USAGE, caught.value
    assert caught.value.where == str(path)
    return caught.value


def changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    """A deep copy of the fixture's descriptor with one change."""
    raw = copy.deepcopy(PACKAGE)
    change(raw)
    return raw


def invoke(*args: str) -> Result:
    """Run the innsyn command line in-process."""
    from builder.cli import main

    return CliRunner().invoke(main, list(args))


# --- 1. SQL from the data contract -------------------------------------------------------------------------


def plant_attack(data: Path, target: Path) -> None:
    """Rename endringslogg.dato to the attack in both the descriptor and the CSV header, so the header matches."""
    name = attack(target)
    path = data / "datapackage.json"
    raw = json.loads(path.read_text("utf-8"))
    raw["resources"][LOG]["schema"]["fields"][1]["name"] = name
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    csv_path = data / "endringslogg.csv"
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8"))))
    rows[0][1] = name
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    csv_path.write_text(out.getvalue(), "utf-8")


def test_sql_in_a_field_name_is_refused_before_any_sql(data_dir: Path, tmp_path: Path) -> None:
    """The attack that wrote a file during `innsyn build` stops at the contract: exit 2, nothing written."""
    target = tmp_path / "pwned.csv"
    plant_attack(data_dir, target)
    with pytest.raises(BuildError) as caught:
        load_contract(data_dir)
    assert caught.value.code == Exit.USAGE
    assert str(caught.value).startswith(f"{data_dir / 'datapackage.json'}: resources[{LOG}].schema.fields[1].name: «")
    assert NAME_RULE in caught.value.message
    out = tmp_path / "site"
    for args in (["check", "--report", str(tmp_path / "r.json")], ["build", "--out", str(out)]):
        result = invoke(args[0], "--data", str(data_dir), *args[1:])
        assert result.exit_code == Exit.USAGE, result.output
        assert result.stderr == f"Feil: {caught.value}\n"
        assert "Traceback" not in result.output
    assert not target.exists()
    assert not out.exists()


def test_identifiers_are_quoted_in_sql(tmp_path: Path) -> None:
    """Even a name the contract would refuse stays one identifier in builder/load/database.py: the quote is doubled."""
    target = tmp_path / "pwned.csv"
    name = attack(target)
    spec = ResourceSpec(
        name='t"; DROP TABLE x; --', path="t.csv", format="csv", encoding="utf-8", delimiter=",", quote_char='"',
        sheet=None, fields=(FieldSpec(name=name, type="string", title="", description=""),),
        primary_key=(), foreign_keys=(), missing_values=("",),
    )  # fmt: skip
    con = duckdb.connect(":memory:")
    create_table(con, spec, pa.table({name: pa.array(["verdi"])}))
    assert con.execute(f"SELECT {quote_identifier(name)} FROM {quote_identifier(spec.name)}").fetchall() == [("verdi",)]
    assert not target.exists()


def test_query_names_are_not_paths() -> None:
    """queries.run takes a plain name only; a path is an internal error naming the query."""
    with pytest.raises(BuildError, match="no query named"):
        queries.run(duckdb.connect(":memory:"), "../views/10_x")


# --- 2. A malformed descriptor ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, f"nøstet dypere enn grensen på {MAX_DEPTH} nivåer"),
        (b'{"name": "\xff"}', "ikke gyldig UTF-8 ved byte 10 (0xFF, linje 1)"),
        (b'{\n"a": 1,\n"b": "\xc3"}', "ikke gyldig UTF-8 ved byte 16 (0xC3, linje 3)"),
        (" " * (5 * 1024 * 1024 + 1), "større enn grensen på 5 MB"),
        ('{"resources": [}', "ugyldig JSON på linje 1, kolonne 16"),
        ('{"a": 1, "a": 2}', "nøkkelen «a» står mer enn én gang"),
        ('{"a": NaN}', "NaN er ikke tillatt"),
        ('{"a": ' + "9" * 5000 + "}", "ugyldig JSON: ValueError"),
        ("[]", "forventet et objekt, fant en liste"),
    ],
    ids=["deep", "not-utf8", "not-utf8-line3", "too-big", "syntax", "dup-key", "nan", "huge-int", "not-object"],
)
def test_malformed_descriptor_is_a_usage_error(tmp_path: Path, text: str | bytes, expected: str) -> None:
    """Nesting, encoding, size and syntax problems are caught before or by json.loads, as exit 2."""
    assert expected in contract_error(tmp_path, text=text).message


def test_brackets_inside_strings_do_not_count() -> None:
    """The nesting scan skips strings, escaped quotes included."""
    assert json_depth('{"a": "[[[[\\"[[[[", "b": [[1]]}') == 3
    assert load_contract(FIXTURE_DATA).resources


def resource(name: str) -> int:
    """Index of the fixture's resource with this name."""
    return next(i for i, r in enumerate(PACKAGE["resources"]) if r["name"] == name)


G, F = resource("tildelinger"), resource("fylker")
GRANTS = f"resources[{G}]"
CONTRACT_CASES: list[tuple[str, Callable[[dict[str, Any]], Any], str, str]] = [
    ("pk-field", lambda r: r["resources"][G]["schema"].update(primaryKey=["aar", "belp"]),
     f"{GRANTS}.schema.primaryKey[1]", "feltet «belp» finnes ikke i ressursen «tildelinger»; mente du «belop»?"),
    ("fk-field", lambda r: r["resources"][G]["schema"]["foreignKeys"][0].update(fields=["kilde"]),
     f"{GRANTS}.schema.foreignKeys[0].fields[0]", "feltet «kilde» finnes ikke"),
    ("fk-resource", lambda r: r["resources"][G]["schema"]["foreignKeys"][0]["reference"].update(resource="kilde"),
     f"{GRANTS}.schema.foreignKeys[0].reference.resource", "ressursen «kilde» finnes ikke; mente du «kilder»?"),
    ("fk-ref-field", lambda r: r["resources"][G]["schema"]["foreignKeys"][0]["reference"].update(fields=["id"]),
     f"{GRANTS}.schema.foreignKeys[0].reference.fields[0]", "feltet «id» finnes ikke i ressursen «kilder»"),
    ("fk-count", lambda r: r["resources"][G]["schema"]["foreignKeys"][0]["reference"].update(fields=[]),
     f"{GRANTS}.schema.foreignKeys[0].reference.fields", "forventet 1 felt"),
    ("dup-resource", lambda r: r["resources"][F].update(name="tildelinger"),
     f"{GRANTS}.name", f"ressursnavnet «tildelinger» står to ganger (også i resources[{F}].name)"),
    ("dup-field", lambda r: r["resources"][G]["schema"]["fields"][1].update(name="aar"),
     f"{GRANTS}.schema.fields[1].name", f"feltnavnet «aar» står to ganger (også i {GRANTS}.schema.fields[0].name)"),
    ("no-type", lambda r: r["resources"][G]["schema"]["fields"][2].pop("type"),
     f"{GRANTS}.schema.fields[2].type", "påkrevd, men mangler"),
    ("bad-type", lambda r: r["resources"][G]["schema"]["fields"][2].update(type="float"),
     f"{GRANTS}.schema.fields[2].type", "«float» er ikke tillatt (forventet date eller integer eller number"),
    ("fields-not-list", lambda r: r["resources"][G]["schema"].update(fields={"aar": 1}),
     f"{GRANTS}.schema.fields", "forventet en liste, fant et objekt"),
    ("bool-as-int", lambda r: r["x-years"].update(first=True),
     "x-years.first", "forventet et heltall, fant sann/usann"),
    ("years-order", lambda r: r["x-years"].update(first=2030), "x-years.first", "første år 2030 er etter siste år"),
    ("no-release", lambda r: r.pop("x-release"), "x-release", "påkrevd, men mangler"),
    ("version-path", lambda r: r["x-release"].update(version="../../x"), "x-release.version", "ikke en gyldig versjon"),
    ("date", lambda r: r["x-release"].update(date="2026-13-01"), "x-release.date", "ikke en gyldig dato"),
    ("deadline", lambda r: r.update({"x-reportDeadline": "6-14"}), "x-reportDeadline", "ikke en gyldig dag"),
    ("licence", lambda r: r.update(licenses=[]), "licenses", "forventet minst én lisens"),
    ("pattern", lambda r: r["resources"][F]["schema"]["fields"][0]["constraints"].update(pattern="(["),
     f"resources[{F}].schema.fields[0].constraints.pattern", "ikke et gyldig regulært uttrykk"),
    ("max-length", lambda r: r["resources"][F]["schema"]["fields"][1]["constraints"].update(maxLength=0),
     f"resources[{F}].schema.fields[1].constraints.maxLength", "forventet et heltall på minst 1"),
    ("delimiter", lambda r: r["resources"][F]["dialect"].update(delimiter=";;"),
     f"resources[{F}].dialect.delimiter", "forventet nøyaktig ett tegn"),
    ("decimal", lambda r: r["resources"][G]["schema"]["fields"][5].update(decimalChar=""),
     f"{GRANTS}.schema.fields[5].decimalChar", "forventet nøyaktig ett tegn"),
    ("encoding", lambda r: r["resources"][F].update(encoding="latin-1"),
     f"resources[{F}].encoding", "«latin-1» er ikke tillatt"),
    ("rec-resource", lambda r: r["x-reconcile"][0].update(resource="tildeling"),
     "x-reconcile[0].resource", "ressursen «tildeling» finnes ikke; mente du «tildelinger»?"),
    ("rec-group", lambda r: r["x-reconcile"][0].update(groupBy=["aar", "fylkesnummer"]),
     "x-reconcile[0].groupBy[1]", "feltet «fylkesnummer» finnes ikke i ressursen «nasjonale_rammer»"),
    ("rec-sum", lambda r: r["x-reconcile"][0].update(sum="beløp"), "x-reconcile[0].sum", f"«beløp» {NAME_RULE}"),
    ("rec-total", lambda r: r["x-reconcile"][0].update(totalField="sum"),
     "x-reconcile[0].totalField", "feltet «sum» finnes ikke"),
    ("rec-where-key", lambda r: r["x-reconcile"][0].update(where={"a'; --": "x"}),
     "x-reconcile[0].where", f"nøkkelen «a'; --» {NAME_RULE}"),
    ("rec-where-field", lambda r: r["x-reconcile"][0].update(where={"type": "ramme"}),
     "x-reconcile[0].where", "feltet «type» finnes ikke"),
    ("rec-where-value", lambda r: r["x-reconcile"][0].update(where={"belopstype": 1}),
     "x-reconcile[0].where.belopstype", "forventet tekst, fant et heltall «1»"),
    ("tolerance", lambda r: r["x-reconcile"][0].update(tolerance="abc"),
     "x-reconcile[0].tolerance", "forventet et desimaltall på minst 0"),
    ("resource-name", lambda r: r["resources"][F].update(name="Fylker"),
     f"resources[{F}].name", f"«Fylker» {NAME_RULE}"),
    ("long-name", lambda r: r["resources"][F].update(name="f" * 64), f"resources[{F}].name", "høyst 63"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "path", "text"), CONTRACT_CASES, ids=[c[0] for c in CONTRACT_CASES])
def test_contract_problem_names_its_json_path(
    tmp_path: Path, case: str, change: Callable[[dict[str, Any]], Any], path: str, text: str
) -> None:
    """Unknown keys, duplicates and wrong types are exit 2 with the JSON path and a Norwegian message."""
    error = contract_error(tmp_path, changed(change))
    assert error.message.startswith(f"{path}: "), error.message
    assert text in error.message, error.message


# --- 3. Paths confined to data/ --------------------------------------------------------------------------------

BAD_PATHS = ["/etc/passwd", "../hemmelig.csv", "a/../../b.csv", "a\\b.csv", "a\x00.csv", "", "C:/x.csv", "./a.csv"]
PATH_PLACES: list[tuple[str, Callable[[dict[str, Any], str], Any]]] = [
    (f"resources[{F}].path", lambda r, p: r["resources"][F].update(path=p)),
    ("x-upstream[0].path", lambda r, p: r.update({"x-upstream": [{**UPSTREAM, "path": p}]})),
    ("x-scripts[0]", lambda r, p: r.update({"x-scripts": [p]})),
    ("x-releases", lambda r, p: r.update({"x-releases": p})),
]


@pytest.mark.parametrize("bad", BAD_PATHS, ids=repr)
@pytest.mark.parametrize(("place", "put"), PATH_PLACES, ids=[p[0] for p in PATH_PLACES])
def test_paths_stay_inside_data(
    tmp_path: Path, place: str, put: Callable[[dict[str, Any], str], Any], bad: str
) -> None:
    """An absolute path, '..', a backslash, NUL or an empty path is exit 2 naming the JSON path."""
    error = contract_error(tmp_path, changed(lambda raw: put(raw, bad)))
    assert error.message.startswith(f"{place}: "), error.message
    assert "\x00" not in error.message


def test_check_and_build_report_the_same_contract_error(tmp_path: Path) -> None:
    """Both commands read the contract first and stop with the same line and exit 2."""
    data = tmp_path / "data"
    error = contract_error(data, changed(lambda r: r["resources"][F].update(path="../x.csv")))
    check = invoke("check", "--data", str(data), "--report", str(tmp_path / "r.json"))
    build = invoke("build", "--data", str(data), "--out", str(tmp_path / "site"))
    assert check.exit_code == build.exit_code == Exit.USAGE
    assert check.stderr == build.stderr == f"Feil: {error}\n"


# --- 4. No traceback reaches a user ----------------------------------------------------------------------------

FAULTS: list[tuple[BaseException, str]] = [
    (OSError(errno.ENOSPC, "No space left on device", "/x/y"), "Feil: kan ikke skrive /x/y: disken er full; "),
    (
        OSError(errno.EROFS, "Read-only file system", "/x/y"),
        "Feil: kan ikke skrive /x/y: filsystemet er skrivebeskyttet",
    ),
    (PermissionError(errno.EACCES, "Permission denied", "/x/y"), "Feil: kan ikke bruke /x/y: ingen tilgang; "),
    (
        PermissionError(errno.EPERM, "Operation not permitted", "/a", None, "/b"),
        "Feil: kan ikke bruke /a → /b: ingen tilgang",
    ),
    (OSError(errno.ENOSPC, "No space left on device"), "Feil: kan ikke skrive: disken er full; "),
    (MemoryError(), "Feil: ikke nok minne til å fullføre; nettstedet er ikke endret."),
    (RuntimeError("boom\nsecond line"), "Intern feil: RuntimeError: boom second line (kjør med --debug for detaljer)"),
    (KeyError("x"), "Intern feil: KeyError: 'x' (kjør med --debug for detaljer)"),
]


@pytest.fixture
def failing_build(monkeypatch: pytest.MonkeyPatch) -> Callable[[BaseException], None]:
    """Make builder.build.build (which `innsyn build` imports when it runs) raise the given exception."""

    def arm(exc: BaseException) -> None:
        def fail(*args: Any, **kwargs: Any) -> None:
            raise exc

        monkeypatch.setattr("builder.build.build", fail)

    return arm


@pytest.mark.parametrize(("exc", "line"), FAULTS, ids=[type(f[0]).__name__ + str(i) for i, f in enumerate(FAULTS)])
def test_unexpected_failure_is_one_line_exit_4(
    tmp_path: Path, failing_build: Callable[[BaseException], None], exc: BaseException, line: str
) -> None:
    """Disk full, read-only, no permission, no memory or a bug: one Norwegian line, exit 4; --debug adds the trace."""
    failing_build(exc)
    result = invoke("build", "--out", str(tmp_path / "site"))
    assert result.exit_code == Exit.INTERNAL
    assert result.stderr.startswith(line), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    debug = invoke("--debug", "build", "--out", str(tmp_path / "site"))
    assert debug.exit_code == Exit.INTERNAL
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.rstrip("\n").rpartition("\n")[2].startswith(line.split(" (kjør")[0])


def test_known_failures_keep_their_codes(tmp_path: Path, failing_build: Callable[[BaseException], None]) -> None:
    """BuildError and Ctrl-C are handled as before."""
    out = str(tmp_path / "site")
    failing_build(BuildError("x.csv", "feil", code=Exit.CHECK))
    result = invoke("build", "--out", out)
    assert (result.exit_code, result.stderr) == (Exit.CHECK, "Feil: x.csv: feil\n")
    failing_build(KeyboardInterrupt())
    result = invoke("build", "--out", out)
    assert (result.exit_code, result.stderr) == (Exit.INTERNAL, "Avbrutt; nettstedet er ikke endret.\n")


def test_failure_outside_run_guarded_is_caught_too(tmp_path: Path) -> None:
    """`innsyn new status` into a content folder that is a file: one line, exit 4, no traceback."""
    blocker = tmp_path / "content"
    blocker.write_text("ikke en mappe", "utf-8")
    result = invoke("new", "status", "2026", "--content", str(blocker))
    assert result.exit_code == Exit.INTERNAL
    assert result.stderr.startswith(f"Feil: kan ikke bruke {blocker}"), result.stderr
    assert result.stderr.count("\n") == 1


# --- 5. Property tests over the identifier rule ----------------------------------------------------------------

VALID = st.from_regex(rf"[a-z][a-z0-9_]{{0,{MAX_IDENTIFIER - 1}}}", fullmatch=True)
INVALID_TEXT = st.text(max_size=80).filter(lambda s: not is_identifier(s))
INVALID = st.one_of(INVALID_TEXT, st.integers(), st.none(), st.booleans(), st.lists(st.text(max_size=3), max_size=2))


def tiny_package(resource_name: Any, field_name: Any) -> dict[str, Any]:
    """The smallest descriptor the contract accepts, with the given names."""
    field = {"name": field_name, "type": "string"}
    schema = {"fields": [field], "primaryKey": [field_name]}
    return {
        "resources": [{"name": resource_name, "path": "t.csv", "schema": schema}],
        "x-release": {"version": "2026.1", "date": "2026-01-01"},
        "x-years": {"first": 2020, "last": 2026},
    }


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder the property tests rewrite datapackage.json in."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def db() -> Iterator[duckdb.DuckDBPyConnection]:
    """One in-memory DuckDB for the round-trip examples."""
    con = duckdb.connect(":memory:")
    yield con
    con.close()


@settings(max_examples=200, deadline=None)
@given(name=VALID)
def test_valid_names_are_accepted_and_round_trip_in_duckdb(
    scratch: Path, db: duckdb.DuckDBPyConnection, name: str
) -> None:
    """Every name matching the rule is accepted, and is the exact table and column name in DuckDB."""
    (scratch / "datapackage.json").write_text(json.dumps(tiny_package(name, name)), "utf-8")
    spec = load_contract(scratch).resources[0]
    assert (spec.name, spec.fields[0].name, spec.primary_key) == (name, name, (name,))
    create_table(db, spec, pa.table({name: pa.array(["x"])}))
    try:
        assert db.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall() == [(name, name)]
        assert db.execute(f"SELECT {quote_identifier(name)} FROM {quote_identifier(name)}").fetchall() == [("x",)]
    finally:
        db.execute(f"DROP TABLE {quote_identifier(name)}")


@settings(max_examples=200, deadline=None)
@given(name=INVALID, as_resource=st.booleans())
def test_invalid_names_are_refused(scratch: Path, name: Any, as_resource: bool) -> None:
    """Every other value as a resource or field name is exit 2 naming the JSON path."""
    raw = tiny_package(name, "a") if as_resource else tiny_package("t", name)
    error = contract_error(scratch, raw)
    where = "resources[0].name" if as_resource else "resources[0].schema.fields[0].name"
    assert error.message.startswith(f"{where}: "), error.message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON value."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from json_paths(child, (*prefix, key))


PATHS = [p for p in json_paths(PACKAGE) if p]


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(PATHS), value=JSON)
def test_any_change_gives_a_contract_or_a_usage_error(scratch: Path, path: tuple[Any, ...], value: Any) -> None:
    """Replacing any part of the fixture's descriptor with any JSON value never raises anything but BuildError(2)."""
    raw = copy.deepcopy(PACKAGE)
    parent = raw
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    (scratch / "datapackage.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    try:
        load_contract(scratch)
    except BuildError as exc:
        assert exc.code == Exit.USAGE
        assert exc.message and "\n" not in exc.message
