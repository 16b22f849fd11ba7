"""Work done in a forked process while the build goes on (a second core).

A build (`mkdocs build`, one process) uses one core; the data files (JSON API,
Markdown exports, oEmbed) are not needed until every page is written, so the
compile step forks a child that writes them to a folder while MkDocs renders
pages. The child inherits the loaded guide (no pickling of the knowledge base)
and sends back a small result (what it wrote) or an error message.

Only on Linux (fork is unsafe on macOS once system libraries have started
threads, and Windows has none); elsewhere, or with KB_WORKERS=1, the work runs
in place when the Job is made: same output, one core.
"""

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any


class JobFailed(Exception):
    """The background work raised; the message is the child's."""


class Job:
    def __init__(self, work: Callable[[], Any]):
        self._error: str | None = None
        self._result = None
        self._process = None
        if not forking():
            try:
                self._result = work()
            except Exception as exc:  # reported by wait(), as for a child
                self._error = _describe(exc)
            return
        global _work
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        # The child finds its work in a global as the fork copies it; the parent keeps
        # no reference (a Process keeps its arguments), so what only the work
        # needs, the loaded guide above all, can be freed here while the child runs.
        _work = work
        try:
            self._process = context.Process(target=_run, args=(writer,), daemon=True)
            self._process.start()
        finally:
            _work = None
        writer.close()

    def wait(self) -> Any:
        """Block until the work is done; its result, or JobFailed if it failed."""
        if self._process is not None:
            try:
                self._error, self._result = self._reader.recv()
            except EOFError:  # the child died without a word (killed, out of memory)
                self._process.join()
                self._error = f"the background process ended with exit code {self._process.exitcode}"
            self._process.join()
            self._reader.close()
            self._process = None
        if self._error:
            raise JobFailed(self._error)
        return self._result

    def cancel(self) -> None:
        """Stop the work (a failed build does not wait for its data files)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            self._process = None


def forking() -> bool:
    return os.environ.get("KB_WORKERS", "") != "1" and sys.platform.startswith("linux")


_work: Callable[[], Any] | None = None  # set only while a Job forks its child


def _run(writer) -> None:
    try:
        writer.send(("", _work()))
    except BaseException as exc:  # noqa: BLE001  everything reaches the parent as text
        writer.send((_describe(exc), None))
    finally:
        writer.close()


def _describe(exc: BaseException) -> str:
    # Our errors name the file already; anything else is a bug: keep where it happened.
    if type(exc).__module__.startswith("macros"):
        return str(exc)
    return "".join(traceback.format_exception(exc)).rstrip()
