"""Where things live in the data dir, and the atomic switch between index generations.

```
<data_dir>/
  CURRENT                 name of the live generation (replaced atomically)
  ingest.lock             one ingest at a time
  audit.sqlite            audit log and thread state: never part of a generation
  generations/<gen>/      chroma/ (embedded mode), chunks.jsonl, records.sqlite, manifest.json
```
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from bot.errors import CarbonbotError, IndexNotReady


class DataDir:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def generations(self) -> Path:
        return self.root / "generations"

    @property
    def audit_db(self) -> Path:
        return self.root / "audit.sqlite"

    def current(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.generations / name).is_dir() else None

    def require_current(self) -> str:
        gen = self.current()
        if gen is None:
            raise IndexNotReady(f"no index in {self.root}: run `carbonbot ingest` first")
        return gen

    def path(self, generation: str) -> Path:
        return self.generations / generation

    def new_generation(self) -> tuple[str, Path]:
        name = datetime.now(timezone.utc).strftime("g%Y%m%d%H%M%S%f")
        path = self.generations / name
        path.mkdir(parents=True)
        return name, path

    def switch(self, generation: str) -> None:
        """Point CURRENT at ``generation``: write aside, fsync, rename (atomic on POSIX)."""
        tmp = self.root / "CURRENT.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(generation + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / "CURRENT")

    def stamp(self) -> float:
        """Changes whenever CURRENT is switched; readers poll it to reload."""
        try:
            return (self.root / "CURRENT").stat().st_mtime_ns
        except FileNotFoundError:
            return 0.0

    def prune(self, keep: set[str]) -> list[str]:
        """Remove generation dirs not in ``keep`` (leftovers of failed or old runs)."""
        removed = []
        if self.generations.is_dir():
            for path in self.generations.iterdir():
                if path.name not in keep:
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(path.name)
        return removed

    @contextmanager
    def lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "ingest.lock").open("w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise CarbonbotError(f"another ingest is running on {self.root}") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
