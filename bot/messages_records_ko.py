"""The sentences of answers about a firm's own records and of what-if answers, in Korean.

The same keys and placeholders as :mod:`bot.messages_records` (a test checks it), written as a program
officer of the foundation writes to a partner: formal polite style, the terms of the Korean rules
(할부금, 거치기간, 상환유예, 독촉, 채무불이행, 참여 제한, 완료확인일, 지원대상 비용, 인정기간, 반환금, 유휴).
Amounts are digits with 원 and dates 2026년 12월 20일 (the format specs do it), so every figure is the one in
the records. A firm is named by its id followed by 협력사 ("P-T1-040 협력사는"), so no particle hangs on an id.
"""

from __future__ import annotations

TERMS: dict[str, dict[str, str]] = {
    "size": {"sme": "중소기업", "mid": "중견기업", "large": "대기업"},
    "yesno": {"yes": "예", "no": "아니요", "unknown": "기록 없음"},
    "signed": {"yes": "서명", "no": "미서명", "unknown": "기록 없음"},
    "contract": {"active": "유효", "expired": "만료", "none": "없음", "terminated": "해지"},
    "state": {"no_support": "지원금 없음", "grace": "거치기간", "on_schedule": "정상 상환", "early_repaid": "조기상환",
              "deferred": "상환유예", "accelerated": "즉시 상환 도래", "notice": "독촉", "default": "채무불이행",
              "fully_repaid": "상환 완료", "not_applicable": "해당 없음", "refund_due": "반환금 납부 대상",
              "refunded": "반환 완료"},
    "installment": {"paid": "납부 완료", "prepaid": "조기상환 완료", "due": "납부기한 당일", "overdue": "연체",
                    "upcoming": "납부 예정"},
    "equipment": {"in_use": "사용 중", "sold": "매각", "removed": "철거", "idle": "유휴"},
    "equipment_event": {"sold": "매각된", "removed": "철거된", "idle": "유휴 상태가 된", "in_use": "사용 중인"},
    "category": {"motors_inverters": "고효율 모터 및 인버터 구동장치", "heat_pumps": "히트펌프",
                 "furnace_electrification": "열처리로 또는 도장 건조로의 전기화",
                 "compressed_air": "압축공기 시스템 개선", "waste_heat_recovery": "폐열 회수",
                 "hvac_chillers": "고효율 공조(HVAC) 설비 및 냉동기", "led_lighting": "LED 조명"},
    "holder": {"Hyundai Motor/Kia": "현대자동차·기아"},
    "reason": {"false statement in application (§11.2)": "신청 시 허위 진술(§11.2)"},
    "memo": {"early repayment (§7.3)": "조기상환(§7.3)", "balance due at once (§11.1)": "잔액 즉시 상환(§11.1)",
             "pro-rata refund (§11.1)": "기간 비례 반환금(§11.1)", "deferred": "상환유예"},
}

# -- the date every record answer holds on, and the record citation ----------------------------------
AS_OF_LINE = "이 수치는 {as_of:date} 기준입니다."
# The locator keeps its English head, so a required "Partner record P-T1-040" citation matches in both languages.
RECORD_LOCATOR = "Partner record {pid} · 협력사 기록, {as_of:date} 기준"
RECORD_LOCATOR_LEDGER = "Partner record {pid} · 상환 원장, {as_of:date} 기준"
RECORD_TITLE = "협력사 기록: {name}"
LIST_SEP = "; "
LIST = "{items}"  # a list of values, joined by LIST_SEP

# -- eligibility -----------------------------------------------------------------------------------
ELIG_YES = "예, {firm} 협력사는 {as_of:date} 기준으로 {section}에서 정한 {tier}차 협력사 지원 자격 요건을 모두 충족합니다."
ELIG_NO = "아니요, {as_of:date} 기준으로 {firm} 협력사는 다음 요건을 충족하지 못합니다: {failed}."
ELIG_THEN_YES = "{on:date}까지 추가 납부나 변동이 없다면, 그날에도 {firm} 협력사는 모든 요건을 충족합니다."
ELIG_THEN_MEETS = "{on:date}까지 추가 납부나 변동이 없다면, 그날 {firm} 협력사는 모든 요건을 충족합니다."
ELIG_THEN_NO = "{on:date}까지 추가 납부나 변동이 없다면, 그날 {firm} 협력사는 {failed} 요건을 충족하지 못합니다."
ELIG_REVIEW = ("아직 판단할 수 없습니다. {as_of:date} 기준 협력사 기록으로는 {unknown} 요건을 확인할 수 없어, "
               "{firm} 협력사는 사업 전담창구의 검토가 필요합니다.")
CRIT_FAILED = "{clause} {label}({value})"
CRIT_UNKNOWN = "{clause} {label}"
CRIT_MET = "{clause} {label}: 충족({value})."

