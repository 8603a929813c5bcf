"""A download format: its file suffix, the message key of its link text, its media type and the writer of its bytes.

The registries are tuples of these next to their writers: `downloads.TABLE_FORMATS` (every page table) and
`bulk.DATASET_FORMATS` (every published dataset under /data/siste/). Files, links and listings all come from
them, in their order (a table's menu opens with the XLSX, the Excel-first format), so a new format is one entry
(and one message in builder/i18n/nb.json)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

W = TypeVar("W")


@dataclass(frozen=True)
class DownloadFormat(Generic[W]):
    """One download format; `writer` turns the thing downloaded (a table, a dataset) into bytes."""

    suffix: str
    label_key: str
    media_type: str
    writer: W

    def path(self, base: str) -> str:
        """The file for a path without extension, e.g. data/siste/tildelinger → data/siste/tildelinger.parquet."""
        return base + self.suffix
