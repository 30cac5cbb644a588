"""The explained solution of a graded set, as one offline HTML page, once the learner has checked their own.

`workshop solution MODULE` renders ``solutions/MODULE/MODULE.ipynb``: the questions (markdown), the code
the learner saw, and each model answer with its ``# Why:`` / ``*Why:*`` explanation. Test cells (the
self-checks and the hidden tests) are left out: a learner needs the answer and the reason, not the grader.
It opens only after `workshop check MODULE` has kept a record (progress/MODULE.json).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from workshop_utils import files, progress
from workshop_utils.errors import WorkshopError

_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.M)


def module_name(module: str) -> str:
    """The graded set's folder name for ``module`` ("01" or "01-output-vs-outcome")."""
    from workshop_utils import course

    found = course.module_numbered(module)
    if (found is None or str(module) not in (found.MODULE, found.NOTEBOOK)
            or not any(q.points > 0 for q in found.QUESTIONS)):
        known = ", ".join(m.NOTEBOOK for m in course.modules() if any(q.points > 0 for q in m.QUESTIONS))
        raise WorkshopError(f"No graded set {module!r}. Graded sets: {known}.")
    return found.NOTEBOOK


def _markdown(text: str) -> str:
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - markdown-it-py comes with JupyterLab
        return f"<pre>{html.escape(text)}</pre>"
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def _cell_html(cell: dict) -> str:
    info = cell.get("metadata", {}).get("nbgrader", {})
    source = progress._source(cell)
    if info.get("grade") and not info.get("solution"):
        return ""  # a self-check or hidden tests: the grader's business
    model = bool(info.get("solution"))
    if model:
        source = _MARKERS.sub("", source)
    if cell.get("cell_type") == "markdown":
        body = _markdown(source)
        return f'<section class="model" aria-label="Model answer">{body}</section>' if model else body
    code = f"<pre><code>{html.escape(source.rstrip())}</code></pre>"
    if model:
        return f'<section class="model" aria-label="Model answer"><p class="label">Model answer</p>{code}</section>'
    return code


# Nothing loads from anywhere: no script runs, no image or font is fetched.
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;
line-height:1.5;color:#1a1a1a}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap;border-radius:4px}
.model{border-left:4px solid #1b6e3a;padding-left:.8rem;margin:.8rem 0}
.label{font-weight:bold;color:#1b6e3a;margin:0}
.note{background:#fff8e1;padding:.6rem;border-radius:4px}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}
"""


def render(root: Path, name: str) -> str:
    source = Path(root) / "solutions" / name / f"{name}.ipynb"
    if not source.exists():
        raise WorkshopError(f"This copy of the course has no solutions/ folder (a class hub leaves it out), so "
                            f"there is no explained solution of {name} here. Ask your facilitator, or use a full "
                            "copy of the course.")
    try:
        nb = json.loads(source.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if isinstance(c, dict)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkshopError(f"{source} cannot be read ({exc}); restore it with `git checkout -- solutions/{name}`.") \
            from exc
    body = "\n".join(part for part in (_cell_html(c) for c in cells) if part)
    title = f"{name}: the explained solution"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body><main>"
            f'<p class="note">The explained solution of <strong>{html.escape(name)}</strong>: each model answer '
            "is one of the answers that score full marks, with why it is right. Compare it with your own; the "
            "self-checks and hidden tests are left out.</p>\n"
            f"{body}\n</main></body></html>\n")


def write(root: Path, module: str, out: Path | None = None) -> Path:
    """Write the explained solution page of ``module``; only once `workshop check` has kept a record."""
    name = module_name(module)
    record, problem = progress.read_record(root, name)
    if record is None:
        raise WorkshopError(problem or f"Run `workshop check {name}` first: the solution opens after you have "
                                       "checked your own answers.")
    page = render(root, name)
    out = Path(out) if out else Path(root) / progress.RECORDS / f"{name}-solution.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    files.write_text(out, page)
    return out
