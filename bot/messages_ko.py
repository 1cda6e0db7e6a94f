"""The Korean catalogue: the same keys as :mod:`bot.messages`, said as a Korean reader expects.

Every key of the English catalogue has its Korean entry here (a test checks it), with the same
``{placeholders}``.
"""

from __future__ import annotations

from bot.messages_records_ko import *  # noqa: F401,F403  (record and what-if sentences, in their own module)

DESK = "KAP 사업 전담창구(carbon-desk@kap.example)"

HELP = (
    "자동차 공급망 탄소감축 지원사업에 관한 질문에 근거 출처와 함께 답해 드립니다. "
    "지원 자격(\"저희 지원 대상인가요?\", \"보일러 두 대를 히트펌프로 바꾸려는데 3억 원이면 지원금이 얼마죠?\"), "
    "상환(\"남은 상환액이 얼마인가요?\", \"다음 할부금은 언제 내나요?\"), "
    "감축실적과 상쇄(\"검증된 감축량이 얼마인가요?\", \"크레딧은 누구 소유인가요?\"), "
    "사업 운영규정(\"§7.4는 무슨 내용인가요?\")과 배출권거래법(\"제29조의 상쇄 한도는?\")을 물어보세요. "
    "협력사는 자기 회사의 기록만 볼 수 있고, 다른 회사의 기록은 볼 수 없습니다."
)

REFUSED_OTHER_FIRM = (
    "다른 회사나 협력사 전반에 관한 정보는 알려 드릴 수 없습니다. 협력사 기록은 각 회사의 담당자와 "
    "사업 담당 직원만 볼 수 있습니다. 귀사의 기록이나 사업 운영규정에 관한 질문에는 기꺼이 답해 드리며, "
    "그 밖의 문의는 {desk}로 연락해 주세요."
)

REFUSED_INJECTION = (
    "메시지에 어떤 지시가 담겨 있더라도 기록을 다루는 방식이나 누구의 정보를 보여 줄지는 바꿀 수 없습니다. "
    "귀사의 기록과 사업 운영규정에 관해서는 답해 드릴 수 있으며, 그 밖의 문의는 {desk}로 연락해 주세요."
)

GUEST_WHAT_IF_LINK = (
    "위 내용은 규정에 따른 답변입니다. 귀사의 기록에 적용한 결과를 보시려면 {desk}에 Slack 계정과 회사의 연결을 "
    "요청해 주세요."
)

GUEST_NEEDS_LINK = (
    "이 Slack 계정은 협력사와 연결되어 있지 않아 회사별 기록은 볼 수 없습니다. "
    "{desk}에 Slack 계정과 회사의 연결을 요청하신 뒤 다시 물어봐 주세요."
)

ACT_SHARES = "말씀하신 제출의무 {base:t}톤에 적용하면 {shares}입니다."
ACT_SHARE_ITEM = "{percent}%는 {tonnes:t}톤"
ACT_SURRENDER_DUE = "{year}년 이행연도분은 {end:date}로부터 {months}개월이 되는 {due:date}까지 제출해야 합니다."
CAP_REACHED = ("{tier}차 협력사 지원금은 지원대상 비용 {reached_at_krw:krw}부터 한도 {cap_krw:krw}에 이릅니다. "
               "{reached_at_krw:krw}의 {ratio_percent}%는 원 미만을 버리면 {cap_krw:krw}이고, {below_cost_krw:krw}의 "
               "{ratio_percent}%는 {below_krw:krw}입니다.")
ACT_SURCHARGE = ("부족분 {tonnes:t}톤, 평균 시장가격 톤당 {price:krw} 기준으로 과징금은 톤당 최대 {per:krw}, 모두 {total:krw}입니다. "
                 "{why}.")
ACT_SURCHARGE_CAPPED = ("가격의 {multiple}배는 {triple:krw}이지만, {year}년 이행연도분 배출권의 제출기한 {failed:date}은 상한 삭제 "
                        "시행일(약 {deleted:date}) 전이므로 톤당 {cap:krw}의 종전 상한이 그대로 적용됩니다")
ACT_SURCHARGE_UNDER_CAP = ("가격의 {multiple}배인 {triple:krw}은 톤당 {cap:krw}의 종전 상한보다 적으며, 이 상한은 제출기한이 "
                           "{failed:date}로 상한 삭제 시행일(약 {deleted:date}) 전인 {year}년 이행연도분에 그대로 적용됩니다")
ACT_SURCHARGE_UNCAPPED = ("가격의 {multiple}배이며, {year}년 이행연도분 배출권의 제출기한 {failed:date}은 톤당 {cap:krw}의 "
                          "종전 상한 삭제 시행일(약 {deleted:date}) 이후이므로 상한이 적용되지 않습니다")
NOT_FOUND = (
    "사업 운영규정, 배출권거래법 요약, FAQ에서 이에 대한 내용을 찾지 못해 추측으로 답하지 않겠습니다. "
    "{desk}로 문의하시면 담당자가 도와드립니다."
)

