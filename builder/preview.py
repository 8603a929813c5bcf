"""Fast preview of editorial changes: the data model stays in memory, and a Markdown edit re-renders only the
editorial pages, their downloads, the feed and the status index, straight into the served release."""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

from builder.build import build
from builder.config import Config
from builder.content import ContentError, read_sources
from builder.contract import load_contract
from builder.errors import BuildError, Exit, ValidationFailed
from builder.exports import page_table_files
from builder.extras import feed
from builder.load import load
from builder.model import EDITORIAL, Site, editorial_pages, model
from builder.render import environment, render_page
from builder.validate import validate
from builder.write import hashed_assets, precompress


@dataclass
class Preview:
    """The last good full build, kept in memory so that content edits are cheap."""

    config: Config
    site: Site | None = None
    con: Any = None
    env: Any = None
    extra: dict[str, int] = field(default_factory=dict)
    stack: ExitStack = field(default_factory=ExitStack)

    def full(self) -> float:
        """A complete, atomic build; then load the model once more for later content edits. Returns seconds."""
        start = time.perf_counter()
        build(self.config)
        self.stack.close()
        self.stack = ExitStack()
        contract = load_contract(self.config.data_dir)
        config = replace(self.config, build_date=self.config.build_date or contract.release_date)
        validated = validate(contract)
        if not validated.ok:
            raise ValidationFailed(validated.findings)
        self.con = self.stack.enter_context(load(contract, validated.rows))
        self.site = model(self.con, contract, config)
        deadline = contract.report_deadline.split("-")
        self.extra = {"frist_maaned": int(deadline[0]), "frist_dag": int(deadline[1])}
        assets = hashed_assets(config.static_dir)
        self.env = environment(config.templates_dir, {name: url for name, (url, _) in assets.items()})
        return time.perf_counter() - start

    def content_changed(self) -> float:
        """Re-render the editorial pages from content/ into the live release. Returns seconds."""
        if self.site is None:
            return self.full()
        start = time.perf_counter()
        errors: list[ContentError] = []
        texts = [
            s
            for s in read_sources(self.config.content_dir, self.config.content_dir.parent, errors)
            if self.config.drafts or not s.draft
        ]
        pages = editorial_pages(self.con, texts, self.extra, errors)
        if errors:
            raise BuildError("content", "\n" + "\n".join(e.human() for e in errors), code=Exit.DATA)
        kept = tuple(p for p in self.site.pages if p.route not in EDITORIAL)
        self.site = replace(self.site, pages=kept + tuple(pages))
        files = {p.output: render_page(self.env, p, self.site).encode("utf-8") for p in pages}
        files.update(page_table_files(pages, self.site.release_info, self.site.sources))
        files["feed.xml"] = feed(self.site)
        files.update(precompress(files, self.config.cache_dir))
        root = self.config.out_dir.resolve()
        for rel, data in sorted(files.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.preview")
            tmp.write_bytes(data)
            tmp.replace(target)
        return time.perf_counter() - start

    def close(self) -> None:
        """Close the in-memory database."""
        self.stack.close()
