"""BM25 over the same chunks as Chroma, with the access policy applied as a mask.

The chunk catalogue (``chunks.jsonl``) is the lexical index's source of truth
and is small, so the BM25 matrix is rebuilt on load in milliseconds instead of
persisting a second binary format.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import bm25s
import snowballstemmer
import numpy as np

from bot.lang import HANGUL
from bot.models import Asker, Chunk

_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|§?\d+(?:\.\d+)*|[a-z][a-z0-9]*")
_STOP = frozenset(
    "a an and are as at be by can could did do does for from has have how i if in is it its me my of on or our "
    "should so than that the their them then there these they this to was we what when where which who "
    "will with would you your us shall "
    # what is left of a negative contraction once its n't is cut ("doesn't" -> "doesn")
    "aren couldn didn doesn don hadn hasn haven isn shouldn wasn weren wouldn".split()
)
# The clitic of a contraction or possessive ("what's", "entity's", "we'll", "don't"): cut before reading words,
# so that a stray "s" or "t" matches nothing
_CLITIC = re.compile(r"(?<=[a-z0-9])['\u2019](?:s|t|re|ll|ve|d|m)\b")
# negatives whose stem is not the word ("won't" is not the currency): spelt out before the clitic is cut
_IRREGULAR_NOT = re.compile(r"\b(won|can|shan)['\u2019]t\b")
_NOT_OF = {"won": "will not", "can": "can not", "shan": "shall not"}
_STEMMER = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lowercase words and clause numbers ("§7.2" -> "7.2"), stop words dropped; Korean as its content morphemes.

    A hyphenated word counts as its parts ("LED-only" is "led" and "only", "tier-1" is "tier" and "1"),
    so it matches however the other side writes it. Korean text is cut by the morphological analyser into
    nouns, roots and stems without their particles and endings ("상환금은" -> 상환, 금).
    """
    out = []
    lowered = _IRREGULAR_NOT.sub(lambda m: _NOT_OF[m.group(1)], text.lower())
    for tok in _TOKEN.findall(_CLITIC.sub("", lowered)):
        tok = tok.lstrip("§")
        if tok not in _STOP:
            out.append(tok)
    if HANGUL.search(text):
        out += korean_words(text)
    return out


def derived_from_known(token: str, vocabulary) -> bool:
    """Whether ``token`` is an English adjective in -able/-ible of a word in ``vocabulary`` ("fundable" of "fund",
    "usable" of "use"): the stemmer leaves the suffix on, yet the word asks about the thing the documents name."""
    if not (token.isascii() and token.endswith(("abl", "ibl")) and len(token) >= 5):
        return False
    base = token[:-3]
    if len(base) < 4:
        return False  # "capable", "notable": no "cap" or "not" in them
    return any(_STEMMER.stemWord(b) in vocabulary for b in (base, base + "e"))


def tokenize(text: str) -> list[str]:
    """:func:`words`, English stemmed ("funded", "funds" -> "fund"): what BM25 and word overlap compare."""
    return [w if not ("a" <= w[0] <= "z") else _STEMMER.stemWord(w) for w in words(text)]


_KO_CONTENT = ("NNG", "NNP", "NR", "XR", "VV", "VA", "VV-R", "VA-R", "VV-I", "VA-I")
_KO_TERMS = Path(__file__).resolve().parent.parent / "lang" / "ko_terms.tsv"
_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The Korean analyser: loaded once per process, and only when Korean text is met (about 300 MB)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                k = Kiwi(num_workers=1)
                for line in _KO_TERMS.read_text(encoding="utf-8").splitlines():
                    if line.strip() and not line.startswith("#"):
                        word, tag, score = line.split("\t")
                        k.add_user_word(word, tag, float(score))
                _kiwi = k
    return _kiwi


# Light verbs that carry grammar, not topic (as "do", "did", "could" are English stop words): 하다, 되다, 있다,
# 어떻다, and the helpers of 알려 주다 / 해 보다. 없다 stays: "이자 없이" says what a clause means.
_KO_STOP = frozenset({"하", "되", "있", "어떻", "그렇", "이렇", "않", "주", "보", "알"})


def korean_words(text: str, tags: tuple[str, ...] = _KO_CONTENT) -> list[str]:
    """The content morphemes of the Korean in ``text`` (verbs and adjectives by their stem)."""
    out = []
    for token in kiwi().tokenize(text[:MAX_ANALYSED]):
        if token.tag in tags and HANGUL.search(token.form) and token.form not in _KO_STOP:
            out.append(token.form)
    return out


KO_PREDICATES = ("VV", "VA", "VV-R", "VA-R", "VV-I", "VA-I")  # verb and adjective tags


def korean_predicates(text: str) -> set[str]:
    """The verb and adjective stems of the Korean in ``text``: how a question is put, not what it is about."""
    return set(korean_words(text, KO_PREDICATES)) if HANGUL.search(text) else set()


MAX_ANALYSED = 4000  # characters of Korean analysed per text: a question is capped earlier; passages are short


def allowed_mask(chunks: list[Chunk], asker: Asker) -> np.ndarray:
    """True for each chunk the asker may see: same rule as the Chroma ``where``."""
    if asker.is_staff:
        return np.ones(len(chunks), dtype=bool)
    own = asker.partner_id if asker.role == "partner" else None
    return np.array([c.visibility == "public" or (own is not None and c.partner_id == own) for c in chunks])


class LexicalIndex:
    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.by_id = {c.id: c for c in chunks}
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(f"{c.heading} {c.locator} {c.text}") for c in chunks] or [["empty"]]
        # Words of public passages only: used to tell "the documents never mention this" without
        # revealing anything about restricted records.
        self.vocabulary = frozenset(t for c, doc in zip(chunks, corpus) if c.visibility == "public" for t in doc)
        # The same passages' words as written, for the speller to correct towards.
        self.words = frozenset(w for c in chunks if c.visibility == "public"
                               for w in words(f"{c.heading} {c.text}"))
        # Inverse document frequency of public words: rare words ("interest", "2nd") weigh more.
        public = [set(doc) for c, doc in zip(chunks, corpus) if c.visibility == "public"]
        df: dict[str, int] = {}
        for doc in public:
            for t in doc:
                df[t] = df.get(t, 0) + 1
        n = max(len(public), 1)
        self.idf = {t: float(np.log(1 + n / d)) for t, d in df.items()}
        self._bm25.index(corpus, show_progress=False)
        self._language = np.array([c.language for c in chunks])
        self.languages = frozenset(c.language for c in chunks if c.doc_type != "record")

    @classmethod
    def load(cls, path: Path) -> "LexicalIndex":
        return cls(cls.read(path))

    @staticmethod
    def read(path: Path) -> list[Chunk]:
        """The chunks of a ``.jsonl`` catalogue, in order."""
        with path.open(encoding="utf-8") as fh:
            return [Chunk.model_validate_json(line) for line in fh if line.strip()]

    @staticmethod
    def save(chunks: list[Chunk], path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(c.model_dump_json() + "\n")

    def search(self, query: str, k: int, asker: Asker, language: str | None = None) -> list[tuple[Chunk, float]]:
        """BM25 over what ``asker`` may see, in ``language`` when given."""
        tokens = tokenize(query)
        if not tokens or not self.chunks:
            return []
        scores = self._bm25.get_scores(tokens)
        mask = allowed_mask(self.chunks, asker)
        if language is not None:
            mask &= self._language == language
        scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]
