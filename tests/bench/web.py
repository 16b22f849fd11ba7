"""Serve a built site on 127.0.0.1 and measure pages in a browser: weight and Lighthouse."""

import functools
import json
import os
import shutil
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LIGHTHOUSE = ROOT / "tests" / "tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass


class Server:
    """http.server in a thread, on a free port of 127.0.0.1."""

    def __init__(self, directory: Path):
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def page_weight(urls: dict[str, str], settle_ms: int = 1500) -> dict:
    """Bytes each page transfers on a first visit in a fresh browser context.

    Counts every response the page and its workers receive until the network
    is idle plus `settle_ms`, without touching the page (no search interaction).
    Body sizes are the encoded sizes Chromium reports (request.sizes());
    http.server does not compress, so they equal the files' sizes.
    """
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            for name, url in urls.items():
                context = browser.new_context()
                responses = []
                context.on("requestfinished", lambda request: responses.append(request))
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
                page.wait_for_timeout(settle_ms)
                resources = []
                for request in responses:
                    sizes = request.sizes()
                    response = request.response()
                    body = sizes.get("responseBodySize", 0)
                    if body <= 0 and response is not None:  # some versions report 0 for cached/worker bodies
                        try:
                            body = len(response.body())
                        except Exception:
                            body = 0
                    resources.append({
                        "url": urlsplit(request.url).path,
                        "type": request.resource_type,
                        "status": response.status if response else None,
                        "body_bytes": body,
                        "header_bytes": sizes.get("responseHeadersSize", 0),
                    })
                context.close()
                resources.sort(key=lambda r: -r["body_bytes"])
                results[name] = {
                    "url": url,
                    "requests": len(resources),
                    "body_bytes": sum(r["body_bytes"] for r in resources),
                    "transfer_bytes": sum(r["body_bytes"] + r["header_bytes"] for r in resources),
                    "search_index_loaded": any(r["url"].endswith("search_index.json") for r in resources),
                    "resources": resources,
                }
        finally:
            browser.close()
    return results


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

