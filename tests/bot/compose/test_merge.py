"""One reply for a multi-part question: sources renumbered once, and no line said twice."""

from __future__ import annotations

from bot.compose.merge import merge
from bot.models import Answer, Citation


def _cite(n: int, cid: str, locator: str) -> Citation:
    return Citation(n=n, id=cid, source="s", title="t", locator=locator, quote="q")


def _answer(text: str, cites: list[Citation]) -> Answer:
    return Answer(question="q", status="answered", intent="offset", answer=text, citations=cites)


def test_a_line_an_earlier_part_gave_is_not_repeated_and_sources_keep_one_number():
    verified = "As of 2026-10-31, 158.0 tCO2eq are verified."
    first = _answer(f"Support was KRW 58,752,120. [1]\n{verified} [2]", [_cite(1, "a", "§6.2"), _cite(2, "b", "§9.3")])
    second = _answer(f"{verified} [1]\nThe crediting period ends on 2035-03-17. [2]",
                     [_cite(1, "b", "§9.3"), _cite(2, "c", "§10.4")])
    merged = merge("q", [first, second])
    assert merged.answer.count(verified) == 1, merged.answer
    assert "The crediting period ends on 2035-03-17. [3]" in merged.answer
    assert [c.locator for c in merged.citations] == ["§6.2", "§9.3", "§10.4"]


def test_a_part_wholly_said_before_adds_nothing():
    line = "The next installment is due on 2026-12-20. [1]"
    merged = merge("q", [_answer(line, [_cite(1, "a", "§7.2")]), _answer(line, [_cite(1, "a", "§7.2")])])
    assert merged.answer == line