CRIT_CONTRACT = "현대자동차·기아와 유효한 공급계약 체결"
CRIT_NO_DIRECT_CONTRACT = "현대자동차·기아와 직접 공급계약 없음"
CRIT_CONTRACT_VALUE = "공급계약: {contract:term.contract}"
CRIT_AGREEMENT = "상생협약 서명 기업"
CRIT_AGREEMENT_VALUE = "상생협약 서명: {signed:term.yesno}"
CRIT_SIZE_T1 = "중소기업 또는 중견기업(대기업 및 대기업집단 계열회사 제외)"
CRIT_SIZE_T2 = "중소기업(대기업집단 계열회사 제외)"
CRIT_SIZE_VALUE = "기업 규모: {size:term.size}, 대기업집단 계열회사: {affiliate:term.yesno}"
CRIT_FACILITY = "사업 시설이 배출권거래법상 할당대상업체 밖에 있을 것"
CRIT_FACILITY_VALUE = "할당대상업체 안에 있음: {inside:term.yesno}"
CRIT_OVERDUE = "연체일수가 {days}일을 초과한 할부금이 없을 것"
CRIT_OVERDUE_NONE = "상환할 지원금 없음"
CRIT_OVERDUE_DAYS = "연체일수: {days}일(상환 상태: {state:term.state})"
CRIT_OVERDUE_UNPAID = ("연체일수 {days}일: 납부기한이 {due:date}인 할부금이 전액 납부되지 않음"
                       "(상환 상태: {state:term.state})")
CRIT_EXCLUSION = "§11에 따른 참여 제한을 받고 있지 않을 것"
CRIT_EXCLUDED_UNTIL = "{until:date}까지 참여 제한, {again:date}부터 다시 신청 가능"
CRIT_EXCLUDED_UNTIL_REASON = "{until:date}까지 참여 제한({reason:term.reason}), {again:date}부터 다시 신청 가능"
CRIT_EXCLUDED_DEFAULT = "{since:date}부터 채무불이행으로 참여 제한, {outstanding:krw} 전액 상환 시까지(§7.4)"
CRIT_NOT_EXCLUDED = "참여 제한 없음"
CRIT_REDUCTION = "연간 예상 감축량 {minimum} tCO2eq 이상"
CRIT_NO_PROJECT = "기록된 사업 없음"
CRIT_REDUCTION_VALUE = "연간 예상 감축량: {expected:,.1f} tCO2eq({project})"
CRIT_PARENT = "참여 1차 협력사에 납품"
CRIT_PARENT_UNKNOWN = "납품처 1차 협력사: 기록 없음"
CRIT_PARENT_UNAVAILABLE = "납품처 1차 협력사: {parent}(기록 확인 불가)"
CRIT_PARENT_OK = "기록상 납품처가 상생협약에 서명한 참여 1차 협력사임"
CRIT_PARENT_NOT_OK = "기록상 납품처가 참여 1차 협력사(상생협약에 서명한 1차 협력사)가 아님"
CRIT_ONE_PER_ROUND = "공모 회차당 1개 사업 이내"
CRIT_ONE_PER_ROUND_VALUE = "제{round}회 공모 회차의 지원 사업 수: {count}개"
CRIT_NO_PROJECTS = "사업: 없음"

# -- support estimates -----------------------------------------------------------------------------
# 기록된 사업 지원금의 산정 내역 (§5.1 LED 인정 한도, §6.1/§6.2 지원 비율과 한도)
ROUND_CAP_LEFT = ("{firm} 협력사는 {round}회차에 {received:krw}을 지원받았습니다. 한도는 공모 회차별로 기업당 {cap:krw}이므로 "
                  "{round}회차에 더 받을 수 있는 금액은 최대 {left:krw}이며, 추가 사업은 그 금액과 그 사업 지원대상 비용의 "
                  "지원 비율만큼 중 적은 금액을 받습니다.")
ROUND_ONE_PROJECT = "2차 협력사는 공모 회차마다 한 개 사업만 지원받으므로 {round}회차에는 더 지원받을 수 없습니다."
LATE_NONE = "지금까지 납부하신 할부금 {count}건은 모두 납부기한까지 전액 납부되었습니다."
LATE_WORST = ("지금까지 납부하신 할부금 {count}건 중 {late}건이 납부기한 후에 전액 납부되었습니다. 가장 늦은 것은 {project} 사업 "
              "제{k}회 할부금으로, 납부기한 {due:date}에 대해 {paid:date}에 전액 납부되어 {days}일 늦었습니다. KAP가 서면 "
              "통지를 보내는 {notice}일에 이른 적은 없습니다.")
LATE_WORST_NOTICE = ("지금까지 납부하신 할부금 {count}건 중 {late}건이 납부기한 후에 전액 납부되었습니다. 가장 늦은 것은 {project} "
                     "사업 제{k}회 할부금으로, 납부기한 {due:date}에 대해 {paid:date}에 전액 납부되어 {days}일 늦었으며, "
                     "KAP가 서면 통지를 보내는 {notice}일을 넘었습니다.")
OBLIGATION_PERIOD = ("{project} 사업의 §11.1 {years}년 기간은 완료확인일인 {start:date}부터 5주년 전날인 {end:date}까지입니다.")
REPAY_YEAR_LEFT_ONE = "{span} 납부기한이 도래하는 할부금 중 남은 금액: {items}."
REPAY_YEAR_LEFT_NONE = "{span} 납부기한이 도래하는 할부금 중 남은 금액은 없습니다."
REPAY_YEAR_LEFT = "{span} 납부기한이 도래하는 할부금 중 남은 금액: {items}, 모두 {total:krw}."
LATE_WORST_PAID = ("지금까지 납부하신 할부금 {count}건 중 {late}건이 납부기한 후에 전액 납부되었습니다. 가장 늦은 것은 {project} "
                   "사업 제{k}회 할부금으로, 납부기한 {due:date}에 대해 {paid:date}에 전액 납부되어 {days}일 늦었습니다.")
