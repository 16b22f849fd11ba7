"""Benchmark of the site build and of the built pages (a report, not a test).

    .venv/bin/python tests/bench/bench.py [--runs 5]      # what `make bench` runs

Measures, in one run, side by side with stock Material where there is one:

1. the real site (a snapshot of the sources taken at the start):
   `mkdocs build --strict` N times (median, min), peak memory, HTML pages,
   site size, size of the search index (pagefind/);
2. synthetic data scaled x10 and x100 (synth.py): build time, time per entry
   and the ratio to k times the real build (target at x10 and x100: <= 1.2),
   peak memory (target at x100: <= 1 GB);
3. a baseline (baseline.py): the same HTML pages as plain Markdown built by
   stock Material; the ratio engine / baseline (target <= 1.10);
4. page weight: bytes a browser receives on a first visit, before any search,
   until the page is quiet, raw and gzip-compressed, for every page type (home,
   question, questions index, skill, glossary, question bank, kit, kit builder,
   debrief, scoping worksheet, whole guide, 404; target: gzip <= 250 KB each);
5. search click-to-first-result, ours (Pagefind) and stock Material's, at 1x,
   10x and 100x (copied corpora, corpora.py; timing in searchtime.py): medians,
   ours / stock, and ours x10 / x1 (our own target: <= 1.5);
6. Lighthouse scores of the home page, the largest question, the questions
   index, the question bank, the largest kit and the kit builder, median of
   --lighthouse-runs runs (target >= 95 in each category);
7. the edit loop (edit_loop.py): `mkdocs serve` as `make serve` runs it, on a
   copy of the real site; seconds from saving a question's YAML to the new
   text in the open page (median, target <= 2 s), then an invalid save: the
   error naming the file in the browser, and the page back once it is fixed.

Prints a table, writes .bench/results.json. Exit status 0 whatever the
targets say; 1 if a build fails. See tests/bench/README.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written into macros/ by this process
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import buildrun  # noqa: E402
import corpora  # noqa: E402
import edit_loop  # noqa: E402
import searchtime  # noqa: E402
import synth  # noqa: E402
import web  # noqa: E402
sys.path.insert(1, str(HERE.parent))
from browser import free_port  # noqa: E402  (tests/browser.py)
from search_bundle import indexed_pages  # noqa: E402  (tests/search_bundle.py)
from macros import search_index  # noqa: E402  (ROOT is on sys.path: synth and baseline put it there)
from macros.load import load_kb  # noqa: E402
from mkdocs.utils import yaml_load  # noqa: E402  (reads !ENV like mkdocs does)

OUT = ROOT / ".bench" / "results.json"
KB = 1000  # page weight and sizes in decimal units: 250 KB = 250,000 bytes

TARGET_SCALE_RATIO = 1.2  # xk build time / (k x real build time), k = 10 and 100
TARGET_SCALE_MEMORY = 1_000_000_000  # bytes: peak memory of the x100 build (1 GB)
TARGET_BASELINE_RATIO = 1.10  # engine build time / baseline build time
TARGET_PAGE_WEIGHT = 250 * KB  # gzip bytes transferred by any page on a first visit
TARGET_LIGHTHOUSE = 95  # every category
TARGET_EDIT_LOOP = 2.0  # seconds from saving a YAML file to the new text in the browser (median)
TARGET_INDEX_MEMORY = 1_000_000_000  # bytes: peak of search indexing at x100 (the 1 GB for the build)
TARGET_SEARCH_GROWTH = 1.5  # ours: first result at x10 / at x1 (our own target; the issue gives none)
SEARCH_QUERIES = ("p99", "idempotency", "raft")

STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


# Formatting --------------------------------------------------------------------

def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "n.a."
    if n >= 1e9:
        return f"{n / 1e9:.2f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.2f} MB"
    return f"{n / KB:.0f} KB" if n >= 100 * KB else f"{n / KB:.1f} KB"


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n.a."
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class Row:
    section: str
    name: str
    value: str
    target: str = ""
    status: str = "n.a."  # PASS, FAIL or n.a.
    note: str = ""


class Report:
    def __init__(self):
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def add(self, section, name, value, target="", status="n.a.", note=""):
        self.rows.append(Row(section, name, value, target, status, note))

    def check(self, section, name, value, ok: bool | None, target: str, note=""):
        self.add(section, name, value, target, "n.a." if ok is None else ("PASS" if ok else "FAIL"), note)

    def print(self) -> None:
        headers = ("Measurement", "Value", "Target", "Result")
        cells = [(r.name, r.value, r.target or "-", r.status) for r in self.rows]
        widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
        line = "  ".join("-" * w for w in widths)
        print()
        print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
        print(line)
        section = None
        order = {"Real": 1, "Synthetic": 2, "Baseline": 3, "Page": 4, "Search": 5, "Lighthouse": 6, "Edit": 7}
        ordered = sorted(zip(self.rows, cells), key=lambda rc: order.get(rc[0].section.split()[0].rstrip(":"), 9))
        for row, cell in ordered:
            if row.section != section:
                section = row.section
                print(f"{section}")
            print("  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip())
            if row.note:
                print(" " * 2 + f"  ({row.note})")
        print(line)
        for note in self.notes:
            print(f"* {note}")

    def as_json(self) -> list[dict]:
        return [vars(r) for r in self.rows]


# Builds ------------------------------------------------------------------------

class BuildFailed(Exception):
    pass


def show_failure(label: str, run: buildrun.Run) -> None:
    tail = "\n".join(run.output.strip().splitlines()[-40:])
    print(f"\n{label}: build failed (exit {run.returncode}); last lines of its output:\n{tail}\n", file=sys.stderr)


def scaled_series(k: int, project: Path, runs: int, tmp: Path, timeout: float | None, budget: float):
    """Builds of a synthetic project: stop a build at `timeout`; stop repeating past `budget` seconds."""
    series = buildrun.Series(f"x{k}")
    site = None
    note = ""
    for i in range(runs):
        site_dir = tmp / f"x{k}-site-{i}"
        run = buildrun.build(project, site_dir, strict=True, timeout=timeout)
        series.runs.append(run)
        state = "stopped" if run.stopped else ("FAILED" if run.failed else "ok")
        log(f"x{k} build {i + 1}/{runs}: {fmt_s(run.seconds)}, peak {run.max_rss_kb / 1024:.0f} MB, {state}")
        if run.failed or run.stopped:
            shutil.rmtree(site_dir, ignore_errors=True)
            break
        if site:
            shutil.rmtree(site, ignore_errors=True)
        site = site_dir
        spent = sum(series.times)
        if i + 1 < runs and spent + run.seconds > budget:
            note = f"{len(series.runs)} of {runs} runs: another would pass the {budget:.0f} s budget (--scaled-budget)"
            break
    return series, site, note


# The steps ---------------------------------------------------------------------

def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


DATA_FILES = ("api", "export", "roles/builder.json")  # written by macros/hooks/site.py after the build


def data_files_size(site: Path) -> int:
    total = 0
    for rel in DATA_FILES:
        path = site / rel
        total += buildrun.dir_size(path) if path.is_dir() else (buildrun.file_size(path) or 0)
    return total


def step_real_and_baseline(args, src: Path, tmp: Path, report: Report, results: dict):
    """Real site and baselines, built in turn (real, baseline, baseline + tags) so drift hits all alike."""
    log("rendering the baseline pages with the engine")
    base = tmp / "baseline"
    generated = baseline.generate(base, root=src)
    base_tags = tmp / "baseline-tags"
    shutil.copytree(base, base_tags)
    baseline.set_plugins(base_tags, ("search", "tags"))

    real = buildrun.Series("real")
    plain = buildrun.Series("baseline")
    tagged = buildrun.Series("baseline+tags")
    real_site = None
    base_site = None  # the last plain baseline site, kept for the search rows (stock Material's index)
    base_bytes = {}
    base_html: dict[str, set[str]] = {}
    for i in range(args.runs):
        site = tmp / f"real-site-{i}"
        run = buildrun.build(src, site, strict=True)
        real.runs.append(run)
        log(f"real build {i + 1}/{args.runs}: {fmt_s(run.seconds)}, peak {run.max_rss_kb / 1024:.0f} MB")
        if run.failed:
            show_failure("real site", run)
            raise BuildFailed("the real site")
        if real_site:
            shutil.rmtree(real_site, ignore_errors=True)
        real_site = site
        for series, project in ((plain, base), (tagged, base_tags)):
            site_dir = tmp / f"{series.label}-site"
            run = buildrun.build(project, site_dir, strict=False)  # not strict: see README
            series.runs.append(run)
            log(f"{series.label} build {i + 1}/{args.runs}: {fmt_s(run.seconds)}, {run.warnings} warnings")
            if run.failed:
                show_failure(series.label, run)
                raise BuildFailed(series.label)
            base_bytes[series.label] = buildrun.dir_size(site_dir)
            base_html[series.label] = html_pages(site_dir)
            if series is plain:
                if base_site:
                    shutil.rmtree(base_site, ignore_errors=True)
                base_site = site_dir.rename(tmp / f"baseline-site-{i}")
            else:
                shutil.rmtree(site_dir, ignore_errors=True)

    kb = load_kb(src / "data")
    entries = sum(len(ids) for ids in kb.collections.values())
    real_html = html_pages(real_site)
    site_bytes = buildrun.dir_size(real_site)
    data_bytes = data_files_size(real_site)
    index_bytes = buildrun.dir_size(real_site / "pagefind")  # Pagefind's bundle (macros/hooks/pagefind.py)
    results["real"] = {**real.as_json(), "entries": entries, "html_pages": len(real_html),
                       "site_bytes": site_bytes, "data_files_bytes": data_bytes, "search_index_bytes": index_bytes}
    results["baseline"] = {**plain.as_json(), **generated, "html_pages": len(base_html["baseline"]),
                           "site_bytes": base_bytes["baseline"]}
    results["baseline_tags"] = {**tagged.as_json(), "html_pages": len(base_html["baseline+tags"]),
                                "site_bytes": base_bytes["baseline+tags"]}
    only_real = sorted(real_html - base_html["baseline"])
    only_base = sorted(base_html["baseline"] - real_html)
    results["baseline"]["html_only_in_real"] = only_real
    results["baseline"]["html_only_in_baseline"] = only_base

    section = f"Real site: {entries} entries, {len(real_html)} HTML pages, {plural(args.runs, 'run')}"
    report.add(section, "Build time, median (min)", f"{fmt_s(real.median)} ({fmt_s(real.min)})")
    report.add(section, "Build time per entry", f"{real.median / entries * 1000:.1f} ms")
    report.add(section, "Peak memory (max RSS)", fmt_bytes(real.max_rss_kb * 1024))
    report.add(section, "Site size", fmt_bytes(site_bytes))
    report.add(section, "  of which api/, export/, roles/builder.json", fmt_bytes(data_bytes),
               note="written by the post-build hook")
    report.add(section, "pagefind/ (search index, on disk)", fmt_bytes(index_bytes),
               note="the browser fetches only the chunks a query needs")

    same = not only_real and not only_base
    section = (f"Baseline: the same {len(base_html['baseline'])} HTML pages as plain Markdown, stock Material, "
               f"{plural(args.runs, 'run')}")
    report.add(section, "HTML pages: real site / baseline", f"{len(real_html)} / {len(base_html['baseline'])}",
               note="same pages" if same else
               f"differ: {len(only_real)} only in the real site, {len(only_base)} only in the baseline (JSON)")
    report.add(section, "Baseline build (search), median (min)", f"{fmt_s(plain.median)} ({fmt_s(plain.min)})",
               note=f"{plain.runs[-1].warnings} warnings" if plain.runs[-1].warnings else "")
    report.add(section, "Baseline site size", fmt_bytes(base_bytes["baseline"]))
    ratio = real.median / plain.median
    results["baseline"]["engine_ratio"] = round(ratio, 3)
    report.check(section, "Engine / baseline", f"{ratio:.2f}", ratio <= TARGET_BASELINE_RATIO,
                 f"<= {TARGET_BASELINE_RATIO}")
    cpu_ratio = real.median_cpu / plain.median_cpu
    results["baseline"]["engine_cpu_ratio"] = round(cpu_ratio, 3)
    report.add(section, "Engine / baseline, CPU time (user + system)", f"{cpu_ratio:.2f}",
               note=f"{fmt_s(real.median_cpu)} / {fmt_s(plain.median_cpu)}: the engine's build forks three "
                    "processes (entry pages, data files, page conversion), so its wall time uses a second core")
    report.add(section, "Baseline + tags plugin, median", f"{fmt_s(tagged.median)}",
               note="the real site also runs Material's tags plugin")
    ratio_tags = real.median / tagged.median
    results["baseline_tags"]["engine_ratio"] = round(ratio_tags, 3)
    report.add(section, "Engine / baseline + tags", f"{ratio_tags:.2f}")
    return real, real_site, base_site, entries


def step_scaled(args, src: Path, tmp: Path, report: Report, results: dict, real: buildrun.Series,
                real_entries: int) -> bool:
    """Synthetic x10, x100 builds. Returns False if a build failed."""
    ok = True
    for k in args.scales:
        project = tmp / f"x{k}"
        log(f"generating x{k} data")
        start = time.perf_counter()
        counts = synth.generate(project, k, root=src)
        gen_s = time.perf_counter() - start
        entries = sum(counts.values())
        runs = args.runs_x100 if k >= 100 else args.runs_x10
        timeout = args.stop_factor * k * real.median if args.stop_factor > 0 else None
        log(f"x{k}: {entries} entries written in {gen_s:.1f} s; building {runs}x"
            + (f", stopping a build after {timeout:.0f} s" if timeout else ""))
        series, site, note = scaled_series(k, project, runs, tmp, timeout, args.scaled_budget)
        entry = {**series.as_json(), "scale": k, "entries": entries, "generate_s": round(gen_s, 1),
                 "stop_after_s": round(timeout, 1) if timeout else None}
        section = f"Synthetic x{k}: {entries} entries, {plural(len(series.runs), 'run')}"
        if len(series.runs) < args.runs:  # say why there are fewer runs than for the real site
            why = ("the build was stopped" if series.stopped else "time budget, --scaled-budget" if note
                   else f"--runs-x{100 if k >= 100 else 10} {runs}")
            section += f" (fewer than --runs {args.runs}: {why})"
        if note:
            report.notes.append(f"x{k}: {note}")
        target = f"<= {TARGET_SCALE_RATIO}" if k in (10, 100) else ""
        memory_target = f"<= {fmt_bytes(TARGET_SCALE_MEMORY)}" if k == 100 else ""
        if series.failed:
            ok = False
            show_failure(f"x{k}", series.runs[-1])
            report.check(section, "Build", "FAILED", False, "builds")
        elif series.stopped:
            run = series.stopped
            lower = run.seconds / (k * real.median)
            entry["ratio_lower_bound"] = round(lower, 3)
            report.add(section, "Build time", f"> {fmt_s(run.seconds)} (stopped)",
                       note=f"stopped at {args.stop_factor} x {k} x real median; --stop-factor 0 waits for the end")
            report.add(section, "Build time per entry", f"> {run.seconds / entries * 1000:.1f} ms")
            report.check(section, f"x{k} time / ({k} x real time)", f"> {lower:.2f}",
                         False if target and lower > TARGET_SCALE_RATIO else None, target)
            peak = run.max_rss_kb * 1024  # a lower bound: the build was stopped
            report.check(section, "Peak memory (max RSS)", f">= {fmt_bytes(peak)} (stopped)",
                         False if memory_target and peak > TARGET_SCALE_MEMORY else None, memory_target,
                         note="a lower bound: under the target it says nothing" if memory_target else "")
            if series.times:  # runs that finished before the stopped one
                entry["completed_ratios"] = [round(t / (k * real.median), 3) for t in series.times]
                report.add(section, "Runs that finished before it",
                           ", ".join(f"{fmt_s(t)} (ratio {t / (k * real.median):.2f})" for t in series.times))
        else:
            ratio = series.median / (k * real.median)
            entry.update(ratio=round(ratio, 3), site_bytes=buildrun.dir_size(site),
                         search_index_bytes=buildrun.dir_size(site / "pagefind"))
            report.add(section, "Build time, median (min)", f"{fmt_s(series.median)} ({fmt_s(series.min)})")
            report.add(section, "Build time per entry",
                       f"{series.median / entries * 1000:.1f} ms (real: {real.median / real_entries * 1000:.1f} ms)")
            report.check(section, f"x{k} time / ({k} x real time)", f"{ratio:.2f}",
                         ratio <= TARGET_SCALE_RATIO if target else None, target)
            peak = series.max_rss_kb * 1024
            report.check(section, "Peak memory (max RSS)", fmt_bytes(peak),
                         peak <= TARGET_SCALE_MEMORY if memory_target else None, memory_target)
            report.add(section, "Site size (search index)",
                       f"{fmt_bytes(entry['site_bytes'])} ({fmt_bytes(entry['search_index_bytes'])})")
        results[f"x{k}"] = entry
        shutil.rmtree(project, ignore_errors=True)
        if site:
            shutil.rmtree(site, ignore_errors=True)
    return ok


def question_page(site: Path, wanted: str | None, collections: dict) -> str:
    """The question page to weigh: --question, else the largest question page (the worst case).
    Only entries count: questions/bank/ is a page of the questions folder, not a question."""
    if wanted:
        if not (site / "questions" / wanted / "index.html").is_file():
            raise SystemExit(f"--question {wanted}: no page questions/{wanted}/ in the built site")
        return wanted
    return entry_page(site, "questions", list(collections["questions"]), largest=True).split("/")[1]


def entry_page(site: Path, collection: str, ids: list[str], largest: bool) -> str:
    """An entry page's URL path: the largest built page of the collection, or its first entry."""
    pages = [site / collection / i / "index.html" for i in ids if (site / collection / i / "index.html").is_file()]
    if not pages:
        raise SystemExit(f"no page of {collection}/ in the built site")
    page = max(pages, key=lambda p: (p.stat().st_size, p.parent.name)) if largest else pages[0]
    return f"{collection}/{page.parent.name}/"


