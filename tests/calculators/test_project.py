"""Free-text projects: category, §5.2 items, costs, and the §6 support they give."""

from __future__ import annotations

import pytest

from bot.calculators.project import ProposedProject, estimate_support, parse_money, parse_project
from tests.calculators.conftest import project


@pytest.mark.parametrize(("text", "won"), [
    ("cost KRW 300M", 300_000_000),
    ("about 300 million", 300_000_000),
    ("1.2 billion won", 1_200_000_000),
    ("1.2bn", 1_200_000_000),
    ("300,000,000 won", 300_000_000),
    ("₩300M", 300_000_000),
    ("₩80 million", 80_000_000),
    ("KRW300M", 300_000_000),
    ("3억", 300_000_000),
    ("12억 원", 1_200_000_000),
    ("1억 5천만 원", 150_000_000),
    ("5천만원", 50_000_000),
    ("500k won", 500_000),
    ("1억 8천 5백만 원", 185_000_000),
    ("8천5백만원", 85_000_000),
    ("1억 2천 3백 4십만원", 123_400_000),
    ("1억 8천 5백", 185_000_000),  # 만 left unsaid after 억
])
def test_money_phrasings_are_read_as_whole_won(text, won):
    assert parse_money(text) == [won]


def test_counts_years_and_ids_are_not_money():
    assert parse_money("two boilers, 3 heat pumps, 50 tCO2 a year from 2026 for P-T1-014") == []


def test_boilers_to_heat_pumps_tier1(params):
    proposed = parse_project("we want to replace two boilers with heat pumps, cost KRW 300M", params)
    assert proposed.category.key == "heat_pumps" and proposed.exclusions == ()
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (300_000_000, 0)
    est = estimate_support(1, proposed, params)
    # 50% of 300,000,000 = 150,000,000, below the 500M cap (§6.1)
    assert (est.verdict, est.support_krw, est.capped) == ("eligible", 150_000_000, False)
    assert est.clauses == ("§5.1", "§5.3", "§6.1")


def test_large_project_hits_the_cap(params):
    proposed = parse_project("new inverter motors for 1.2 billion won", params)
    assert proposed.category.key == "motors_inverters" and proposed.eligible_cost_krw == 1_200_000_000
    tier1, tier2 = estimate_support(1, proposed, params), estimate_support(2, proposed, params)
    # 50% × 1.2bn = 600M > 500M cap; 70% × 1.2bn = 840M > 150M cap
    assert (tier1.support_krw, tier1.capped, tier1.cap.value) == (500_000_000, True, 500_000_000)
    assert (tier2.support_krw, tier2.capped, tier2.clauses[-1]) == (150_000_000, True, "§6.2")


def test_led_counts_only_up_to_ten_percent_of_eligible_cost(params):
    proposed = parse_project("compressor upgrade 250,000,000 won incl. LED lighting 40M", params)
    assert proposed.category.key == "compressed_air"
    assert [c.key for c in proposed.mentioned] == ["compressed_air", "led_lighting"]
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (250_000_000, 40_000_000)
    est = estimate_support(1, proposed, params)
    # LED capped at 10% × 250M = 25M; countable = 210M + 25M = 235M; 50% = 117,500,000
    assert (est.led_countable_krw, est.countable_cost_krw, est.support_krw) == (25_000_000, 235_000_000, 117_500_000)
    assert any("10%" in r for r in est.reasons)
    # tier-2: 70% × 235M = 164.5M → capped at 150M
    assert estimate_support(2, proposed, params).support_krw == 150_000_000


def test_led_added_on_top_within_ten_percent_counts_in_full(params):
    proposed = parse_project("heat pump 300M plus LED lighting 20M", params)
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (320_000_000, 20_000_000)
    est = estimate_support(1, proposed, params)
    # 10% of 320M = 32M ≥ 20M, so all 320M count; 50% = 160M
    assert (est.led_countable_krw, est.countable_cost_krw, est.support_krw) == (20_000_000, 320_000_000, 160_000_000)


def test_led_alone_is_not_a_project(params):
    est = estimate_support(1, parse_project("LED lighting for the whole plant, 50M", params), params)
    assert (est.verdict, est.support_krw, est.category.key) == ("excluded", 0, "led_lighting")
    assert "§5.1" in est.reasons[0]


