"""Site-wide files derived from the page list: sitemap.xml and robots.txt."""

from __future__ import annotations

import json
from decimal import Decimal
from xml.sax.saxutils import escape

from builder.model import Site


def site_files(site: Site) -> dict[str, bytes]:
    """sitemap.xml (every public page) and robots.txt pointing at it."""
    urls = sorted(p.url for p in site.pages if p.route != "notfound")
    entries = "".join(
        f"  <url><loc>{escape(site.base_url + u)}</loc><lastmod>{site.build_date}</lastmod></url>\n" for u in urls
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )
    robots = f"User-agent: *\nAllow: /\nSitemap: {site.base_url}/sitemap.xml\n"
    return {"sitemap.xml": sitemap.encode("utf-8"), "robots.txt": robots.encode("utf-8"), **compare_data(site)}


def compare_data(site: Site) -> dict[str, bytes]:
    """The comparison page's data as its own JSON file: one compact row per county, scheme and year."""
    page = next((p for p in site.pages if p.route == "compare"), None)
    if page is None:
        return {}
    rows = [
        [r["aar"], r["fylkesnummer"], r["fylke"], r["ordning_id"], r["ordning"], _plain(r["belop"]), r["status"]]
        for r in page.content.facts["data"]
    ]
    body = {"kolonner": ["aar", "fylkesnummer", "fylke", "ordning_id", "ordning", "belop", "status"], "rader": rows}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {page.output.rsplit("/", 1)[0] + "/data.json": text.encode("utf-8")}


def _plain(value: Decimal) -> int | str:
    """Whole kroner as an integer, other amounts as exact text."""
    return int(value) if value == value.to_integral_value() else str(value)
