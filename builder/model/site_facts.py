"""Facts the fixed texts state, taken from the data instead of written into code or messages (pure apart from SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from builder.load.contract import Contract
from builder.model.queries import run


@dataclass(frozen=True)
class Coverage:
    """The counting dates a denominator has official counts for."""

    nevner: str
    first: dt.date
    last: dt.date
    years: int


@dataclass(frozen=True)
class SiteFacts:
    """The period, the reform years, the reporting deadline and the denominators' coverage, from the data."""

    first_year: int
    last_year: int
    reform_years: tuple[int, ...]
    split_years: tuple[int, ...]
    deadline_month: int
    deadline_day: int
    denominators: tuple[Coverage, ...]

    @property
    def period(self) -> str:
        """The ISO 8601 interval of the years covered, e.g. 2018/2026."""
        return f"{self.first_year}/{self.last_year}"

    def coverage(self, nevner: str) -> Coverage | None:
        """The coverage of one denominator, if it has official counts."""
        return next((c for c in self.denominators if c.nevner == nevner), None)


def site_facts(con: duckdb.DuckDBPyConnection, contract: Contract) -> SiteFacts:
    """Read the facts from the loaded data and the contract."""
    reforms = run(con, "site_facts_reforms")
    month, day = (int(part) for part in contract.report_deadline.split("-")[:2])
    return SiteFacts(
        contract.first_year,
        contract.last_year,
        tuple(int(r["aar"]) for r in reforms),
        tuple(int(r["aar"]) for r in reforms if r["deling"]),
        month,
        day,
        tuple(
            Coverage(str(r["nevner"]), r["fra_dato"], r["til_dato"], int(r["aar"]))
            for r in run(con, "site_facts_denominators")
        ),
    )