REC_PENDING_SUPPORT = ("{project} 사업({round}회차)은 아직 완료확인 전입니다. 기록상 지원대상 비용 {cost:krw} 기준으로 지원금은 "
                       "그 {ratio}%인 {support:krw}{cap_note}이며, KAP가 설치를 확인하면 한 번에 지급됩니다.")
REC_PENDING_CAPPED = "(한도 {cap:krw} 적용)"
REC_PENDING_REPAY = ("상환은 {grace}개월의 거치기간 후에 시작되어, 완료확인일부터 {months}개월 후에 첫 번째 할부금의 납부기한이 "
                     "돌아옵니다.")
REC_SUPPORT = "{project} 사업의 지원금 {support:krw}은 지원대상 비용 {cost:krw}의 {ratio}%입니다."
REC_SUPPORT_LED = ("{project} 사업의 지원금 {support:krw}은 {countable:krw}의 {ratio}%입니다. 지원대상 비용 {cost:krw}에는 "
                   "LED 조명 {led:krw}이 포함되어 있는데, LED 조명은 지원대상 비용의 {share}인 {led_countable:krw}까지만 "
                   "인정되므로 {excess:krw}은 제외되었습니다.")
REC_SUPPORT_CAP = ("{project} 사업의 지원금 {support:krw}은 공모 회차별 기업당 한도액입니다. 인정되는 비용 {countable:krw}의 "
                   "{ratio}%는 {raw:krw}입니다.")
EST_WHO_TIER = "{tier}차 협력사"
EST_WHO_FIRM = "귀사"
EST_CAP_NOTE = ", 한도 {cap:krw} 적용"
EST_EXCLUDED = "그 사업은 지원받을 수 없습니다. 지원 대상 설비가 아닌 항목({names})에 해당합니다."
EST_LED_ALONE = ("LED 조명은 단독 사업으로는 지원받을 수 없고, 다른 분야의 더 큰 사업에 포함된 경우에만 그 사업 지원대상 비용의 "
                 "{share} 이내에서 인정됩니다.")
EST_NO_CATEGORY = ("말씀하신 설비가 어느 지원 대상 분야에 해당하는지 확인하지 못해 지원금을 추정할 수 없습니다. "
                   "지원 대상 분야는 다음과 같습니다.")
EST_ANY_CATEGORY = ("설비가 지원 대상 분야에 해당한다면 지원대상 비용 {cost:krw}에 대한 {who} 지원금은 "
                    "{support:krw}입니다(지원대상 비용의 {ratio}%{cap}).")
EST_NEEDS_COST = ("{category} 분야는 지원 대상입니다. 지원대상 비용을 알려 주시면 지원금을 계산해 드립니다"
                  "({who}: 지원대상 비용의 {ratio}%).")
EST_SUPPORT = ("{category:lower} 분야의 지원대상 비용이 {cost:krw}이면 {who} 지원금은 {support:krw}입니다"
               "(지원대상 비용의 {ratio}%{cap}).")
EST_LED = ("LED 조명은 지원대상 비용의 10%까지만 인정되므로, LED 비용 {led:krw} 중 {countable:krw}만 "
           "지원대상 비용에 반영합니다.")
EST_LEFT_OUT = "{items} 비용 {amount:krw}은 지원대상 비용에서 제외합니다."
EST_COST_RULE = "지원대상 비용은 설비의 구매비와 설치비이며, 부가가치세(VAT), 토지비, 건물비 및 인건비는 제외합니다."
EST_TIER1_REPAID = "1차 협력사 지원금은 거치기간이 지난 후 이자 없이 전액 상환합니다."
EST_INSTALLMENTS = "이 지원금은 분기마다 {each:krw}씩 {count}회에 걸쳐 상환합니다."
EST_INSTALLMENTS_LAST = "이 지원금은 분기마다 {each:krw}씩 {count}회에 걸쳐 상환하며, 단수는 마지막 회차에 더해 {last:krw}입니다."

# -- repayment (tier-1) ----------------------------------------------------------------------------
REPAY_NO_SUPPORT = ("{as_of:date} 기준으로 {firm} 협력사에는 완료확인일이 확정된 지원 사업이 없어 아직 상환 일정이 "
                    "없으며, 납부하실 금액도 없습니다. 완료확인일이 확정되면 {grace}개월의 거치기간을 거쳐 완료확인일부터 "
                    "{months}개월 후에 첫 번째 할부금의 납부기한이 돌아옵니다.")
REPAY_FULLY_REPAID = ("{firm} 협력사는 지원금 {support:krw}을 전액 상환하셨습니다. {as_of:date} 기준 미상환 잔액은 "
                      "{outstanding:krw}입니다.")
REPAY_DEFAULT = ("{firm} 협력사는 {since:date}부터 채무불이행 상태입니다. {as_of:date} 기준으로 가장 오래된 미납 "
                 "할부금(납부기한 {due:date})의 연체일수는 {days}일이며, 미상환 잔액 {outstanding:krw} 전액의 "
                 "납부기한이 즉시 도래하였습니다.")
