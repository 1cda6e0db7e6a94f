"""Intents, subject, what-if and attack, learned from labelled example questions kept as data.

Each head is a logistic regression over the sentence embedding of the question
joined with its character n-grams (which carry typos and Korean particles the
embedding may miss). The examples live in ``examples/*.yaml``; a new phrasing
costs an example there, never code. Probabilities are the model's, so a low
top probability is a real "not sure" and the assistant asks instead of guessing.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.errors import ConfigError
from bot.understand.language import detect_language

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
INTENTS = ("eligibility", "repayment", "offset", "program", "law", "out_of_scope", "help")
SUBJECTS = ("own", "rules")
ATTACKS = ("none", "injection", "aggregate")
SCENARIOS = ("none", "deferral", "payment", "payoff", "missed", "disposal", "completion")
HEADS = ("intent", "subject", "what_if", "attack", "scenario", "follow_up")
EMBEDDING_WEIGHT = 1.0  # the dense part weighs like the n-gram part (tuned on the dev split)

Embed = Callable[[list[str]], np.ndarray]
_FITTED: dict[str, "Multilingual"] = {}


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    subject: str = "rules"
    what_if: bool = False
    attack: str = "none"
    scenario: str = ""  # what a what-if about own figures asks to compute ("" = not labelled)
    follow_up: bool = False  # only makes sense after the thread's last answer ("how'd you get that?")
    split: str = "train"
    source: str = ""

    def label(self, head: str) -> str:
        return str(getattr(self, head))


@dataclass(frozen=True)
class Prediction:
    """Probabilities per head: ``intents`` best first."""

    intents: tuple[tuple[str, float], ...]
    own: float  # probability the asker wants its own firm's records
    what_if: float
    attack: tuple[str, float]  # the likeliest kind of attack, and the probability of any attack
    scenario: tuple[str, float] = ("none", 1.0)
    follow_up: float = 0.0  # probability the question continues the thread's last answer

    @property
    def intent(self) -> str:
        return self.intents[0][0]

    @property
    def confidence(self) -> float:
        return self.intents[0][1]


def load_examples(folder: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example of every ``*.yaml`` in ``folder``; a bad entry is an error naming file and entry."""
    out: list[Example] = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, raw in enumerate(doc.get("examples") or []):
            where = f"{path.name}: example {i + 1}"
            if not isinstance(raw, dict) or not str(raw.get("text", "")).strip():
                raise ConfigError(f"{where}: needs a text")
            ex = Example(text=str(raw["text"]).strip(), intent=raw.get("intent", ""),
                         subject=raw.get("subject", "rules"), what_if=bool(raw.get("what_if", False)),
                         attack=raw.get("attack", "none"), scenario=raw.get("scenario", ""),
                         follow_up=bool(raw.get("follow_up", False)), split=raw.get("split", "train"),
                         source=path.name)
            for name, value, allowed in (("intent", ex.intent, INTENTS + (("",) if ex.follow_up else ())),
                                         ("subject", ex.subject, SUBJECTS),
                                         ("attack", ex.attack, ATTACKS), ("split", ex.split, ("train", "dev")),
                                         ("scenario", ex.scenario or "none", SCENARIOS)):
                if value not in allowed:
                    raise ConfigError(f"{where} ({ex.text!r}): {name} must be one of {allowed}, got {value!r}")
            out.append(ex)
    if not out:
        raise ConfigError(f"no labelled examples in {folder}")
    return out


