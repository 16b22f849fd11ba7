// The site search's pure helpers (docs/assets/site-search.js): how Pagefind's
// escaped excerpts become text pieces, which sections show under a result, the count line.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const S = createRequire(import.meta.url)(path.join(ROOT, "docs/assets/site-search.js"))

test("decode turns Pagefind's five entities back into characters", () => {
  assert.equal(S.decode("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27;"), "a & b <c> \"d\" 'e'")
})

test("decode leaves other entities as text", () => {
  assert.equal(S.decode("&nbsp;&#60;"), "&nbsp;&#60;")
})

test("parts splits an excerpt on its marks", () => {
  assert.deepEqual(S.parts("the <mark>p99</mark> panel"), [
    { text: "the ", mark: false }, { text: "p99", mark: true }, { text: " panel", mark: false }])
})

test("parts keeps markup in the text as text, not as tags", () => {
  assert.deepEqual(S.parts("&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"), [
    { text: "<script>x</script> ", mark: false }, { text: "y", mark: true }])
})

test("parts of an empty excerpt is empty", () => {
  assert.deepEqual(S.parts(""), [])
})

const DATA = {
  url: "/q/", meta: { title: "Q" },
  sub_results: [
    { url: "/q/", title: "Q", weighted_locations: [{ balanced_score: 50 }] },
    { url: "/q/#rubric-exceptional", title: "4 · Exceptional", weighted_locations: [{ balanced_score: 1 }] },
    { url: "/q/#prompt", title: "The question", weighted_locations: [{ balanced_score: 9 }, { balanced_score: 3 }] },
    { url: "/q/#follow-ups", title: "Follow-up probes", weighted_locations: [{ weight: 2 }] },
  ],
}

test("sections leave out the page itself", () => {
  assert.ok(!S.sections(DATA, 10).some((sub) => sub.url === "/q/"))
})

test("sections put the best-scored section first", () => {
  assert.deepEqual(S.sections(DATA, 10).map((sub) => sub.title), ["The question", "Follow-up probes", "4 · Exceptional"])
})

test("sections keep at most the limit", () => {
  assert.equal(S.sections(DATA, 2).length, 2)
})

test("sections of equal score keep Pagefind's order", () => {
  const data = { url: "/p/", meta: { title: "P" }, sub_results: [{ url: "/p/#a", title: "A" }, { url: "/p/#b", title: "B" }] }
  assert.deepEqual(S.sections(data, 2).map((sub) => sub.title), ["A", "B"])
})

test("count uses the theme's translations", () => {
  assert.equal(S.count(3, { "search.result.other": "# hits" }), "3 hits")
})

test("count falls back to English", () => {
  assert.deepEqual([0, 1, 2].map((n) => S.count(n, {})), ["No matching documents", "1 matching document", "2 matching documents"])
})

test("mergePaths turns the manifest's parts into paths under the first bundle", () => {
  assert.deepEqual(S.mergePaths({ merge: ["part-2/", "part-3/"] }, "/guide/pagefind/"),
    ["/guide/pagefind/part-2/", "/guide/pagefind/part-3/"])
})

test("mergePaths of one bundle merges nothing", () => {
  assert.deepEqual(S.mergePaths({ merge: [] }, "/pagefind/"), [])
})

test("mergePaths of a missing or malformed manifest merges nothing", () => {
  for (const manifest of [null, {}, { merge: "part-2/" }, []]) assert.deepEqual(S.mergePaths(manifest, "/pagefind/"), [])
})

test("mergePaths ignores entries that are not part folders", () => {
  assert.deepEqual(S.mergePaths({ merge: ["https://evil.example/", "../x/", "part-2", 3, "part-4/"] }, "/pagefind/"),
    ["/pagefind/part-4/"])
})
