"""The nginx rules for the redirect pages at moved pages' earlier URLs (route «redirect» in the model)."""

from __future__ import annotations

import re

from builder.language import unlocalized
from builder.model.site import Site

PATH_RE = re.compile(r"^/(?:[a-z0-9][a-z0-9-]*/)+$")  # what a redirect's two URLs may look like: plain folders
NGINX_FILE = "redirects.nginx.conf"  # included by deploy/kompetanseinnsyn.conf


def moves(site: Site) -> list[tuple[str, str]]:
    """(earlier URL, current URL) of every redirect page, sorted; refuses anything but plain folder paths."""
    pairs = sorted((p.url, str(p.params["to"])) for p in site.pages if p.route == "redirect")
    for old, new in pairs:
        if not PATH_RE.match(old) or not PATH_RE.match(new):
            raise ValueError(f"unsafe redirect {old!r} → {new!r}")
    return pairs


def nginx_rules(site: Site) -> dict[str, bytes]:
    """One permanent redirect per earlier URL (and its index.html), and for the newest downloads under it (the
    versioned ones under /data/v/ keep their paths), for nginx to include."""
    lines = ["# Made by the build: earlier URLs of moved pages (reload nginx after a release that changes them).\n"]
    for old, new in moves(site):
        lines.append(f"location = {old} {{ return 301 {new}; }}\n")
        lines.append(f"location = {old}index.html {{ return 301 {new}; }}\n")
        if unlocalized(old) == old:  # downloads exist once, under the bokmål path
            lines.append(f"location ^~ /data{old} {{ rewrite ^/data{old}(.*)$ /data{new}$1 permanent; }}\n")
    return {NGINX_FILE: "".join(lines).encode("utf-8")}