REPAY_DEFAULT_EXCLUDED = "채무불이행 상태에서는 잔액을 전액 상환하실 때까지 이 사업의 참여 제한도 받습니다."
REPAY_NOTICE = ("{as_of:date} 기준으로 지금 납부하셔야 할 금액은 {due_now:krw}입니다. 가장 오래된 미납 할부금 "
                "{amount:krw}(납부기한 {due:date})의 연체일수가 {days}일이므로 서면 독촉 대상입니다.")
REPAY_NOTICE_THEN = ("이 할부금이 납부기한 후 90일째인 {on:date}까지 납부되지 않으면 그날 잔액 전액의 납부기한이 "
                     "도래하고 참여 제한을 받습니다.")
REPAY_ACCELERATED = ("{as_of:date} 기준으로 지금 납부하셔야 할 금액은 {due_now:krw}입니다. 지원 설비를 더 이상 "
                     "사용하지 않아 그 사업의 미납 할부금의 납부기한이 즉시 도래하였기 때문입니다.")
REPAY_GRACE = ("아직 납부하실 금액은 없습니다. {firm} 협력사는 {grace_ends:date}까지 거치기간이며, 첫 번째 할부금 "
               "{amount:krw}의 납부기한은 완료확인일부터 {months}개월 후인 {due:date}입니다.")
REPAY_DUE_NOW = ("지금 납부하셔야 할 금액은 {due_now:krw}입니다. 납부기한이 {due:date}인 할부금 중 {amount:krw}이 "
                 "미납 상태입니다(연체일수 {days}일).")
REPAY_NEXT = "다음 할부금 {amount:krw}의 납부기한은 {due:date}입니다."
REPAY_WINDOW = "{span} 납부하실 금액은 {items}이며, 모두 {total:krw}입니다."
REPAY_WINDOW_ONE = "{span} 납부하실 금액은 {items}입니다."
REPAY_WINDOW_NONE = "{span} 납부기한이 돌아오는 금액은 없습니다."
REPAY_WINDOW_LEFT = "{end:date}까지 납부기한이 돌아오는 금액을 모두 납부하시면 남은 상환액은 {left:krw}입니다."
REPAY_WINDOW_UNTIL = "{end:date}까지"
REPAY_WINDOW_SPAN = "{start:date}부터 {end:date}까지"
REPAY_WINDOW_ITEM = "{due:date} {amount:krw}"
REPAY_OUTSTANDING = ("{as_of:date} 기준으로 {firm} 협력사의 미상환 잔액은 지원받은 금액 {support:krw} 중 "
                     "{outstanding:krw}입니다.")
REPAY_REPAID = "지금까지 상환하신 금액은 {repaid:krw}입니다."
REPAY_PROJECTS = "{count}개 사업({projects})의 지원금은 사업별 상환 일정에 따라 함께 상환합니다."
REPAY_PREPAID = ("조기상환하신 {prepaid:krw}은 마지막 할부금부터 충당되어, 상환 일정은 {last:date}에 끝납니다.")
REPAY_DEFERRED = ("{on:date}에 승인된 {months}개월의 상환유예에 따라 미납 할부금의 납부기한이 늦춰졌습니다. 상환유예는 "
                  "기업당 1회만 받을 수 있습니다.")
REPAY_LAST = "{of}마지막 할부금은 제{k}회로 납부기한은 {due:date}이며, 남은 금액은 {amount:krw}입니다."
REPAY_LAST_OF = "{project} 사업의 "
REPAY_AFTER_NEXT = "납부기한이 {told:date}인 할부금 다음에는 {due:date}에 {amount:krw}을 납부하셔야 합니다."
REPAY_LEFT_AFTER = "납부기한이 {told:date}인 할부금을 납부하시면 미상환 잔액은 {left:krw}이 됩니다."
REPAY_CLAWBACK = ("{project} 사업: {reason}. 이에 따라 그 사업의 미납 할부금 {amount:krw}은 {on:date}에 즉시 납부기한이 "
                  "도래하였습니다.")
REPAY_CLAWBACK_SETTLED = ("{project} 사업: {reason}. 이에 따라 그 사업의 미납 할부금 {amount:krw}은 {on:date}에 즉시 납부기한이 "
                          "도래하였고, {paid:date}까지 모두 납부되었습니다.")
SCHEDULE = "상환 일정: {rows}."
SCHEDULE_ROW = "제{k}회 {amount:krw}, 납부기한 {due:date}({status:term.installment})"
# 상환 일정 표(Slack markdown 블록): 제목, 열 머리글, 회차별 한 줄.
SCHEDULE_TITLE = "상환 일정"
SCHEDULE_HEAD = "| 회차 | 금액 | 납부기한 | 상태 |"
SCHEDULE_ALIGN = "|---:|---:|---|---|"
SCHEDULE_TABLE_ROW = "| 제{k}회 | {amount:krw} | {due:date} | {status:term.installment} |"

DISPOSAL_NOT_COMPLETED = "사업이 완료되지 않음"
DISPOSAL_IN_USE = "설비 사용 중"
DISPOSAL_IDLE_SINCE = "{since:date}부터 유휴 상태"
DISPOSAL_GONE_ON = "{since:date}에 {status:term.equipment}"
DISPOSAL_NOT_YET = "{what}, 아직 {months}개월을 넘지 않음"
DISPOSAL_BEFORE = "{what}, {years}년의 기간 전"
DISPOSAL_AFTER = "{what}, {years}년의 기간 후"
DISPOSAL_TRIGGERED = "설비 {what}(완료확인일 {completed:date})"