def weighed_pages(site: Path, question: str, collections: dict) -> list[tuple[str, str]]:
    """(label, URL path) of every page type the page-weight rows cover."""
    skill = entry_page(site, "skills", list(collections["skills"]), largest=True)
    kit = entry_page(site, "roles", list(collections["roles"]), largest=False)  # fetches its data after load
    # The whole guide is a contents page and parts of at most 100 entries (macros/whole_guide.py).
    parts = sorted((site / "integrate" / "whole-guide").glob("*/index.html"), key=lambda p: (p.stat().st_size, p.parent.name))
    part = f"integrate/whole-guide/{parts[-1].parent.name}/" if parts else "integrate/whole-guide/"
    return [
        ("Home", ""),
        (f"Question, largest ({question})", f"questions/{question}/"),
        ("Questions index", "questions/"),
        (f"Skill, largest ({skill.split('/')[1]})", skill),
        ("Glossary index", "glossary/"),
        ("Question bank", "questions/bank/"),
        (f"Kit ({kit.split('/')[1]})", kit),
        ("Kit builder", "roles/builder/"),
        ("Debrief", "roles/debrief/"),
        ("Scoping worksheet", "scoping/worksheet/"),
        ("The whole guide: contents", "integrate/whole-guide/"),
        (f"The whole guide: largest part ({part.split('/')[2]})", part),
        ("404", "404.html"),
    ]


