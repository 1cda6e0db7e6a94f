"""Partner record models: one pydantic model per row of the foundation's exports.

The CSV/XLSX files under ``knowledge/partners/`` are validated against these
models at ingest; the calculators read the same models back from SQLite.
Blank cells mean "not recorded" (``None``), which the calculators report as
``unknown`` rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

PARTNER_ID = re.compile(r"^P-T[12]-\d{3,4}$")  # four digits in a program of more than 999 firms a tier

SizeClass = Literal["sme", "mid", "large"]
ContractState = Literal["active", "expired", "none"]
EquipmentStatus = Literal["in_use", "sold", "removed", "idle"]
Role = Literal["partner", "staff"]


def _yes_no(value: object) -> object:
    """Accept the spreadsheet spellings of a boolean; blank stays None."""
    if isinstance(value, str):
        v = value.strip().lower()
        if v == "":
            return None
        if v in {"yes", "y", "true", "1"}:
            return True
        if v in {"no", "n", "false", "0"}:
            return False
    return value


def _blank_none(value: object) -> object:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


class Record(BaseModel):
    """Base: strict on unknown columns, blanks become None."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blanks(cls, value: object) -> object:
        return _blank_none(value)


class Firm(Record):
    """A partner company (row of ``firms.csv``)."""

    partner_id: str
    name: str
    tier: int
    parent_id: str | None = None  # tier-2 only: the tier-1 partner it supplies
    size_class: SizeClass
    group_affiliate: bool  # affiliate of a large business group (§3.2)
    hmg_contract: ContractState  # supply contract directly with Hyundai/Kia (§3.1, §4.1)
    agreement_signed: bool  # signatory of the win-win agreement (§3.1)
    inside_allocated_entity: bool | None = None  # project site inside an allocated entity (§3.3); None = unknown
    email_domain: str | None = None
    excluded_until: date | None = None  # active exclusion under §11 until this date, inclusive (§11.3)
    exclusion_reason: str | None = None
    deferral_months: int = 0  # the firm's one §7.6 hardship deferral
    deferral_approved_on: date | None = None

    @field_validator("deferral_months", mode="before")
    @classmethod
    def _zero(cls, value: object) -> object:
        return 0 if _blank_none(value) is None else value

    @field_validator("deferral_months")
    @classmethod
    def _deferral(cls, value: int) -> int:
        if not 0 <= value <= 6:
            raise ValueError(f"must be between 0 and 6 months (§7.6), got {value}")
        return value

    @model_validator(mode="after")
    def _deferral_dated(self) -> "Firm":
        if bool(self.deferral_months) != (self.deferral_approved_on is not None):
            raise ValueError("deferral_months and deferral_approved_on go together: a deferral needs both")
        return self

    @field_validator("group_affiliate", "agreement_signed", "inside_allocated_entity", mode="before")
    @classmethod
    def _bools(cls, value: object) -> object:
        return _yes_no(_blank_none(value))

    @field_validator("tier")
    @classmethod
    def _tier(cls, value: int) -> int:
        if value not in (1, 2):
            raise ValueError(f"tier must be 1 or 2, got {value!r}")
        return value

    @field_validator("partner_id", "parent_id")
    @classmethod
    def _pid(cls, value: str | None) -> str | None:
        if value is not None and not PARTNER_ID.match(value):
            raise ValueError(f"must look like P-T1-001 or P-T2-001, got {value!r}")
        return value


class Project(Record):
    """An equipment-replacement project (row of ``projects.csv``).

    ``support_krw`` is empty while the project is only applied for;
    ``completion_date`` is the confirmed completion date that starts the
    §7.2 grace period; ``registration_date`` registers it as an external
    project and starts the §10.4 crediting period.
    """

    project_id: str
    partner_id: str
    funding_round: int
    category: str  # key of a §5.1 category in parameters.yaml
    description: str
    eligible_cost_krw: int
    led_cost_krw: int = 0
    expected_tco2_per_year: float
    support_krw: int | None = None
    support_paid_on: date | None = None
    completion_date: date | None = None
    registration_date: date | None = None
    monitoring_plan_approved: bool | None = None
    equipment_status: EquipmentStatus = "in_use"
    equipment_status_since: date | None = None  # required unless in use: §11.1 counts from it

    @field_validator("monitoring_plan_approved", mode="before")
    @classmethod
    def _bools(cls, value: object) -> object:
        return _yes_no(_blank_none(value))

    @field_validator("led_cost_krw", mode="before")
    @classmethod
    def _zero(cls, value: object) -> object:
        return 0 if _blank_none(value) is None else value

    @field_validator("equipment_status", mode="before")
    @classmethod
    def _in_use(cls, value: object) -> object:
        return "in_use" if _blank_none(value) is None else value

    @field_validator("eligible_cost_krw", "led_cost_krw", "expected_tco2_per_year")
    @classmethod
    def _non_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError(f"must not be negative, got {value}")
        return value

    @model_validator(mode="after")
    def _status_dated(self) -> "Project":
        if self.equipment_status != "in_use" and self.equipment_status_since is None:
            raise ValueError(f"equipment_status_since: needed when the equipment is {self.equipment_status} (§11.1)")
        return self


