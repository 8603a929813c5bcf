"""Meta-tests on the code base: the route table, SQL, templates and messages fit together; banned patterns stay out."""

from __future__ import annotations

import json
import re

import jinja2
import jinja2.meta

from builder.model.codes import VOCABULARIES
from builder.model.codes import keys as code_keys
from builder.model.pages.registry import PAGE_SPECS
from builder.model.redirects import REDIRECT_TEMPLATE
from builder.model.routes import ROUTES
from builder.render.bulk import DATASET_FORMATS
from builder.render.downloads import TABLE_FORMATS
from builder.render.jinja import environment
from tests.conftest import DATA, FIXTURE_DATA, ROOT

BUILDER = ROOT / "builder"
SQL = BUILDER / "sql"


def test_every_route_query_exists_and_every_sql_file_is_used() -> None:
    """Each route query has a .sql file, and each page .sql file is used by a route or the model."""
    used = {q for r in ROUTES for q in r.queries} | {r.each for r in ROUTES if r.each and r.each != "content"}
    used |= {
        "sources",
        "dataset",
        "schemes",
        "status_schemes",
        "status_facts",
        "sc_number",
        "sc_per_county",
        "sc_trend",
        "site_facts_reforms",
        "site_facts_denominators",
    }
    files = {p.stem for p in SQL.glob("*.sql")}
    assert used <= files, used - files
    assert files <= used, files - used


def test_every_query_orders_its_rows() -> None:
    """Every page query ends with ORDER BY so output is stable (V10)."""
    for path in SQL.glob("*.sql"):
        assert "ORDER BY" in path.read_text("utf-8").split(";")[0].upper().rsplit(")", 1)[-1] or re.search(
            r"ORDER BY[^)]*;?\s*$", path.read_text("utf-8").strip()
        ), path.name


def test_every_sql_file_has_a_purpose_comment() -> None:
    """Each SQL file opens with a one-line -- comment."""
    for path in sorted(SQL.rglob("*.sql")):
        assert path.read_text("utf-8").startswith("-- "), path.name


def test_no_float_types_in_sql_or_schema() -> None:
    """Money is DECIMAL: no DOUBLE, FLOAT or REAL anywhere in SQL or the data contract (D-7)."""
    for path in [*SQL.rglob("*.sql"), DATA / "datapackage.json", FIXTURE_DATA / "datapackage.json"]:
        assert not re.search(r"\b(DOUBLE|FLOAT|REAL)\b", path.read_text("utf-8"), re.I), path


def test_fixture_has_the_bundled_contract() -> None:
    """The fixture declares the same resources (files, schemas, keys) and rules as data/, so tests on it hold
    for the published data too (tests/fixtures/README.md)."""
    bundled = json.loads((DATA / "datapackage.json").read_text("utf-8"))
    fixture = json.loads((FIXTURE_DATA / "datapackage.json").read_text("utf-8"))
    assert fixture["resources"] == bundled["resources"]
    for key in ("x-reconcile", "x-reportDeadline"):
        assert fixture[key] == bundled[key], key
    assert fixture["x-release"]["version"] == "9999.1" and "x-upstream" not in fixture


def test_banned_patterns() -> None:
    """No sniffer options, swallowed errors (DuckDB's or shutil's ignore_errors), rejects, unsafe markup or Plotly
    to_html in code or templates (D-18, S-2, V14)."""
    banned = re.compile(
        r"(?i:auto_detect\s*=\s*true)|(?i:ignore_errors\s*=\s*true)\b|(?i:store_rejects|null_padding)|"
        r"\|\s*safe\b|Markup\(|select_autoescape|to_html\(|cdn\.plot\.ly"
    )
    files = list(BUILDER.rglob("*.py")) + list((ROOT / "templates").rglob("*.html")) + list(SQL.rglob("*.sql"))
    for path in files:
        text = path.read_text("utf-8")
        hits = [m.group(0) for m in banned.finditer(text)]
        if path.name in ("content.py", "svg.py"):  # the allowlisted wrappers: restricted Markdown, escaped SVG
            hits.remove("Markup(")
        assert not hits, (path, hits)


