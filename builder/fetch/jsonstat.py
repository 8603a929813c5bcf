"""A small reader for JSON-stat 2.0 datasets (the format of SSB's PxWebApi v2), with strict shape checks."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset of the expected shape."""


@dataclass(frozen=True)
class Dimension:
    """One dimension: its id, category codes in index order, and their labels."""

    id: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Cell:
    """One value with its category code per dimension; value is None where the source has none (status says why)."""

    codes: Mapping[str, str]
    value: Decimal | None
    status: str


@dataclass(frozen=True)
class Dataset:
    """A parsed dataset: its dimensions (in `id` order) and every cell."""

    label: str
    dimensions: tuple[Dimension, ...]
    cells: tuple[Cell, ...]

    def dimension(self, dim_id: str) -> Dimension:
        """The dimension with this id."""
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise JsonStatError(f"datasettet har ingen dimensjon «{dim_id}» (har {', '.join(self.ids)})")

    @property
    def ids(self) -> tuple[str, ...]:
        """Dimension ids in order."""
        return tuple(d.id for d in self.dimensions)


def read(doc: Any) -> Dataset:
    """Parse a decoded JSON-stat 2.0 dataset; raises JsonStatError with what is wrong."""
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise JsonStatError("ikke et JSON-stat 2.0-datasett (mangler «class»: «dataset»)")
    ids, sizes = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise JsonStatError("«id» og «size» mangler eller har ulik lengde")
    dims = tuple(_dimension(doc.get("dimension", {}), str(i), int(n)) for i, n in zip(ids, sizes, strict=True))
    total = math.prod(len(d.codes) for d in dims)
    values = _expand(doc.get("value"), total, "value")
    statuses = _expand(doc.get("status"), total, "status")
    cells = tuple(
        Cell(codes, _number(values[n]), "" if statuses[n] is None else str(statuses[n]))
        for n, codes in enumerate(_coordinates(dims))
    )
    return Dataset(str(doc.get("label", "")), dims, cells)


def _dimension(dimensions: Any, dim_id: str, size: int) -> Dimension:
    """One dimension's categories, ordered by their index."""
    try:
        category = dimensions[dim_id]["category"]
    except (KeyError, TypeError) as exc:
        raise JsonStatError(f"dimensjonen «{dim_id}» mangler eller har ingen «category»") from exc
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda kv: int(kv[1]))]
    elif size == 1 and isinstance(category.get("label"), dict) and len(category["label"]) == 1:
        codes = [str(next(iter(category["label"])))]
    else:
        raise JsonStatError(f"dimensjonen «{dim_id}» har ingen kategoriindeks")
    if len(codes) != size:
        raise JsonStatError(f"dimensjonen «{dim_id}» har {len(codes)} kategorier, men «size» sier {size}")
    labels = category.get("label") or {}
    return Dimension(dim_id, tuple(codes), {c: str(labels.get(c, c)) for c in codes})


def _expand(raw: Any, total: int, name: str) -> list[Any]:
    """A dense list of `total` entries from JSON-stat's array, sparse object or single-value forms."""
    if raw is None:
        return [None] * total
    if isinstance(raw, list):
        if len(raw) != total:
            raise JsonStatError(f"«{name}» har {len(raw)} verdier, men dimensjonene gir {total}")
        return raw
    if isinstance(raw, dict):
        dense: list[Any] = [None] * total
        for key, item in raw.items():
            if not str(key).isdigit() or int(key) >= total:
                raise JsonStatError(f"«{name}» har ugyldig posisjon {key!r}")
            dense[int(key)] = item
        return dense
    if name == "status" and isinstance(raw, str):
        return [raw] * total
    raise JsonStatError(f"«{name}» har en form som ikke er JSON-stat")


def _number(raw: Any) -> Decimal | None:
    """A cell value as an exact number, or None for a missing value."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        raise JsonStatError(f"verdien {raw!r} er ikke et tall")
    return Decimal(str(raw))


def _coordinates(dims: tuple[Dimension, ...]) -> Iterator[dict[str, str]]:
    """Category codes per cell in row-major order (the last dimension varies fastest)."""
    sizes = [len(d.codes) for d in dims]
    for flat in range(math.prod(sizes)):
        codes: dict[str, str] = {}
        rest = flat
        for dim, size in zip(reversed(dims), reversed(sizes), strict=True):
            rest, pos = divmod(rest, size)
            codes[dim.id] = dim.codes[pos]
        yield codes
