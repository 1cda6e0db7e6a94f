"""Block Kit rendering: Slack's size limits, mrkdwn and markdown escaping, linked sources, schedule tables, buttons,
the text fallback, and every layout valid by slack_sdk's own Block Kit models."""

from __future__ import annotations

import json

import pytest

from slack_sdk.models.blocks import Block

from bot import messages, messages_ko
from bot.models import Answer, Citation
from bot.slack.blocks import (MARKDOWN_LIMIT, MAX_BLOCKS, SECTION_LIMIT, answer_blocks, answer_markdown,
                              escalation_blocks, escape, fallback_text, markdown_escape, resolved_blocks,
                              shared_blocks, source_link, split_text)


def cite(n: int, source: str = "knowledge/program/rules.md", locator: str = "§7.2", title: str = "Program Rules"):
    return Citation(n=n, id=f"c{n}", source=source, title=title, locator=locator, quote="a passage")


def make(text: str, citations: list[Citation] | None = None, answer_id: int | None = 42, **kw) -> Answer:
    return Answer(question="q", status="answered", intent="program", answer=text, citations=citations or [],
                  answer_id=answer_id, **kw)


def sections(blocks):
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_escape_covers_slacks_three_control_characters():
    assert escape("R&D <b> a>b") == "R&amp;D &lt;b&gt; a&gt;b"


def test_long_answers_are_split_into_sections_under_the_limit_without_losing_words():
    text = "\n".join(f"Line {i}: " + "word & more " * 40 for i in range(60))
    blocks = answer_blocks(make(text), style="sections")
    parts = sections(blocks)
    assert len(parts) > 1 and all(len(p) <= SECTION_LIMIT for p in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(escape(text).split())
    assert "&amp" in parts[0] and not any(p.endswith("&") or p.endswith("&amp") for p in parts)


def test_one_very_long_line_is_cut_at_spaces():
    parts = split_text("abc " * 2000, limit=100)
    assert all(len(p) <= 100 for p in parts) and all(set(p.split()) == {"abc"} for p in parts)  # no word cut
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in parts)
    assert "".join(parts).replace(" ", "") == "abc" * 2000


def test_no_more_than_fifty_blocks_and_the_buttons_survive():
    text = "\n".join("x" * 2990 for _ in range(80))
    blocks = answer_blocks(make(text, [cite(i) for i in range(1, 30)]))
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["type"] == "actions"
    assert escape(messages.SLACK_TRUNCATED) in sections(blocks)[-1]


def test_sources_are_a_context_block_linked_to_the_review_console():
    citations = [cite(1), cite(2, "knowledge/law/ets-act.md", "Art. 29", "Emissions Trading Act (digest)"),
                 cite(3, "knowledge/partners/ledger.csv", "Partner record P-T1-001, ledger as of 2026-10-31",
                      "Partner record: A&B <Co>"),
                 cite(4, "knowledge/docs/guide.pdf", "p. 3", "Guide")]
    blocks = answer_blocks(make("Answer [1][2][3][4]", citations), public_url="https://console.example/")
    context = [b for b in blocks if b["type"] == "context"]
    lines = [e["text"] for b in context for e in b["elements"]]
    assert lines[0] == "*Sources*"
    assert lines[1] == "[1] <https://console.example/sources/program/rules#%C2%A77.2|Program Rules — §7.2>"
    assert lines[2] == "[2] <https://console.example/sources/law/ets-act#Art.%2029|Emissions Trading Act (digest) — Art. 29>"
    assert lines[3].startswith("[3] <https://console.example/sources/partners/ledger#Partner%20record") and "A&amp;B &lt;Co&gt;" in lines[3]
    assert lines[4] == "[4] Guide — p. 3"  # the console cannot show a PDF: no dead link


