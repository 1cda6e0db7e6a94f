"""What-if answers in Korean: every scenario, over one firm of every planted case, with the English answer's
figures; the scenario's own line comes first."""

from __future__ import annotations

import json

import pytest

from tests.bot.compose.checks import ENGLISH_RUN, assert_korean_twin, composed_lines
from tests.conftest import ROOT

CASES = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())["cases"]
FIRMS = sorted({pids[0] for pids in CASES.values()} | {pids[-1] for pids in CASES.values()})

SCENARIOS = {
    "deferral": ("What if we get a deferral of 4 months?", "할부금 상환을 4개월 유예받으면 어떻게 되나요?"),
    "payment": ("What if we pay KRW 50,000,000 on 2026-12-15?", "2026년 12월 15일에 50,000,000원을 내면 어떻게 되나요?"),
    "payoff": ("How much would it take to pay everything off on 2027-01-10?",
               "2027년 1월 10일에 전부 갚으려면 얼마가 필요한가요?"),
    "missed": ("What happens if we miss our next installment?", "다음 할부금을 못 내면 어떻게 되나요?"),
    "disposal": ("What if we sell the supported equipment on 2027-02-01?",
                 "2027년 2월 1일에 지원받은 설비를 매각하면 어떻게 되나요?"),
    "completion": ("What if completion is confirmed on 2027-05-15, what would the schedule be?",
                   "2027년 5월 15일에 완료확인을 받으면 상환 일정은 어떻게 되나요?"),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_scenario_is_answered_in_korean_with_the_english_figures(composer, scenario):
    english, korean = SCENARIOS[scenario]
    for pid in FIRMS:
        en = composer.answer(pid, "repayment", english, "en", scenario=scenario)
        ko = composer.answer(pid, "repayment", korean, "ko", scenario=scenario)
        assert ko.facts["whatif"] == scenario, pid
        assert_korean_twin(ko, en)
        first = composed_lines(ko)[0]
        assert not ENGLISH_RUN.search(first), (pid, first)


EXPECTED = {  # one firm per scenario, the scenario's line as a program officer would write it
    ("P-T1-001", "missed"): "납부기한이 2026년 12월 20일인 할부금(62,500,000원)을 납부하지 않으시면 2027년 1월 19일(30일 "
                            "경과)에 서면 독촉장이 발송되고, 2027년 3월 20일(90일 경과)에는 채무불이행 상태가 됩니다. 이 "
                            "경우 미상환 잔액 전액(오늘 기준 125,000,000원)의 납부기한이 즉시 도래하며, 전액 상환하실 "
                            "때까지 참여 제한을 받습니다.",
    ("P-T1-043", "deferral"): "이 경우 4개월의 상환유예는 받을 수 없습니다. 이미 상환유예를 받으셨습니다(§7.6: 기업당 1회).",
}


@pytest.mark.parametrize("pid,scenario", sorted(EXPECTED))
def test_a_scenario_line_in_korean(composer, pid, scenario):
    ko = composer.answer(pid, "repayment", SCENARIOS[scenario][1], "ko", scenario=scenario)
    assert composed_lines(ko)[0] == EXPECTED[pid, scenario]


def test_a_refused_deferral_quotes_the_korean_rule_that_refuses_it(composer):
    ko = composer.answer("P-T1-043", "repayment", SCENARIOS["deferral"][1], "ko", scenario="deferral")
    assert "각 기업은 사업의 수와 관계없이 상환유예를 1회만 받을 수 있다." in ko.answer


def test_a_disposal_what_if_for_a_tier2_grant_in_korean(composer):
    ko = composer.answer("P-T2-001", "repayment", SCENARIOS["disposal"][1], "ko", scenario="disposal")
    lines = composed_lines(ko)
    assert lines[0].startswith("2027년 2월 1일에 PRJ-T2-001 사업의 설비를 매각하거나 철거하시면 무상 지원금 중 ")
    assert lines[0].endswith("원을 기간에 비례하여 반환하셔야 합니다(5년 중 남은 기간 만 "
                             f"{ko.facts['whatif_months_remaining']}개월).")
    assert any(line.startswith("대신 2027년 2월 1일부터 설비를 유휴 상태로 두시면") for line in lines)
