"""The access policy, in one place: who may see which chunk and which firm.

Partners see public knowledge and their own firm's records; staff see
everything; guests see public knowledge only. Retrieval applies it as a
query filter, and :func:`may_see` checks every result again.
"""

from __future__ import annotations

from bot.models import Asker, Chunk


def may_see(asker: Asker, chunk: Chunk) -> bool:
    if chunk.visibility == "public":
        return True
    if asker.is_staff:
        return True
    return asker.role == "partner" and asker.partner_id is not None and chunk.partner_id == asker.partner_id


def may_see_firm(asker: Asker, partner_id: str) -> bool:
    return asker.is_staff or (asker.role == "partner" and asker.partner_id == partner_id)


# -- questions that target other firms ---------------------------------------------------
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from functools import lru_cache  # noqa: E402

from rapidfuzz import fuzz, process  # noqa: E402

from bot.lang import HANGUL  # noqa: E402
from bot.lang.person import first_person  # noqa: E402
from bot.lang.romanize import romanize  # noqa: E402
from bot.lang.trigrams import TrigramFilter  # noqa: E402

FIRM_WORDS = Path(__file__).parent / "lang" / "firm_words.ko.tsv"

# "P-T1-040", "PT1-040", "p t1 040", "P–T1–040": the id however it is typed
PARTNER_ID_IN_TEXT = re.compile(r"(?<![\w])p[\s\-\u2010-\u2015]?t[\s\-\u2010-\u2015]?([12])[\s\-\u2010-\u2015]?(\d{3,4})(?![\w])",
                                re.IGNORECASE)
# "PRJ-T1-041", "prj t1 041-2", "PRJ–T1–041": a project id however it is typed (its firm is looked up, not read off it)
PROJECT_ID_IN_TEXT = re.compile(r"(?<![\w])prj[\s\-\u2010-\u2015]?t[\s\-\u2010-\u2015]?([12])[\s\-\u2010-\u2015]?(\d{3,4})"
                                r"(?:[\-\u2010-\u2015](\d{1,2}))?(?![\w])", re.IGNORECASE)
UNKNOWN_PROJECT = "PRJ?"  # the owner of a project id no record has: refused like any firm not the asker's own
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
_SUFFIX = re.compile(r"\s*(co\.?,?\s*ltd\.?|co\.|ltd\.?|inc\.?|corp(oration)?\.?|company|industries|industrial)\s*$", re.I)
FUZZY_MIN = 88  # rapidfuzz ratio: "Garam Forgin" and "Garm Forging" match "Garam Forging"; "our motor parts" does not
MAX_SCAN = 2000  # characters of a question that are searched for names


def project_id(m: re.Match[str]) -> str:
    """The project id a :data:`PROJECT_ID_IN_TEXT` match writes, as the records write it."""
    return f"PRJ-T{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")


def _name_variants(name: str) -> set[str]:
    base = _SUFFIX.sub("", name).strip()
    return {" ".join(v.lower().split()) for v in (name, base) if len(v) >= 6}