@dataclass
class Classifier:
    """The heads, fitted on the train split (or on everything, for serving)."""

    examples: Sequence[Example]
    embed: Embed
    model_name: str = ""
    _ngrams: TfidfVectorizer | None = None
    _heads: dict[str, LogisticRegression] = field(default_factory=dict)

    def fit(self, split: str | None = None) -> "Classifier":
        rows = [e for e in self.examples if split is None or e.split == split]
        self._ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=1)
        grams = self._ngrams.fit_transform([_norm(e.text) for e in rows])
        X = sparse.hstack([grams, sparse.csr_matrix(self.embed([e.text for e in rows]) * EMBEDDING_WEIGHT)]).tocsr()
        for head in HEADS:
            labels = [e.label(head) for e in rows]
            keep = [i for i, e in enumerate(rows) if _labelled(e, head)]
            X_head, labels = X[keep], [labels[i] for i in keep]
            self._heads[head] = LogisticRegression(max_iter=3000, C=8.0, class_weight="balanced").fit(X_head, labels)
        return self

    def features(self, texts: list[str], vectors: np.ndarray | None = None):
        assert self._ngrams is not None, "fit first"
        vectors = self.embed(texts) if vectors is None else vectors
        return sparse.hstack([self._ngrams.transform([_norm(t) for t in texts]),
                              sparse.csr_matrix(np.asarray(vectors) * EMBEDDING_WEIGHT)]).tocsr()

    def predict(self, text: str, vector: Sequence[float] | None = None) -> Prediction:
        X = self.features([text], None if vector is None else np.asarray([vector]))
        probs = {head: dict(zip(model.classes_, model.predict_proba(X)[0])) for head, model in self._heads.items()}
        intents = tuple(sorted(((k, float(v)) for k, v in probs["intent"].items()), key=lambda kv: -kv[1]))
        # "is it an attack?" is what decides a refusal, whichever kind: a message torn between claiming powers
        # (injection) and asking about firms in general (aggregate) is still one or the other
        kinds = {k: v for k, v in probs["attack"].items() if k != "none"}
        attack = (max(kinds, key=kinds.get), sum(kinds.values())) if kinds else ("none", 1.0)
        scenario = max(probs["scenario"].items(), key=lambda kv: kv[1])
        return Prediction(intents=intents, own=float(probs["subject"].get("own", 0.0)),
                          what_if=float(probs["what_if"].get("True", 0.0)), attack=(attack[0], float(attack[1])),
                          scenario=(scenario[0], float(scenario[1])),
                          follow_up=float(probs["follow_up"].get("True", 0.0)))

    def accuracy(self, examples: Sequence[Example]) -> dict[str, float]:
        """Share of ``examples`` each head labels right (subject only on record intents)."""
        if not examples:
            return {}
        X = self.features([e.text for e in examples])
        out = {}
        for head, model in self._heads.items():
            idx = [i for i, e in enumerate(examples) if _labelled(e, head)]
            if not idx:
                continue
            predicted = model.predict(X[idx])
            out[head] = float(np.mean([p == examples[i].label(head) for p, i in zip(predicted, idx)]))
        return out


class Multilingual:
    """One :class:`Classifier` per language, each fitted on that language's examples only, so examples in one
    language never shift the other's predictions; a question is read by its own language's heads."""

    def __init__(self, examples: Sequence[Example], embed: Embed | dict[str, Embed], model_name: str = "",
                 fitted: dict[str, Classifier] | None = None) -> None:
        self.examples = examples
        self.model_name = model_name
        self.by_language = fitted or {}
        # each language's heads read that language's embedding (English: MiniLM; Korean: the multilingual model)
        self._embeds = embed if isinstance(embed, dict) else {}
        self._embed = embed if not isinstance(embed, dict) else embed["en"]

    def embed_for(self, language: str) -> Embed:
        return self._embeds.get(language, self._embed)

    @staticmethod
    def language(example_or_text) -> str:
        text = example_or_text.text if isinstance(example_or_text, Example) else example_or_text
        return detect_language(text)

    def fit(self, split: str | None = None) -> "Multilingual":
        groups: dict[str, list[Example]] = {}
        for e in self.examples:
            groups.setdefault(self.language(e), []).append(e)
        self.by_language = {lang: Classifier(rows, self.embed_for(lang), self.model_name).fit(split)
                            for lang, rows in groups.items() if any(split is None or e.split == split for e in rows)}
        return self

    def _for(self, text: str) -> Classifier:
        return self.by_language.get(self.language(text)) or self.by_language["en"]

    def answerable_words(self) -> frozenset[str]:
        """The words (as BM25 reads them) of every example not labelled off-topic: how partners put questions
        the assistant answers, typos and casual words included."""
        words = self.__dict__.get("_answerable_words")
        if words is None:
            from bot.store.lexical import tokenize

            words = frozenset(t for e in self.examples if e.intent != "out_of_scope" for t in tokenize(e.text))
            self.__dict__["_answerable_words"] = words
        return words

    def predict(self, text: str, vector: Sequence[float] | None = None) -> Prediction:
        return self._for(text).predict(text, vector)

    def accuracy(self, examples: Sequence[Example], language: str | None = None) -> dict[str, float]:
        """Each head's share right, over ``examples`` of ``language`` (all languages when None)."""
        rows = [e for e in examples if language is None or self.language(e) == language]
        totals: dict[str, list[float]] = {}
        for lang, clf in self.by_language.items():
            mine = [e for e in rows if self.language(e) == lang]
            for head, acc in clf.accuracy(mine).items():
                n = sum(1 for e in mine if _labelled(e, head))
                totals.setdefault(head, []).extend([acc] * n)
        return {head: float(np.mean(v)) for head, v in totals.items() if v}


