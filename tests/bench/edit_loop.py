"""Benchmark of the edit loop: save a question's YAML under `mkdocs serve` and time
until the page open in Chromium shows the new text.

    .venv/bin/python tests/bench/edit_loop.py [--saves 5] [--port 8765] [--root DIR] [--serve-args ...]

The server runs on a snapshot of the project (synth.snapshot: the real data,
unchanged), started as `make serve` starts it. Each save rewrites the question's
title with a new marker; the time is from just before the write to the moment
the marker is in the reloaded page's text. Prints each time and the median.
Then it saves the question with an invalid level and times until the browser
shows the error naming the file, and, after putting the file back, until the
page shows again (the server keeps running through both). `make bench` runs the
same measurement (bench.py, step_edit_loop).
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import synth  # noqa: E402
from browser import ARGS, CHROMIUM  # noqa: E402  the test suite's browser set-up

QUESTION = "active-active-multi-region-conflict-resolution"
# The flags `make serve` passes (Makefile), besides the address.
SERVE_ARGS = ["serve", "--strict", "--dirty"]


def start_server(project: Path, port: int, args: list[str]) -> subprocess.Popen:
    log = open(project / "serve.log", "w")
    return subprocess.Popen([sys.executable, "-m", "mkdocs", *args, "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def wait_for(url: str, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def shows(page, text: str) -> bool:
    try:
        return bool(page.evaluate("t => !!document.body && document.body.innerText.includes(t)", text))
    except Exception:  # the page is navigating (reloading)
        return False


def save_and_wait(page, path: Path, text: str, visible, what: str, timeout: float) -> float:
    """Write text to path; seconds until visible(page) holds."""
    started = time.monotonic()
    path.write_text(text, encoding="utf-8")
    while not visible(page):
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"{what} not visible after {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - started


def save_and_time(page, path: Path, marker: str, timeout: float = 600) -> float:
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^title: .*$", f"title: Conflict resolution across regions {marker}", text, count=1)
    return save_and_wait(page, path, new, lambda p: shows(p, marker), marker, timeout)


def save_error_and_fix(page, path: Path, timeout: float) -> tuple[float, float]:
    """Save the question with an invalid level, then put the file back: seconds until
    the browser shows the error naming the file, and until it shows the page again."""
    text = path.read_text(encoding="utf-8")
    named = f"data/questions/{path.name}:"
    title = re.search(r"(?m)^title: (.*)$", text).group(1)
    invalid = re.sub(r"(?m)^level: .*$", "level: wizard", text, count=1)
    error = save_and_wait(page, path, invalid, lambda p: shows(p, named), f"the error naming {named}", timeout)
    back = save_and_wait(page, path, text, lambda p: not shows(p, named) and shows(p, title), "the fixed page", timeout)
    return error, back


FAULT_TIMEOUT = 120  # seconds for the invalid save's error, and for the page after the fix


def measure(project: Path, port: int, saves: int, pause: float, serve_args: list[str],
            say=print) -> tuple[list[float], tuple[float, float] | None]:
    """Serve `project` (a snapshot it may edit), save the question `saves` times, then
    save it invalid and fix it. Returns each save's seconds to visible text, and the
    seconds to the error in the browser and back to the page (None if either did not
    happen within FAULT_TIMEOUT). The server is stopped at the end."""
    from playwright.sync_api import sync_playwright

    server = start_server(project, port, serve_args)
    url = f"http://127.0.0.1:{port}/questions/{QUESTION}/"
    times, fault = [], None
    try:
        wait_for(url)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=ARGS)
            page = browser.new_page()
            page.goto(url)
            time.sleep(2)
            for number in range(saves):
                elapsed = save_and_time(page, project / "data" / "questions" / f"{QUESTION}.yml", f"edit{number}x{os.getpid()}")
                times.append(elapsed)
                say(f"save {number + 1}: {elapsed:.2f} s (load {os.getloadavg()[0]:.2f})")
                time.sleep(pause)
            try:
                fault = save_error_and_fix(page, project / "data" / "questions" / f"{QUESTION}.yml", FAULT_TIMEOUT)
                say(f"data error shown: {fault[0]:.2f} s; page back after the fix: {fault[1]:.2f} s")
            except TimeoutError as exc:  # the error never showed, or the server stopped
                fault = None
                say(f"data error: {exc}")
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: the server cleans up after itself
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        say(f"server log: {project / 'serve.log'}")
    return times, fault


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pause", type=float, default=20.0,
                        help="seconds between saves, so that background work of the last one settles")
    parser.add_argument("--serve-args", default=" ".join(SERVE_ARGS))
    parser.add_argument("--root", type=Path, default=synth.ROOT, help="the project to snapshot (e.g. an older checkout)")
    args = parser.parse_args(argv)

    project = Path(tempfile.mkdtemp(prefix="kb-edit-loop-"))
    shutil.rmtree(project)
    synth.snapshot(project, args.root)
    times, _ = measure(project, args.port, args.saves, args.pause, args.serve_args.split(),
                    say=lambda line: print(line, flush=True))
    print(f"median save→visible: {statistics.median(times):.2f} s over {len(times)} saves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