# -- tier-2 grants and refunds ---------------------------------------------------------------------
T2_REFUND_DUE = ("{as_of:date} 기준으로 {firm} 협력사는 반환금 {outstanding:krw}을 납부하셔야 하며, 이 반환금은 "
                 "{since:date}부터 즉시 납부기한이 도래한 상태입니다.")
T2_REFUND_WHY = ("{project} 사업: {reason}. 무상 지원금은 완료확인일부터 5년 중 남은 만 {months}개월에 비례하여 "
                 "반환합니다.")
T2_REFUNDED = "{as_of:date} 기준으로 납부하실 금액은 없습니다. 기간 비례 반환금 {repaid:krw}이 납부되었습니다."
T2_NO_SUPPORT = ("{as_of:date} 기준으로 {firm} 협력사에는 완료확인일이 확정된 지원 사업이 없어 납부하실 금액이 "
                 "없습니다.")
T2_GRANT = ("{as_of:date} 기준으로 납부하실 금액은 없습니다. {firm} 협력사는 2차 협력사이며, 무상 지원금 "
            "{support:krw}은 상환하지 않습니다.")
T2_REFUND_RULE = ("다만 설비를 너무 일찍 매각 또는 철거하거나 유휴 상태로 두면 무상 지원금을 기간에 비례하여 "
                  "반환하여야 합니다.")

# -- offsets ---------------------------------------------------------------------------------------
OFF_NO_PROJECT = "{firm} 협력사는 아직 이 사업에서 완료된 사업이 없어 {as_of:date} 기준으로 보고할 감축량이 없습니다."
OFF_PENDING = ("{as_of:date} 기준으로 {firm} 협력사의 {projects} 사업 감축량 중 아직 검증된 것은 없습니다. 이 사업의 "
               "연간 예상 감축량은 {expected:t} tCO2eq입니다.")
OFF_WHICH_ONE = "{projects} 사업"
OFF_WHICH_MANY = "{projects} 사업"
OFF_VERIFIED = ("{as_of:date} 기준으로 {firm} 협력사의 {which} 감축량 중 검증된 감축량은 {verified:t1} tCO2eq, KOC로 "
                "인증된 감축량은 {certified:t1} tCO2eq, KCU로 전환된 양은 {converted:t1} tCO2eq입니다.")
OFF_CREDITS = ("인증받은 감축량은 현대자동차·기아가 상쇄배출권으로 전환하여 법정 한도 내에서 자사의 배출권 제출에 "
               "사용합니다.")
OFF_LIMIT = "배출권거래법상 상쇄배출권은 할당대상업체 제출 의무의 {percent}%까지만 사용할 수 있습니다."
OFF_RIGHTS = ("이 감축량에 대한 권리는 인정기간 동안 {holder:term.holder}에 있으며, {firm} 협력사는 이를 다른 곳에 "
              "판매하거나 다른 곳에서 주장할 수 없습니다.")
OFF_CREDITING = ("{project} 사업의 인정기간은 등록일인 {registered:date}부터 {ends:date}까지이며, 남은 연수(만 연수)는 "
                 "{years}년입니다.")
OFF_LAST_REPORT = ("{project} 사업의 모니터링 보고서는 {first}년분부터 인정기간이 끝나는 {year}년분까지 해마다 제출하며(모두 "
                   "{count}건), 마지막 {year}년분 보고서의 제출기한은 {due:date}입니다.")
OFF_NEXT_REPORT = "다음 모니터링 보고서({year}년분)의 제출기한은 {due:date}입니다."
OFF_NEXT_REPORT_PROJECT = "다음 모니터링 보고서({project} 사업, {year}년분)의 제출기한은 {due:date}입니다."
OFF_UNCONVERTED = ("{as_of:date} 기준으로 KOC로 인증되었으나 아직 KCU로 전환되지 않은 감축량은 {koc:t1} tCO2eq"
                   "입니다.")
OFF_CONVERT_BY = "배출권거래법 제30조에 따라 KOC는 인증일부터 {years}년 이내에 KCU로 전환해야 합니다. {listed}"
OFF_CONVERT_ITEM = ("{year}년분 미전환 {koc:t1} tCO2eq는 {certified:date}부터 인증된 것으로 보므로 {by:date}까지 전환해야 "
                    "합니다.")
OFF_LATE_REPORTS = "제출기한(3월 31일)이 지난 뒤 제출된 모니터링 보고서는 다음과 같습니다: {listed}."
OFF_LATE_REPORT = "{year}년분({project}) {submitted:date} 제출"
OFF_REPORTS_ON_TIME = ("지금까지 제출기한이 돌아온 모니터링 보고서는 모두 기한 내에 제출되었습니다. 가장 최근의 {year}년분은 "
                       "{submitted:date}에 제출되었습니다(제출기한 {due:date}).")
