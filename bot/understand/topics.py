"""What a question asks about within a record answer (next due date, balance, schedule, …), and where.

Each topic has English and Korean words (a Korean question orders its answer the same way).

The record composer puts first the line whose topic the question names earliest. This orders lines; it routes
nothing (intents, subject and scenario come from the learned heads). Patterns are linear and run once per
question, in the understanding step.
"""

from __future__ import annotations

import re

TOPICS = {
    "next": r"\bnext\b|\bwhen\b|\bdue\b|upcoming|다음|언제|납부기한|예정",
    "owe": r"\bowe|outstanding|balance|\bleft\b|remaining|still (have to )?pay|how much (do|must|will)"
           r"|잔액|남은|남아|갚아야|내야|상환액|얼마",
    # several installments asked for at once: a plural ("payment dates", "remaining repayments") lists them all
    "schedule": r"schedule|installments|instalments|\bplan\b|\b(?:re)?payments\b|\b(?:due )?dates\b|일정|스케줄|회차|전체 할부",
    "overdue": r"overdue|\blate\b|behind|missed|arrears|notice|default|연체|늦|밀린|독촉|채무불이행|못 ?내",
    "repaid": r"repaid|paid so far|have we paid|payments? (we|so far)|received|상환한|갚은|납부한|낸 금액|지금까지",
    "last": r"\blast (?:installment|instalment)|\bfinal (?:installment|instalment|payment)|very last (?:one|payment)"
            r"|\bwhen\S{0,2}(?: is| will| does)? (?:the|our) (?:very )?last (?:payment|repayment|one)\b"
            r"|\blast (?:payment|repayment) (?:date|due)"
            r"|마지막 ?(?:할부|회차|상환|납부|분|번째 할부)|최종 ?(?:회차|할부|상환)|상환(?:이|은)? (?:다 )?언제 끝나",
    "grace": r"grace|start (paying|repay)|first (installment|payment)|거치|첫 ?(번째 )?(할부|상환|납부)|상환 ?시작",
    "verified": r"verified|reduc|tco2|tonnes?|status|검증|감축|톤|현황",
    "verify": r"\bverif(y|ies|ier|ication)\b|who pays|검증 ?(비용|기관)|누가 (부담|내)",
    "credits": r"credit|koc|kcu|convert|offset|크레딧|전환|상쇄",
    "convert": r"conver[st]|전환",  # turning KOC into KCU (Art. 30's years)
    "rights": r"who owns|own(s|er)?\b|rights|sell|claim|소유|권리|판매|팔",
    "crediting": r"crediting|how long|years? left|period|인정기간|몇 년|남은 (기간|연수)",
    "yearly": r"\bby year\b|\bper year\b|\beach year\b|\byear by year\b|\bbroken down by year|\bfor every year"
              r"|연도별|년도별|해마다|연도마다|해별로",
    "report": r"report|monitoring|deadline|submit|보고서|모니터링|제출|기한",
    "clawback": r"sell|sold|remov|idle|move|clawback|refund|매각|팔|철거|유휴|환수|반환",
    "verdict": r"eligib(?!le\s+costs?\b)|qualif|r we|can we (join|apply)|apply|criteria|status|자격|(?<!지원)대상|요건|신청|참여할 수",
    "estimate": r"cost|krw|won|million|billion|support|receive|get|grant|비용|지원금|보조금|얼마나 받|\d\s*원|억 ?원|만 ?원",
    # the support the firm was given (not a new project's): "our grant amount", "how much did we receive", "받은 지원금"
    "granted": r"\bour (?:grant|support)\b|\b(?:grant|support) (?:we (?:got|received)|amount)\b"
               r"|\b(?:did|have) we (?:get|got|receive|received) (?:any |the |our |a )?(?:grant|support|funding)"
               r"|\bwe (?:got|received|were (?:given|paid|awarded)) (?:the |our |a )?(?:grant|support|funding)"
               r"|받은 ?(?:지원금|보조금)|(?:지원금|보조금)(?:을|은|는|이)? ?(?:얼마(?:를|나)? ?)?받았",
    # how a date some months on falls at a month's end (§2.16): "end of month, so the 31st?", "말일이면 …"
    "month_end": r"\bend of (?:the |that |a )?month|\blast day of (?:the |that |a )?month|\bmonth[- ]end|말일|월말",
    "limit": r"limit|\bcap\b|\bact\b|law|how much of (the|their) obligation|한도|배출권거래법",
    # §11.1's 5 years in which the equipment must stay in use
    "keep": r"\b(?:5|five)[- ]years?\b(?![\w\s-]{0,30}crediting)[\w\s-]{0,30}\bperiod\b|keep(?:ing)? (?:it|them|the "
            r"(?:equipment|kit|unit)) (?:running|in use)|obligation period|의무\s?기간"
            r"|(?:5|다섯)\s?년\s?(?:의무|유지|보유|동안 (?:유지|가동|사용))",
}


def topics_of(question: str) -> dict[str, int]:
    """Topics the question names, with where in the question each is first named."""
    q = question[:4000].lower()
    found = {t: re.search(pattern, q) for t, pattern in TOPICS.items()}
    return {t: m.start() for t, m in found.items() if m}
