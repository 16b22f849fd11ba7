"""A real browser for the tests: Debian's Chromium driven by Playwright, on the built site.

Playwright's own browser download does not work here, so the tests launch the
system Chromium (CHROMIUM, default /usr/bin/chromium). Without it the browser
tests skip with the reason, except under REQUIRE_ALL_CHECKS=1 (CI), where a
missing browser is a failure: skipped checks must not pass as green.
"""

import functools
import http.server
import os
import socket
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_browser() -> None:
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chrome"
        if os.environ.get("REQUIRE_ALL_CHECKS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: run make test, which installs requirements.txt")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the site's 404.html for missing paths, like a real host."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    # The default listen backlog is 5: linkinator's parallel requests on a busy
    # machine overflowed it and got connection resets (status 0) for good links.
    request_queue_size = 128
    daemon_threads = True


class SiteServer:
    """A folder served on 127.0.0.1 in a thread (port 0: any free port)."""

    def __init__(self, root: Path, port: int = 0, handler=_Handler, server=_Server):
        self.httpd = server(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
