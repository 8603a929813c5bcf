"""Site-wide files derived from the page list: sitemap.xml, robots.txt, the Atom feed and the comparison data."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from builder.config import PUBLISHER
from builder.language import DEFAULT
from builder.model.routes import url_for
from builder.model.site import Site
from builder.render.i18n import t
from builder.render.jinja import SITE_FILES, file_url
from builder.render.json_numbers import json_number
from builder.render.redirects import nginx_rules


def site_files(site: Site) -> dict[str, bytes]:
    """sitemap.xml (every public page), robots.txt pointing at it, the feed, the comparison data and the nginx
    rules for moved pages."""
    urls = sorted(p.url for p in site.pages if p.route not in ("notfound", "redirect"))
    entries = "".join(
        f"  <url><loc>{escape(site.base_url + u)}</loc><lastmod>{site.build_date}</lastmod></url>\n" for u in urls
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )
    robots = f"User-agent: *\nAllow: /\nSitemap: {site.base_url}/sitemap.xml\n"
    return {
        "sitemap.xml": sitemap.encode("utf-8"),
        "robots.txt": robots.encode("utf-8"),
        SITE_FILES["feed"]: feed(site),
        **compare_data(site),
        **nginx_rules(site),
    }


# The date part of every entry's tag: URI (RFC 4151): fixed once, so an entry keeps its id for good.
TAG_DATE = "2026"


def tag_id(site: Site, specific: str) -> str:
    """A stable, unique Atom id: tag:kompetanseinnsyn.no,2026:status/2024."""
    host = urlsplit(site.base_url).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{specific}"


def feed_entries(site: Site) -> list[tuple[str, str, str, str, str]]:
    """(date, id, title, link, summary) of every status page and every change-log entry, newest first."""
    entries = []
    for page in site.pages:
        if page.route == "status" and page.lang == DEFAULT:  # the feed is in bokmål
            when = str(page.content.facts.get("date") or site.build_date)
            aar = page.params["aar"]
            entries.append(
                (when, tag_id(site, f"status/{aar}"), page.content.title, page.url, page.content.description)
            )
    for change in site.changelog:
        # One release may have several entries (the change log's key is version, type and text).
        digest = hashlib.sha256(f"{change['type']}\n{change['beskrivelse']}".encode()).hexdigest()[:12]
        entries.append(
            (
                str(change["dato"]),
                tag_id(site, f"dataversjon/{change['versjon']}/{digest}"),
                t("feed.release_title", version=change["versjon"], kind=change["type"]),
                f"{url_for('data')}#h-endringslogg",
                str(change["beskrivelse"]),
            )
        )
    return sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)


def feed(site: Site) -> bytes:
    """Atom feed of the status pages and the data releases, newest first."""
    entries = feed_entries(site)
    body = "".join(
        f"  <entry>\n    <id>{escape(entry_id)}</id>\n    <title>{escape(title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{escape(site.base_url + link)}"/>\n'
        f"    <updated>{when}T00:00:00Z</updated>\n    <summary>{escape(summary)}</summary>\n  </entry>\n"
        for when, entry_id, title, link, summary in entries
    )
    updated = max((e[0] for e in entries), default=site.build_date)
    base = escape(site.base_url)
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">\n'
        f"  <id>{escape(tag_id(site, 'feed'))}</id>\n  <title>{escape(t('site.name'))}</title>\n"
        f'  <link rel="self" type="application/atom+xml" href="{base}{file_url("feed")}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{base}/"/>\n  <updated>{updated}T00:00:00Z</updated>\n'
        f"  <author><name>{escape(PUBLISHER.name)}</name><email>{escape(PUBLISHER.email)}</email></author>\n"
        f"{body}</feed>\n"
    )
    return text.encode("utf-8")


def compare_data(site: Site) -> dict[str, bytes]:
    """The comparison page's data as its own JSON file: one compact row per county, scheme and year (columns named)."""
    pages = [p for p in site.pages if p.route == "compare"]  # one per language, each with its data beside it
    if not pages:
        return {}
    page = pages[0]
    columns = ["aar", "fylkesnummer", "fylke", "ordning_id", "ordning", "belop", "status", "statusrang"]
    columns += ["per_larer", "larerarsverk", "per_status", "per_statusrang"]
    numbers = {"belop", "larerarsverk"}
    rows = [
        [json_number(r[c]) if c in numbers and r[c] is not None else r[c] for c in columns]
        for r in page.content.facts["data"]
    ]
    body = {"kolonner": columns, "rader": rows}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {p.output.rsplit("/", 1)[0] + "/data.json": text.encode("utf-8") for p in pages}
