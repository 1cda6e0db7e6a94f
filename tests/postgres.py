"""A throwaway PostgreSQL cluster for the tests: Debian's ``postgresql`` binaries, run as the ``postgres`` user in
a temporary directory on a free port, stopped at the end of the session.

Nothing here skips: when PostgreSQL cannot be found or started, the PostgreSQL half of the backend tests fails
and says why (``make test`` installs it through the ``postgres`` target).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

INSTALL = "install it with `sudo apt-get install -y postgresql` (or `make postgres`)"


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise PostgresUnavailable(f"PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: {INSTALL}")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """``initdb`` + ``pg_ctl start`` as the postgres user (root may not run a PostgreSQL server)."""

    def __init__(self) -> None:
        self.bin = _bindir()
        try:
            self.owner = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable(f"there is no 'postgres' user to run the server as: {INSTALL}") from None
        self.root = Path(tempfile.mkdtemp(prefix="carbonbot-pg-"))
        os.chmod(self.root, 0o755)
        self.data = self.root / "data"
        self.port = _free_port()
        self.password = uuid.uuid4().hex
        self.started = False

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != "postgres":
            raise PostgresUnavailable("the test PostgreSQL must run as the postgres user: run the tests as root "
                                      "(runuser) or as postgres")
        return subprocess.run(prefix + list(args), capture_output=True, text=True, timeout=timeout)

    def start(self) -> "Cluster":
        os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        pwfile = self.root / "pw"
        pwfile.write_text(self.password)
        os.chown(pwfile, self.owner.pw_uid, self.owner.pw_gid)
        done = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "scram-sha-256",
                         f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-o",
                         options, "-w", "-t", "60", "start")
        if done.returncode:
            log = (self.root / "log").read_text(errors="replace")[-800:] if (self.root / "log").exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {done.stderr.strip()[-300:]} {log}")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
