"""Program parameters: every number and list the calculators use, each with its clause.

The values live in ``knowledge/program/parameters.yaml`` so a real deployment
swaps the file, not the code. The file is validated when loaded; a bad file
raises :class:`ParametersError` naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

CLAUSE = re.compile(r"^(§\d+(\.\d+)?|Art\. \d+)$")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "program" / "parameters.yaml"


class ParametersError(ValueError):
    """The parameter file is missing, unreadable or malformed (message names file and key)."""


@dataclass(frozen=True)
class Param:
    """One parameter value and the rule clause it comes from (e.g. ``§7.2``, ``Art. 29``)."""

    value: Any
    clause: str


@dataclass(frozen=True)
class Category:
    """An eligible §5.1 equipment category; ``standalone=False`` only counts inside a broader project."""

    key: str
    name: str
    clause: str
    keywords: tuple[str, ...]
    standalone: bool = True
    name_ko: str = ""  # its name in the Korean rules (optional: without it Korean answers use ``name``)

    def named(self, language: str) -> str:
        return self.name_ko if language == "ko" and self.name_ko else self.name


@dataclass(frozen=True)
class Exclusion:
    """A §5.2 item that is not eligible."""

    key: str
    name: str
    clause: str
    keywords: tuple[str, ...]
    name_ko: str = ""  # its name in the Korean rules (optional)

    def named(self, language: str) -> str:
        return self.name_ko if language == "ko" and self.name_ko else self.name


# --- value checks: each returns the normalised value or raises ValueError -------------

def _ratio(v: Any) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
        raise ValueError(f"must be a number between 0 and 1, got {v!r}")
    return Decimal(str(v))  # exact, so ratio × won never goes through float rounding


def _count(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"must be a whole number ≥ 0, got {v!r}")
    return v


def _number(v: Any) -> float | int:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
        raise ValueError(f"must be a number ≥ 0, got {v!r}")
    return v


def _text(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(f"must be a non-empty text, got {v!r}")
    return v


def _texts(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        raise ValueError(f"must be a non-empty list of texts, got {v!r}")
    return tuple(v)


def _month_day(v: Any) -> str:
    if not isinstance(v, str) or not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", v):
        raise ValueError(f'must be "MM-DD" in quotes, got {v!r}')
    return v


def _flag(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError(f"must be true or false, got {v!r}")
    return v


def _day(v: Any) -> date:
    if isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise ValueError(f"must be a day as YYYY-MM-DD, got {v!r}")


# Keys the calculators rely on, and how each value is checked.
SCHEMA: dict[str, Callable[[Any], Any]] = {
    "support.tier1.ratio": _ratio,
    "support.tier1.cap_krw": _count,
    "support.tier1.funding": _text,
    "support.tier2.ratio": _ratio,
    "support.tier2.cap_krw": _count,
    "support.tier2.funding": _text,
    "support.led_max_share": _ratio,
    "eligibility.tier1_min_reduction_tco2": _number,
    "eligibility.tier2_min_reduction_tco2": _number,
    "eligibility.eligible_sizes": _texts,
    "eligibility.tier2_sizes": _texts,
    "eligibility.overdue_tolerance_days": _count,
    "eligibility.projects_per_round_tier2": _count,
    "repayment.grace_months": _count,
    "repayment.installments": _count,
    "repayment.interval_months": _count,
    "repayment.notice_days": _count,
    "repayment.default_days": _count,
    "repayment.max_deferral_months": _count,
    "repayment.interest_rate": _ratio,
    "mrv.report_due": _month_day,
    "mrv.record_keeping_years": _count,
    "offsets.crediting_years": _count,
    "offsets.rights_holder": _text,
    "offsets.act_offset_cap_share": _ratio,
    "offsets.koc_conversion_years": _count,
    "obligations.clawback_years": _count,
    "obligations.idle_months": _count,
    "obligations.false_statement_exclusion_years": _count,
    "repayment.tier2_repaid": _flag,
    "repayment.deferrals_per_firm": _count,
    "cost_exclusions": _texts,
}

# Keys a knowledge base may leave out: what depends on them is then not worked out.
OPTIONAL: dict[str, Callable[[Any], Any]] = {
    "act.surrender_months": _count,
    "act.surcharge_multiple": _count,
    "act.former_surcharge_cap_krw": _count,
    "act.surcharge_cap_deleted_from": _day,
}

_CACHE: dict[tuple[Path, int], Parameters] = {}


class Parameters:
    """Validated parameters: ``p["repayment.grace_months"]`` → :class:`Param`."""

    def __init__(self, path: Path, params: dict[str, Param], categories: tuple[Category, ...],
                 excluded: tuple[Exclusion, ...], cost_items: tuple[Exclusion, ...] = ()) -> None:
        self.path = path
        self._params = params
        self.categories = categories
        self.excluded = excluded  # §5.2: items that are not eligible equipment
        self.cost_items = cost_items  # §5.3: costs never counted in the eligible cost

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> Parameters:
        """Load and validate ``path``; cached until the file changes."""
        path = Path(path).resolve()
        try:
            stamp = path.stat().st_mtime_ns
        except OSError as exc:
            raise ParametersError(f"{path}: cannot read parameter file ({exc.strerror})") from exc
        if (path, stamp) not in _CACHE:
            _CACHE[(path, stamp)] = cls._parse(path)
        return _CACHE[(path, stamp)]

    @classmethod
    def _parse(cls, path: Path) -> Parameters:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ParametersError(f"{path}: not readable YAML: {exc}") from exc
        if not isinstance(raw, dict):
            raise ParametersError(f"{path}: top level must be a mapping of sections")
        flat: dict[str, Param] = {}
        for key, node in raw.items():
            if key not in ("categories", "excluded", "cost_items"):
                _flatten(path, str(key), node, flat)
        for key, check in (*SCHEMA.items(), *OPTIONAL.items()):
            if key not in flat:
                if key in OPTIONAL:
                    continue
                raise ParametersError(f"{path}: {key}: missing")
            try:
                flat[key] = Param(check(flat[key].value), flat[key].clause)
            except ValueError as exc:
                raise ParametersError(f"{path}: {key}: {exc}") from None
        categories = tuple(_category(path, i, e) for i, e in enumerate(_items(path, raw, "categories")))
        excluded = tuple(_exclusion(path, i, e) for i, e in enumerate(_items(path, raw, "excluded")))
        cost_items = tuple(_exclusion(path, i, e, "cost_items")  # optional: without it, no cost is taken out
                           for i, e in enumerate(_items(path, raw, "cost_items") if "cost_items" in raw else []))
        for name, group in (("categories", categories), ("excluded", excluded), ("cost_items", cost_items)):
            keys = [g.key for g in group]
            if len(set(keys)) != len(keys):
                raise ParametersError(f"{path}: {name}: duplicate key among {keys}")
        return cls(path, flat, categories, excluded, cost_items)

    def __getitem__(self, key: str) -> Param:
        try:
            return self._params[key]
        except KeyError:
            raise ParametersError(f"{self.path}: {key}: no such parameter") from None

    def __contains__(self, key: object) -> bool:
        return key in self._params

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def value(self, key: str) -> Any:
        """The bare value of ``key`` (use ``p[key].clause`` for its clause)."""
        return self[key].value

    def support(self, tier: int) -> tuple[Param, Param]:
        """(ratio, cap_krw) for tier 1 (§6.1) or tier 2 (§6.2); the ratio is a Decimal."""
        if tier not in (1, 2):
            raise ValueError(f"tier must be 1 or 2, got {tier!r}")
        return self[f"support.tier{tier}.ratio"], self[f"support.tier{tier}.cap_krw"]

    def category(self, key: str | None) -> Category | None:
        """The §5.1 category with this key, or None."""
        return next((c for c in self.categories if c.key == key), None)


def _flatten(path: Path, prefix: str, node: Any, out: dict[str, Param]) -> None:
    """Walk nested sections down to ``{value, clause}`` leaves."""
    if isinstance(node, dict) and set(node) == {"value", "clause"}:
        out[prefix] = Param(node["value"], _clause(path, prefix, node["clause"]))
    elif isinstance(node, dict) and node:
        for key, child in node.items():
            _flatten(path, f"{prefix}.{key}", child, out)
    else:
        raise ParametersError(f"{path}: {prefix}: expected {{value: ..., clause: ...}} or a section, got {node!r}")


def _clause(path: Path, key: str, clause: Any) -> str:
    if not isinstance(clause, str) or not CLAUSE.match(clause):
        raise ParametersError(f'{path}: {key}: clause must look like "§6", "§6.1" or "Art. 29", got {clause!r}')
    return clause


def _items(path: Path, raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = raw.get(name)
    if not isinstance(items, list) or not items or not all(isinstance(e, dict) for e in items):
        raise ParametersError(f"{path}: {name}: must be a non-empty list of entries")
    return items


def _entry(path: Path, where: str, entry: dict[str, Any], extra: set[str]) -> dict[str, Any]:
    """Check the fields shared by categories and exclusions; returns normalised fields."""
    unknown = set(entry) - {"key", "name", "name_ko", "clause", "keywords"} - extra
    if unknown:
        raise ParametersError(f"{path}: {where}: unknown field(s) {sorted(unknown)}")
    try:
        key, name = _text(entry.get("key")), _text(entry.get("name"))
        name_ko = _text(entry["name_ko"]) if "name_ko" in entry else ""
        keywords = tuple(k.strip().lower() for k in _texts(entry.get("keywords")))
    except ValueError as exc:
        raise ParametersError(f"{path}: {where}: {exc}") from None
    return {"key": key, "name": name, "name_ko": name_ko, "keywords": keywords,
            "clause": _clause(path, f"{where} ({key})", entry.get("clause"))}


def _category(path: Path, i: int, entry: dict[str, Any]) -> Category:
    fields = _entry(path, f"categories[{i}]", entry, {"standalone"})
    standalone = entry.get("standalone", True)
    if not isinstance(standalone, bool):
        raise ParametersError(f"{path}: categories[{i}] ({fields['key']}): standalone must be true or false")
    return Category(standalone=standalone, **fields)


def _exclusion(path: Path, i: int, entry: dict[str, Any], section: str = "excluded") -> Exclusion:
    return Exclusion(**_entry(path, f"{section}[{i}]", entry, set()))
