"""Search click-to-first-result in Chromium, for the site's Pagefind search and for stock Material's.

One measurement, per query, in a fresh browser context (1366 x 900): the page
is loaded and the network idle, plus `settle_ms`; then the search input is
focused (the click), all but the last character of the query are put in
without events and the last one is typed as a real key, so the query is
complete at that keystroke. Timed in the page with performance.now(): from
the focus to the moment a MutationObserver on the result list sees the first
result item with a layout box. After `cap_s` seconds without a result the run
is recorded as capped.

Also recorded: the time from the last key to the first result, and the bytes
the server sent between the focus and the first result (what the first query
fetched: Pagefind's chunks; for Material, nothing, as it loaded its whole
index with the page).
"""

import statistics
from dataclasses import dataclass

from web import CHROME_ARGS, CHROMIUM, Server


@dataclass(frozen=True)
class Engine:
    name: str
    input: str  # the search box
    results: str  # the result list
    item: str  # a result item (visible once it has a layout box)


OURS = Engine("ours", ".kb-search__input", "#kb-search-results", "li.md-search-result__item")
STOCK = Engine("stock", ".md-search__input", ".md-search-result__list", ".md-search-result__item")

WATCH = """([list, item]) => {
  window.__kbT = {first: 0, key: 0, focus: 0};
  const root = document.querySelector(list);
  const check = () => {
    if (window.__kbT.first || !window.__kbT.key) return;
    const it = root.querySelector(item);
    if (it && it.getClientRects().length) window.__kbT.first = performance.now();
  };
  new MutationObserver(check).observe(root, {childList: true, subtree: true, attributes: true});
  document.addEventListener('keydown', () => { if (!window.__kbT.key) window.__kbT.key = performance.now() }, true);
  document.addEventListener('focusin', () => { if (!window.__kbT.focus) window.__kbT.focus = performance.now() }, true);
}"""


def first_results(server: Server, url: str, engine: Engine, queries: list[str], cap_s: float,
                  settle_ms: int = 1500, stop_at_cap: bool = True) -> list[dict]:
    """One record per query: focus_to_first_ms (None when capped), key_to_first_ms, bytes fetched.

    With stop_at_cap, the queries after a capped one are not run (each would
    cost the cap again); the records say which ran."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

    records = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            for query in queries:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                try:
                    page.goto(url, wait_until="load", timeout=max(cap_s, 60) * 1000)
                    page.wait_for_load_state("networkidle", timeout=max(cap_s, 60) * 1000)
                    page.wait_for_timeout(settle_ms)
                    before = server.httpd.take_log()
                    page.evaluate(WATCH, [engine.results, engine.item])
                    page.focus(engine.input)
                    page.evaluate("([s, q]) => { document.querySelector(s).value = q }", [engine.input, query[:-1]])
                    page.keyboard.type(query[-1])
                    record = {"query": query, "page_bytes": sum(r["sent_bytes"] for r in before)}
                    try:
                        page.wait_for_function("() => window.__kbT.first > 0", timeout=cap_s * 1000)
                        t = page.evaluate("() => window.__kbT")
                        record.update(focus_to_first_ms=round(t["first"] - t["focus"], 1),
                                      key_to_first_ms=round(t["first"] - t["key"], 1), capped=False)
                    except PlaywrightTimeout:
                        record.update(focus_to_first_ms=None, key_to_first_ms=None, capped=True)
                    fetched = server.httpd.take_log()
                    record.update(first_query_bytes=sum(r["sent_bytes"] for r in fetched),
                                  first_query_requests=len(fetched))
                finally:
                    context.close()
                records.append(record)
                if record["capped"] and stop_at_cap:
                    break
        finally:
            browser.close()
    return records


def summary(records: list[dict], queries: list[str], cap_s: float) -> dict:
    """Median focus-to-first-result over the queries; capped when any run hit the cap
    (the median is then unknown beyond "more than the cap" unless most runs finished)."""
    times = [r["focus_to_first_ms"] for r in records if not r["capped"]]
    capped = sum(r["capped"] for r in records)
    # A capped run counts as +infinity for the median: known only when more than half finished.
    values = sorted(times) + [float("inf")] * capped
    median = statistics.median(values) if values else None
    known = median is not None and median != float("inf")
    return {
        "median_ms": round(median, 1) if known else None,
        "capped": capped > 0,
        "median_over_cap": bool(values) and not known,
        "runs": len(records),
        "queries_asked": len(queries),
        "cap_s": cap_s,
        "runs_ms": [r["focus_to_first_ms"] for r in records],
    }