def step_browser(args, site: Path, collections: dict, report: Report, results: dict) -> None:
    question = question_page(site, args.question, collections)
    with web.Server(site, gzip=True) as server:  # as GitHub Pages and typical nginx set-ups serve it
        kit = entry_page(site, "roles", list(collections["roles"]), largest=True).split("/")[1]
        urls = {"home": server.url, "question": f"{server.url}questions/{question}/",
                "questions index": f"{server.url}questions/", "question bank": f"{server.url}questions/bank/",
                "kit": f"{server.url}roles/{kit}/", "kit builder": f"{server.url}roles/builder/"}
        section = (f"Page weight: first visit, fresh context, before any search, until quiet; raw, and gzip "
                   f"(level {web.GZIP_LEVEL}, html/css/js/json/xml/svg)")
        try:
            log("page weight (Playwright)")
            pages = weighed_pages(site, question, collections)
            missing = [path for _, path in pages if not (site / path / "index.html").is_file()
                       and not (site / path).is_file()]
            if missing:
                raise FileNotFoundError(f"not in the built site: {', '.join(missing)}")
            weights = web.page_weight(server, {label: server.url + path for label, path in pages})
            results["page_weight"] = weights
            target = f"<= {fmt_bytes(TARGET_PAGE_WEIGHT)}"
            for label, _ in pages:
                w = weights[label]
                report.check(section, f"{label}, gzip", f"{fmt_bytes(w['gzip_bytes'])} in {w['requests']} requests",
                             w["gzip_bytes"] <= TARGET_PAGE_WEIGHT, target)
                report.add(section, "  raw", fmt_bytes(w["raw_bytes"]))
                index = [r for r in w["resources"] if "/pagefind/" in r["url"]]
                if index:  # site-search.js loads Pagefind on the first search only: expected empty
                    raw = sum(r["raw_bytes"] for r in index)
                    packed = sum(r["gzip_bytes"] for r in index)
                    report.add(section, "  of which pagefind/ (search index)", f"{fmt_bytes(raw)} / {fmt_bytes(packed)} gzip",
                               note="fetched before any search: site-search.js should load it on the first search only")
        except Exception as exc:
            traceback.print_exc()
            results["page_weight"] = {"error": repr(exc)}
            report.add(section, "Page weight", f"not run: {exc.__class__.__name__}: {exc}"[:100])

        section = "Lighthouse 12 (default mobile profile, simulated throttling)"
        reason = None if not args.no_lighthouse else "--no-lighthouse"
        reason = reason or web.lighthouse_available()
        results["lighthouse"] = {}
        for name, url in urls.items():
            label = name.capitalize() + {"question": f" ({question})", "kit": f" ({kit}, the largest)"}.get(name, "")
            if reason:
                report.add(section, label, f"not run: {reason}")
                results["lighthouse"][name] = {"not_run": reason}
                continue
            runs = []
            for i in range(args.lighthouse_runs):
                log(f"lighthouse: {name} {i + 1}/{args.lighthouse_runs}")
                try:
                    runs.append(web.lighthouse(url))
                except Exception as exc:
                    error = str(exc)
            if not runs:
                report.add(section, label, f"not run: {error}"[:100])
                results["lighthouse"][name] = {"error": error}
                continue
            scores = web.median_scores([lh["scores"] for lh in runs])
            results["lighthouse"][name] = {"url": url, "median_scores": scores, "runs": runs}
            value = " ".join(f"{short}{scores[c] if scores[c] is not None else '?'}"
                             for short, c in zip(("P", "A", "BP", "SEO"), web.CATEGORIES))
            value += f" (median of {len(runs)})" if len(runs) > 1 else ""
            ok = all(s is not None and s >= TARGET_LIGHTHOUSE for s in scores.values())
            low = [f"{c}: {', '.join(sorted({a for lh in runs for a in lh['failing_audits'][c]})[:4])}"
                   for c in web.CATEGORIES if scores[c] is not None and scores[c] < TARGET_LIGHTHOUSE]
            report.check(section, label, value, ok, f">= {TARGET_LIGHTHOUSE} each", note="; ".join(low))
        if not reason:
            report.notes.append("Lighthouse: P performance, A accessibility, BP best practices, SEO; "
                                "failing audits in .bench/results.json")