def test_templates_are_reachable_and_use_only_known_names() -> None:
    """Every page template belongs to a route; templates use only page, c, site and the globals."""
    env = environment(ROOT / "templates", {})
    route_templates = {r.template for r in ROUTES} | {REDIRECT_TEMPLATE}
    allowed = {"page", "c", "site", "t", "url_for", "asset", "file_url"}
    partials = [p.read_text("utf-8") for p in (ROOT / "templates").glob("_*.html")]
    allowed |= {m for text in partials for m in re.findall(r"\{% macro ([a-z_]+)\(", text)}  # the shared macros
    allowed |= {"table_formats", "table_download_url", "dataset_formats", "dataset_download_url", "versions_url"}
    allowed |= {"publisher"}  # who publishes the site (config.PUBLISHER): the footer and the two statements
    allowed |= {"archive"}  # the data page's link to the offline archive (build.archived(); None in the preview)
    for path in sorted((ROOT / "templates").glob("*.html")):
        if not path.name.startswith("_") and path.name != "base.html":
            assert path.name in route_templates, path.name
        names = jinja2.meta.find_undeclared_variables(env.parse(path.read_text("utf-8")))
        assert names <= allowed, (path.name, names - allowed)


def test_message_keys_exist_and_are_used() -> None:
    """Every literal t("key") exists in the catalogue, and every catalogue key is used."""
    catalogue = json.loads((BUILDER / "i18n" / "nb.json").read_text("utf-8"))
    sources = [p.read_text("utf-8") for p in [*BUILDER.rglob("*.py"), *(ROOT / "templates").rglob("*.html")]]
    found = {k for text in sources for k in re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", text)}
    found |= {f.label_key for f in (*TABLE_FORMATS, *DATASET_FORMATS)}  # link texts of the download formats
    found |= {k for spec in PAGE_SPECS.values() for k in spec.message_keys()}  # headers and captions declared as data
    found |= {k for vocabulary in VOCABULARIES for k in code_keys(vocabulary)}  # the words of codes (model/codes.py)
    named = {k for text in sources for k in re.findall(r'"([a-z0-9_]+\.[a-z0-9_.]+)"', text) if k in catalogue}
    found |= named  # keys named as data and passed on to t() (e.g. the key-figure labels)
    literal = {k for k in found if not k.endswith("_")}
    prefixes = {k for text in sources for k in re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']\s*~""", text)}
    prefixes |= {"nav."}
    prefixes |= {"catalog.title.", "catalog.description."}  # per dataset, f"catalog.{key}.{name}" (render/catalog.py)
    assert literal <= set(catalogue), literal - set(catalogue)
    unused = {k for k in catalogue if k not in literal and not any(k.startswith(p) for p in prefixes)}
    assert not unused, unused


def test_no_literal_ui_text_in_templates() -> None:
    """Templates carry no visible Norwegian text of their own: it all comes from the catalogue."""
    for path in sorted((ROOT / "templates").glob("*.html")):
        text = re.sub(r"{[{%#].*?[}%#]}", "", path.read_text("utf-8"), flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        words = [w for w in re.findall(r"[A-Za-zÆØÅæøå]{3,}", text) if w not in ("nb",)]
        assert not words, (path.name, words[:10])


def test_environment_is_read_only_in_config() -> None:
    """Nothing outside config.py reads os.environ."""
    for path in BUILDER.rglob("*.py"):
        if path.name != "config.py":
            assert "os.environ" not in path.read_text("utf-8"), path


def test_upstream_copies_match_their_checksums() -> None:
    """The copied source files in data/upstream are the ones the descriptor records."""
    import hashlib

    package = json.loads((DATA / "datapackage.json").read_text("utf-8"))
    for item in package["x-upstream"]:
        data = (DATA / item["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"], item["path"]
