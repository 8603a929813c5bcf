"""Precompression: the levels per kind of file, the content-keyed cache for small files too, and output that does
not depend on the number of workers or the order of the files."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from builder.publish.assets import hashed_assets
from builder.publish.compress import VENDOR_DIR, precompress

PAGE = b"<!doctype html><title>Vestland</title><p>Tildelinger 2025: 1 234 567 kr</p>\n" * 40  # 3 kB: small
DOWNLOAD = b"aar;fylkesnummer;belop\n2025;46;1234567\n" * 40


def test_pages_at_quality_8_assets_10_and_downloads_5_all_decompress_to_the_original() -> None:
    """A page's .br is brotli quality 8, an asset's 10, a download's 5; .gz is level 9 with mtime 0; all round-trip."""
    out = precompress(
        {
            "fylke/46-vestland/index.html": PAGE,
            "assets/site.abc.js": PAGE + b"//",
            "data/fylke/46/tildelinger.csv": DOWNLOAD,
        }
    )
    assert out["fylke/46-vestland/index.html.br"] == brotli.compress(PAGE, quality=8)
    assert out["assets/site.abc.js.br"] == brotli.compress(PAGE + b"//", quality=10)
    assert out["data/fylke/46/tildelinger.csv.br"] == brotli.compress(DOWNLOAD, quality=5)
    assert out["fylke/46-vestland/index.html.gz"] == gzip.compress(PAGE, compresslevel=9, mtime=0)
    assert gzip.decompress(out["data/fylke/46/tildelinger.csv.gz"]) == DOWNLOAD
    assert brotli.decompress(out["fylke/46-vestland/index.html.br"]) == PAGE


def test_binary_files_get_no_siblings() -> None:
    """Only text files are precompressed (XLSX and Parquet are compressed already)."""
    assert precompress({"data/x.xlsx": b"PK\x03\x04", "data/x.parquet": b"PAR1"}) == {}


def test_small_assets_are_cached_by_content(tmp_path: Path) -> None:
    """A 3 kB asset is stored in the cache and read from it next time (a planted cache entry is what comes back);
    pages and downloads at the fast qualities are not cached."""
    precompress({"assets/a.css": PAGE, "a.html": PAGE + b"x", "data/a.csv": DOWNLOAD}, tmp_path)
    cached = sorted(p.name for p in tmp_path.iterdir())
    assert len(cached) == 2 and {Path(name).suffix for name in cached} == {".gz", ".br"}
    br = next(p for p in tmp_path.iterdir() if p.suffix == ".br")
    br.write_bytes(b"planted")
    assert precompress({"assets/other.css": PAGE}, tmp_path)["assets/other.css.br"] == b"planted"


def test_cache_keys_on_content_not_path(tmp_path: Path) -> None:
    """A changed asset is compressed again, never served from another content's cache entry."""
    precompress({"assets/a.css": PAGE}, tmp_path)
    changed = PAGE.replace(b"2025", b"2026")
    assert brotli.decompress(precompress({"assets/a.css": changed}, tmp_path)["assets/a.css.br"]) == changed


def test_large_vendored_files_ship_their_quality_11_siblings() -> None:
    """plotly.js and Designsystemet's CSS are served with the committed .br (quality 11) and .gz (level 9), which
    decompress to exactly the vendored file; a build only reads them (`make vendor` remakes them)."""
    for name in ("plotly-basic.min.js", "designsystemet.css"):
        source = (VENDOR_DIR / name).read_bytes()
        shipped_br = (VENDOR_DIR / f"{name}.br").read_bytes()
        shipped_gz = (VENDOR_DIR / f"{name}.gz").read_bytes()
        assert brotli.decompress(shipped_br) == source and gzip.decompress(shipped_gz) == source
        assert shipped_gz == gzip.compress(source, compresslevel=9, mtime=0)
        out = precompress({f"assets/vendor/{name[:-3]}.0123456789ab.{name.rsplit('.', 1)[1]}": source})
        assert sorted(out.values()) == sorted([shipped_br, shipped_gz])


def test_vendored_siblings_are_not_published_as_assets() -> None:
    """The shipped .br/.gz files are not assets of their own: only their sources get hashed URLs."""
    names = hashed_assets(VENDOR_DIR.parent)
    assert "vendor/plotly-basic.min.js" in names
    assert not [n for n in names if n.endswith((".br", ".gz"))]


def test_output_is_the_same_for_any_worker_count_and_file_order() -> None:
    """One worker or two, files in any order: the same bytes for the same paths."""
    files = {f"fylke/{i}/index.html": PAGE + str(i).encode() for i in range(12)}
    one = precompress(files, workers=1)
    two = precompress(dict(reversed(files.items())), workers=2)
    assert one == two and list(one) == [f"fylke/{i}/index.html{s}" for i in range(12) for s in (".gz", ".br")]


def test_identical_contents_share_one_result() -> None:
    """Two paths with the same bytes get the same siblings."""
    out = precompress({"a.js": PAGE, "b.js": PAGE}, fast=True)
    assert out["a.js.br"] == out["b.js.br"] == brotli.compress(PAGE, quality=1)