OUT_OF_SCOPE = (
    "제가 도와드릴 수 있는 범위 밖의 질문입니다. 저는 자동차 공급망 탄소감축 지원사업(지원 자격, 상환, 감축실적과 상쇄, "
    "사업 운영규정, 배출권거래법)에 관한 질문에 답합니다. 그 밖의 문의는 {desk}로 연락해 주세요."
)

NO_PROJECT = "귀사의 기록에는 아직 이 사업의 프로젝트가 없어 {what} 내용이 없습니다"
STAFF_NEEDS_FIRM = (
    "어느 회사를 말씀하시는지요? 직원이시면 협력사 ID(예: P-T1-001)나 회사명을 알려 주시면 그 회사의 기록으로 답해 드립니다."
)
NO_SUCH_FIRM = "기록에서 그 ID나 이름의 협력사를 찾지 못했습니다."

RATE_LIMITED = "질문이 너무 빠르게 이어지고 있습니다. 1분쯤 뒤에 다시 물어봐 주세요."
INTERNAL_ERROR = (
    "죄송합니다. 답변을 만드는 중에 오류가 났습니다. 오류는 기록되었으니 잠시 뒤 다시 시도하시거나 {desk}로 연락해 주세요."
)

# -- Slack -------------------------------------------------------------------------------------
SLACK_SOURCES = "출처"
SLACK_NO_SOURCES = "인용한 출처가 없습니다."
SLACK_BUTTON_HELPFUL = "도움이 됐어요"
SLACK_BUTTON_NOT_HELPFUL = "도움이 안 됐어요"
SLACK_FEEDBACK_HELPFUL_LABEL = "이 답변이 도움이 됐습니다"
SLACK_FEEDBACK_NOT_HELPFUL_LABEL = "이 답변이 도움이 되지 않았습니다"
SLACK_BUTTON_ESCALATE = "전담창구에 문의"
SLACK_BUTTON_RESOLVE = "해결됨으로 표시"
SLACK_ASSISTANT_GREETING = (
    "안녕하세요! 공급망 탄소감축 사업의 지원 자격, 상환, 상쇄에 관한 질문에 근거 조항이나 기록과 함께 답해 드립니다. "
    "추천 질문을 고르시거나 편하게 물어보세요."
)
SLACK_ASSISTANT_STATUS = "운영규정과 기록에서 찾는 중입니다…"
SLACK_PROMPTS_TITLE = "이렇게 물어보세요"
SLACK_PROMPTS_PARTNER = (("다음 할부금", "다음 할부금은 언제, 얼마인가요?"),
                         ("지원 자격", "저희 지원 대상인가요?"),
                         ("남은 상환액", "아직 갚아야 할 금액이 얼마인가요?"),
                         ("감축량", "저희 감축량 중 검증된 것은 얼마인가요?"))
SLACK_PROMPTS_STAFF = (("협력사의 다음 할부금", "{firm} 다음 할부금 납부일이 언제예요?"),
                       ("협력사의 지원 자격", "{firm} 지원 자격 되나요?"),
                       ("협력사의 감축량", "{firm} 검증된 감축량이 얼마예요?"))
SLACK_PROMPTS_GUEST = (("2차 협력사 지원 한도", "2차 협력사 지원 한도가 얼마인가요?"),
                       ("상환 방식", "1차 협력사 지원금은 어떻게 상환하나요?"),
                       ("배출권거래법상 상쇄", "감축실적은 법에 따라 어떻게 상쇄배출권이 되나요?"))
