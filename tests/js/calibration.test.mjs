// The pure part of docs/assets/calibration.js: comparing a rating with the agreed band,
// counting agreement, and reading whatever localStorage holds.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
const calibration = require("../../docs/assets/calibration.js")

const BANDS = ["insufficient", "developing", "proficient", "exceptional"]

test("distance counts bands from the agreed one, signed", () => {
  assert.equal(calibration.distance(BANDS, "proficient", "proficient"), 0)
  assert.equal(calibration.distance(BANDS, "developing", "proficient"), -1)
  assert.equal(calibration.distance(BANDS, "exceptional", "insufficient"), 3)
})

test("distance is null for a band the page does not know", () => {
  assert.equal(calibration.distance(BANDS, "great", "proficient"), null)
  assert.equal(calibration.distance(BANDS, "proficient", ""), null)
})

test("describe says how far and which way", () => {
  assert.equal(calibration.describe(0), "the same band")
  assert.equal(calibration.describe(1), "one band higher")
  assert.equal(calibration.describe(-2), "two bands lower")
})

test("tally counts only revealed ratings", () => {
  const ratings = [
    { band: "proficient", agreed: "proficient", revealed: true, distance: 0 },
    { band: "developing", agreed: "proficient", revealed: true, distance: -1 },
    { band: "exceptional", agreed: "insufficient", revealed: true, distance: 3 },
    { band: "developing", agreed: "", revealed: false, distance: null },
    undefined,
  ]
  assert.deepEqual(calibration.tally(ratings), { revealed: 3, agreed: 1, withinOne: 2 })
})

test("tallyText reads as a sentence", () => {
  assert.equal(calibration.tallyText({ revealed: 0, agreed: 0, withinOne: 0 }), "No sample revealed yet.")
  assert.equal(calibration.tallyText({ revealed: 1, agreed: 1, withinOne: 1 }),
    "You agreed on 1 of 1 sample revealed; 1 within one band.")
  assert.equal(calibration.tallyText({ revealed: 8, agreed: 5, withinOne: 7 }),
    "You agreed on 5 of 8 samples revealed; 7 within one band.")
})

test("parseStore survives anything localStorage may hold", () => {
  for (const text of [null, "", "not json", "[]", "42", "\"x\"", "{\"a\": []}", "{\"a\": {\"1\": 5}}"]) {
    const store = calibration.parseStore(text)
    assert.equal(typeof store, "object")
    assert.deepEqual(calibration.tally(calibration.allRatings(store)), { revealed: 0, agreed: 0, withinOne: 0 })
  }
})

test("parseStore keeps only the known fields with their types", () => {
  const store = calibration.parseStore(JSON.stringify({
    "set-a": { "1": { band: "proficient", agreed: "proficient", revealed: true, distance: 0, extra: "<b>" } },
    "set-b": { "2": { band: 3, agreed: null, revealed: "yes", distance: 1.5 } },
  }))
  assert.deepEqual(store, {
    "set-a": { "1": { band: "proficient", agreed: "proficient", revealed: true, distance: 0 } },
    "set-b": { "2": { band: "", agreed: "", revealed: false, distance: null } },
  })
})

test("allRatings lists every set's ratings", () => {
  const store = { a: { "1": { revealed: true, distance: 0 } }, b: { "1": { revealed: true, distance: 2 }, "2": { revealed: false } } }
  assert.equal(calibration.allRatings(store).length, 3)
  assert.deepEqual(calibration.tally(calibration.allRatings(store)), { revealed: 2, agreed: 1, withinOne: 1 })
})

test("pageOf mounts on a set or the index only", () => {
  assert.deepEqual(calibration.pageOf("/calibration/raft-commit-rule-for-prior-term-entries/"), { set: "raft-commit-rule-for-prior-term-entries" })
  assert.deepEqual(calibration.pageOf("/guide/calibration/a-b/index.html"), { set: "a-b" })
  assert.deepEqual(calibration.pageOf("/calibration/"), { index: true })
  for (const path of ["/integrate/whole-guide/", "/integrate/whole-guide/calibration-1/", "/embed/calibration/a-b/", "/questions/a-b/", "/calibration/a-b/extra/", "/calibration/A_B/"]) {
    assert.equal(calibration.pageOf(path), null, path)
  }
})
