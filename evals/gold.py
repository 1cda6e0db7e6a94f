"""Gold cases: loading and validating the YAML files under ``evals/gold/``.

Only the harness reads these files; no code path of the assistant does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.errors import CarbonbotError


class GoldError(CarbonbotError):
    """A gold file is malformed; the message names file, case and field."""


class GoldAsker(BaseModel):
    model_config = ConfigDict(extra="forbid")

    partner: str | None = None
    staff: bool = False
    guest: bool = False
    slack_user: str | None = None

    @model_validator(mode="after")
    def _one(self) -> "GoldAsker":
        if sum([self.partner is not None, self.staff, self.guest, self.slack_user is not None]) != 1:
            raise ValueError("give exactly one of partner, staff, guest, slack_user")
        return self


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["answered", "not_found", "refused", "needs_human", "clarify"]
    intent: str | None = None
    cite: list[str] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)


class GoldCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    category: str
    question: str
    asker: GoldAsker
    thread: list[str] = Field(default_factory=list)
    as_of: date | None = None
    expect: Expect
    note: str | None = None
    corrected_answer: str | None = None
    source: str = ""  # file it came from (set by the loader)

    @property
    def set(self) -> str:
        """"blind" for cases under a ``blind/`` folder (written without sight of the system), else "tuning"."""
        return "blind" if "blind" in Path(self.source).parts else "tuning"

    @property
    def language(self) -> str:
        """The language folder a case sits in (``ko/``), else English."""
        return "ko" if "ko" in Path(self.source).parts else "en"


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
    if path.is_file():
        return [path]
    raise GoldError(f"gold file or folder not found: {path}")


def load_gold(path: str | Path) -> list[GoldCase]:
    """Every case of a gold file or folder; duplicate ids and bad fields are errors naming the case."""
    cases: list[GoldCase] = []
    seen: dict[str, str] = {}
    for file in _files(Path(path)):
        try:
            doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise GoldError(f"{file}: not valid YAML: {exc}") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
            raise GoldError(f"{file}: expected a mapping with a 'cases' list")
        default_as_of = doc.get("as_of")
        for i, raw in enumerate(doc["cases"]):
            ident = raw.get("id", f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
            try:
                case = GoldCase.model_validate({"as_of": default_as_of, **raw, "source": str(file)})
            except (ValidationError, TypeError) as exc:
                detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()) \
                    if isinstance(exc, ValidationError) else str(exc)
                raise GoldError(f"{file}: case {ident}: {detail}") from exc
            if case.id in seen:
                raise GoldError(f"{file}: case {case.id}: duplicate id (also in {seen[case.id]})")
            seen[case.id] = str(file)
            cases.append(case)
    if not cases:
        raise GoldError(f"no gold cases in {path}")
    return cases
