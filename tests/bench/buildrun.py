"""Run `mkdocs build` in a child process and measure it: wall time and peak memory.

Peak memory is the child's own maximum resident set size, read from the
rusage that os.wait4 returns for that one process (RUSAGE_CHILDREN would give
the maximum over every child the benchmark has waited for so far, not this one).

Linux carries a process's peak over exec, and subprocess starts the child with
vfork, so the child's figure starts at the benchmark's own peak so far: after
the search step (which holds stock Material's x100 index, ~0.9 GB) every build
reported at least that. So the benchmark resets its own peak to its current size
before each child (reset_own_peak); the floor is then what it holds at that moment.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def python() -> str:
    """The project's venv interpreter (not resolved: a resolved venv python loses its packages)."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    returncode: int
    output: str  # stdout + stderr
    warnings: int  # lines starting with WARNING
    stopped: bool = False  # killed after `timeout` seconds: not a failure, a lower bound
    # CPU time (user + system) of the build and every process it waited for: the
    # engine forks three (macros/background.py, macros/convert_ahead.py), so its wall time uses a second core.
    cpu_seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.returncode != 0 and not self.stopped


@dataclass
class Series:
    """Several builds of one project."""
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every run finished and succeeded."""
        return bool(self.runs) and all(r.returncode == 0 for r in self.runs)

    @property
    def failed(self) -> bool:
        """A run failed (a stopped run is not a failure)."""
        return any(r.failed for r in self.runs)

    @property
    def stopped(self) -> Run | None:
        return next((r for r in self.runs if r.stopped), None)

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs if r.returncode == 0]

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def median_cpu(self) -> float | None:
        values = [r.cpu_seconds for r in self.runs if r.returncode == 0]
        return statistics.median(values) if values else None

    @property
    def min(self) -> float | None:
        return min(self.times) if self.times else None

    @property
    def max_rss_kb(self) -> int | None:
        values = [r.max_rss_kb for r in self.runs if r.returncode == 0]
        return max(values) if values else None

    def as_json(self) -> dict:
        return {
            "runs": len(self.runs),
            "ok": self.ok,
            "seconds": [round(r.seconds, 3) for r in self.runs],
            "median_s": _round(self.median),
            "median_cpu_s": _round(self.median_cpu),
            "min_s": _round(self.min),
            "peak_rss_mb": _round(self.max_rss_kb / 1024 if self.max_rss_kb else None, 1),
            "warnings": self.runs[-1].warnings if self.runs else None,
            "stopped_after_s": round(self.stopped.seconds, 1) if self.stopped else None,
            "stopped_peak_rss_mb": round(self.stopped.max_rss_kb / 1024, 1) if self.stopped else None,
        }


def _round(value, digits=3):
    return round(value, digits) if value is not None else None


def build(project: Path, site_dir: Path, strict: bool = True, timeout: float | None = None) -> Run:
    """One `python -m mkdocs build [--strict] --site-dir site_dir` in `project`.

    With a timeout, the build is killed once it has run that long and the Run
    says `stopped`; its time and memory are then lower bounds.
    """
    cmd = [python(), "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if strict:
        cmd.insert(4, "--strict")
    return run(cmd, project, timeout)


def reset_own_peak() -> bool:
    """Set this process's peak resident size to its current size (Linux >= 4.0:
    /proc/self/clear_refs, value 5), so a child started now does not inherit it
    (see the module's docstring). False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def run(cmd: list[str], cwd: Path, timeout: float | None = None) -> Run:
    """Run `cmd` in `cwd` as a child process: wall time, its peak memory, its output (see build)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    reset_own_peak()
    with tempfile.TemporaryFile() as out:  # a file, not a pipe: a full pipe would stall the child
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        stopped = threading.Event()
        timer = threading.Timer(timeout, lambda: (stopped.set(), proc.kill())) if timeout else None
        if timer:
            timer.start()
        # Wait for the exit without reaping: until wait4 below, the pid stays ours,
        # so the timer can only ever kill our own child (or its zombie).
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
            timer.join()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    warnings = sum(1 for line in text.splitlines() if line.startswith("WARNING"))
    killed = stopped.is_set() and proc.returncode != 0  # a build that finished as the timer fired counts
    return Run(seconds, usage.ru_maxrss, proc.returncode, text, warnings, killed,
               usage.ru_utime + usage.ru_stime)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def file_size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None