# -- 알림: 홈 탭 설정과 직원용 주간 요약 --------------------------------------------------------------------
SLACK_HOME_REMINDERS_ON = "*알림*이 켜져 있습니다. 납부기한 {lead}일 전, 연체 시, 독촉과 채무불이행 전, 모니터링 보고서 제출기한 전에 DM으로 알려 드립니다."
SLACK_HOME_REMINDERS_OFF = "*알림*이 꺼져 있습니다. 납부기한이나 보고서 제출기한이 다가와도 메시지를 보내지 않습니다."
SLACK_BUTTON_REMINDERS_OFF = "알림 끄기"
SLACK_BUTTON_REMINDERS_ON = "알림 켜기"
SLACK_REMINDER_LEAD = "{lead}일 전"
SLACK_REMINDER_LEAD_PLACEHOLDER = "알림 시점"
DIGEST_TITLE = "*주간 사업 현황* ({start:date} ~ {end:date})"
DIGEST_DUE = "*앞으로 7일 안에 납부기한:* {count}"
DIGEST_OVERDUE = "*연체(독촉 전):* {count}"
DIGEST_NOTICE = "*독촉 단계(30일 이상 연체):* {count}"
DIGEST_REPORTS = "*미제출 모니터링 보고서:* {count}"
DIGEST_MORE = "… 외 {count}곳(검토 콘솔 참고)"
DIGEST_LINE_DUE = "{firm}: {amount:krw}, 납부기한 {due:date}"
DIGEST_LINE_OVERDUE = "{firm}: {amount:krw}, {due:date}부터 미납({days}일)"
DIGEST_LINE_REPORTS = "{firm}: {years}"
SLACK_BUTTON_SHARE = "채널에 공유"
SLACK_SHARED_BY = "{user}님의 질문: {question}"
SLACK_SHARE_PRIVATE = "이 답변은 비공개 답변(모두가 볼 수 없는 기록이나 문서 포함)이라 공유하지 않습니다."
SLACK_NOT_YOUR_SHARE = "질문하신 분만 이 답변을 공유할 수 있습니다. 직접 질문하신 뒤 그 답변을 공유해 주세요."
SLACK_ALREADY_SHARED = "이 답변은 이미 채널에 공유되었습니다."
SLACK_SHARED = "채널에 공유했습니다."
SLACK_SENT_PRIVATELY = "이 답변에는 귀사의 기록이 들어 있어 본인에게만 보냈습니다."
TOO_LONG = "보내신 메시지는 {length:,}자입니다. 질문은 {limit:,}자까지 읽을 수 있으니, 더 짧게 또는 한 번에 한 가지씩 물어봐 주세요."
SLACK_TRUNCATED = "답변이 한 메시지에 담기에 너무 깁니다. 나머지는 더 좁혀서 물어봐 주세요."
SLACK_RATE_LIMITED = RATE_LIMITED + " 급하시면 {desk}로 연락해 주세요."
SLACK_FEEDBACK_THANKS = "의견 감사합니다."
SLACK_ESCALATED = "질문을 사업 전담창구에 전달했습니다. 담당자가 연락드릴 예정입니다."
SLACK_NOT_YOUR_ANSWER = "질문하신 분(또는 전담창구)만 이 답변을 전달할 수 있습니다. 직접 질문하신 뒤 그 답변의 버튼을 눌러 주세요."
SLACK_STAFF_ONLY = "사업 담당 직원만 할 수 있는 작업입니다."
SLACK_ESCALATED_BY = "({user}님이 전달)"
SLACK_NO_STAFF_CHANNEL = "{desk}로 메일을 보내 주시면 담당자가 연락드립니다."
SLACK_ANSWER_GONE = "그 답변을 더 이상 찾을 수 없습니다. 다시 물어보시거나 {desk}로 연락해 주세요."
SLACK_ESCALATION_POSTED = (
    "*{asker}님의 질문* (상태: {status}, 답변 #{answer_id})\n>{question}\n*어시스턴트의 답변:*\n{answer}"
)
SLACK_RESOLVED = "<@{user}>님이 해결함."
SLACK_ALREADY_RESOLVED = "이미 해결된 문의입니다."
SLACK_HOME_TITLE = "탄소 협력사 어시스턴트"
SLACK_HOME_HOW_TO_ASK = "채널에서 저를 멘션하거나, DM을 보내거나, `/carbon 질문`을 쓰세요(답변은 본인에게만 보입니다)."
SLACK_HOME_GUEST = (
    "Slack 계정이 아직 협력사와 연결되지 않아 사업 운영규정과 배출권거래법에 관해서는 답할 수 있지만 "
    "회사별 기록은 답할 수 없습니다. {desk}에 계정 연결을 요청하세요."
)
SLACK_HOME_STAFF = "*전담창구 현황*\n받은 질문: {total}\n미답변(찾지 못함 또는 담당자 필요): {unanswered}\n미해결 문의: {open}"
SLACK_HOME_STAFF_OPEN = "*미해결 문의* (최신순)"
SLACK_HOME_PARTNER_TITLE = "*귀사 현황 한눈에 보기* ({firm})"
SLACK_HOME_PARTNER_SECTIONS = {"eligibility": "지원 자격", "repayment": "상환", "offset": "검증된 감축량"}
SLACK_HOME_PARTNER_MORE = "자세한 내용은 저에게 물어보세요. 모든 답변에 출처가 붙고, 귀사의 기록은 본인만 봅니다."
SLACK_HOME_UNAVAILABLE = "지금은 이 부분을 불러오지 못했습니다. 직접 물어보시거나 {desk}로 연락해 주세요."

# -- clarifying questions --------------------------------------------------------------------------
CLARIFY = "정확히 답해 드리려고 여쭙니다. {options} 중 어느 것을 말씀하시나요?"
CLARIFY_OR = ", "
CLARIFY_OWN = {"eligibility": "귀사의 지원 자격", "repayment": "귀사의 상환 현황", "offset": "귀사의 감축량과 크레딧"}
CLARIFY_RULES = {"eligibility": "지원 자격 규정", "repayment": "상환 규정", "offset": "상쇄 규정",
                 "program": "사업 운영 방식", "law": "배출권거래법"}
CLARIFY_CLI_CHOOSE = "원하시는 항목을 말씀하며 다시 물어보시거나, 대화 명령에서 번호를 입력하세요."
SLACK_CHOICE_GONE = "그 선택지는 만료되었거나 이미 사용되었거나 다른 질문의 것이라 쓸 수 없습니다. 질문을 다시 보내 주세요."
SLACK_CHOICE_MADE = "선택을 받았습니다. 답변을 이어서 보내 드립니다."