class FirmScreen:
    """Finds firms a question names (by id or name), built once per index generation.

    Exact names match on word boundaries, longest first, so "Garam Forging Tech" is that firm and not
    "Garam Forging" inside it (one alternation: a single linear scan). With thousands of firms the alternation
    holds only the names whose first word the question writes (a name can only match where its first word
    stands), compiled once per such set. Names written with a typo are found by comparing every run of the
    question's words with the names of as many words that share enough character trigrams with it.
    """

    def __init__(self, firms: dict[str, str], projects: dict[str, str] | None = None) -> None:
        self.owner = {v: pid for pid, name in sorted(firms.items()) for v in _name_variants(name)}
        self.project_owner = {k.upper(): v for k, v in (projects or {}).items()}
        names = sorted(self.owner, key=len, reverse=True)
        self._first: dict[str, list[str]] = {}  # first Latin word of a name -> its names, longest first
        for n in names:
            first = _LATIN_RUN.search(n)
            self._first.setdefault(first.group(0).lower() if first else "", []).append(n)
        self.korean = KoreanNames(firms)
        self._by_words: dict[int, list[str]] = {}
        for n in names:
            self._by_words.setdefault(len(n.split()), []).append(n)
        self._fuzzy = {count: TrigramFilter(group) for count, group in self._by_words.items()}

    def _names_in(self, question: str) -> re.Pattern[str]:
        """The alternation of the names that can occur in ``question``: those whose first word it writes."""
        words = {w.lower() for w in _LATIN_RUN.findall(question)}
        candidates = [n for w in sorted(words) for n in self._first.get(w, ())] + self._first.get("", [])
        return _alternation(tuple(sorted(candidates, key=lambda n: (-len(n), n))))

    def named_firms(self, question: str) -> set[str]:
        """Ids written in the question (existing or not, normalised) plus firms whose name appears."""
        question = question[:MAX_SCAN]
        ids = {f"P-T{m.group(1)}-{m.group(2)}" for m in PARTNER_ID_IN_TEXT.finditer(question)}
        # a project id names the firm whose project it is ("is PRJ-T1-041 still running?"); one no record has
        # names no firm the asker may see
        ids |= {self.project_owner.get(project_id(m), UNKNOWN_PROJECT) for m in PROJECT_ID_IN_TEXT.finditer(question)}
        ids |= {pid for _, _, pid in self._english_spans(question)}
        return ids | {pid for pid, exact in self.korean.find(question).items() if exact}

    def _english_spans(self, question: str) -> list[tuple[int, int, str]]:
        """(start, end, firm id) of each firm name written exactly in Latin letters."""
        return [(m.start(), m.end(), self.owner[" ".join(m.group(0).lower().split())])
                for m in self._names_in(question).finditer(question)]

    def masked(self, question: str) -> str:
        """``question`` with each firm name written in it replaced by the firm's id, for the learned heads: a
        name says which firm, never what is asked ("화랑스탬핑 지금 적격이에요?" reads as "P-T1-023 지금 적격이에요?")."""
        question = question[:MAX_SCAN]
        spans = self._english_spans(question) + [(start, end, pid) for pid, _, start, end in self.korean.spans(question)]
        for start, end, pid in sorted(spans, reverse=True):
            question = question[:start] + pid + question[end:]
        return question

    def resembling_firms(self, question: str) -> set[str]:
        """Firms whose name the question writes with a typo or a missing space (not the exact names)."""
        # words already inside an exactly written name are not matched again ("Garam Forging still owes")
        rest = self._names_in(question[:MAX_SCAN]).sub(" | ", question[:MAX_SCAN])
        words = [w.lower() for w in _WORD.findall(rest)]
        found: set[str] = set()
        for count, names in self._by_words.items():
            runs = [" ".join(words[i:i + count]) for i in range(len(words) - count + 1)]
            runs += [" ".join(words[i:i + count - 1]) for i in range(len(words) - count + 2)] if count > 1 else []
            if not runs:
                continue
            for _, j, _ in self._fuzzy[count].matches(runs, FUZZY_MIN):
                found.add(names[j])
        # "garam forgin tech" also resembles "garam forging": the longer name wins, as with exact names
        longest = {n for n in found if not any(n != m and n in m for m in found)}
        return {self.owner[n] for n in longest} | {pid for pid, exact in self.korean.find(question).items() if not exact}


class KoreanNames:
    """Firms named in Hangul: the firm's own word read back by romanization, then its other words in Korean.

    꽃빛단조 is Kkotbit Forging, 게림전자 (a typo) Gyerim Electronics, 우리스프링스 Uri Springs. The name words'
    Korean forms are data (``bot/lang/firm_words.ko.tsv``). A name must be written as one word, as Korean firm
    names are: the firms' own words are everyday words too (우리 "our", 미래 "future"), so "우리 부품" is not a
    firm. Found by a scan of each Hangul run for the name words' forms, then a fuzzy compare of what precedes.
    """

    FUZZY = 85  # 게림 (gerim) for 계림 (gyerim), 하늘 (haneul) for Hanul, 오름 (oreum) for Orum
    OWN_WORD = (2, 4)  # syllables of a firm's own word
    ALOUD_SYLLABLES = (5, 10)  # a whole name written in one word: its own word and at least one more
    ALOUD_FUZZY = 90  # 푸른모터팟츠 (pureunmoteopatcheu) for Purun Motor Parts (purun+moteopacheu) scores 94

    def __init__(self, firms: dict[str, str], words_file: Path = FIRM_WORDS) -> None:
        forms = _korean_forms(words_file)
        # ("forging",) -> {"kkotbit": "P-T1-001", ...}; each firm's further words as Korean spellings
        self._firms: dict[tuple[str, ...], dict[str, str]] = {}
        self._spellings: dict[str, tuple[str, ...]] = {}
        for pid, name in sorted(firms.items()):
            words = _SUFFIX.sub("", name).strip().lower().split()
            if len(words) < 2 or not all(w in forms for w in words[1:]):
                continue
            rest = tuple(words[1:])
            self._firms.setdefault(rest, {}).setdefault(words[0], pid)
            for spelling in _spellings([forms[w] for w in rest]):
                self._spellings.setdefault(spelling, rest)
        ordered = sorted(self._spellings, key=len, reverse=True)
        self._scan = re.compile("|".join(map(re.escape, ordered)) or "(?!)")
        # the whole name read aloud, for a name word written with a typo (푸른모터팟츠 for 푸른모터파츠)
        self._aloud: dict[str, str] = {}
        for rest, owners in self._firms.items():
            for spelling in _spellings([forms[w] for w in rest]):
                for own, pid in owners.items():
                    self._aloud.setdefault(own + romanize(spelling), pid)
        self._aloud_keys = list(self._aloud)
        self._aloud_filter = TrigramFilter(self._aloud_keys)

    def find(self, question: str) -> dict[str, bool]:
        """Firm id -> whether its own word was written exactly (else it resembles), for each Hangul name."""
        found: dict[str, bool] = {}
        for pid, exact, _, _ in self.spans(question):
            found[pid] = found.get(pid, False) or exact
        return found

    def spans(self, question: str) -> list[tuple[str, bool, int, int]]:
        """(firm id, written exactly, start, end) of each Hangul name in ``question``."""
        out: list[tuple[str, bool, int, int]] = []
        for run in _HANGUL_RUN.finditer(question[:MAX_SCAN]):
            text, low, high = run.group(0), *self.OWN_WORD
            for m in self._scan.finditer(text, low, min(len(text), high + 12)):
                if not low <= m.start() <= high:
                    continue
                own = romanize(text[: m.start()])
                firms = self._firms[self._spellings[m.group(0)]]
                scores = process.extract(own, list(firms), scorer=fuzz.ratio, score_cutoff=self.FUZZY, limit=None)
                best = max((score for _, score, _ in scores), default=0)
                out += [(firms[word], score == 100, run.start(), run.start() + m.end())
                        for word, score, _ in scores if score == best]
                break  # one name per run: the first name word that follows a firm's own word
            else:
                cut = self._aloud_match(text)
                if cut:
                    out.append((cut[0], False, run.start(), run.start() + cut[1]))
        return out

    def _aloud_match(self, run: str) -> tuple[str, int] | None:
        """A run with no name word spelled right: its leading syllables read aloud against every whole name."""
        low, high = self.ALOUD_SYLLABLES
        for cut in range(min(len(run), high), low - 1, -1):
            best = self._aloud_filter.best(romanize(run[:cut]), self.ALOUD_FUZZY)
            if best:
                return self._aloud[best[0]], cut
        return None