# Search: click to first result ----------------------------------------------------

def overlay(base: Path, dest: Path, replaced: str) -> Path:
    """A site in `dest` that is `base` (symlinked, nothing copied) except its top-level `replaced`
    folder, which is left for the caller to write; the files of base/replaced are linked into
    it, so the caller only overwrites what it changes."""
    dest.mkdir(parents=True)
    for item in base.iterdir():
        if item.name != replaced:
            (dest / item.name).symlink_to(item)
    (dest / replaced).mkdir()
    if (base / replaced).is_dir() and replaced != "pagefind":  # Pagefind's bundle is written whole
        for item in (base / replaced).iterdir():
            (dest / replaced / item.name).symlink_to(item)
    return dest


def fmt_search(summary: dict) -> str:
    runs = " / ".join("cap" if t is None else f"{t / 1000:.2f}" for t in summary["runs_ms"])
    if summary["median_ms"] is None:
        value = f"> {summary['cap_s']:.0f} s (no result)"
    else:
        value = f"{summary['median_ms'] / 1000:.2f} s"
    if summary["runs"] < summary["queries_asked"]:
        runs += f"; {summary['runs']} of {summary['queries_asked']} queries run"
    return f"{value} ({runs})"


def ours_index(k: int, src: Path, real_site: Path, documents, entries: set, tmp: Path) -> tuple[Path, dict]:
    """The real site with pagefind/ built over its entry pages copied k times (corpora.py),
    as the hook builds it (macros/search_index.py: bundles of at most BUNDLE_TEXT characters,
    one Pagefind run each, one after the other). The indexing runs as one child process,
    `python -m macros.search_index`, so its peak memory is measured alone (buildrun.run)."""
    site = overlay(real_site, tmp / f"search-ours-x{k}", "pagefind")
    (site / "pagefind").rmdir()  # written whole by the indexer
    stage = tmp / f"search-stage-x{k}"
    start = time.perf_counter()
    # Two passes over the copies (a generator: never all held): their sizes plan the bundles.
    sizes = [search_index.text_size(doc.html) for doc in corpora.copied_documents(documents, entries, k)]
    plan = search_index.plan_bundles(sizes, search_index.BUNDLE_TEXT)
    search_index.write_stages(stage, corpora.copied_documents(documents, entries, k), plan)
    staged = time.perf_counter() - start
    run = buildrun.run([sys.executable, "-m", "macros.search_index", str(stage), str(site / "pagefind")], src)
    shutil.rmtree(stage, ignore_errors=True)
    if run.returncode != 0:
        raise RuntimeError(f"indexing exited {run.returncode}: {run.output[-500:]}")
    return site, {"source": f"copied corpus x{k}", "pages": len(sizes), "text_chars": sum(sizes),
                  "bundles": max(plan, default=0) + 1, "bundle_text_chars": search_index.BUNDLE_TEXT,
                  "stage_s": round(staged, 1), "index_s": round(run.seconds, 1),
                  "index_peak_rss_bytes": run.max_rss_kb * 1024,
                  "bundle_bytes": buildrun.dir_size(site / "pagefind"),
                  "total_s": round(time.perf_counter() - start, 1)}  # staging, indexing, clean-up