OFF_MISSING_REPORTS = "{project} 사업의 {years}년분 모니터링 보고서는 기록에 없습니다(첫 제출기한 {due:date})."
OFF_CLAWBACK = ("{project} 사업의 설비는 설치 후 5년 이내인 {since:date}에 {status:term.equipment_event} 것으로 "
                "기록되어 있으므로, {consequence}.")
OFF_CLAWBACK_T1 = "그 사업의 미납 할부금은 즉시 납부기한이 도래하였습니다(미납액 {amount:krw})"
OFF_CLAWBACK_T2 = "무상 지원금 중 {amount:krw}을 기간에 비례하여 반환하여야 합니다"
YEAR_FOR_PROJECT = "{project} 사업의 "
YEAR_NO_REPORT_MISSING = ("{as_of:date} 기준으로 {which}{year}년분 모니터링 보고서는 기록에 없습니다. 제출기한이 "
                          "{due:date}이었으므로 미제출 상태입니다.")
YEAR_NO_REPORT_YET = ("{as_of:date} 기준으로 {which}{year}년분 모니터링 보고서는 기록에 없습니다. 제출기한은 "
                      "{due:date}입니다.")
YEAR_REPORT = ("{which}{year}년분 모니터링 보고서는 {submitted:date}에 제출되었습니다({timing}, 제출기한 {due:date}). "
               "{figures}.")
YEAR_ON_TIME = "기한 내 제출"
YEAR_LATE = "기한 후 제출"
YEAR_FIGURES = ("검증된 감축량은 {verified:t1} tCO2eq, KOC로 인증된 감축량은 {certified:t1} tCO2eq, KCU로 전환된 양은 "
                "{converted:t1} tCO2eq입니다")
YEAR_NOT_VERIFIED = "감축량은 아직 검증되지 않았습니다"

# -- what-if scenarios -----------------------------------------------------------------------------
WHATIF_DEFER_REFUSED = "이 경우 {months}개월의 상환유예는 받을 수 없습니다. {reason}."
WHATIF_DEFER = ("오늘 사업운영위원회가 {months}개월의 상환유예를 승인한다면 {moved}마지막 할부금의 납부기한은 "
                "{last:date}로 늦춰집니다. 상환유예는 기업당 1회만 받을 수 있습니다.")
WHATIF_DEFER_MOVES = "다음 미납 할부금의 납부기한은 {before:date}에서 {after:date}로, "
DEFER_NOTHING = "유예할 상환금이 없습니다"
DEFER_REPAID = "지원금을 이미 전액 상환하셨습니다"
DEFER_DEFAULT = "채무불이행 상태여서 잔액 전액의 납부기한이 이미 도래하였습니다(§7.4)"
DEFER_USED = "이미 상환유예를 받으셨습니다({clause}: 기업당 1회)"
DEFER_TOO_LONG = "상환유예는 최대 {limit}개월까지 받을 수 있습니다({clause}). 요청하신 기간은 {months}개월입니다"
WHATIF_PAY_ASK = "납부하실 금액을 알려 주시면 어느 할부금에 충당되는지 계산해 드립니다."
WHATIF_PAY = ("{on:date}에 {amount:krw}을 납부하시면 이미 납부기한이 도래한 {settles:krw}에 먼저 충당되고, "
              "{prepays:krw}은 조기상환으로 마지막 할부금부터 충당되어 미상환 잔액은 {left:krw}이 됩니다. {end}.")
WHATIF_PAY_DUE_ONLY = ("{on:date}에 {amount:krw}을 납부하시면 그때까지 납부기한이 도래한 {settles:krw}에 충당되어 미상환 잔액은 "
                       "{left:krw}이 됩니다. {end}.")
WHATIF_PAY_EARLY_ONLY = ("{on:date}에는 납부기한이 도래한 금액이 없으므로, {amount:krw}을 납부하시면 {prepays:krw}이 조기상환으로 "
                         "마지막 할부금부터 충당되어 미상환 잔액은 {left:krw}이 됩니다. {end}.")
WHATIF_PAY_ENDS = "이 경우 상환 일정은 {last:date}에 마지막으로 {last_amount:krw}을 납부하시면 끝납니다"
WHATIF_PAY_REPAID = "이 경우 지원금은 전액 상환됩니다"
WHATIF_PAY_DUE_ALL = ("{on:date}에 {amount:krw}을 납부하시면 이미 전액 납부기한이 도래한 잔액에 충당되어 미상환 잔액은 "
                      "{left:krw}이 됩니다.")
WHATIF_PAY_STILL_DEFAULT = ("채무불이행은 잔액 전부를 상환하실 때까지 유지되므로 {firm} 협력사는 여전히 채무불이행 상태이며, "
                            "{left:krw}이 남습니다.")
WHATIF_PAY_STILL_DUE = "이 금액으로는 납부기한이 도래한 금액을 모두 충당하지 못해, 납부기한이 {due:date}인 할부금 중 {amount:krw}이 여전히 미납으로 남습니다."
WHATIF_PAY_CURED = "연체된 할부금은 더 이상 없게 됩니다. "
WHATIF_PAY_NEXT = "{cured}그다음 할부금 {amount:krw}의 납부기한은 {due:date}입니다."
WHATIF_PAYOFF_NONE = "{on:date} 기준으로 남은 상환액은 없습니다."
WHATIF_PAYOFF_AFTER_ONE = ("{due:date}에 돌아오는 할부금 {paid:krw}을 일정대로 납부하시면 {on:date}에 남는 상환액은 "
                           "{amount:krw}이며, 그날 이 금액을 납부하시면 전액 상환됩니다. 조기상환에는 위약금도 이자도 없습니다.")
