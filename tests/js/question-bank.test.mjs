// The question bank's pure logic (docs/assets/question-bank.js): filters, the
// counts each option shows, the address it keeps and the hand-off to the kit
// builder, on a small fixture bank shaped like roles/builder.json.
// tests/test_question_bank.py checks the same on the built site with the real data.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const require = createRequire(import.meta.url)
const Bank = require(path.join(ROOT, "docs/assets/question-bank.js"))
const KitPlan = require(path.join(ROOT, "docs/assets/kit-plan.js"))

function question(id, kind, level, minutes, skills, tags) {
  return { id, title: id, url: `/questions/${id}/`, kind, level, minutes, skills, tags, prompt_html: "<p>?</p>",
    interviewer: { rubric: {}, follow_ups: [] } }
}

const DATA = {
  vocabulary: {
    levels: [{ id: "mid", label: "Mid-level" }, { id: "senior", label: "Senior" }, { id: "staff", label: "Staff" }],
    bands: [], max_level_gap: 1,
    kinds: [{ id: "system-design", label: "System design" }, { id: "debugging", label: "Debugging" }, { id: "coding", label: "Coding" }],
  },
  agenda: { intro_minutes: 5, candidate_questions_minutes: 5, max_minutes_without_break: 120, break_minutes: 10 },
  skills: [{ id: "consistency", title: "Consistency" }, { id: "storage", title: "Storage" }, { id: "security", title: "Security" }],
  use_cases: [], roles: [],
  questions: [
    question("design-a", "system-design", "staff", 45, ["consistency", "storage"], ["consistency"]),
    question("design-b", "system-design", "staff", 40, ["consistency"], ["consistency", "reliability"]),
    question("design-c", "system-design", "senior", 45, ["storage"], ["storage"]),
    question("debug-a", "debugging", "staff", 30, ["consistency"], ["reliability"]),
    question("debug-b", "debugging", "mid", 20, ["storage"], []),
    question("debug-c", "debugging", "mid", 25, ["security"], ["security"]),
  ],
}

const NONE = { skill: "", level: "", kind: "", minutes: "", tag: "" }
const ids = (qs) => qs.map((q) => q.id)

test("filters combine: every filter set must hold", () => {
  const filters = { ...NONE, level: "staff", skill: "consistency", kind: "system-design" }
  assert.deepEqual(ids(Bank.visible(DATA, filters)), ["design-a", "design-b"])
})

test("the time filter keeps questions up to its minutes", () => {
  assert.deepEqual(ids(Bank.visible(DATA, { ...NONE, minutes: "30" })), ["debug-a", "debug-b", "debug-c"])
})

test("an option's count is what choosing it would leave, the other filters as they are", () => {
  const counts = Bank.counts(DATA, { ...NONE, level: "staff", kind: "debugging" }, "kind")
  assert.deepEqual(counts, { "": 3, "system-design": 2, debugging: 1 })
})

test("options list only values some question has", () => {
  assert.deepEqual(Bank.options(DATA).kind.map((o) => o.value), ["system-design", "debugging"])
  assert.deepEqual(Bank.options(DATA).tag.map((o) => o.value), ["consistency", "reliability", "security", "storage"])
})

test("the address round-trips the filters and the selection", () => {
  const query = "?skill=consistency&level=staff&max_minutes=40&selected=design-b,debug-a"
  assert.equal(Bank.writeQuery(Bank.readState(DATA, query)), query)
})

test("unknown values in the address are dropped", () => {
  const state = Bank.readState(DATA, "?level=principal&kind=coding&selected=nope,debug-b")
  assert.deepEqual(state.filters, NONE)
  assert.deepEqual(state.selected, ["debug-b"])
})

test("the hand-off locks the chosen questions at the filter's level and skill", () => {
  const input = Bank.handoff(DATA, { filters: { ...NONE, level: "staff", skill: "consistency" }, selected: ["design-b", "debug-a"] }, KitPlan)
  assert.deepEqual(input, { skills: ["consistency"], level: "staff", minutes: 80, locked: ["design-b", "debug-a"] })
})

test("without a level filter the hand-off takes the level most chosen questions are at", () => {
  assert.equal(Bank.handoff(DATA, { filters: NONE, selected: ["debug-b", "debug-c", "design-a"] }, KitPlan).level, "mid")
})

test("a tie between levels goes to the higher one", () => {
  assert.equal(Bank.handoff(DATA, { filters: NONE, selected: ["debug-b", "design-c"] }, KitPlan).level, "senior")
})

test("without a skill filter the hand-off asks for every skill the chosen questions probe", () => {
  assert.deepEqual(Bank.handoff(DATA, { filters: NONE, selected: ["debug-c", "design-a"] }, KitPlan).skills,
    ["consistency", "storage", "security"])
})

test("the hand-off asks for the builder's usual hour when the questions fit in it", () => {
  assert.equal(Bank.handoff(DATA, { filters: NONE, selected: ["debug-b"] }, KitPlan).minutes, 60)
})

test("a selection longer than one sitting gets a loop with a break that holds every question", () => {
  const selected = ["design-a", "design-b", "design-c", "debug-a"] // 160 minutes of questions
  const input = Bank.handoff(DATA, { filters: NONE, selected }, KitPlan)
  const plan = KitPlan.plan(DATA, input)
  assert.equal(plan.minutes.over, 0)
  assert.deepEqual(plan.questions.map((q) => q.id).sort(), [...selected].sort())
})

test("the builder's address uses its own parameters", () => {
  const query = Bank.builderQuery({ skills: ["consistency", "storage"], level: "staff", minutes: 95, locked: ["design-a", "design-b"] })
  assert.equal(query, "?skills=consistency,storage&level=staff&minutes=95&locked=design-a,design-b")
})

test("the list is enhanced a slice at a time: every item once, in order, then done once", async () => {
  const list = Array.from({ length: Bank.SLICE * 2 + 3 }, (_, i) => i)
  const seen = []
  let doneCalls = 0
  await new Promise((resolve) => Bank.inSlices(list, (x) => seen.push(x), () => { doneCalls++; resolve() }))
  assert.deepEqual(seen, list)
  assert.equal(doneCalls, 1)
})

test("the list's enhancement yields to the browser after each slice", () => {
  const seen = []
  Bank.inSlices(Array.from({ length: Bank.SLICE + 1 }, (_, i) => i), (x) => seen.push(x), () => {})
  assert.equal(seen.length, Bank.SLICE) // the last item waits for the next task
})

test("what comes after the list waits for a task of its own", () => {
  let done = false
  Bank.inSlices([1], () => {}, () => { done = true })
  assert.equal(done, false)
})

test("an empty list is done, with no item", async () => {
  await new Promise((resolve) => Bank.inSlices([], () => assert.fail("no item to enhance"), resolve))
})
