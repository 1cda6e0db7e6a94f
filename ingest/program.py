"""Seeded synthetic program of any size, for scale tests and the benchmark (``carbonbot generate``).

Writes a whole knowledge folder: the documents and ``parameters.yaml`` copied from the shipped knowledge base,
and ``partners/`` with firms, projects, reductions, ledger and users for ``n`` firms, in the formats ingest
reads. Tier-1 and tier-2 firms come in the sample's proportions (110 : 128) and cycle through the sample's
planned cases (eligibility failures, repayment states, offset stages), built by the sample generator's own
code, so support amounts follow §6 and payments follow the §7.2 schedule of
:func:`bot.calculators.schedule.installment_schedule`. Each payment is split into several transfers on its
day (same sum, same date), which brings the ledger to about ``ledger_rows`` rows per firm without changing any
figure. The same ``n`` and ``seed`` give byte-identical files.

Names are "<own word> <kind> Co., Ltd.": the own word is two Hangul syllables read back by romanization, so
Korean questions can name a generated firm as they name a sample one (한새정밀 is Hansae Precision).
"""

from __future__ import annotations

import math
import random
import shutil
from pathlib import Path

from bot.lang.romanize import romanize
from ingest.sample_partners import (
    AS_OF,
    SECOND,
    T1_PLAN,
    T1_TOTAL,
    T2_PLAN,
    T2_TOTAL,
    Firm,
    Generator,
    build_projects,
    dispose_tier1,
    domain,
    expand,
    write,
)

SYLLABLES = "한새다미보서하은금별솔누리나빛온가람해달봄들결윤초아두로세"
# the sample's tier mix: 90 + 20 tier-1 firms and 120 + 8 tier-2 firms
TIER1_SHARE = (T1_TOTAL + 20) / (T1_TOTAL + 20 + T2_TOTAL + 8)
MAX_FIRMS = 2 * 9999  # ids have at most four digits per tier (P-T1-9999)
GIVEN = ["Minji", "Jiwoo", "Seoyeon", "Hyunwoo", "Dohyun", "Yuna", "Jaehyun", "Soyeon", "Taemin", "Hayoung"]
FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Seo"]


class CyclingGenerator(Generator):
    """The sample generator, with its per-case variants cycling so a case can be planted on any number of firms."""

    def nth(self, case: str) -> int:
        return super().nth(case) % 3


def own_words() -> list[str]:
    """Two-syllable own words, distinct once romanized (한울 and 하눌 both read "hanul": one is kept)."""
    out: dict[str, str] = {}
    for a in SYLLABLES:
        for b in SYLLABLES:
            if a != b:
                out.setdefault(romanize(a + b), a + b)
    return [w.capitalize() for w in out]


def firm_names(rng: random.Random, n: int) -> list[str]:
    combos = [f"{own} {kind} Co., Ltd." for own in own_words() for kind in SECOND]
    if n > len(combos):
        raise ValueError(f"at most {len(combos)} firms can be named, asked for {n}")
    rng.shuffle(combos)
    return combos[:n]