def stock_index(k: int, base_site: Path, entries: set, tmp: Path) -> tuple[Path, dict]:
    """The baseline site with search/search_index.json's entry documents copied k times (corpora.py)."""
    index = base_site / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    if k == 1:
        site = base_site
    else:
        data = corpora.material_index(data, entries, k)
        site = overlay(base_site, tmp / f"search-stock-x{k}", "search")
        (site / "search" / "search_index.json").unlink()
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (site / "search" / "search_index.json").write_text(text, encoding="utf-8")
        del text
    path = site / "search" / "search_index.json"
    return site, {"source": "the baseline build's search_index.json" if k == 1 else f"copied corpus x{k}",
                  "docs": len(data["docs"]), "index_bytes": path.stat().st_size}


def step_search(args, src: Path, tmp: Path, real_site: Path, base_site: Path, collections: dict,
                report: Report, results: dict) -> None:
    """Click to first result, ours (Pagefind) and stock Material, at each --search-scales k."""
    question = question_page(real_site, args.question, collections)
    path = f"questions/{question}/"
    queries = args.search_queries
    cap = args.search_cap
    entries = corpora.entry_urls(collections)
    section = (f"Search: click to first result, median of {len(queries)} queries ({', '.join(queries)}) "
               f"on {path}, fresh context; kx = copied corpora; cap {cap:.0f} s")
    out = {"page": path, "queries": queries, "cap_s": cap, "scales": {}}
    results["search"] = out
    documents = None
    medians: dict[str, dict[int, dict]] = {"ours": {}, "stock": {}}
    stock_capped_at = None
    for k in args.search_scales:
        entry = out["scales"][f"x{k}"] = {}
        try:
            if documents is None:
                nav = yaml_load((src / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
                documents = corpora.site_documents(real_site, src / "docs", nav, entries,
                                                   indexed=set(indexed_pages(real_site)))
            log(f"search x{k}: ours (Pagefind) index")
            site, info = ours_index(k, src, real_site, documents, entries, tmp)
            log(f"search x{k}: ours: {json.dumps(info)}; timing {len(queries)} queries")
            with web.Server(site, gzip=True) as server:
                records = searchtime.first_results(server, server.url + path, searchtime.OURS, queries, cap)
            ours = searchtime.summary(records, queries, cap)
            entry["ours"] = {**ours, "index": info, "records": records}
            medians["ours"][k] = ours
            shutil.rmtree(site, ignore_errors=True)
            fetched = [r["first_query_bytes"] for r in records if not r["capped"]]
            requests = [r["first_query_requests"] for r in records if not r["capped"]]
            note = (f"{plural(info['bundles'], 'bundle')}, pagefind/ {fmt_bytes(info['bundle_bytes'])} on disk"
                    + (f"; first query fetched {fmt_bytes(int(statistics.median(fetched)))} gzip in "
                       f"{statistics.median(requests):.0f} requests" if fetched else ""))
            report.add(section, f"Ours (Pagefind), x{k}", fmt_search(ours), note=note)
            peak = info["index_peak_rss_bytes"]
            report.check(section, f"  search indexing x{k}, peak memory", fmt_bytes(peak),
                         peak <= TARGET_INDEX_MEMORY if k == 100 else None,
                         f"<= {fmt_bytes(TARGET_INDEX_MEMORY)}" if k == 100 else "",
                         note=f"{info['pages']} pages, {info['text_chars'] / 1e6:.1f} M characters of text, "
                              f"{plural(info['bundles'], 'Pagefind run')} in {info['index_s']:.0f} s "
                              f"(+{info['stage_s']:.0f} s staging)")
        except Exception as exc:
            traceback.print_exc()
            entry["ours"] = {"error": repr(exc)}
            report.add(section, f"Ours (Pagefind), x{k}", f"not run: {exc.__class__.__name__}: {exc}"[:100])
        try:
            if stock_capped_at is not None:
                entry["stock"] = {"skipped": f"x{stock_capped_at} reached the cap"}
                report.add(section, f"Stock Material, x{k}", f"> {cap:.0f} s (not run)",
                           note=f"x{stock_capped_at} already gave no result within the cap")
                continue
            log(f"search x{k}: stock Material index")
            site, info = stock_index(k, base_site, entries, tmp)
            log(f"search x{k}: stock: {json.dumps(info)}; timing {len(queries)} queries")
            with web.Server(site, gzip=True) as server:
                index = site / "search" / "search_index.json"
                _, packed = server.httpd.compressed(str(index))  # once, before timing: hosts cache it
                info["index_gzip_bytes"] = len(packed)
                records = searchtime.first_results(server, server.url + path, searchtime.STOCK, queries, cap)
            stock = searchtime.summary(records, queries, cap)
            entry["stock"] = {**stock, "index": info, "records": records}
            medians["stock"][k] = stock
            if site != base_site:
                shutil.rmtree(site, ignore_errors=True)
            if stock["median_ms"] is None:
                stock_capped_at = k
            report.add(section, f"Stock Material, x{k}", fmt_search(stock),
                       note=f"search_index.json {fmt_bytes(info['index_bytes'])}, "
                            f"{fmt_bytes(info['index_gzip_bytes'])} gzip, fetched with every page")
        except Exception as exc:
            traceback.print_exc()
            entry["stock"] = {"error": repr(exc)}
            report.add(section, f"Stock Material, x{k}", f"not run: {exc.__class__.__name__}: {exc}"[:100])
    for k in args.search_scales:  # ours / stock at each scale
        ours, stock = medians["ours"].get(k), medians["stock"].get(k)
        if not ours or not stock:
            continue
        if ours["median_ms"] is not None and stock["median_ms"] is not None:
            value = f"{ours['median_ms'] / stock['median_ms']:.2f}"
        elif ours["median_ms"] is not None:  # stock gave no result within the cap
            value = f"< {ours['median_ms'] / (cap * 1000):.2f}"
        elif stock["median_ms"] is not None:
            value = f"> {cap * 1000 / stock['median_ms']:.2f}"
        else:
            value = "n.a. (both capped)"
        out["scales"][f"x{k}"]["ours_over_stock"] = value
        report.add(section, f"Ours / stock, x{k}", value)
    base = medians["ours"].get(1)
    for k in args.search_scales:
        ours = medians["ours"].get(k)
        if k == 1 or not base or not ours or base["median_ms"] is None:
            continue
        target = f"<= {TARGET_SEARCH_GROWTH}" if k == 10 else ""
        if ours["median_ms"] is None:
            report.check(section, f"Ours x{k} / ours x1", f"> {cap * 1000 / base['median_ms']:.1f}",
                         False if target else None, target)
            continue
        growth = ours["median_ms"] / base["median_ms"]
        out["scales"][f"x{k}"]["ours_growth"] = round(growth, 3)
        report.check(section, f"Ours x{k} / ours x1", f"{growth:.2f}", growth <= TARGET_SEARCH_GROWTH if target else None,
                     target, note="our own target: stays fast at x10 (the issue gives no number)" if target else "")


# Edit loop ---------------------------------------------------------------------

def step_edit_loop(args, src: Path, tmp: Path, report: Report, results: dict) -> None:
    section = (f"Edit loop under `make serve` at real size: save a question's YAML, time until the open "
               f"page shows it ({plural(args.edit_saves, 'save')}, {args.edit_pause:.0f} s apart)")
    project = tmp / "serve"
    shutil.copytree(src, project)  # the server edits its own copy
    try:
        times, fault = edit_loop.measure(project, free_port(), args.edit_saves, args.edit_pause,
                                         edit_loop.SERVE_ARGS, say=lambda line: log(f"edit loop: {line}"))
    except Exception as exc:
        traceback.print_exc()
        results["edit_loop"] = {"error": repr(exc)}
        report.add(section, "Save to visible", f"not run: {exc.__class__.__name__}: {exc}"[:100])
        return
    median = statistics.median(times)
    results["edit_loop"] = {"saves_s": [round(t, 2) for t in times], "median_s": round(median, 2),
                            "error_shown_s": fault and round(fault[0], 2), "page_back_s": fault and round(fault[1], 2)}
    report.check(section, "Save to visible, median", f"{median:.2f} s (max {max(times):.2f} s)",
                 median <= TARGET_EDIT_LOOP, f"<= {TARGET_EDIT_LOOP:.0f} s")
    report.check(section, "Invalid save: error naming the file in the browser, then the fixed page",
                 f"{fault[0]:.2f} s, then {fault[1]:.2f} s" if fault else f"not within {edit_loop.FAULT_TIMEOUT} s",
                 fault is not None, "both shown, server kept running",
                 note="the terminal prints the error too: tests/test_serve.py")


# Main --------------------------------------------------------------------------

def machine() -> dict:
    def v(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "mkdocs": v("mkdocs"), "mkdocs-material": v("mkdocs-material"),
            "zensical": v("zensical"), "properdocs": v("properdocs"), "markdown": v("markdown")}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the site build and pages; see tests/bench/README.md.")
    parser.add_argument("--runs", type=int, default=5, help="builds of the real site and the baselines (default 5)")
    parser.add_argument("--runs-x10", type=int, default=None, help="builds at x10 (default: --runs)")
    parser.add_argument("--runs-x100", type=int, default=1, help="builds at x100 (default 1)")
    parser.add_argument("--scales", default="10,100", help="synthetic scales, comma-separated; '' for none")
    parser.add_argument("--stop-factor", type=float, default=1.5,
                        help="stop a xk build after FACTOR x k x real median build time, as the result is then "
                             "known to be worse than linear by that factor (default 1.5; 0: never stop)")
    parser.add_argument("--scaled-budget", type=float, default=600,
                        help="seconds of builds per scale after which further runs are skipped (default 600)")
    parser.add_argument("--question", help="question id to weigh and score (default: the largest question page)")
    parser.add_argument("--no-browser", action="store_true", help="skip page weight and Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=5,
                        help="Lighthouse runs per page; the table shows the median of each category (default 5)")
    parser.add_argument("--no-search", action="store_true", help="skip the search click-to-first-result rows")
    parser.add_argument("--search-scales", default="1,10,100",
                        help="scales of the copied search corpora, comma-separated (default 1,10,100)")
    parser.add_argument("--search-cap", type=float, default=60,
                        help="seconds to wait for a first search result (default 60)")
    parser.add_argument("--search-queries", default=",".join(SEARCH_QUERIES),
                        help=f"queries, comma-separated (default {','.join(SEARCH_QUERIES)})")
    parser.add_argument("--no-edit-loop", action="store_true", help="skip the edit loop rows")
    parser.add_argument("--edit-saves", type=int, default=5, help="timed saves under serve (default 5)")
    parser.add_argument("--edit-pause", type=float, default=20.0,
                        help="seconds between saves, for the background rebuild to settle (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed at the end)")
    parser.add_argument("--output", type=Path, default=OUT, help=f"JSON results (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    args.search_scales = [int(s) for s in args.search_scales.split(",") if s.strip()]
    args.search_queries = [q.strip() for q in args.search_queries.split(",") if q.strip()]
    args.runs_x10 = args.runs_x10 or args.runs
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.lighthouse_runs < 1:
        parser.error("--lighthouse-runs must be at least 1")
    if args.edit_saves < 1:
        parser.error("--edit-saves must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    report = Report()
    results = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
               "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}
    tmp = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    status = 0
    try:
        src = tmp / "src"  # the sources as they are now: edits made while the benchmark runs do not count
        synth.snapshot(src)
        real, real_site, base_site, entries = step_real_and_baseline(args, src, tmp, report, results)
        collections = load_kb(src / "data").collections
        if not args.no_browser:
            step_browser(args, real_site, collections, report, results)
            if not args.no_search:
                step_search(args, src, tmp, real_site, base_site, collections, report, results)
        if not args.no_edit_loop:
            step_edit_loop(args, src, tmp, report, results)
        if args.scales and not step_scaled(args, src, tmp, report, results, real, entries):
            status = 1
    except BuildFailed as exc:
        report.notes.append(f"build failed: {exc}; later measurements not run")
        results["build_failed"] = str(exc)
        status = 1
    finally:
        runtime = time.perf_counter() - STARTED
        results["runtime_s"] = round(runtime, 1)
        results["rows"] = report.as_json()
        results["notes"] = report.notes
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        if args.keep:
            report.notes.append(f"temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    report.print()
    print(f"Benchmark runtime: {runtime / 60:.1f} min ({runtime:.0f} s). Results: {args.output}")
    return status


if __name__ == "__main__":
    sys.exit(main())
