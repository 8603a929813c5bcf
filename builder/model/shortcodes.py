"""Live figures in Markdown: `{{< tall "sum" ordning="dekomp" år=2025 >}}`, `{{< figur … >}}`, `{{< tabell … >}}`.

Every shortcode runs one of the site's own queries; an unknown shortcode or parameter, or a query that returns
nothing, is an error naming the file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import escape

from builder.model.content import ContentError
from builder.model.page_content import county_link
from builder.model.statuses import FLAGGED, MARK, known
from builder.model.tables import Column, Table, table
from builder.render import charts, fmt
from builder.render.charts import Chart
from builder.render.i18n import t

PATTERN = re.compile(
    r"\{\{<\s*(?P<kind>[\wæøå]+)\s+\"(?P<name>[^\"]+)\"(?P<args>(?:\s+[\wæøå]+=(?:\"[^\"]*\"|[^\s>]+))*)"
    r"\s*>\}\}"
)
BACKTICKS = re.compile(r"(?<!\\)`+")
ARG = re.compile(r"([\wæøå]+)=(?:\"([^\"]*)\"|([^\s>]+))")
Query = Callable[..., list[dict[str, Any]]]
# Private-use characters around a status in rendered Markdown text; an editor's own are removed before expansion.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Spec:
    """One shortcode: its kind, name, required and optional parameters, and an example for editors."""

    kind: str
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    example: str
    help: str


SPECS = (
    Spec(
        "tall",
        "sum",
        ("år",),
        ("ordning", "fylke"),
        '{{< tall "sum" ordning="dekomp" år=2025 >}}',
        "Samlet beløp for et år, for én ordning og/eller ett fylke, eller alt.",
    ),
    Spec(
        "tall",
        "endring",
        ("år",),
        ("ordning", "fylke"),
        '{{< tall "endring" ordning="dekomp" år=2025 >}}',
        "Endring i prosent fra året før.",
    ),
    Spec("tall", "fylker", ("år",), (), '{{< tall "fylker" år=2025 >}}', "Antall fylker med tildeling i året."),
    Spec(
        "tall",
        "i_tide",
        ("år",),
        (),
        '{{< tall "i_tide" år=2025 >}}',
        "Andel av rapportene som kom inn innen rapporteringsfristen i datapakken (x-reportDeadline).",
    ),
    Spec(
        "figur",
        "per_fylke",
        ("år",),
        ("ordning",),
        '{{< figur "per_fylke" ordning="dekomp" år=2025 >}}',
        "Figur og tabell: beløp per fylke i et år.",
    ),
    Spec(
        "figur",
        "utvikling",
        (),
        ("ordning",),
        '{{< figur "utvikling" ordning="dekomp" >}}',
        "Figur og tabell: nasjonal sum per år.",
    ),
    Spec(
        "tabell",
        "per_fylke",
        ("år",),
        ("ordning",),
        '{{< tabell "per_fylke" ordning="dekomp" år=2025 >}}',
        "Tabell: beløp per fylke i et år.",
    ),
)
SPEC_BY_KEY = {(s.kind, s.name): s for s in SPECS}


def parse_args(raw: str) -> dict[str, str]:
    """key=value pairs of a shortcode."""
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in ARG.finditer(raw)}


def check(
    kind: str, name: str, args: Mapping[str, str], schemes: set[str], where: tuple[str, int], errors: list[ContentError]
) -> Spec | None:
    """The shortcode exists and its parameters are known and well-formed."""
    spec = SPEC_BY_KEY.get((kind, name))
    if spec is None:
        known = ", ".join(f'{s.kind} "{s.name}"' for s in SPECS)
        errors.append(
            ContentError(where[0], where[1], "M-SHORTCODE", f'ukjent kortkode {kind} "{name}" (kjente: {known}).')
        )
        return None
    problems = [f"mangler «{p}»" for p in spec.required if p not in args]
    problems += [f"ukjent parameter «{p}»" for p in args if p not in spec.required + spec.optional]
    if "år" in args and not re.fullmatch(r"\d{4}", args["år"]):
        problems.append(f"«år={args['år']}» er ikke et årstall")
    if "ordning" in args and args["ordning"] not in schemes:
        problems.append(f"ukjent ordning «{args['ordning']}» (kjente: {', '.join(sorted(schemes))})")
    if "fylke" in args and not re.fullmatch(r"\d{2}", args["fylke"]):
        problems.append(f"«fylke={args['fylke']}» er ikke et fylkesnummer (2 siffer)")
    for problem in problems:
        errors.append(ContentError(where[0], where[1], "M-SHORTCODE", f'{kind} "{name}": {problem}.'))
    return None if problems else spec


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans on one line: a run of n backticks up to the next run of exactly n."""
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    spans = []
    i = 0
    while i < len(runs):
        width = runs[i][1] - runs[i][0]
        close = next((k for k in range(i + 1, len(runs)) if runs[k][1] - runs[k][0] == width), None)
        if close is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[close][1]))
        i = close + 1
    return spans


