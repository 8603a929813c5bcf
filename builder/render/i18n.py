"""The message catalogue: every interface text, by key, in one JSON file per language (nb now, nn later)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from builder.config import I18N_DIR
from builder.errors import BuildError, Exit


@cache
def catalogue(lang: str = "nb") -> dict[str, str]:
    """All messages of a language."""
    data: dict[str, str] = json.loads((I18N_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    return data


def t(key: str, lang: str = "nb", **params: Any) -> str:
    """One message, with `{name}` placeholders filled in; an unknown key is a build error."""
    try:
        text = catalogue(lang)[key]
    except KeyError as exc:
        raise BuildError(f"builder/i18n/{lang}.json", f"mangler teksten «{key}»", code=Exit.INTERNAL) from exc
    return text.format(**params) if params else text
