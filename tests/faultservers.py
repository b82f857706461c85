"""Throwaway Redis and PostgreSQL servers for fault tests.

Each test starts its own server on a free loopback port and stops or pauses
(SIGSTOP/SIGCONT) only that process, never the machine's services. Without
the binaries the tests skip locally; under CI=true that is a failure.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
REDIS_SERVER = shutil.which("redis-server")
PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
PG_BIN = PG_BIN_DIRS[-1] if PG_BIN_DIRS else None


def require(binary, what: str) -> None:
    if binary:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {what} is not installed")
    pytest.skip(f"{what} not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


class RedisServer:
    def __init__(self, *extra: str):
        require(REDIS_SERVER, "redis-server")
        self.port = free_port()
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @contextmanager
    def paused(self):
        """The process hangs: connections are accepted by the kernel, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(10)


def _as_postgres(cmd: list[str], **kwargs):
    if os.geteuid() == 0:  # initdb refuses to run as root
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class PostgresCluster:
    """initdb into a temp dir, pg_ctl on a free port; trust auth on loopback only."""

    def __init__(self):
        require(PG_BIN, "PostgreSQL server (/usr/lib/postgresql/*/bin)")
        self.dir = Path(tempfile.mkdtemp(prefix="jc-pg-"))
        os.chmod(self.dir, 0o777)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.data, self.port = self.dir / "data", free_port()
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
        )
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "postgres.log")
        _as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, "-w", "start"]
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pids(self) -> list[int]:
        """The postmaster and every backend it forked."""
        main = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == main:
                children.append(int(stat.parent.name))
        return [main, *children]

    @contextmanager
    def paused(self):
        pids = self.pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)

    def stop(self) -> None:
        try:
            for pid in self.pids():
                os.kill(pid, signal.SIGCONT)
            _as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
            )
        except (OSError, subprocess.CalledProcessError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def timed(function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started