WHATIF_PAYOFF_AFTER_SCHEDULE = ("{on:date} 전에 돌아오는 할부금 {count}회(모두 {paid:krw})를 일정대로 납부하시면 {on:date}에 "
                                "남는 상환액은 {amount:krw}이며, 그날 이 금액을 납부하시면 전액 상환됩니다. 조기상환에는 위약금도 "
                                "이자도 없습니다.")
WHATIF_PAYOFF = "{on:date}에 {amount:krw}을 납부하시면 전액 상환됩니다. 조기상환에는 위약금도 이자도 없습니다."
WHATIF_MISSED_NONE = "납부 예정인 할부금이 없습니다."
WHATIF_MISSED_DEFAULT = "{firm} 협력사는 이미 채무불이행 상태이며, 잔액 {outstanding:krw} 전액의 납부기한이 이미 도래하였습니다."
WHATIF_MISSED = ("납부기한이 {due:date}인 할부금({amount:krw})을 납부하지 않으시면 {notice:date}(30일 경과)에 서면 "
                 "독촉장이 발송되고, {default:date}(90일 경과)에는 채무불이행 상태가 됩니다. 이 경우 미상환 잔액 "
                 "전액(오늘 기준 {outstanding:krw})의 납부기한이 즉시 도래하며, 전액 상환하실 때까지 참여 제한을 "
                 "받습니다.")
WHATIF_DISPOSAL_NONE = "§11.1이 적용될, 완료된 지원 사업의 설비가 없습니다."
WHATIF_DISPOSAL_LATE = ("{on:date}에 {project} 사업의 설비를 매각하거나 철거하시더라도 5년의 기간({ends:date} 종료)이 "
                        "지난 뒤이므로 §11.1은 적용되지 않습니다.")
WHATIF_DISPOSAL_NOTHING = ("일정대로 상환하시면 {on:date}까지 {project} 사업의 상환액이 남지 않으므로, 그때 설비를 "
                           "매각하거나 철거하시더라도 납부기한이 도래할 금액은 없습니다.")
WHATIF_DISPOSAL_T1 = ("{on:date}에 {project} 사업의 설비를 매각하거나 철거하시면 그때까지 납부기한이 도래하지 않은 "
                      "할부금 전부의 납부기한이 그날 도래합니다. 그때까지 일정대로 상환하셨다면 그 금액은 "
                      "{amount:krw}입니다.")
WHATIF_DISPOSAL_T2 = ("{on:date}에 {project} 사업의 설비를 매각하거나 철거하시면 무상 지원금 중 {amount:krw}을 "
                      "기간에 비례하여 반환하셔야 합니다(5년 중 남은 기간 만 {months}개월).")
IDLE_PENDING = ("{project} 사업의 설비는 {since:date}부터 유휴 상태입니다. 유휴 상태가 6개월 지난 다음 날인 {on:date}에도 "
                "유휴 상태라면 그날 {amount}의 납부기한이 도래합니다.")
WHATIF_IDLE = ("대신 {on:date}부터 설비를 유휴 상태로 두시면, 유휴 상태가 6개월 지난 다음 날인 {idle:date}부터 "
               "적용되어 그날 {amount}의 납부기한이 도래합니다.")
WHATIF_IDLE_LATE = ("대신 {on:date}부터 설비를 유휴 상태로 두시면, 유휴 상태가 6개월 지난 다음 날인 {idle:date}부터 "
                    "적용되는데 이는 5년의 기간이 끝나는 {ends:date} 이후이므로 §11.1은 적용되지 않고 납부할 금액도 "
                    "없습니다.")
WHATIF_IDLE_NOTHING = ("대신 {on:date}부터 설비를 유휴 상태로 두시면 유휴 상태가 6개월 지난 다음 날인 {idle:date}부터 "
                       "적용되는데, 일정대로 상환하시면 그때까지 {project} 사업의 상환액이 남지 않아 납부기한이 도래할 "
                       "금액이 없습니다.")
WHATIF_IDLE_REFUND = "반환금 {amount:krw}"
WHATIF_IDLE_DUE = "그때까지 납부기한이 도래하지 않은 할부금(일정대로 상환하셨다면 {amount:krw})"
WHATIF_COMPLETION_ASK = "완료확인일을 알려 주시면 상환 일정을 계산해 드립니다."
WHATIF_COMPLETION = ("완료확인일이 {on:date}이라면 거치기간은 {grace_ends:date}에 끝나고, 첫 번째 할부금의 납부기한은 "
                     "{first:date}, 8회의 분기별 할부금{each} 중 마지막 할부금의 납부기한은 {last:date}입니다.")
WHATIF_COMPLETION_EACH = "(회당 {amount:krw})"
WHATIF_COMPLETION_REPORT = "첫 모니터링 보고서는 완료 연도인 {year}년분이며, {due:date}까지 제출해야 합니다."