class Reduction(Record):
    """Reductions of one project for one calendar year (row of ``reductions.csv``)."""

    project_id: str
    year: int
    verified_tco2: float | None = None  # by the third-party verifier (§9.3)
    certified_tco2: float | None = None  # certified under the Act (Art. 30), issued as KOC
    converted_kcu: float | None = None  # KOC converted to KCU by Hyundai/Kia (Art. 29)
    report_submitted_on: date | None = None  # monitoring report (§9.2); the figures count from this date (§9.3)

    @model_validator(mode="after")
    def _stages(self) -> "Reduction":
        stages = [("verified_tco2", self.verified_tco2), ("certified_tco2", self.certified_tco2),
                  ("converted_kcu", self.converted_kcu)]
        for name, value in stages:
            if value is not None and value < 0:
                raise ValueError(f"{name}: must not be negative, got {value}")
        if self.verified_tco2 is not None and self.report_submitted_on is None:
            raise ValueError("report_submitted_on: a verified figure needs the date its report was submitted (§9.3)")
        for (lower, low), (upper, up) in zip(stages[1:], stages):
            if low is not None and (up is None or low > up):
                raise ValueError(f"{lower}: {low} cannot exceed {upper} ({up if up is not None else 'blank'})")
        return self


class Payment(Record):
    """A repayment received from a tier-1 partner (row of ``ledger.csv``)."""

    entry_id: str
    partner_id: str
    paid_on: date
    amount_krw: int
    memo: str | None = None

    @field_validator("amount_krw")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError(f"must be a positive amount, got {value}")
        return value


class SlackUser(Record):
    """A Slack user linked to a firm or to the foundation staff (row of ``users.csv``)."""

    slack_user_id: str
    email: str | None = None
    display_name: str
    role: Role
    partner_id: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError(f"is not an email address: {value!r}")
        return value.lower() if value else value


# File name (without extension) -> model; the loader picks the model by file name.
TABLES: dict[str, type[Record]] = {
    "firms": Firm,
    "projects": Project,
    "reductions": Reduction,
    "ledger": Payment,
    "users": SlackUser,
}

# Primary key of each table, used for duplicate detection and SQLite.
KEYS: dict[str, str] = {
    "firms": "partner_id",
    "projects": "project_id",
    "reductions": "",  # (project_id, year)
    "ledger": "entry_id",
    "users": "slack_user_id",
}


@dataclass(frozen=True)
class FirmRecords:
    """Everything on record for one firm: what every calculator reads."""

    firm: Firm
    projects: tuple[Project, ...] = ()
    payments: tuple[Payment, ...] = ()
    reductions: tuple[Reduction, ...] = ()

    def known_on(self, as_of: date) -> "FirmRecords":
        """The records as they stood on ``as_of``: later payments, approvals, reports and disposals not yet there."""
        firm = self.firm
        if firm.deferral_approved_on and firm.deferral_approved_on > as_of:
            firm = firm.model_copy(update={"deferral_months": 0, "deferral_approved_on": None})
        projects = []
        for p in self.projects:
            update: dict[str, object] = {}
            if p.completion_date and p.completion_date > as_of:
                update.update(completion_date=None, registration_date=None)  # the award itself is not dated
            if p.registration_date and p.registration_date > as_of:
                update["registration_date"] = None
            if p.equipment_status_since and p.equipment_status_since > as_of:
                update.update(equipment_status="in_use", equipment_status_since=None)
            projects.append(p.model_copy(update=update) if update else p)
        return FirmRecords(firm, tuple(projects), tuple(p for p in self.payments if p.paid_on <= as_of),
                           tuple(r for r in self.reductions
                                 if r.report_submitted_on is not None and r.report_submitted_on <= as_of))
