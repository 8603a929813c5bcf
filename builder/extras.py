"""Site-wide files derived from the page list: sitemap.xml and robots.txt."""

from __future__ import annotations

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
    return {"sitemap.xml": sitemap.encode("utf-8"), "robots.txt": robots.encode("utf-8")}