def generate_program(n: int, seed: int = 2026, ledger_rows: int = 100) -> dict[str, list[dict]]:
    """The record tables of a program of ``n`` firms (``n`` >= 2)."""
    if not 2 <= n <= MAX_FIRMS:
        raise ValueError(f"--firms must be between 2 and {MAX_FIRMS}, got {n}")
    gen = CyclingGenerator(seed)
    names = firm_names(gen.rng, n)
    n1 = max(1, min(n - 1, round(n * TIER1_SHARE)))
    t1_cases, t2_cases = expand(T1_PLAN, T1_TOTAL), expand(T2_PLAN, T2_TOTAL)
    firms: list[Firm] = []
    for i in range(1, n1 + 1):
        cases = list(t1_cases[(i - 1) % len(t1_cases)])
        firms.append(Firm(gen.firm_row(f"P-T1-{i:03d}", names[i - 1], 1, cases, None), cases))
    participating = [f.row["partner_id"] for f in firms if f.row["agreement_signed"] == "yes"]
    not_participating = [f.row["partner_id"] for f in firms if f.row["agreement_signed"] == "no"] or participating
    for i in range(1, n - n1 + 1):
        cases = list(t2_cases[(i - 1) % len(t2_cases)])
        parent = (not_participating[i % len(not_participating)] if "t2_fail_4_1_parent" in cases
                  else participating[(i * 7) % len(participating)])
        firms.append(Firm(gen.firm_row(f"P-T2-{i:03d}", names[n1 + i - 1], 2, cases, parent), cases))

    build_projects(gen, firms)  # as the sample generator builds its first 210 firms
    dispose_tier1(firms)
    split_payments(firms, n * ledger_rows)
    return {
        "firms": [f.row for f in firms],
        "projects": [p for f in firms for p in f.projects],
        "reductions": [r for f in firms for r in f.reductions],
        "ledger": [e for f in firms for e in f.ledger],
        "users": users(random.Random(seed + 2), firms),
    }


def split_payments(firms: list[Firm], target_rows: int) -> None:
    """Each payment becomes ``parts`` transfers on its day, summing to it, so the ledger has ~``target_rows`` rows."""
    payments = sum(len(f.ledger) for f in firms)
    if not payments:
        return
    parts = max(1, math.ceil(target_rows / payments))
    for firm in firms:
        pid, rows = firm.row["partner_id"], []
        for entry in firm.ledger:
            amount, memo = entry["amount_krw"], entry["memo"]
            share = amount // parts
            for j in range(parts):
                part = share + (amount - share * parts if j == parts - 1 else 0)
                if part <= 0:
                    continue
                rows.append({"entry_id": f"L-{pid[2:]}-{len(rows) + 1:04d}", "partner_id": pid,
                             "paid_on": entry["paid_on"], "amount_krw": part,
                             "memo": memo if parts == 1 else f"{memo} (transfer {j + 1} of {parts})"})
        firm.ledger[:] = rows


def users(rng: random.Random, firms: list[Firm]) -> list[dict]:
    """One to three Slack users per firm, and four staff; ids and emails unique."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    seen_ids: set[str] = set()
    seen_emails: set[str] = set()

    def uid() -> str:
        while True:
            value = "U" + "".join(rng.choice(alphabet) for _ in range(10))
            if value not in seen_ids:
                seen_ids.add(value)
                return value

    rows: list[dict] = []
    for firm in firms:
        for _ in range(rng.choice([1, 1, 2, 3])):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            local = f"{given}.{family}".lower()
            email = f"{local}@{firm.row['email_domain'] or domain(firm.row['name'])}"
            if email in seen_emails:
                email = f"{local}{len(rows)}@{firm.row['email_domain']}"
            seen_emails.add(email)
            rows.append({"slack_user_id": uid(), "email": email, "display_name": f"{given} {family}",
                         "role": "partner", "partner_id": firm.row["partner_id"]})
    for given, family in [("Sujin", "Bae"), ("Hojun", "Moon"), ("Yerin", "Shin"), ("Donghyun", "Oh")]:
        rows.append({"slack_user_id": uid(), "email": f"{given}.{family}@kap.example".lower(),
                     "display_name": f"{given} {family}", "role": "staff", "partner_id": ""})
    return rows


def write_program(out: Path, n: int, seed: int, documents: Path, ledger_rows: int = 100) -> dict[str, int]:
    """A knowledge folder at ``out``: ``documents``' files except its partner records, and generated records.

    Returns the row count of each table.
    """
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(documents.rglob("*")):
        rel = path.relative_to(documents)
        if path.is_file() and rel.parts[0] != "partners" and not any(p.startswith(".") for p in rel.parts):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out / rel)
    tables = generate_program(n, seed, ledger_rows)
    write(out / "partners", tables)
    return {name: len(rows) for name, rows in tables.items()}


__all__ = ["AS_OF", "generate_program", "write_program"]
