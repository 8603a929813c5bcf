"""Site-wide files derived from the page list: sitemap.xml and robots.txt."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from builder.model.site import Site
from builder.render.json_numbers import json_number


def site_files(site: Site) -> dict[str, bytes]:
    """sitemap.xml (every public page) and robots.txt pointing at it."""
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
        "feed.xml": feed(site),
        **compare_data(site),
    }


def feed(site: Site) -> bytes:
    """Atom feed of the status pages and the data releases, newest first."""
    entries = []
    for page in site.pages:
        if page.route == "status":
            when = page.content.facts.get("date") or site.build_date
            entries.append((str(when), page.content.title, site.base_url + page.url, page.content.description))
    for change in site.changelog:
        entries.append(
            (
                str(change["dato"]),
                f"Dataversjon {change['versjon']} ({change['type']})",
                f"{site.base_url}/data/#h-endringslogg",
                str(change["beskrivelse"]),
            )
        )
    entries.sort(reverse=True)
    body = "".join(
        f"  <entry>\n    <id>{escape(url)}</id>\n    <title>{escape(title)}</title>\n"
        f'    <link href="{escape(url)}"/>\n    <updated>{when}T00:00:00Z</updated>\n'
        f"    <summary>{escape(summary)}</summary>\n  </entry>\n"
        for when, title, url, summary in entries
    )
    updated = max((e[0] for e in entries), default=site.build_date)
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">\n'
        f"  <id>{escape(site.base_url)}/</id>\n  <title>Kompetanseinnsyn</title>\n"
        f'  <link href="{escape(site.base_url)}/feed.xml" rel="self"/>\n  <updated>{updated}T00:00:00Z</updated>\n'
        f"  <author><name>Utdanningsdirektoratet</name></author>\n{body}</feed>\n"
    )
    return text.encode("utf-8")


def compare_data(site: Site) -> dict[str, bytes]:
    """The comparison page's data as its own JSON file: one compact row per county, scheme and year."""
    page = next((p for p in site.pages if p.route == "compare"), None)
    if page is None:
        return {}
    rows = [
        [r["aar"], r["fylkesnummer"], r["fylke"], r["ordning_id"], r["ordning"], json_number(r["belop"]), r["status"]]
        for r in page.content.facts["data"]
    ]
    body = {"kolonner": ["aar", "fylkesnummer", "fylke", "ordning_id", "ordning", "belop", "status"], "rader": rows}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {page.output.rsplit("/", 1)[0] + "/data.json": text.encode("utf-8")}
