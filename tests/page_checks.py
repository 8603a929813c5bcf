"""axe-core and HTML_CodeSniffer (the engine pa11y runs) in one evaluate on an open page, as compact results.

pa11y's default runner is HTML_CodeSniffer with the WCAG2AA standard; it reports the messages of type 1 (errors)
and leaves warnings and notices out. Run in-page here, the same bundle finds what pa11y finds (README, «Tests»)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).parent / "vendor"
AXE = VENDOR / "axe.min.js"
HTMLCS = VENDOR / "HTMLCS.js"  # @pa11y/html_codesniffer, the build pa11y 10 injects (builder/static/vendor/VENDOR.json)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HTMLCS_STANDARD = "WCAG2AA"

# Both engines, one after the other on the same DOM. Only violations come back (axe's resultTypes and a compact
# shape: the full result object with every pass costs a third of the run to build and send). Selectors for
# HTML_CodeSniffer's elements are built as pa11y builds them (runner.js getElementSelector).
RUN_BOTH = """async ([tags, standard]) => {
  const identifier = el => {
    if (el.id) return '#' + el.id;
    let name = el.tagName.toLowerCase();
    if (!el.parentNode || el.parentNode.nodeType !== 1) return name;
    const siblings = [...el.parentNode.children];
    const same = siblings.filter(s => s.tagName === el.tagName).length;
    if (same > 1) name += ':nth-child(' + (siblings.indexOf(el) + 1) + ')';
    return name;
  };
  const selector = el => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
      parts.unshift(identifier(node));
      if (node.id) break;
    }
    return parts.join(' > ');
  };
  const axeResult = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const messages = await new Promise((resolve, reject) => HTMLCS.process(
    standard, document, () => resolve(HTMLCS.getMessages()), () => reject(new Error('HTMLCS: ' + standard))));
  return {
    axe: axeResult.violations.map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(' '))]),
    htmlcs: messages.filter(m => m.type === 1).map(m => [m.code, m.element ? selector(m.element) : '']),
  };
}"""


def run_both(page: Any) -> dict[str, list[list[Any]]]:
    """Inject both engines into an open page and return its axe violations and HTML_CodeSniffer errors."""
    page.add_script_tag(path=str(AXE))
    page.add_script_tag(path=str(HTMLCS))
    result: dict[str, list[list[Any]]] = page.evaluate(RUN_BOTH, [AXE_TAGS, HTMLCS_STANDARD])
    return result


def offenders(survey: Mapping[str, Mapping[str, Any]], engine: str) -> list[str]:
    """One line per finding, «page: rule @ selector», for an assertion message that says where to look."""
    lines = []
    for page, result in sorted(survey.items()):
        for rule, where in result[engine]:
            targets = where if isinstance(where, list) else [where]
            lines.append(f"{page}: {rule} @ {', '.join(map(str, targets)) or '(hele siden)'}")
    return lines