def test_solar_is_excluded(params):
    proposed = parse_project("₩80 million solar panels", params)
    assert proposed.category is None and [e.key for e in proposed.exclusions] == ["onsite_solar"]
    assert proposed.eligible_cost_krw == 80_000_000
    est = estimate_support(1, proposed, params)
    assert (est.verdict, est.support_krw, est.countable_cost_krw) == ("excluded", 0, 0)
    assert est.clauses == ("§5.1", "§5.2", "§5.3", "§6.1")


@pytest.mark.parametrize(("text", "excluded"), [
    ("used compressor for 100M", "used_equipment"),
    ("annual maintenance of our compressors, KRW 50M", "maintenance"),
    ("a new line with heat pumps, 3억", "capacity_expansion"),
    ("buy RECs for 20M", "renewable_purchase"),
])
def test_section_5_2_items_exclude_the_project(params, text, excluded):
    est = estimate_support(1, parse_project(text, params), params)
    assert (est.verdict, est.support_krw) == ("excluded", 0)
    assert [e.key for e in est.exclusions] == [excluded]


def test_a_separately_priced_excluded_item_is_left_out(params):
    proposed = parse_project("heat pumps 200M and solar panels 80M", params)
    assert (proposed.eligible_cost_krw, proposed.excluded_cost_krw) == (200_000_000, 80_000_000)
    est = estimate_support(2, proposed, params)
    # 70% × 200M = 140M (§6.2), solar left out (§5.2)
    assert (est.verdict, est.support_krw, est.capped) == ("eligible", 140_000_000, False)


def test_having_used_a_boiler_for_years_is_not_used_equipment(params):
    proposed = parse_project("the boilers we have used for 20 years go; heat pumps for KRW 300,000,000", params)
    assert proposed.exclusions == () and proposed.category.key == "heat_pumps"


def test_unrecognised_equipment_is_unknown(params):
    est = estimate_support(1, parse_project("new welding robots, 100M", params), params)
    assert (est.verdict, est.category) == ("unknown", None)
    assert est.support_krw == 50_000_000  # what it would be if the desk confirms a §5.1 category


def test_no_cost_stated_gives_no_amount(params):
    est = estimate_support(1, parse_project("can we get support for a heat pump?", params), params)
    assert (est.verdict, est.eligible_cost_krw, est.support_krw) == ("eligible", None, None)


def test_support_rounds_down_to_whole_won(params):
    odd = ProposedProject(text="", category=params.category("heat_pumps"), mentioned=(), exclusions=(),
                          eligible_cost_krw=333_333_333)
    assert estimate_support(1, odd, params).support_krw == 166_666_666  # 166,666,666.5 → down
    odd = ProposedProject(text="", category=params.category("hvac_chillers"), mentioned=(), exclusions=(),
                          eligible_cost_krw=123_456_789)
    assert estimate_support(2, odd, params).support_krw == 86_419_752  # 86,419,752.3 → down
    odd = ProposedProject(text="", category=params.category("heat_pumps"), mentioned=(), exclusions=(),
                          eligible_cost_krw=100_000_001, led_cost_krw=20_000_000)
    # LED cap floor(10,000,000.1) = 10,000,000; countable 80,000,001 + 10,000,000 = 90,000,001;
    # 50% = 45,000,000.5 → 45,000,000
    est = estimate_support(1, odd, params)
    assert (est.led_countable_krw, est.countable_cost_krw, est.support_krw) == (10_000_000, 90_000_001, 45_000_000)


def test_exactly_at_the_cap_is_not_flagged_capped(params):
    at_cap = ProposedProject(text="", category=params.category("heat_pumps"), mentioned=(), exclusions=(),
                             eligible_cost_krw=1_000_000_000)
    est = estimate_support(1, at_cap, params)
    assert (est.support_krw, est.capped) == (500_000_000, False)


def test_korean_description(params):
    proposed = parse_project("보일러를 히트펌프로 교체, 3억 원", params)
    assert (proposed.category.key, proposed.eligible_cost_krw) == ("heat_pumps", 300_000_000)


def test_a_recorded_project_estimates_the_same_way(params):
    rec = project(category="compressed_air", eligible_cost_krw=250_000_000, led_cost_krw=40_000_000)
    est = estimate_support(1, ProposedProject.from_record(rec, params), params)
    assert (est.verdict, est.support_krw) == ("eligible", 117_500_000)
    facts = est.facts()
    assert facts["support_krw"] == 117_500_000 and facts["category"] == "compressed_air"
    assert facts["support_ratio"] == 0.5 and facts["clauses"] == ["§5.1", "§5.3", "§6.1"]


