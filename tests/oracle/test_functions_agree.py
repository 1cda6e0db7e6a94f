"""The engine's figures worked from a question's own numbers agree with the rulebook oracle's, on random inputs:
the support a proposed project's cost brings (§5.1 LED limit, §6.1, §6.2), the cost at which support reaches its
cap, and the most an Art. 33 surcharge can come to. The oracle was written from the rules and the Act alone."""

from __future__ import annotations

from decimal import Decimal

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculators import Parameters
from bot.calculators.project import ProposedProject, cap_reached, estimate_support
from bot.compose import act
from tests.conftest import KNOWLEDGE
from tests.oracle.rulebook import cap_reached_at, support_for, surcharge_most

PARAMETERS = KNOWLEDGE / "program" / "parameters.yaml"
PARAMS = Parameters.load(PARAMETERS)
RAW = yaml.safe_load(PARAMETERS.read_text(encoding="utf-8"))
HEAT_PUMPS = PARAMS.category("heat_pumps")
PROFILE = settings(max_examples=400, deadline=None)

costs = st.one_of(st.integers(1, 3_000_000_000), st.sampled_from([
    1_000_000_000, 999_999_999, 1_000_000_001, 214_285_714, 214_285_715, 10, 11, 333_333_335]))


@PROFILE
@given(st.sampled_from([1, 2]), costs, st.data())
def test_support_for_a_stated_cost_agrees(tier, cost, data):
    led = data.draw(st.one_of(st.just(0), st.integers(0, cost - 1), st.just(cost // 10), st.just(cost // 10 + 1)))
    proposed = ProposedProject(text="", category=HEAT_PUMPS, mentioned=(HEAT_PUMPS,), exclusions=(),
                               eligible_cost_krw=cost, led_cost_krw=led)
    mine = estimate_support(tier, proposed, PARAMS)
    theirs = support_for(tier, RAW, cost, led)
    assert (mine.led_countable_krw, mine.countable_cost_krw, mine.support_krw) == (
        theirs["led_counted_krw"], theirs["counted_cost_krw"], theirs["support_krw"])


def test_the_cost_reaching_the_cap_agrees_for_both_tiers():
    for tier in (1, 2):
        assert cap_reached(tier, PARAMS)["reached_at_krw"] == cap_reached_at(tier, RAW)


tenths = st.integers(1, 5_000_000).map(lambda n: Decimal(n) / 10)


@PROFILE
@given(tenths, st.integers(1, 200_000), st.integers(2015, 2035))
def test_the_most_surcharge_agrees(tonnes, price, year):
    _, failed_on = act.surrender_due(year, PARAMS.value("act.surrender_months"))
    mine = act.surcharge(float(tonnes), price, failed_on, PARAMS.value("act.surcharge_multiple"),
                         PARAMS.value("act.former_surcharge_cap_krw"), PARAMS.value("act.surcharge_cap_deleted_from"))
    assert mine["total_krw"] == surcharge_most(tonnes, price, year, RAW)


def test_tonnes_read_with_a_unit_are_multiplied_exactly():
    """"1.13만 톤" is read as a float a hair under 11,300; the surcharge is still 3 x 30,000 won x 11,300 t."""
    _, failed_on = act.surrender_due(2026, PARAMS.value("act.surrender_months"))
    mine = act.surcharge(1.13 * 10_000, 30_000, failed_on, PARAMS.value("act.surcharge_multiple"),
                         PARAMS.value("act.former_surcharge_cap_krw"), PARAMS.value("act.surcharge_cap_deleted_from"))
    assert mine["total_krw"] == surcharge_most(Decimal("11300"), 30_000, 2026, RAW) == 1_017_000_000
