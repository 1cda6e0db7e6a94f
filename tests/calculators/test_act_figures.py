"""The figures worked out from quoted Act articles (bot.compose.act), checked against the articles' own words."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from bot.compose.act import price_per_tonne, surcharge

DELETED_FROM = date(2026, 4, 29)  # Art. 33: the cap's deletion applies to failures after about this day


@given(tonnes=st.integers(1, 10**6), price=st.integers(1, 400_000), offset=st.integers(-2000, 2000))
def test_the_surcharge_is_three_times_the_price_capped_only_for_a_failure_before_the_deletion(tonnes, price, offset):
    """Art. 33, read as its words say: "up to 3 times the average market price … for each missing tonne"; "the
    former cap of KRW 100,000 per tonne" applies to failures before the deletion took effect, not after."""
    failed = DELETED_FROM + timedelta(days=offset)
    worked = surcharge(tonnes, price, failed, 3, 100_000, DELETED_FROM)
    per_tonne = worked["per_tonne_krw"]
    assert worked["total_krw"] == per_tonne * tonnes  # for each missing tonne
    assert per_tonne <= 3 * price  # never more than 3 times the price
    if offset > 0:  # after the deletion took effect: no cap, the full multiple
        assert per_tonne == 3 * price and not worked["capped"]
    else:  # before it: the cap binds exactly when the multiple is above it
        assert per_tonne <= 100_000
        assert (per_tonne == 100_000 and worked["capped"]) or (per_tonne == 3 * price and not worked["capped"])


def test_a_price_per_tonne_is_read_only_where_it_is_per_tonne():
    assert price_per_tonne("the average price was 40,000 won/t") == 40_000
    assert price_per_tonne("KRW 50,000 per tonne") == 50_000
    assert price_per_tonne("평균 시장가격이 톤당 4만 원이면") == 40_000
    assert price_per_tonne("30,000원/톤") == 30_000
    assert price_per_tonne("we owe KRW 40,000,000 and emitted 1,000 t") is None
    assert price_per_tonne("톤당 얼마예요?") is None