@pytest.mark.parametrize(("text", "cost", "left_out"), [
    ("replace our boilers with heat pumps for KRW 650M, including 30M of our own engineers' time", 620_000_000,
     30_000_000),
    ("heat pump project KRW 650M including VAT of KRW 59M", 591_000_000, 59_000_000),
    ("heat pump project KRW 650M plus KRW 30M VAT", 650_000_000, 30_000_000),
    ("new chiller KRW 400M, and 20M for staff salaries during installation", 400_000_000, 20_000_000),
])
def test_section_5_3_costs_come_out_of_the_eligible_cost(params, text, cost, left_out):
    proposed = parse_project(text, params)
    assert (proposed.eligible_cost_krw, proposed.excluded_cost_krw) == (cost, left_out)
    assert estimate_support(1, proposed, params).support_krw == cost // 2


@pytest.mark.parametrize(("text", "tier", "cost", "left_out", "support"), [
    # a cost stated "incl. VAT" holds the VAT; the VAT amount stated "of that" comes out of it, and an amount
    # stated separately is not added
    ("tier 2 heat pump quote is KRW 198,000,000 incl. VAT (18,000,000 of that is VAT), plus 25,000,000 VAT on the "
     "extras", 2, 180_000_000, [18_000_000, 25_000_000], 126_000_000),
    ("히트펌프 견적이 부가세 포함 1억 9,800만 원이고 그중 부가세가 1,800만 원이에요", 2, 180_000_000, [18_000_000],
     126_000_000),
    ("히트펌프 3억 3천만 원 (부가세 포함), 부가세는 3천만 원", 1, 300_000_000, [30_000_000], 150_000_000),
    ("heat pump KRW 330M VAT included, of which KRW 30M VAT", 1, 300_000_000, [30_000_000], 150_000_000),
    # the VAT's own amount after the cost stated with it, in brackets, with no word of inclusion of its own
    ("히트펌프 견적이 부가세 포함 2억 900만 원(부가세 1,900만 원)이에요", 2, 190_000_000, [19_000_000], 133_000_000),
    ("heat pump KRW 220M incl. VAT (VAT 20M)", 2, 200_000_000, [20_000_000], 140_000_000),
])
def test_a_cost_stated_with_vat_included_is_the_gross_cost(params, text, tier, cost, left_out, support):
    proposed = parse_project(text, params)
    assert proposed.eligible_cost_krw == cost
    assert [amount for _, amount in proposed.left_out] == left_out
    assert {item.key for item, _ in proposed.left_out} == {"vat"}
    assert estimate_support(tier, proposed, params).support_krw == support


@pytest.mark.parametrize(("text", "tier", "support"), [
    # LED "of that" / "안에 … 들어가 있는" is part of the stated cost: 10% of 356,780,000 counts of its 41,000,000
    ("compressor upgrade, quote is KRW 356,780,000 excl. VAT and KRW 41,000,000 of that is new LED lighting",
     1, 175_729_000),
    ("히트펌프 1억 8,000만 원, 그 금액 안에 LED 조명이 2천만 원 들어가 있어요", 2, 124_600_000),
    # the net marker and the amount may be joined by a verb ("ex VAT is KRW …"); "N of that is LED" is a part
    ("compressor upgrade. quote ex VAT is KRW 356,780,000 and 41,000,000 of that is LED lights", 1, 175_729_000),
])
def test_led_stated_as_part_of_the_cost_is_not_added_again(params, text, tier, support):
    proposed = parse_project(text, params)
    assert proposed.led_cost_krw and proposed.eligible_cost_krw == {1: 356_780_000, 2: 180_000_000}[tier]
    assert estimate_support(tier, proposed, params).support_krw == support