# -- a firm's record as text (what a record citation quotes) -----------------------------------------
RECORD_FIRM = "{name}({pid}), {tier}차 협력사, 기업 규모 {size:term.size}{parent}."
RECORD_FIRM_PARENT = ", 납품처 {parent}"
RECORD_FLAGS = ("현대자동차·기아와의 공급계약: {contract:term.contract}. 상생협약: {agreement:term.signed}. "
                "대기업집단 계열회사: {affiliate:term.yesno}. 사업 시설의 할당대상업체 내 위치: {inside:term.yesno}.")
RECORD_DEFERRAL = "경영상 어려움에 따른 상환유예 {months}개월, {on:date} 승인."
RECORD_EXCLUSION = "{until:date}까지 참여 제한: {reason:term.reason}."
RECORD_SEE_11 = "§11 참조"
RECORD_PROJECT = ("{project} 사업(제{round}회 공모 회차, {category:term.category}): {description}. 지원대상 비용 "
                  "{cost:krw}, 연간 예상 감축량 {expected:,.1f} tCO2eq, 지원금 {support:krw}{paid}{completed}"
                  "{registered}, 설비 상태: {status:term.equipment}{since}.")
RECORD_PAID_ON = "({on:date} 지급)"
RECORD_COMPLETED = ", 완료확인일 {on:date}"
RECORD_NOT_COMPLETED = ", 미완료"
RECORD_REGISTERED = ", 외부사업 등록일 {on:date}"
RECORD_SINCE = "({on:date}부터)"
RECORD_REDUCTION = "{year}년: 검증 {verified} tCO2eq, 인증 {certified}, KCU 전환 {converted}{submitted}."
RECORD_PENDING = "대기"
RECORD_NONE = "없음"
RECORD_SUBMITTED = ", 보고서 제출일 {on:date}"
LEDGER_HEADER = "{name}({pid}) 상환금 수납 내역:"
LEDGER_PAYMENT = "{on:date}: {amount:krw}{memo}"
LEDGER_MEMO = "({memo:term.memo})"
LEDGER_INSTALLMENT = "제{k}회 할부금{note}"
LEDGER_NOTE = ", {note:term.memo}"
LEDGER_TOTAL = "수납 합계: {total:krw}."

# -- 한눈에 보기(홈 탭) -----------------------------------------------------------------------------------
GLANCE_ELIGIBLE = "{tier}차 협력사 지원 자격 요건을 모두 충족합니다({section})."
GLANCE_NOT_ELIGIBLE = "지원 자격 요건 미충족: {failed}."
GLANCE_REVIEW = "전담창구의 판단이 필요합니다. 기록으로 확인할 수 없는 요건: {unknown}."
GLANCE_NEXT = "다음 납부: {amount:krw}, 납부기한 {due:date}."
GLANCE_OVERDUE = "연체: {amount:krw}, {due:date}부터 미납({days}일)."
GLANCE_NOTHING_DUE = "다음 납부: 예정된 납부가 없습니다."
GLANCE_OUTSTANDING = "미상환 잔액: {amount:krw}."
GLANCE_STATE = "상환 상태: {state:term.state}."
GLANCE_VERIFIED = "지금까지 검증된 감축량: {verified:t1} tCO2eq."
GLANCE_NO_PROJECT = "완료된 사업이 아직 없어 검증할 감축량이 없습니다."
GLANCE_REPORT = "다음 모니터링 보고서: {year}년분, {due:date}까지 제출."
GLANCE_NO_REPORT = "다음 모니터링 보고서: 제출할 보고서가 없습니다."

# -- 알림(묻기 전에 보내는 안내, 각각 기록과 조항을 인용) -------------------------------------------------------
REMIND_DUE_SOON = "안내: {firm} 협력사의 {amount:krw} 납부기한이 {due:date}입니다({days}일 남음)."
REMIND_OVERDUE = ("{firm} 협력사의 {amount:krw}(납부기한 {due:date})이 연체되었습니다. 계속 미납이면 {notice:date}에 "
                  "KAP가 서면 독촉장을 보내고, {default:date}에는 채무불이행이 되어 잔액 전부를 즉시 갚아야 합니다.")
REMIND_NOTICE_SOON = ("{firm} 협력사는 납부기한 {due:date}인 금액이 {days}일째 연체 중입니다. {notice:date}까지 미납이면 "
                      "KAP가 서면 독촉장을 보냅니다.")
REMIND_DEFAULT_SOON = ("{firm} 협력사는 납부기한 {due:date}인 금액이 {days}일째 연체 중입니다. {default:date}까지 미납이면 "
                       "채무불이행이 되어 잔액 전부를 즉시 갚아야 하고, 다 갚을 때까지 사업 참여가 제한됩니다.")
REMIND_REPORT_DUE = "{firm} 협력사의 {year}년분 모니터링 보고서({project}) 제출기한은 {due:date}이며 아직 제출 기록이 없습니다."
REMIND_DEFERRAL = "{firm} 협력사의 상환유예 {months}개월이 {on:date}에 승인되었습니다. 미납 할부금의 납부기한이 {months}개월씩 늦춰집니다."
REMIND_ACCELERATED = "{on:date}부터 {firm} 협력사의 미상환 잔액 {amount:krw} 전부를 즉시 갚아야 합니다."
REMIND_FOLLOW_UP = "궁금한 점은 이 스레드에 답글로 물어보세요. 홈 탭에서 알림을 끄거나 알림 시점을 바꿀 수 있습니다."
