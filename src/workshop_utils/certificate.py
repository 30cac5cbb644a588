"""A self-learner's completion record: `workshop certificate --name NAME` and `--verify FILE`.

For every module whose graded set has a check record (progress/MODULE.json, written by `workshop check`)
and whose notebook and answers are still exactly what that check graded, the record lists the points,
the best possible and when it was checked. It is written twice: ``certificate.json`` and a
self-contained, printable ``certificate.html`` that embeds the same JSON.

The digest is sha256 over a canonical JSON of everything else (each module's answers digest included),
plus one per field, so `--verify` can name what was edited. A digest shows the record was not edited
after it was issued (by someone who did not also recompute it); it does not prove who did the work, and
the grading is the learner's own: self-graded with the course's hidden tests on their own machine.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from workshop_utils import files, progress
from workshop_utils.errors import WorkshopError
from workshop_utils.solutionpage import POLICY

FORMAT = "workshop-certificate/1"
COURSE = "From Project to Product"
STATEMENT = ("Self-graded: these points come from the course's own hidden tests, run by the learner with "
             "`workshop check` on their own machine; not proctored, and not an assessment of a person by anyone. "
             "The digest shows the record was not edited after it was issued; it does not prove who did the work.")
FIELDS = ("format", "name", "course", "modules", "issued_at", "statement")
_SCRIPT = re.compile(r'<script type="application/json" id="workshop-certificate">(.*?)</script>', re.S)


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _digest(value) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def seal(record: dict) -> dict:
    """``record`` with its ``digest``: one sha256 per field and one over all of them."""
    body = {key: record[key] for key in FIELDS}
    return {**body, "digest": {"algorithm": "sha256", "fields": {key: _digest(body[key]) for key in FIELDS},
                               "value": _digest(body)}}


def course_version(root: Path) -> str:
    try:
        done = subprocess.run(["git", "describe", "--tags", "--always"], cwd=root, capture_output=True, text=True,
                              timeout=10)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        from importlib.metadata import version

        return version("project-to-product-workshop")
    except Exception:  # noqa: BLE001 - no version is known: say so
        return "unknown"


@dataclass
class Issued:
    html: Path
    json: Path
    modules: list[str]
    skipped: list[str] = field(default_factory=list)


def _clean_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name or len(name) > 200 or any(ord(ch) < 32 for ch in name):
        raise WorkshopError('Give a name of 1 to 200 printable characters, e.g. --name "Ada Lovelace".')
    return name


def issue(root: Path, name: str, out: Path | None = None) -> Issued:
    from workshop_utils import course

    name = _clean_name(name)
    modules, skipped = [], []
    for module in course.modules():
        if not any(q.points > 0 for q in module.QUESTIONS):
            continue
        folder_name = module.NOTEBOOK
        record, problem = progress.read_record(root, folder_name)
        if record is None:
            if problem:
                skipped.append(problem)
            continue
        current = progress.digests(progress.record_folder(root, record), folder_name)["combined"]
        if current != record["digests"].get("combined"):
            skipped.append(f"{folder_name} is left out: your notebook or answers changed since you checked them; "
                           f"run `workshop check {folder_name}` again")
            continue
        hand = sum(float(r.get("best", 0)) for r in record["items"].values()
                   if isinstance(r, dict) and r.get("hand_graded"))
        modules.append({"module": folder_name, "points": float(record["automatic"]["got"]),
                        "best": float(record["automatic"]["best"]), "hand_graded_points_not_included": hand,
                        "checked_at": record["checked_at"], "answers_digest": current})
    if not modules:
        raise WorkshopError("No module is complete yet: a module counts once its graded set is checked. Finish "
                            "exercises/MODULE, run `workshop check MODULE`, then run this again."
                            + (" " + "; ".join(skipped) + "." if skipped else ""))
    record = seal({"format": FORMAT, "name": name,
                   "course": {"title": COURSE, "version": course_version(root)}, "modules": modules,
                   "issued_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                   "statement": STATEMENT})
    out = Path(out) if out else Path(root) / progress.RECORDS
    out.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out / "certificate.json", out / "certificate.html"
    files.write_text(json_path, json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    files.write_text(html_path, render(record))
    return Issued(html_path, json_path, [m["module"] for m in modules], skipped)


STYLE = """
body{font-family:Georgia,"Times New Roman",serif;max-width:44rem;margin:1rem auto;padding:1rem;color:#1a1a1a;
line-height:1.5;overflow-wrap:anywhere}
h1{font-size:1.7rem;margin-bottom:.2rem}.name{font-size:1.5rem;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #bbb;padding:4px 6px;
text-align:left}td.n{text-align:right}
.honest{background:#f4f4f4;padding:.7rem;border-radius:4px;font-family:system-ui,sans-serif;font-size:.95rem}
.digest{font-family:monospace;font-size:.8rem;word-break:break-all}
@media (max-width:30rem){body{padding:.4rem}th,td{padding:3px 2px;font-size:.9rem}}
@media print{.honest{border:1px solid #888}}
"""


def render(record: dict) -> str:
    """The printable page; the same record is embedded as JSON (``--verify`` reads it)."""
    esc = html.escape
    rows = "".join(f'<tr><th scope="row">{esc(m["module"])}</th><td class="n">{m["points"]:g} of {m["best"]:g}</td>'
                   f'<td>{esc(m["checked_at"][:10])}</td></tr>' for m in record["modules"])
    embedded = json.dumps(record, sort_keys=True, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f'<title>Completion record: {esc(record["name"])}</title><style>{STYLE}</style></head><body><main>\n'
            f'<h1>Completion record</h1>\n<p>{esc(record["course"]["title"])} (version '
            f'{esc(record["course"]["version"])})</p>\n'
            f'<p class="name">{esc(record["name"])}</p>\n<p>checked their own work in these modules:</p>\n'
            f'<table><caption>Points from the automatically graded items of each module</caption><thead><tr>'
            f'<th scope="col">Module</th><th scope="col">Points</th><th scope="col">Checked on</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n"
            f'<p>Issued {esc(record["issued_at"])}.</p>\n<p class="honest">{esc(record["statement"])}</p>\n'
            f'<p class="digest">sha256 {esc(record["digest"]["value"])}<br>Check it with '
            f"<code>workshop certificate --verify certificate.html</code>.</p>\n</main>\n"
            f'<script type="application/json" id="workshop-certificate">{embedded}</script>\n</body></html>\n')


@dataclass
class Verdict:
    intact: bool
    lines: list[str]


def _load(path: Path) -> tuple[dict | None, str | None, str]:
    """(record, problem, kind) of a certificate file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path} cannot be read ({exc})", ""
    kind = "json"
    if text.lstrip().startswith("<"):
        kind = "html"
        found = _SCRIPT.search(text)
        if not found:
            return None, f"{path} holds no completion record (no embedded workshop-certificate JSON)", kind
        text = found.group(1).replace("<\\/", "</")
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, f"{path} is not readable JSON ({exc})", kind
    return (record, None, kind) if isinstance(record, dict) else (None, f"{path} is not a completion record", kind)


def verify(path: Path, root: Path | None = None) -> Verdict:
    record, problem, kind = _load(Path(path))
    if record is None:
        return Verdict(False, [f"NOT INTACT: {problem}."])
    wrong = []
    digest = record.get("digest") if isinstance(record.get("digest"), dict) else {}
    if record.get("format") != FORMAT:
        wrong.append(f"its format is {record.get('format')!r}, not {FORMAT}")
    missing = [key for key in FIELDS if key not in record]
    if missing:
        wrong.append(f"fields missing: {', '.join(missing)}")
    extra = sorted(set(record) - set(FIELDS) - {"digest"})
    if extra:
        wrong.append(f"fields added: {', '.join(extra)}")
    sealed = digest.get("fields") if isinstance(digest.get("fields"), dict) else {}
    edited = [key for key in FIELDS if key in record and sealed.get(key) != _digest(record[key])]
    if edited:
        wrong.append(f"edited after issue: {', '.join(edited)}")
    if not missing and digest.get("value") != _digest({key: record[key] for key in FIELDS}):
        wrong.append("the digest does not match the record")
    if kind == "html" and not wrong:
        try:
            if render(record) != Path(path).read_text(encoding="utf-8"):
                wrong.append("the page's visible text was edited (it no longer matches its embedded record)")
        except (KeyError, TypeError, ValueError, AttributeError):
            wrong.append("the record's fields have the wrong shape")
    if wrong:
        return Verdict(False, [f"NOT INTACT: {path}: {'; '.join(wrong)}."])
    lines = [f"intact: {path} is the completion record of {record['name']} issued {record['issued_at']}, as issued "
             f"(self-graded, not proctored)."]
    if root is not None:
        lines += _answers_now(Path(root), record)
    return Verdict(True, lines)


def _answers_now(root: Path, record: dict) -> list[str]:
    """Whether the answers in this course folder still match the ones the record names (information only)."""
    lines = []
    for module in record.get("modules", []):
        name = module.get("module") if isinstance(module, dict) else None
        if not isinstance(name, str) or not re.fullmatch(r"[0-9A-Za-z._-]+", name):
            continue
        saved, _ = progress.read_record(root, name)
        folder = progress.record_folder(root, saved) if saved else root / "exercises" / name
        if not (folder / f"{name}.ipynb").exists():
            continue
        same = progress.digests(folder, name)["combined"] == module.get("answers_digest")
        lines.append(f"  {name}: the answers in this course folder {'still match' if same else 'no longer match'} "
                     "the ones this record was issued for.")
    return lines
