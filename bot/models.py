"""Values that cross module boundaries: who asks, what was retrieved, what is answered."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["partner", "staff", "guest"]
Status = Literal["answered", "not_found", "refused", "needs_human", "clarify"]  # clarify: asks which reading
Intent = Literal["eligibility", "repayment", "offset", "program", "law", "out_of_scope", "help"]
Visibility = Literal["public", "restricted"]


class Asker(BaseModel):
    """The person behind a question, as the access policy sees them."""

    model_config = ConfigDict(frozen=True)

    role: Role = "guest"
    partner_id: str | None = None
    display_name: str = "guest"
    slack_user_id: str | None = None
    email: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role == "staff"

    @classmethod
    def guest(cls) -> "Asker":
        return cls()


def display_locator(locator: str, language: str) -> str:
    """ "Art. 29" -> "제29조" for Korean; clause (§7.2) and FAQ locators read the same in both languages."""
    if language == "ko" and locator.startswith("Art. "):
        return f"제{locator[5:]}조"
    return locator


class Chunk(BaseModel):
    """One citable passage of a knowledge document or partner record."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    source: str  # path relative to the repository, e.g. knowledge/program/rules.md
    title: str
    locator: str  # "§7.2", "Art. 29", "FAQ-07", "p. 3", "Partner record P-T1-014"
    doc_type: str  # rules | law | faq | text | pdf | record
    visibility: Visibility = "public"
    partner_id: str | None = None
    heading: str = ""
    language: str = "en"  # the language of the text: "en" | "ko"

    @property
    def label(self) -> str:
        """The locator as a reader of the chunk's language expects it: "Art. 29" is 제29조 in Korean text."""
        return display_locator(self.locator, self.language)

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (no None values allowed there)."""
        return {
            "source": self.source,
            "title": self.title,
            "locator": self.locator,
            "doc_type": self.doc_type,
            "visibility": self.visibility,
            "partner_id": self.partner_id or "",
            "heading": self.heading,
            "language": self.language,
        }

    @classmethod
    def from_metadata(cls, id: str, text: str, meta: dict[str, Any]) -> "Chunk":
        return cls(
            id=id,
            text=text,
            source=meta["source"],
            title=meta["title"],
            locator=meta["locator"],
            doc_type=meta["doc_type"],
            visibility=meta["visibility"],
            partner_id=meta.get("partner_id") or None,
            heading=meta.get("heading", ""),
            language=meta.get("language", "en"),
        )


class Hit(BaseModel):
    """A retrieved chunk with the scores that ranked it (kept for the review console)."""

    chunk: Chunk
    score: float  # fused score used for ranking
    dense: float | None = None  # cosine similarity, when the dense side found it
    lexical: float | None = None  # BM25 score, when the lexical side found it
    exact_ref: bool = False  # the question named this chunk's clause or article


class Citation(BaseModel):
    n: int
    id: str
    source: str
    title: str
    locator: str
    quote: str


class Answer(BaseModel):
    """What the assistant says. ``to_json`` is the ``carbonbot ask --json`` contract."""

    question: str
    status: Status
    intent: Intent
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)
    private: bool = False
    latency_ms: float = 0.0
    # Not part of the public contract: what retrieval saw, for review and evals.
    hits: list[Hit] = Field(default_factory=list, exclude=True)
    score: float = Field(0.0, exclude=True)  # a document answer's best sentence score (what grounded it)
    answer_id: int | None = Field(None, exclude=True)  # row in the audit log, when logged
    language: str = Field("en", exclude=True)  # the question's language, which the answer is said in: "en" | "ko"
    # With CARBONBOT_LLM: what the model did (model, guard verdict and reason, tokens, ms), for the audit log.
    llm: dict[str, Any] | None = Field(None, exclude=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
