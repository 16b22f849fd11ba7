"""Serve a built site on 127.0.0.1 and measure pages in a browser: weight and Lighthouse."""

import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from browser import ARGS as CHROME_ARGS, CHROMIUM, SiteServer  # noqa: E402  the test suite's browser set-up
LIGHTHOUSE = ROOT / "tests" / "tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


GZIP_LEVEL = 6  # zlib's default; nginx's gzip_comp_level is often set to 5 or 6
GZIP_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg")  # the text types compressing hosts gzip


class _Handler(SimpleHTTPRequestHandler):
    """Static files; with gzip on, text types are sent with Content-Encoding: gzip to clients that accept it.

    Every response is logged on the server (path, status, file bytes, body bytes sent)."""

    server: "_HTTPServer"

    def log_message(self, *args):  # quiet
        pass

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if (self.server.gzip and wants_gzip and os.path.isfile(path)
                and os.path.splitext(path)[1].lower() in GZIP_SUFFIXES):
            raw_size, body = self.server.compressed(path)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.server.record(self.path, 200, raw_size, len(body), "gzip")
            return io.BytesIO(body)
        result = super().send_head()
        size = os.path.getsize(path) if result is not None and os.path.isfile(path) else 0
        self.server.record(self.path, int(getattr(self, "status", 0)), size, size, "")
        return result


class _HTTPServer(ThreadingHTTPServer):
    def __init__(self, address, handler, gzip_on: bool):
        super().__init__(address, handler)
        self.gzip = gzip_on
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.cache: dict[str, tuple[int, bytes]] = {}

    def compressed(self, path: str) -> tuple[int, bytes]:
        with self.lock:
            if path not in self.cache:
                raw = Path(path).read_bytes()
                self.cache[path] = (len(raw), gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0))
            return self.cache[path]

    def record(self, url_path: str, status: int, raw: int, sent: int, encoding: str) -> None:
        with self.lock:
            self.log.append({"path": urlsplit(url_path).path, "status": status, "raw_bytes": raw,
                             "sent_bytes": sent, "encoding": encoding})

    def take_log(self) -> list[dict]:
        with self.lock:
            log, self.log = self.log, []
        return log


class Server(SiteServer):
    """The test suite's site server, logging bytes sent; gzip=True compresses text types."""

    def __init__(self, directory: Path, gzip: bool = True):
        super().__init__(directory, handler=_Handler, server=functools.partial(_HTTPServer, gzip_on=gzip))


def wait_until_quiet(page, server: Server, pending: list[int], settle_ms: int, max_ms: int) -> int:
    """Wait until no request is in flight and the server has sent nothing for `settle_ms`.

    Scripts fetch after load (the kit page asks for roles/builder.json, then
    roles/scorecard/<id>.json for its questions); networkidle alone can fire in
    the gap between the two, so the server's own log is watched as well."""
    waited = 0
    seen = len(server.httpd.log)
    while waited < max_ms:
        page.wait_for_timeout(settle_ms)
        waited += settle_ms
        count = len(server.httpd.log)
        if count == seen and pending[0] <= 0:
            break
        seen = count
    return waited


def page_weight(server: Server, urls: dict[str, str], settle_ms: int = 1500, max_wait_ms: int = 20000) -> dict:
    """Bytes each page transfers on a first visit in a fresh browser context.

    Counts every response the page and its workers receive until the network
    is idle, then until nothing is in flight and nothing has been sent for
    `settle_ms` (at most `max_wait_ms`), without touching the page (no search
    interaction); search (site-search.js) loads pagefind/ only when the reader
    searches, so a first visit should fetch nothing from it. Sizes come from the server's own log: `raw`
    is the file's size (what a host without compression sends), `gzip` the
    body bytes sent with Content-Encoding: gzip (level GZIP_LEVEL) for
    html/css/js/json/xml/svg, the file's size for the rest. Chromium's own
    count of encoded body bytes is kept as a cross-check (`chromium_bytes`).
    Headers are not counted.
    """
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            for name, url in urls.items():
                server.httpd.take_log()  # drop anything left from the previous page
                context = browser.new_context()
                requests = []
                pending = [0]  # requests in flight
                context.on("request", lambda request: pending.__setitem__(0, pending[0] + 1))
                context.on("requestfailed", lambda request: pending.__setitem__(0, pending[0] - 1))
                context.on("requestfinished", lambda request: (requests.append(request),
                                                               pending.__setitem__(0, pending[0] - 1)))
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
                waited = wait_until_quiet(page, server, pending, settle_ms, max_wait_ms)
                seen = {}
                for request in requests:
                    path = urlsplit(request.url).path
                    seen[path] = {"type": request.resource_type,
                                  "chromium_bytes": request.sizes().get("responseBodySize", 0)}
                context.close()
                resources = []
                for entry in server.httpd.take_log():
                    info = seen.get(entry["path"], {})
                    resources.append({
                        "url": entry["path"], "status": entry["status"], "type": info.get("type"),
                        "raw_bytes": entry["raw_bytes"], "gzip_bytes": entry["sent_bytes"],
                        "encoding": entry["encoding"], "chromium_bytes": info.get("chromium_bytes"),
                    })
                resources.sort(key=lambda r: -r["raw_bytes"])
                results[name] = {
                    "url": url,
                    "requests": len(resources),
                    "raw_bytes": sum(r["raw_bytes"] for r in resources),
                    "gzip_bytes": sum(r["gzip_bytes"] for r in resources),
                    "chromium_bytes": sum(r["chromium_bytes"] or 0 for r in resources),
                    "gzip_level": GZIP_LEVEL,
                    "waited_after_networkidle_ms": waited,
                    "search_index_loaded": any("/pagefind/" in r["url"] for r in resources),
                    "resources": resources,
                }
        finally:
            browser.close()
    return results


def median_scores(runs: list[dict[str, int | None]]) -> dict[str, int | None]:
    """Per category, the median of the runs' scores (None where no run scored it)."""
    out = {}
    for category in runs[0]:
        values = sorted(r[category] for r in runs if r.get(category) is not None)
        out[category] = round(statistics.median(values)) if values else None
    return out


def lighthouse_available() -> str | None:
    """None when Lighthouse can run, else the reason it cannot."""
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE.relative_to(ROOT)} not found (npm install in tests/tools)"
    if not shutil.which("node"):
        return "node not found"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found"
    return None


def lighthouse(url: str, timeout: int = 180) -> dict:
    """Lighthouse category scores (0-100) for one URL, default (mobile) settings."""
    with tempfile.TemporaryDirectory(prefix="kb-bench-lh-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE), url,
            "--output=json", f"--output-path={report}", "--quiet",
            "--chrome-flags=--headless " + " ".join(CHROME_ARGS),
            "--only-categories=" + ",".join(CATEGORIES),
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=tmp)
        if proc.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-500:]}")
        data = json.loads(report.read_text())
    scores = {c: (round(data["categories"][c]["score"] * 100) if data["categories"][c]["score"] is not None else None)
              for c in CATEGORIES}
    failed = {  # audits that cost points: weighted, scored below 1
        c: [ref["id"] for ref in data["categories"][c]["auditRefs"]
            if ref.get("weight", 0) > 0 and (data["audits"].get(ref["id"]) or {}).get("score") not in (None, 1)]
        for c in CATEGORIES
    }
    metrics = {k: data["audits"][k].get("numericValue") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index", "total-byte-weight") if k in data["audits"]}
    return {"scores": scores, "failing_audits": failed, "metrics": metrics,
            "runtime_error": (data.get("runtimeError") or {}).get("message")}