def test_without_a_public_url_sources_are_plain_text():
    blocks = answer_blocks(make("Answer [1]", [cite(1)]))
    assert "[1] Program Rules — §7.2" in json.dumps(blocks, ensure_ascii=False) and "<http" not in json.dumps(blocks)
    assert source_link(None, "knowledge/program/rules.md", "§7.2") is None


def test_context_blocks_hold_at_most_ten_elements():
    blocks = answer_blocks(make("Answer", [cite(i, locator=f"§{i}") for i in range(1, 25)]))
    context = [b for b in blocks if b["type"] == "context"]
    assert len(context) == 3 and all(len(b["elements"]) <= 10 for b in context)
    assert sum(len(b["elements"]) for b in context) == 24 + 1


def test_every_logged_answer_gets_thumbs_and_the_desk_button_with_its_id():
    blocks = answer_blocks(make("Answer", answer_id=7))
    feedback, actions = blocks[-2:]
    assert feedback["type"] == "context_actions" and len(feedback["elements"]) == 1
    thumbs = feedback["elements"][0]
    assert (thumbs["type"], thumbs["action_id"]) == ("feedback_buttons", "answer_feedback")
    assert [(thumbs[k]["value"], thumbs[k]["text"]["text"]) for k in ("positive_button", "negative_button")] == [
        ("helpful.7", "Helpful"), ("not_helpful.7", "Not helpful")]
    assert [(e["action_id"], e["value"], e["text"]["text"]) for e in actions["elements"]] == [
        ("escalate", "7", "Ask the program desk")]
    assert not any(b["type"] in ("actions", "context_actions") for b in answer_blocks(make("Answer", answer_id=None)))


def test_the_sections_layout_has_three_plain_buttons():
    blocks = answer_blocks(make("Answer & more", answer_id=7), style="sections")
    assert [b["type"] for b in blocks] == ["section", "actions"] and blocks[0]["text"]["text"] == "Answer &amp; more"
    assert [(e["action_id"], e["value"], e["text"]["text"]) for e in blocks[-1]["elements"]] == [
        ("feedback_helpful", "7", "Helpful"), ("feedback_not_helpful", "7", "Not helpful"),
        ("escalate", "7", "Ask the program desk")]


def test_a_korean_answer_gets_korean_labels_sources_and_truncation_note():
    blocks = answer_blocks(make("답변 [1]", [cite(1)], answer_id=7, language="ko"))
    context = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert context[0] == f"*{messages_ko.SLACK_SOURCES}*"
    thumbs = blocks[-2]["elements"][0]
    assert [thumbs[k]["text"]["text"] for k in ("positive_button", "negative_button")] == [
        messages_ko.SLACK_BUTTON_HELPFUL, messages_ko.SLACK_BUTTON_NOT_HELPFUL]
    assert thumbs["positive_button"]["accessibility_label"] == messages_ko.SLACK_FEEDBACK_HELPFUL_LABEL
    assert [e["text"]["text"] for e in blocks[-1]["elements"]] == [messages_ko.SLACK_BUTTON_ESCALATE]
    long = answer_blocks(make("\n".join("가" * 2990 for _ in range(80)), answer_id=7, language="ko"))
    assert sections(long)[-1] == escape(messages_ko.SLACK_TRUNCATED) and long[-1]["type"] == "actions"
    fallback = fallback_text(make("답변 [1]", [cite(1)], language="ko"))
    assert fallback == f"답변 [1]\n{messages_ko.SLACK_SOURCES}: [1] Program Rules — §7.2"


def test_the_staff_channel_stays_in_english_whatever_the_answer_language():
    row = {"id": 5, "question": "저희 상환 현황은?", "answer": "125,000,000원 [1]", "status": "answered",
           "citations": []}
    blocks = escalation_blocks(row, 9, "<@U1> (Kim, P-T1-001)")
    text = json.dumps(blocks, ensure_ascii=False)
    assert "*Question from <@U1> (Kim, P-T1-001)*" in text and "저희 상환 현황은?" in text
    assert messages.SLACK_NO_SOURCES in text
    assert blocks[-1]["elements"][0]["text"]["text"] == messages.SLACK_BUTTON_RESOLVE
    assert resolved_blocks(blocks, "U2")[-1]["elements"][0]["text"] == messages.SLACK_RESOLVED.format(user="U2")