def outside_code_spans(line: str, expand: Callable[[str], str]) -> str:
    """Apply expand to the text of a line outside its code spans; code stays as written."""
    parts = []
    pos = 0
    for start, end in code_spans(line):
        parts += [expand(line[pos:start]), line[start:end]]
        pos = end
    parts.append(expand(line[pos:]))
    return "".join(parts)


def params(args: Mapping[str, str]) -> dict[str, Any]:
    """Query parameters: år → aar (int), missing ordning/fylke → NULL (all)."""
    return {
        "aar": int(args["år"]) if "år" in args else None,
        "ordning": args.get("ordning"),
        "fylke": args.get("fylke"),
    }


def number(name: str, args: Mapping[str, str], query: Query, extra: Mapping[str, int]) -> tuple[str, str] | None:
    """The formatted number of a `tall` shortcode and its status, or None when the data has nothing."""
    p = params(args)
    where = f'tall "{name}"'
    if name in ("sum", "endring"):
        rows = query("sc_number", aar=p["aar"], ordning=p["ordning"], fylke=p["fylke"])
        if not rows:
            return None
        if name == "sum":
            return fmt.nok(rows[0]["belop"]), known(rows[0]["status"], where)
        value = rows[0]["endring"]
        return None if value is None else (fmt.signed_pct(value), known(rows[0]["endring_status"], where))
    facts = query("status_facts", aar=p["aar"], **extra)
    if not facts or not facts[0]["fylker"]:
        return None
    if name == "fylker":
        return str(facts[0]["fylker"]), known(facts[0]["fylker_status"], where)
    total = facts[0]["rapporter"]
    return (fmt.pct(Decimal(facts[0]["i_tide"]) / total, 0), known(facts[0]["status"], where)) if total else None


def placeholder(status: str) -> str:
    """The stand-in for a number's status mark in Markdown text, made into a mark after rendering (none if
    offisiell)."""
    return f"{MARK_OPEN}{status}{MARK_CLOSE}" if MARK[status] else ""


def mark_html(status: str) -> str:
    """The status mark of a shortcode number in HTML: the letter with its meaning, and the status as data."""
    letter = MARK[status]
    return (
        f'<span class="status-mark" data-status="{status}" data-pagefind-ignore><abbr class="mark mark-{letter}" '
        f'title="{escape(t("status.mark_" + letter))}">{letter}</abbr></span>'
    )


def marks() -> dict[str, str]:
    """Each placeholder with the HTML that replaces it."""
    return {placeholder(s): mark_html(s) for s in FLAGGED}


def block(kind: str, name: str, args: Mapping[str, str], query: Query, ident: str) -> tuple[Table, Chart | None] | None:
    """The table (and chart) of a `figur` or `tabell` shortcode, or None when the data has nothing."""
    p = params(args)
    label = args.get("ordning") or t("compare.all_schemes")
    if name == "per_fylke":
        rows = query("sc_per_county", aar=p["aar"], ordning=p["ordning"])
        caption = t("shortcode.per_county", ordning=label, aar=args["år"])
        cols = (
            Column("fylke", t("col.county"), link=county_link),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        )
        figure = charts.bars(rows, x="fylke", y="belop", y_title=t("col.amount_nok"), horizontal=True)
    else:
        rows = query("sc_trend", ordning=p["ordning"])
        caption = t("shortcode.trend", ordning=label)
        cols = (Column("aar", t("col.year"), "year"), Column("belop", t("col.amount_nok"), "nok", status_key="status"))
        figure = charts.bars(rows, x="aar", y="belop", y_title=t("col.amount_nok"))
    if not rows:
        return None
    tb = table(ident, caption, rows, cols)
    return tb, (Chart(ident, figure, caption, ident) if kind == "figur" else None)