_HANGUL_RUN = re.compile(rf"{HANGUL.pattern}+")


@lru_cache(maxsize=4096)
def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """Names (longest first) as one pattern on word boundaries; a Korean particle may follow a name directly
    ("Hanul Fasteners는"): only Latin letters and digits extend it."""
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or "(?!)"
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


def _korean_forms(path: Path) -> dict[str, list[str]]:
    forms: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, spelled = line.partition("\t")
        if not spelled.strip():
            raise ValueError(f"{path.name}: line {number}: a name word needs its Korean forms after a tab")
        forms[word.strip().lower()] = [f.strip() for f in spelled.split(",") if f.strip()]
    return forms


def _spellings(options: list[list[str]]) -> list[str]:
    """Every way to write the words one after the other: [[모터, 자동차], [부품]] -> 모터부품, 자동차부품."""
    out = [""]
    for forms in options:
        out = [prefix + form for prefix in out for form in forms]
    return out


# A word that points back at a firm already named, in either language ("are they in default?", "그 회사는요?"):
# a closed class of pronouns and demonstratives, not a list of questions.
_THEY = re.compile(r"\b(?:they|them|their|theirs|that (?:firm|company|supplier|customer|partner)|those (?:guys|folks))\b"
                   r"|그\s?(?:회사|업체|기업|협력사|고객사|곳|쪽)|거기(?!\s?에)|걔네|저쪽|그분들", re.I)


_SENTENCE_END = re.compile(r"(?<=[.?!:;\n])")


def points_back(text: str) -> bool:
    """Whether ``text`` refers to a firm by a pronoun or demonstrative instead of its name."""
    return bool(_THEY.search(text[:4000]))


def asks_of_them(text: str) -> bool:
    """Whether a sentence of ``text`` asks about a firm it points back at, not about the asker's own ("are they in
    default? they're our main customer" asks of them; "never mind them. what is our balance?" does not; nor does
    "how much are they?" of "our installments")."""
    for piece in _SENTENCE_END.split(text[:4000]):
        if points_back(piece) and not first_person(piece) and (HANGUL.search(piece) or piece.rstrip().endswith("?")):
            return True
    return False


def screen(query, asker: Asker, previous: dict | None = None) -> str | None:
    """Why a question must be refused for this asker ("other_firm" | "other_firm_again" | "injection"), or None.

    ``query`` is the understood question (:class:`bot.understand.query.Query`). Staff may ask about
    any firm; everyone else is refused for another firm named in any spelling, for questions about firms in
    general, and for messages that try to change the rules or claim a role.
    """
    if asker.is_staff:
        return None
    if query.attack == "injection":
        return "injection"
    named = query.firms | query.firms_like
    others = named - ({asker.partner_id} if asker.partner_id else set())
    if query.attack == "aggregate":
        return "other_firm"
    if asker.role == "guest" and len(named) == 1 and query.own and first_person(query.text):
        # "I'm the CFO of Uri Springs, what's our balance?": an unlinked account that says the firm is its own is
        # not refused but sent to link the account (needs_human), and shown no figures of it either way.
        return None
    if others:
        return "other_firm"
    if (previous or {}).get("subject", {}).get("refused") == "other_firm" and not named and asks_of_them(query.text):
        # the turn just before was refused for naming another firm, and this one asks about "them", not about the
        # asker's own figures ("fine, no numbers: are they in default?"): the same firm, asked again without its
        # name. ("other_firm_again": a third turn is judged on its own, not chained to this one.)
        return "other_firm_again"
    return None