def test_the_plain_text_fallback_has_the_answer_and_sources_escaped():
    text = fallback_text(make("Costs < KRW 300M & more [1]", [cite(1)]))
    assert text == "Costs &lt; KRW 300M &amp; more [1]\nSources: [1] Program Rules — §7.2"
    assert len(fallback_text(make("word " * 5000))) < 4000


@pytest.mark.parametrize("style", ["markdown", "sections"])
@pytest.mark.parametrize("text", ["", "\n\n"])
def test_an_empty_answer_renders_no_empty_block(text, style):
    blocks = answer_blocks(make(text), style=style)
    assert all(s.strip() for s in sections(blocks)) and not any(b["type"] == "markdown" for b in blocks)


def test_escalation_blocks_carry_question_answer_citations_and_the_resolve_button():
    row = {"id": 5, "question": "what do we owe <now>?", "answer": "KRW 1,000 [1]", "status": "answered",
           "citations": [cite(1).model_dump()]}
    blocks = escalation_blocks(row, 9, "<@U1> (Kim, P-T1-001)", "https://console.example")
    text = json.dumps(blocks, ensure_ascii=False)
    assert "<@U1>" in text and "what do we owe &lt;now&gt;?" in text and "KRW 1,000" in text and "answer #5" in text
    assert "https://console.example/sources/program/rules" in text
    assert blocks[-1]["elements"][0] == {"type": "button", "action_id": "resolve_escalation", "value": "9",
                                         "style": "primary", "text": {"type": "plain_text", "text": "Mark resolved"}}
    resolved = resolved_blocks(blocks, "U2")
    assert not any(b["type"] == "actions" for b in resolved) and "Resolved by <@U2>." in json.dumps(resolved)
    assert resolved[:-1] == blocks[:-1]


def test_a_clarifying_question_shows_one_button_per_reading_with_a_short_value_and_no_feedback():
    import re

    from bot.slack.blocks import CHOOSE_PATTERN, choice_actions, chosen_blocks

    long_question = "monitoring report? " * 400  # far over Slack's 2,000-character limit on a button value
    asked = Answer(question=long_question, status="clarify", intent="offset", answer="Do you mean A or B?", answer_id=7,
                   facts={"clarify": [{"reading": "offset:own", "label": "A"}, {"reading": "offset:rules", "label": "B"}]})
    actions = choice_actions(123456789, "n0nce-abc_12", ["A", "B" * 200])
    blocks = answer_blocks(asked, actions=actions)
    assert blocks[-1] == actions and not any(e.get("action_id") == "escalate" for e in actions["elements"])
    values = [e["value"] for e in actions["elements"]]
    assert values == ["123456789.n0nce-abc_12.0", "123456789.n0nce-abc_12.1"] and max(map(len, values)) < 2000
    assert all(re.fullmatch(CHOOSE_PATTERN, e["action_id"]) for e in actions["elements"])
    assert len(actions["elements"][1]["text"]["text"]) <= 75  # Slack's limit on button text
    retired = chosen_blocks(blocks, "en")
    assert not any(b["type"] == "actions" for b in retired) and messages.SLACK_CHOICE_MADE in json.dumps(retired)
    assert chosen_blocks(blocks, "ko")[-1]["elements"][0]["text"] == messages_ko.SLACK_CHOICE_MADE


