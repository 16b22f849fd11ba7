// The 404 page's ranking (docs/assets/not-found.js), case by case, on a small
// fixture list shaped like /api/v1/ids.json. tests/test_wayfinding.py checks the
// same on the built site with the real ids.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const NotFound = createRequire(import.meta.url)(path.join(ROOT, "docs/assets/not-found.js"))

function entry(collection, id, title) {
  return { collection, id, title, path: `${collection}/${id}/` }
}

const ENTRIES = [
  entry("questions", "idempotency-keys-for-payment-api", "Designing idempotency keys for a public payment endpoint"),
  entry("questions", "code-idempotent-handler-check-then-insert-race", "Code reading: an idempotency-key handler that double-charges"),
  entry("questions", "kafka-skewed-partitions-keep-per-key-order", "Skewed Kafka partitions that must keep per-key order"),
  entry("questions", "lease-based-leader-election-with-fencing", "Leader election with leases and fencing"),
  entry("questions", "distributed-rate-limiter-for-public-api", "Per-key rate limits for a public API"),
  entry("skills", "distributed-coordination", "Distributed Coordination and Consensus"),
  entry("skills", "data-consistency", "Data Consistency Across Services"),
  entry("skills", "observability", "Observability"),
  entry("patterns", "idempotency-keys", "Idempotency keys"),
  entry("patterns", "circuit-breaker", "Circuit breaker"),
  entry("patterns", "leader-election", "Leader election"),
  entry("roles", "payments-backend-engineer", "Payments backend engineer"),
  entry("glossary", "idempotency", "Idempotency"),
]
const COLLECTIONS = [...new Set(ENTRIES.map((e) => e.collection))]

const ids = (found) => found.map((item) => `${item.entry.collection}/${item.entry.id}`)

// ── Reading the missing address ────────────────────────────────────────────

const PARSED = [
  ["an entry address", "/questions/idempotency-key-payment-api/", "/", { collection: "questions", slug: "idempotency-key-payment-api" }],
  ["a site under a sub-path", "/guide/skills/consensus/", "/guide/", { collection: "skills", slug: "consensus" }],
  ["an index.html file", "/skills/consensus/index.html", "/", { collection: "skills", slug: "consensus" }],
  ["an .html file", "/skills/consensus.html", "/", { collection: "skills", slug: "consensus" }],
  ["an embed copy", "/embed/questions/foo-bar/", "/", { collection: "questions", slug: "foo-bar" }],
  ["a Markdown export", "/export/patterns/saga.md", "/", { collection: "patterns", slug: "saga" }],
  ["a singular collection name", "/question/foo/", "/", { collection: "questions", slug: "foo" }],
  ["the kits alias", "/kits/payments-engineer/", "/", { collection: "roles", slug: "payments-engineer" }],
  ["upper case and underscores", "/Patterns/Circuit_Breakers/", "/", { collection: "patterns", slug: "circuit-breakers" }],
  ["percent-encoded spaces", "/patterns/circuit%20breaker/", "/", { collection: "patterns", slug: "circuit-breaker" }],
  ["no collection", "/idempotency/", "/", { collection: "", slug: "idempotency" }],
  ["an unknown first segment", "/blog/2024/idempotency/", "/", { collection: "", slug: "blog-2024-idempotency" }],
  ["the site root", "/", "/", { collection: "", slug: "" }],
  ["a malformed escape", "/patterns/%E0%A4%A/", "/", { collection: "patterns", slug: "e0-a4-a" }],
]

for (const [name, pathname, root, expected] of PARSED) {
  test(`parse: ${name}`, () => {
    assert.deepEqual(NotFound.parse(pathname, root, COLLECTIONS), expected)
  })
}

test("searchText: the last segment's words", () => {
  assert.equal(NotFound.searchText("/guide/questions/idempotency-key-payment-api/", "/guide/"), "idempotency key payment api")
  assert.equal(NotFound.searchText("/", "/"), "")
  assert.equal(NotFound.searchText("/a/b/c/", "/"), "")
})

// ── Ranking ────────────────────────────────────────────────────────────────

const FIRST = [
  ["a dropped word and a singular", "/questions/idempotency-key-payment-api/", "questions/idempotency-keys-for-payment-api"],
  ["dropped words", "/questions/kafka-skewed-partition-per-key-order/", "questions/kafka-skewed-partitions-keep-per-key-order"],
  ["a typo", "/skills/obervability/", "skills/observability"],
  ["a word of the title only", "/skills/consensus/", "skills/distributed-coordination"],
  ["a plural", "/patterns/circuit-breakers/", "patterns/circuit-breaker"],
  ["the kits alias", "/kits/payments-engineer/", "roles/payments-backend-engineer"],
  ["no collection: every collection", "/idempotency-keys/", "patterns/idempotency-keys"],
]

for (const [name, pathname, expected] of FIRST) {
  test(`suggest first: ${name}`, () => {
    assert.equal(ids(NotFound.suggest(pathname, "/", ENTRIES))[0], expected)
  })
}

test("suggest stays in the collection the address names", () => {
  const found = ids(NotFound.suggest("/questions/leader-election/", "/", ENTRIES))
  assert.equal(found[0], "questions/lease-based-leader-election-with-fencing")
  assert.ok(found.every((id) => id.startsWith("questions/")), found.join(", "))
})

test("suggest falls back to every collection when none of the named one is close", () => {
  assert.equal(ids(NotFound.suggest("/skills/circuit-breaker/", "/", ENTRIES))[0], "patterns/circuit-breaker")
})

test("suggest offers nothing for an address that shares no word with any entry", () => {
  assert.deepEqual(NotFound.suggest("/questions/zzzz-qqqq/", "/", ENTRIES), [])
  assert.deepEqual(NotFound.suggest("/", "/", ENTRIES), [])
})

test("rank returns at most the limit, closest first", () => {
  const many = Array.from({ length: 12 }, (_, i) => entry("questions", `idempotency-case-${i}`, `Idempotency case ${i}`))
  const found = NotFound.rank("idempotency-case", many)
  assert.equal(found.length, NotFound.LIMIT)
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].score >= found[i].score)
  assert.equal(NotFound.rank("idempotency-case", many, 2).length, 2)
})

test("rank breaks ties by id, so the order is stable", () => {
  const twins = [entry("patterns", "b-thing", "Thing"), entry("patterns", "a-thing", "Thing")]
  assert.deepEqual(NotFound.rank("thing", twins).map((item) => item.entry.id), ["a-thing", "b-thing"])
})

test("score is 1 for the exact id and below the bar for an unrelated one", () => {
  const target = ENTRIES[0]
  assert.ok(Math.abs(NotFound.score(target.id, target) - 1) < 1e-9)
  assert.ok(NotFound.score("zzzz", target) < NotFound.MIN_SCORE)
})

test("words drop stop words and split on anything but letters and digits", () => {
  assert.deepEqual(NotFound.words("Keys_for the Payment-API"), ["keys", "payment", "api"])
})

test("distance is the Levenshtein distance", () => {
  assert.equal(NotFound.distance("kitten", "sitting"), 3)
  assert.equal(NotFound.distance("", "abc"), 3)
  assert.equal(NotFound.distance("same", "same"), 0)
})
