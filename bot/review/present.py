"""How the console shows what the audit log holds: local times, people's names instead of Slack ids, links to
Slack, an answer's sentences beside the passages they cite with the quoted words and every number marked, facts
as a table, and a correction as a diff of the original answer."""

from __future__ import annotations

import difflib
import re
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup, escape

MARKER = re.compile(r"\[(\d{1,3})\]")
# A number, amount or date as a whole ("125,000,000", "2026-12-20", "§7.2"'s 7.2), never the digits of an id
# ("P-T1-001") or of a word ("3k"); Hangul around a number ("14,958,562원", "제5회") does not stop it.
NUMBER = re.compile(r"(?<![A-Za-z0-9-])(?:\d[\d,.\-]*\d|\d)(?![A-Za-z0-9])")
WORD = re.compile(r"[0-9A-Za-z\uac00-\ud7a3§]{2,}")
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
MAX_MARKED = 20_000  # characters of a passage marked up; longer text is shown as it is
MAX_DIFF_WORDS = 400_000  # words(original) x words(correction) compared word by word (about 0.1 s)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(ts: str | None, tz: ZoneInfo, seconds: bool = False) -> str:
    """``2026-11-30T04:05:06.123+00:00`` as ``2026-11-30 13:05 KST`` in ``tz``."""
    if not ts:
        return ""
    try:
        when = datetime.fromisoformat(ts)
    except ValueError:
        return ts
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else "") + " %Z")


def slack_link(workspace_url: str | None, channel: str | None, ts: str | None) -> str | None:
    """A message's address in Slack (``…/archives/C123/p1700000000123456``), when the workspace is known."""
    if not workspace_url or not channel or not ts or not re.fullmatch(r"[A-Z0-9]{1,30}", channel) \
            or not re.fullmatch(r"\d{1,12}\.\d{1,9}", ts):
        return None
    return f"{workspace_url.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"


class Names:
    """Slack user ids -> people's names: the user mapping, else the name recorded with their questions."""

    def __init__(self, directory: Any, audit: Any) -> None:
        self.users = getattr(directory, "users", {}) or {}
        self.audit = audit
        self._seen: dict[str, str] = {}

    def __call__(self, slack_user: str | None) -> str:
        if not slack_user:
            return "?"
        if slack_user in self._seen:
            return self._seen[slack_user]
        user = self.users.get(slack_user)
        name = user.display_name if user is not None else None
        if name is None:
            rows = self.audit.query("SELECT asker_name FROM answers WHERE slack_user = ? AND asker_role != 'guest'"
                                    " AND COALESCE(asker_name, '') != '' ORDER BY id DESC LIMIT 1", (slack_user,))
            name = rows[0][0] if rows else None
        self._seen[slack_user] = label = f"{name} ({slack_user})" if name else slack_user
        return label


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _mark_numbers(text: str) -> Markup:
    out, last = [], 0
    for m in NUMBER.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup('<mark class="num">{}</mark>').format(m.group(0)))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def answer_lines(answer: str) -> list[Markup]:
    """The answer's lines, numbers marked, each ``[n]`` a link to its passage (``#cite-n``)."""
    lines = []
    for line in answer.splitlines():
        if not line.strip():
            continue
        out, last = [], 0
        for m in MARKER.finditer(line):
            out.append(_mark_numbers(line[last:m.start()]))
            out.append(Markup('<a class="marker" href="#cite-{0}">[{0}]</a>').format(int(m.group(1))))
            last = m.end()
        out.append(_mark_numbers(line[last:]))
        lines.append(Markup("").join(out))
    return lines


def passage(quote: str, citing: list[str]) -> Markup:
    """A cited passage with the sentence(s) the answer's ``citing`` lines draw on marked, and every number."""
    if len(quote) > MAX_MARKED:
        return Markup(escape(quote))
    wanted = set().union(*(_words(MARKER.sub("", line)) for line in citing)) if citing else set()
    pieces = [p for p in SENTENCE_END.split(quote) if p]
    scores = [len(_words(p) & wanted) / max(1, len(_words(p))) for p in pieces]
    best = max(scores, default=0.0)
    out = []
    for piece, score in zip(pieces, scores):
        body = _mark_numbers(piece)
        if best > 0.2 and score >= best * 0.8:
            body = Markup('<mark class="quoted">{}</mark>').format(body)
        out.append(body)
    return Markup(" ").join(out)


def citing_lines(answer: str) -> dict[int, list[str]]:
    """For each marker number, the answer's lines that carry it."""
    lines: dict[int, list[str]] = {}
    for line in answer.splitlines():
        for m in MARKER.finditer(line):
            lines.setdefault(int(m.group(1)), []).append(line)
    return lines


def facts_rows(facts: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """A facts object flattened to (name, value) rows; a list of records stays a small table of its own."""
    rows: list[tuple[str, Any]] = []
    if isinstance(facts, dict):
        for key, value in facts.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                rows += facts_rows(value, name + ".")
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                columns = list(dict.fromkeys(k for v in value for k in v))
                rows.append((name, {"columns": columns, "rows": [[_show(v.get(c)) for c in columns] for v in value]}))
            else:
                rows.append((name, _show(value)))
    return rows


def _show(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "–"}[value]
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    return str(value)


def diff(original: str, corrected: str) -> Markup:
    """The corrected answer against the original, word by word: removed words struck, added words underlined."""
    a, b = original.split(), corrected.split()
    if len(a) * len(b) > MAX_DIFF_WORDS:  # the comparison is quadratic: a long pair is shown, not compared
        return Markup("<del>{}</del> <ins>{}</ins>").format(" ".join(a), " ".join(b))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(Markup("<del>{}</del>").format(" ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Markup("<ins>{}</ins>").format(" ".join(b[j1:j2])))
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
    return Markup(" ").join(out)


def amount(value: str) -> str:
    """A CSV cell: whole numbers of four digits or more with thousands separators (ids and dates untouched)."""
    return f"{int(value):,}" if re.fullmatch(r"-?\d{4,15}", value or "") else value