# -- the markdown layout ---------------------------------------------------------------------------------------
def test_markdown_takes_the_answer_literally_and_links_each_marker_to_its_source():
    answer = make("Costs < KRW 300M & *not* _this_ <!channel> # [x](http://evil) | ~a~ \\ `c` [1]\nSecond line [2]",
                  [cite(1), cite(2, "knowledge/docs/guide.pdf", "p. 3", "Guide")])
    text = answer_markdown(answer, "https://console.example")
    first, second = text.split("\n\n")
    assert first.startswith(r"Costs \< KRW 300M & \*not\* \_this\_ \<!channel\> \# \[x\](http://evil) \| \~a\~ \\ \`c\` ")
    assert first.endswith("[\\[1\\]](https://console.example/sources/program/rules#%C2%A77.2)")
    assert second == r"Second line \[2\]"  # a PDF the console cannot show: the marker stays, unlinked
    assert markdown_escape("plain 1,000 words. - ok") == "plain 1,000 words. - ok"


def test_a_schedule_is_a_table_from_the_answers_facts_in_its_language():
    rows = [{"k": 1, "due_on": "2026-06-05", "amount_krw": 14958562, "outstanding_krw": 0, "status": "paid"},
            {"k": 2, "due_on": "2026-09-05", "amount_krw": 14958566, "outstanding_krw": 14958566, "status": "upcoming"}]
    for language, catalogue, row in (("en", messages, "| 2 | KRW 14,958,566 | 2026-09-05 | upcoming |"),
                                     ("ko", messages_ko, "| 제2회 | 14,958,566원 | 2026년 9월 5일 | 납부 예정 |")):
        line = messages.say("SCHEDULE", language, rows=["…"]) + " [2][3]"
        answer = make(f"{line}\nNext line [2]", [cite(2), cite(3)], facts={"schedule": rows}, language=language)
        text = answer_markdown(answer, None)
        title, table, rest = text.split("\n\n")
        assert title == f"**{catalogue.SCHEDULE_TITLE}** \\[2\\]\\[3\\]"
        assert table.splitlines() == [catalogue.SCHEDULE_HEAD, catalogue.SCHEDULE_ALIGN, table.splitlines()[2], row]
        assert rest == r"Next line \[2\]"
    # facts of another shape leave the sentence as it was
    broken = make(messages.say("SCHEDULE", "en", rows=["x"]), facts={"schedule": [{"k": "one"}]})
    assert answer_markdown(broken, None) == markdown_escape(broken.answer)


def test_an_answer_too_long_for_one_markdown_block_falls_back_to_sections():
    long = make("\n".join("word " * 500 for _ in range(6)), answer_id=7)
    assert len(answer_markdown(long, None)) > MARKDOWN_LIMIT
    blocks = answer_blocks(long)
    assert not any(b["type"] == "markdown" for b in blocks) and len(sections(blocks)) > 1
    assert blocks[-2]["type"] == "context_actions"  # the buttons of the layout asked for


@pytest.mark.parametrize("style", ["markdown", "sections"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_layout_is_valid_block_kit_by_slack_sdks_models(style, language):
    rows = [{"k": k, "due_on": f"2027-0{k}-05", "amount_krw": 1000 * k, "outstanding_krw": 0, "status": "upcoming"}
            for k in range(1, 9)]
    answer = make(messages.say("SCHEDULE", language, rows=["…"]) + " [1]\nA & B <c> [2]", [cite(1), cite(2)],
                  answer_id=123456789, facts={"schedule": rows}, language=language)
    layouts = [answer_blocks(answer, "https://console.example", style=style, share=True),
               answer_blocks(make("x " * 20000, answer_id=5, language=language), style=style),
               shared_blocks(answer, None, "U1", style=style)]
    for blocks in layouts:
        assert len(blocks) <= MAX_BLOCKS
        for block in blocks:
            parsed = Block.parse(block)
            assert parsed is not None and parsed.type == block["type"]
            parsed.validate_json()  # raises SlackObjectFormationError on a field over Slack's limits
        assert sum(len(b["text"]) for b in blocks if b["type"] == "markdown") <= MARKDOWN_LIMIT
