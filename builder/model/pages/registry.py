"""Every page kind's specs by route name, for the checks that read all of them."""

from __future__ import annotations

from collections.abc import Mapping

from builder.model.pages.about import ABOUT
from builder.model.pages.budget import BUDGET, BUDGET_POST
from builder.model.pages.county import COUNTY
from builder.model.pages.coverage import COVERAGE
from builder.model.pages.embete import EMBETE, EMBETER
from builder.model.pages.home import HOME
from builder.model.pages.listings import COUNTIES, SCHEMES, YEARS
from builder.model.pages.recipient import RECIPIENT, RECIPIENTS
from builder.model.pages.scheme import SCHEME
from builder.model.pages.year import YEAR
from builder.model.specs import PageSpec

PAGE_SPECS: Mapping[str, PageSpec] = {
    "home": HOME,
    "counties": COUNTIES,
    "county": COUNTY,
    "schemes": SCHEMES,
    "scheme": SCHEME,
    "years": YEARS,
    "year": YEAR,
    "about": ABOUT,
    "budget": BUDGET,
    "budget_post": BUDGET_POST,
    "embeter": EMBETER,
    "embete": EMBETE,
    "coverage": COVERAGE,
    "recipients": RECIPIENTS,
    "recipient": RECIPIENT,
}
