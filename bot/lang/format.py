"""How record answers write amounts and tonnes (one place, so every answer writes them alike)."""

from __future__ import annotations


def krw(amount: int | None) -> str:
    return f"KRW {amount:,}" if amount is not None else "not recorded"


def tonnes(value: float | None) -> str:
    return "0" if not value else f"{value:,.1f}".rstrip("0").rstrip(".")