@pytest.mark.parametrize(("text", "cost"), [
    # after another amount, "including VAT 18M" / "포함된 부가세" states the VAT's own amount, taken out
    ("heat pump quote KRW 198M, including VAT 18M", 180_000_000),
    ("heat pump quote KRW 198M, including VAT of KRW 18M", 180_000_000),
    ("히트펌프 견적 1억 9,800만 원이고 포함된 부가세는 1,800만 원이에요", 180_000_000),
    ("히트펌프 견적 1억 9,800만 원, 그중 포함된 부가세 1,800만 원", 180_000_000),
    # an amount that only costs more ("더 들어가요", "6개월 안에") is added; one "of this year's budget" too
    ("히트펌프 3억 원이고, 6개월 안에 LED 조명 5천만 원 추가 예정", 350_000_000),
    ("히트펌프 3억 원, LED 조명에 5천만 원 더 들어가요", 350_000_000),
    ("히트펌프 3억 원, 인건비로 3천만 원 따로 들어가요", 300_000_000),
    ("heat pump KRW 300M and LED lighting KRW 41M of this year's budget", 341_000_000),
    ("히트펌프 3억 원 (부가세 미포함)", 300_000_000),  # VAT not included: nothing to take out
    # "inside that is …" / "여기에 … 들어가 있어요": the §5.2 items named after it come out of the cost before
    ("heat pump package is 210M won before VAT. inside that is 30M for a used standby pump and 8M for routine "
     "maintenance", 172_000_000),
    ("heat pump quote of 210M, which includes 30M of routine maintenance", 180_000_000),
    ("히트펌프 패키지 2억 1천만 원인데, 여기에 중고 예비 펌프 3천만 원이랑 유지보수 계약 800만 원이 들어가 있어요",
     172_000_000),
    # "부가세 별도 2억 1천만 원" is the cost without its VAT; after a larger cost it states the VAT's own amount
    ("히트펌프 부가세 별도 2억 1천만 원", 210_000_000),
    ("히트펌프 2억 원, 부가세 별도 2천만 원", 200_000_000),
    # with no equipment named, the amount a later part is said to be inside is the whole, not the item named after
    ("견적 8억원인데 그 안에 자체 직원 인건비 1,200만원 들어가 있어요", 788_000_000),
    # "in that case" is no container
    ("heat pump 300M. in that case we would add LED lighting for 20M", 320_000_000),
])
def test_an_amount_is_read_as_part_of_another_only_when_said_so(params, text, cost):
    assert parse_project(text, params).eligible_cost_krw == cost


