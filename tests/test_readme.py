"""The README stays true: its commands exist and every setting is documented."""

from __future__ import annotations

import re

from bot.config import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [f"CARBONBOT_{name.upper()}" for name in Settings.model_fields
               if f"CARBONBOT_{name.upper()}" not in README]
    assert missing == []


def test_every_make_target_the_readme_names_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.MULTILINE))
    named = set(re.findall(r"make ([a-z][a-z-]*)", README))
    assert named and named <= targets


def test_ci_runs_the_readme_test_command():
    assert "make test" in README and "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
