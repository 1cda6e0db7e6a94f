"""The sample knowledge base keeps the rulebook's section map and names a clause for every parameter."""

from __future__ import annotations

import re

import yaml

from ingest.loaders.markdown import parse_markdown
from tests.conftest import KNOWLEDGE

# The section map the gold questions and calculators cite (DOMAIN.md, "Sample rulebook").
SECTION_MAP = (
    ["§1", "§2", "§3", "§4", "§5", "§6", "§7", "§8", "§9", "§10", "§11", "§12"]
    + [f"§3.{i}" for i in range(1, 6)] + [f"§4.{i}" for i in range(1, 5)] + [f"§5.{i}" for i in range(1, 4)]
    + [f"§6.{i}" for i in range(1, 4)] + [f"§7.{i}" for i in range(1, 7)] + [f"§9.{i}" for i in range(1, 5)]
    + [f"§10.{i}" for i in range(1, 6)] + ["§11.1", "§11.2"]
)
ARTICLES = ["Art. 2", "Art. 8", "Art. 27", "Art. 28", "Art. 29", "Art. 30", "Art. 31", "Art. 33"]


def headings(path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^#{2,3}\s+(§\d+(?:\.\d+)?|Art\. \d+)\b", text, re.MULTILINE)}


def test_every_clause_of_the_section_map_is_in_the_rules():
    found = headings(KNOWLEDGE / "program" / "rules.md")
    assert [c for c in SECTION_MAP if c not in found] == []


def test_the_act_digest_has_a_section_per_article_marked_as_summary():
    path = KNOWLEDGE / "law" / "ets-act.md"
    assert [a for a in ARTICLES if a not in headings(path)] == []
    title, sections = parse_markdown(path.read_text(encoding="utf-8"), "x")
    assert "Emissions Trading Act" in title
    assert "not the official text" in path.read_text(encoding="utf-8").lower()


def test_every_parameter_names_an_existing_clause():
    rules = headings(KNOWLEDGE / "program" / "rules.md") | headings(KNOWLEDGE / "law" / "ets-act.md")
    params = yaml.safe_load((KNOWLEDGE / "program" / "parameters.yaml").read_text(encoding="utf-8"))
    clauses: list[tuple[str, str]] = []

    def walk(node, path):
        if isinstance(node, dict):
            if "clause" in node:
                clauses.append((path, node["clause"]))
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    walk(params, "parameters")
    assert len(clauses) > 20
    assert [(p, c) for p, c in clauses if c not in rules] == []


def test_faq_entries_are_unique_and_cite_a_clause():
    ids, missing = [], []
    for path in sorted((KNOWLEDGE / "faq").glob("*.md")):
        if path.name.endswith(".ko.md"):
            continue  # the Korean FAQ is checked against this one below
        _, sections = parse_markdown(path.read_text(encoding="utf-8"), path.stem)
        for s in sections:
            if s.locator.startswith("FAQ-"):
                ids.append(s.locator)
                if not re.search(r"§\d+|Art\. \d+", s.text):
                    missing.append(s.locator)
    assert len(ids) >= 25 and len(ids) == len(set(ids))
    assert missing == []


def test_every_partner_file_says_the_data_is_fictional():
    for path in sorted((KNOWLEDGE / "partners").glob("*.csv")):
        assert "fictional" in path.read_text(encoding="utf-8").splitlines()[0].lower(), path.name


def _locators(path) -> list[str]:
    _, sections = parse_markdown(path.read_text(encoding="utf-8"), path.stem)
    return [s.locator for s in sections]


def test_every_document_has_its_korean_twin_with_the_same_clauses_in_the_same_order():
    """One identity per clause across languages: a clause in one language and not the other fails here."""
    english = sorted(p for p in KNOWLEDGE.rglob("*.md") if not p.name.endswith(".ko.md"))
    assert english
    for path in english:
        twin = path.with_name(path.name[: -len(".md")] + ".ko.md")
        assert twin.exists(), f"{twin.relative_to(KNOWLEDGE)} is missing"
        assert _locators(twin) == _locators(path), path.name
    for twin in KNOWLEDGE.rglob("*.ko.md"):
        assert twin.with_name(twin.name.replace(".ko.md", ".md")).exists(), f"{twin.name} has no English original"


def test_korean_text_keeps_every_figure_and_reference_of_its_clause():
    """Each Korean clause cites the same clauses as its English one, and every percentage survives."""
    for path in sorted(KNOWLEDGE.rglob("*.ko.md")):
        en = dict(_sections(path.with_name(path.name.replace(".ko.md", ".md"))))
        for locator, text in _sections(path):
            refs = lambda t: sorted(set(re.findall(r"§\d+(?:\.\d+)*", t)))  # noqa: E731
            assert refs(text) == refs(en[locator]), (path.name, locator)
            pct = lambda t: sorted(re.findall(r"\d+(?:\.\d+)?%", t))  # noqa: E731
            assert pct(text) == pct(en[locator]), (path.name, locator)


def _sections(path) -> list[tuple[str, str]]:
    _, sections = parse_markdown(path.read_text(encoding="utf-8"), path.stem)
    return [(s.locator, s.text) for s in sections]