@pytest.mark.parametrize(("text", "cost", "led", "left_out", "support"), [
    # the gross quote, then the same cost without its VAT: the net amount is the cost, the VAT stays named
    ("heat pump quote KRW 330M incl. VAT; KRW 300M net", 300_000_000, 0, [], 150_000_000),
    ("히트펌프 3억 3천만 원 (부가세 포함), 공급가 3억 원", 300_000_000, 0, [], 150_000_000),
    # ... and the parts stated of the net amount are in it: LED counted within its 10 %, staff time taken out
    ("compressor KRW 880M including KRW 80M of VAT. Of the KRW 800M net, LED lighting is 100M and 50M is "
     "our engineers' time", 750_000_000, 100_000_000, [("vat", 80_000_000), ("staff_costs", 50_000_000)],
     (750_000_000 - 100_000_000 + 75_000_000) // 2),
    ("공기압축기 견적 8억 8천(부가세 8천 포함), 부가세 뺀 8억 중에 LED 조명 1억, 저희 직원 인건비 5천만 원",
     750_000_000, 100_000_000, [("vat", 80_000_000), ("staff_costs", 50_000_000)],
     (750_000_000 - 100_000_000 + 75_000_000) // 2),
    ("heat pump quote KRW 330M incl. VAT; KRW 300M net, of which LED lighting is 20M", 300_000_000, 20_000_000,
     [], 150_000_000),
    # without a gross amount before it, "net" restates nothing: a second item's net price is added
    ("heat pump 200M and compressor 100M net", 300_000_000, 0, [], 150_000_000),
    # a net amount that holds nothing: what follows it is added as usual
    ("heat pump quote KRW 330M incl. VAT; KRW 300M net, plus LED lighting 20M", 320_000_000, 20_000_000, [],
     160_000_000),
    # another cost stated net after a gross one is added, not a restatement of it
    ("Heat pump project KRW 550M including VAT of 50M. LED lighting adds 30M net.", 530_000_000, 30_000_000,
     [("vat", 50_000_000)], 265_000_000),
    ("heat pump KRW 440M incl. VAT and a chiller 100M net", 540_000_000, 0, [], 270_000_000),
    ("heat pump KRW 440M incl. VAT; the installation is another 30M ex VAT", 470_000_000, 0, [], 235_000_000),
    # restated net of VAT, what else was taken out of the gross stays out
    ("Heat pump project KRW 440M incl. VAT, including 20M of staff costs; that is 400M net of VAT.",
     380_000_000, 0, [("staff_costs", 20_000_000)], 190_000_000),
    # other equipment after the parts of the net amount is its own cost again
    ("compressor KRW 880M including KRW 80M of VAT. Of the KRW 800M net, LED lighting is 60M, and there is also "
     "a separate heat pump for 100M", 900_000_000, 60_000_000, [("vat", 80_000_000)], 450_000_000),
])
def test_a_gross_quote_stated_again_net_is_the_cost_and_holds_the_parts_stated_of_it(params, text, cost, led,
                                                                                    left_out, support):
    proposed = parse_project(text, params)
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (cost, led)
    assert [(item.key, amount) for item, amount in proposed.left_out] == left_out
    assert estimate_support(1, proposed, params).support_krw == support


@pytest.mark.parametrize(("text", "cost", "led", "left_out"), [
    # "of that, …" / "그중에 …": every amount after it, to the sentence's end, is a part of the cost before it
    ("compressor quote KRW 200M before VAT. of that, 30M is LED lighting and 10M is building work",
     190_000_000, 30_000_000, [("buildings", 10_000_000)]),
    ("컴프레서 견적이 부가세 빼고 2억 원인데, 그중에 LED 조명이 3,000만, 건물 공사비가 1,000만이에요",
     190_000_000, 30_000_000, [("buildings", 10_000_000)]),
    ("heat pump KRW 300M; of that 20M is VAT. another chiller for 100M", 380_000_000, 0, [("vat", 20_000_000)]),
    # a cost stated without its VAT ("부가세 빼고", "excl. VAT") is no amount of VAT
    ("히트펌프 부가세 빼고 1억 8,700만 원", 187_000_000, 0, []),
    ("heat pump, excl. VAT 187M", 187_000_000, 0, []),
    # … but "부가세 별도 1천만 원" states the VAT's own amount, and 이중 (double) is no "of these"
    ("히트펌프 1억, 부가세 별도 1천만 원", 100_000_000, 0, [("vat", 10_000_000)]),
    ("히트펌프 3억 원, 이중 배관 공사 3천만 원", 330_000_000, 0, []),
])
def test_the_parts_stated_of_a_cost_after_it_are_in_it(params, text, cost, led, left_out):
    proposed = parse_project(text, params)
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (cost, led), text
    assert [(item.key, amount) for item, amount in proposed.left_out] == left_out, text


@pytest.mark.parametrize("text", ["연평균 12만5천톤이요", "1,500,000 tonnes a year", "3만 개", "3만 개의 부품", "50 tCO2"])
def test_a_count_of_tonnes_or_pieces_is_no_amount_of_won(text):
    assert parse_money(text) == []


@pytest.mark.parametrize(("text", "won"), [
    # a syllable after the amount that only starts another word leaves it money
    ("견적이 3억대예요", 300_000_000), ("견적 5억 대비 지원금", 500_000_000), ("4억 대상 사업", 400_000_000),
    ("5억 개선 사업", 500_000_000), ("3억 건물 공사", 300_000_000), ("2억 회수", 200_000_000),
    ("1억 2천만 대출", 120_000_000), ("5000만 명목", 50_000_000),
])
def test_an_amount_before_a_word_that_merely_starts_like_a_counter_is_still_money(text, won):
    assert parse_money(text) == [won]


@pytest.mark.parametrize(("text", "cost"), [
    ("히트펌프 교체 8억원이고 여기에 LED 조명 5천만원 추가하면 지원금 얼마예요?", 850_000_000),
    ("heat pump 600 million won. Within this year we will also add LED lighting for 50 million", 650_000_000),
])
def test_an_amount_said_to_be_added_is_not_a_part(params, text, cost):
    assert parse_project(text, params).eligible_cost_krw == cost


def test_the_cost_at_which_support_reaches_the_cap(params):
    from bot.calculators.project import cap_reached

    cap_reached_at = lambda tier, params: cap_reached(tier, params)["reached_at_krw"]  # noqa: E731

    assert cap_reached_at(1, params) == 1_000_000_000  # 50% of it is exactly the KRW 500M cap
    assert cap_reached_at(2, params) == 214_285_715  # 70% of 214,285,714 is 149,999,999.8: rounded down, short
    for tier in (1, 2):
        ratio, cap = params.support(tier)
        cost = cap_reached_at(tier, params)
        heat_pumps = params.category("heat_pumps")
        of = lambda krw: ProposedProject(text="", category=heat_pumps, mentioned=(heat_pumps,), exclusions=(),  # noqa: E731
                                         eligible_cost_krw=krw)
        reached, short = estimate_support(tier, of(cost), params), estimate_support(tier, of(cost - 1), params)
        assert reached.support_krw == cap.value and short.support_krw == cap.value - 1


def test_the_net_cost_restated_holds_the_parts_named_after_it(params):
    """"the 190M net includes 28M of LED … and a 10M maintenance package": both are parts of the 190M; the
    maintenance (§5.2) comes out of it, and LED counts up to 10% of what is left (§5.1)."""
    proposed = parse_project("tier 2. heat pump quote is KRW 209,000,000 incl. 19,000,000 VAT. the 190M net includes "
                             "28M of LED lighting for the boiler room and a 10M 2-year maintenance package.", params)
    assert (proposed.eligible_cost_krw, proposed.led_cost_krw) == (180_000_000, 28_000_000)
    assert [(item.key, krw) for item, krw in proposed.left_out] == [("vat", 19_000_000), ("maintenance", 10_000_000)]
    assert estimate_support(2, proposed, params).support_krw == 119_000_000


@pytest.mark.parametrize(("text", "item"), [
    # an amount used as a modifier of the noun after it belongs to that noun, not to the equipment named before it
    ("a 300M heat pump for the boiler room and a 20M 2-year maintenance contract", "maintenance"),
    ("a 300M heat pump and an 8M used compressor", "used_equipment"),
])
def test_an_amount_before_its_noun_belongs_to_it(params, text, item):
    proposed = parse_project(text, params)
    assert [(i.key, krw) for i, krw in proposed.left_out][-1][0] == item
    assert proposed.eligible_cost_krw == 300_000_000


@pytest.mark.parametrize(("text", "cost"), [
    # a quote is no item: an amount before "quote excluding VAT" or "quote from our installer" is the whole cost
    ("We're a tier-2 partner replacing our boiler with a heat pump and we have a 200M quote excluding VAT.",
     200_000_000),
    ("heat pump: we got a 150M quote from our engineers' usual installer", 150_000_000),
    # the net stated after a cost with VAT in it: the VAT is out once, not again when its amount follows
    ("tier 2: heat pump quote KRW 110M incl. VAT, which is 100M net. VAT 10M.", 100_000_000),
    ("히트펌프 부가세 포함 1억 1천만 원, 부가세 뺀 금액 1억, 부가세 1천만 원", 100_000_000),
    # another item's VAT is not taken out of this cost
    ("히트펌프 부가세 포함 3억 3천만 원이고, 냉동기는 1억에 부가세 1천만 원이에요", 430_000_000),
    # what "the net includes" ends at a semicolon: land stated after it is stated apart, not taken out
    ("heat pump KRW 220M incl. VAT. the 200M net includes 20M of LED; the land for the plant room costs 50M",
     200_000_000),
])
def test_new_readings_of_parts_keep_a_cost_whole_where_nothing_is_part_of_it(params, text, cost):
    assert parse_project(text, params).eligible_cost_krw == cost


@pytest.mark.parametrize("text", [
    "heat pump, eligible cost about KRW 900M. so we'd get 450M?",
    "heat pump, eligible cost about KRW 900M; support of 450M, right?",
    "히트펌프 지원대상 비용이 9억인데 4억 5천 받나요?",
])
def test_the_support_an_asker_expects_is_not_a_cost(text, params):
    assert parse_project(text, params).eligible_cost_krw == 900_000_000


@pytest.mark.parametrize(("text", "cost"), [
    ("히트펌프 설비 8억 지원받을 수 있나요? 1차사예요", 800_000_000),  # the cost to be supported
    ("1차 협력사입니다. 히트펌프 설비비 8억 지원되나요?", 800_000_000),
    ("2차사예요. 히트펌프 견적 8억 받았어요. 지원금은 얼마예요?", 800_000_000),  # a quote received
    ("tier 1: we received 600M quote for a heat pump, how much support?", 600_000_000),
    ("we got 600M in quotes for a heat pump", 600_000_000),
    ("so we'd get 450M?", 450_000_000),  # the only amount stays the cost
])
def test_a_stated_cost_is_never_taken_for_expected_support(text, cost, params):
    assert parse_project(text, params).eligible_cost_krw == cost


def test_korean_figures_are_read_in_linear_time():
    import time

    from bot.lang.won_ko import korean_amounts

    timings = []
    for n in (2000, 8000):
        started = time.perf_counter()
        korean_amounts("1천 " * n)
        timings.append(time.perf_counter() - started)
    assert timings[1] < 0.5 and timings[1] < 20 * max(timings[0], 1e-3)
