"""The message catalogue: every interface text, by key, in one JSON file per language (nb.json, nn.json)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from builder.config import I18N_DIR
from builder.errors import BuildError, Exit
from builder.language import current


@cache
def catalogue(lang: str = "nb") -> dict[str, str]:
    """All messages of a language."""
    data: dict[str, str] = json.loads((I18N_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    return data


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """One message in `lang` (default: the language being built), `{name}` placeholders filled in; an unknown key
    is a build error."""
    lang = lang or current()
    try:
        text = catalogue(lang)[key]
    except KeyError as exc:
        raise BuildError(f"builder/i18n/{lang}.json", f"mangler teksten «{key}»", code=Exit.INTERNAL) from exc
    return text.format(**params) if params else text