def _labelled(example: Example, head: str) -> bool:
    """Which examples teach a head: the subject only on record intents, the scenario only where labelled."""
    if head == "subject":
        return example.intent in ("eligibility", "repayment", "offset")
    if head == "scenario":
        return bool(example.scenario)
    if head in ("intent", "what_if", "attack"):
        return bool(example.intent)  # a follow-up's topic is its thread's, so it may leave the intent out
    return True


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _tokenizer_version() -> str:
    """What the cached example words depend on: the tokenizer's code, the analyser's domain words and version."""
    from importlib.metadata import version

    from bot.store import lexical

    return "|".join([Path(lexical.__file__).read_text(encoding="utf-8"), lexical._KO_TERMS.read_text(encoding="utf-8"),
                     version("kiwipiepy")])


def trained(embed: Embed | dict[str, Embed], model_name: str, cache_dir: Path | None,
            folder: Path = EXAMPLES_DIR) -> Multilingual:
    """The serving classifier (fitted on every example), cached on disk by examples and model."""
    examples = load_examples(folder)
    digest = hashlib.sha256(("\n".join(f"{e.source}|{e.text}|{e.intent}|{e.subject}|{e.what_if}|{e.attack}|{e.scenario}"
                                       f"|{e.follow_up}"
                                       for e in examples) + "|" + model_name + "|per-language|words|"
                                    + _tokenizer_version()).encode()).hexdigest()[:16]
    if digest in _FITTED:  # several assistants in one process (tests, replicas in one worker) share one fit
        return _FITTED[digest]
    path = cache_dir / f"classifier-{digest}.pkl" if cache_dir else None
    if path and path.exists():
        try:
            fitted = pickle.loads(path.read_bytes())
            loaded = Multilingual(examples, embed, model_name, {
                lang: Classifier([e for e in examples if Multilingual.language(e) == lang],
                                 embed.get(lang, embed["en"]) if isinstance(embed, dict) else embed, model_name,
                                 ngrams, heads) for lang, (ngrams, heads) in fitted["heads"].items()})
            loaded.__dict__["_answerable_words"] = frozenset(fitted["answerable_words"])
            _FITTED[digest] = loaded
            return loaded
        except Exception:  # noqa: BLE001 - a stale or broken cache is rebuilt
            path.unlink(missing_ok=True)
    clf = Multilingual(examples, embed, model_name).fit()
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        # the words of the examples too: reading them takes the Korean analyser seconds on a cold start
        tmp.write_bytes(pickle.dumps({"heads": {lang: (c._ngrams, c._heads) for lang, c in clf.by_language.items()},
                                      "answerable_words": clf.answerable_words()}))
        tmp.replace(path)
    _FITTED[digest] = clf
    return clf
