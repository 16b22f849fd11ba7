// The kit planner (docs/assets/kit-plan.js), case by case, on a small fixture
// bank shaped like roles/builder.json; the issue's own example also runs on the
// real bank when a built site is at hand (KIT_PLAN_BANK=path/to/builder.json, or
// site/roles/builder.json), and is skipped otherwise.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"
import fs from "node:fs"
import path from "node:path"
import vm from "node:vm"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const SOURCE = path.join(ROOT, "docs/assets/kit-plan.js")
const KitPlan = createRequire(import.meta.url)(SOURCE)

const LEVELS = ["mid", "senior", "staff"]
const KINDS = ["system-design", "trade-off", "scenario", "debugging", "past-experience", "code-reading", "coding"]

function question(id, kind, level, minutes, skills) {
  return { id, title: id.replace(/-/g, " "), url: `/questions/${id}/`, kind, level, minutes, skills, prompt_html: "<p>?</p>",
    interviewer: { rubric: {}, follow_ups: [] } }
}

// Shaped after the real bank: 20-45 minute questions probing one to three skills.
const BANK = {
  vocabulary: {
    levels: LEVELS.map((id) => ({ id, label: { mid: "Mid-level", senior: "Senior", staff: "Staff" }[id] })),
    bands: [], kinds: KINDS.map((id) => ({ id, label: id[0].toUpperCase() + id.slice(1).replace(/-/g, " ") })), max_level_gap: 1,
  },
  agenda: { intro_minutes: 5, candidate_questions_minutes: 5, max_minutes_without_break: 120, break_minutes: 10 },
  skills: ["consistency", "coordination", "storage", "streaming", "observability", "security"].map((id) => ({ id, title: id[0].toUpperCase() + id.slice(1) })),
  use_cases: [{ id: "payments", title: "Payments", skills: ["consistency", "storage"], questions: ["past-outage"] }],
  roles: [{
    id: "storage-kit", title: "Storage engineer", level: "staff", minutes: 150, break_minutes: 10, skills: ["consistency", "storage", "coordination"],
    stages: [
      { name: "Screen", minutes: 40, break_after: 0, questions: ["past-migration"] },
      { name: "System design", minutes: 55, break_after: 10, questions: ["design-resharding"] },
      { name: "Deep dive", minutes: 55, break_after: 0, questions: ["scenario-2pc"] },
    ],
  }],
  questions: [
    // The greedy planner's pick for staff, consistency + coordination, 60 minutes: most skills per minute.
    question("debug-lease", "debugging", "staff", 35, ["consistency", "coordination"]),
    question("design-linearizability", "system-design", "staff", 40, ["coordination", "consistency", "storage"]),
    question("design-leader", "system-design", "senior", 40, ["coordination", "consistency"]),
    question("tradeoff-commit-wait", "trade-off", "staff", 35, ["coordination", "consistency"]),
    question("code-fencing", "code-reading", "senior", 20, ["coordination", "consistency"]),
    question("scenario-2pc", "scenario", "staff", 35, ["coordination", "consistency", "storage"]),
    question("past-migration", "past-experience", "staff", 30, ["storage", "consistency"]),
    question("past-outage", "past-experience", "staff", 30, ["storage", "consistency"]),
    question("design-resharding", "system-design", "staff", 45, ["storage", "consistency"]),
    question("coding-vector-clock", "coding", "senior", 30, ["coordination", "consistency"]),
    question("debug-stream", "debugging", "senior", 30, ["streaming", "observability"]),
    question("design-stream", "system-design", "senior", 45, ["streaming", "storage"]),
    question("tradeoff-streaming", "trade-off", "staff", 30, ["streaming", "consistency"]),
    question("scenario-alerts", "scenario", "mid", 20, ["observability"]),
    question("debug-disk", "debugging", "mid", 25, ["storage", "observability"]),
    question("past-oncall", "past-experience", "senior", 25, ["observability"]),
  ],
}
const BY_ID = Object.fromEntries(BANK.questions.map((q) => [q.id, q]))
const ISSUE = { skills: ["consistency", "coordination"], level: "staff", minutes: 60 }

const ids = (plan) => plan.questions.map((q) => q.id)
const kinds = (plan) => ids(plan).map((id) => BY_ID[id].kind)

test("the issue's example plans a system-design question and uses at least 45 of 60 minutes", () => {
  const plan = KitPlan.plan(BANK, ISSUE)
  assert.ok(kinds(plan).includes("system-design"), `kinds: ${kinds(plan)}`)
  assert.ok(plan.minutes.planned >= 45, `planned ${plan.minutes.planned}`)
  assert.ok(plan.minutes.planned <= 60)
})

test("the issue's example on the real bank, when a built copy is at hand", (t) => {
  const file = process.env.KIT_PLAN_BANK || path.join(ROOT, "site/roles/builder.json")
  if (!fs.existsSync(file)) return t.skip(`no built bank at ${file}`)
  const bank = JSON.parse(fs.readFileSync(file, "utf8"))
  const plan = KitPlan.plan(bank, { skills: ["data-consistency", "distributed-coordination"], level: "staff", minutes: 60 })
  const byId = Object.fromEntries(bank.questions.map((q) => [q.id, q]))
  assert.ok(plan.questions.some((q) => byId[q.id].kind === "system-design"))
  assert.ok(plan.minutes.planned >= 45, `planned ${plan.minutes.planned}`)
  assert.deepEqual(Object.values(plan.coverage).map((n) => n > 0), [true, true])
})

test("the agenda opens with the introduction, ends with the candidate's questions and buffer, and adds up", () => {
  const plan = KitPlan.plan(BANK, ISSUE)
  const types = plan.agenda.map((a) => a.type)
  assert.equal(types[0], "intro")
  assert.equal(plan.agenda[0].minutes, 5)
  const closing = plan.agenda.find((a) => a.type === "candidate-questions")
  assert.equal(closing.minutes, 5)
  let clock = 0
  for (const slot of plan.agenda) {
    assert.equal(slot.start, clock, `${slot.type} starts at ${slot.start}, not ${clock}`)
    clock += slot.minutes
  }
  assert.equal(clock, 60)
  assert.equal(plan.minutes.planned + plan.minutes.buffer, 60)
})

for (const [name, input] of [
  ["issue example", ISSUE],
  ["senior, three skills, 90 minutes", { skills: ["storage", "streaming", "observability"], level: "senior", minutes: 90 }],
  ["mid, one skill, 45 minutes", { skills: ["observability"], level: "mid", minutes: 45 }],
  ["staff, long loop", { skills: ["consistency", "storage", "streaming"], level: "staff", minutes: 200 }],
]) {
  test(`a plan stays within its time: ${name}`, () => {
    const plan = KitPlan.plan(BANK, input)
    assert.ok(plan.minutes.end <= input.minutes, `ends at ${plan.minutes.end}`)
    assert.equal(plan.minutes.over, 0)
  })

  test(`a plan asks only questions within one level, of the chosen skills: ${name}`, () => {
    const plan = KitPlan.plan(BANK, input)
    for (const id of ids(plan)) {
      assert.ok(Math.abs(LEVELS.indexOf(BY_ID[id].level) - LEVELS.indexOf(input.level)) <= 1, id)
      assert.ok(BY_ID[id].skills.some((s) => input.skills.includes(s)), id)
    }
  })

  test(`the same input gives the same plan, whatever the bank's order: ${name}`, () => {
    const reversed = { ...BANK, questions: [...BANK.questions].reverse() }
    assert.deepEqual(KitPlan.plan(BANK, input), KitPlan.plan(BANK, input))
    assert.deepEqual(ids(KitPlan.plan(reversed, input)), ids(KitPlan.plan(BANK, input)))
  })
}

// Brute force over every subset of the questions the planner may use, scored
// with the planner's own weights: the search finds a plan as good as the best.
// (What the weights say is the rest of this file: coverage, system design, time.)
const W = KitPlan.WEIGHTS
function score(input, questions) {
  const count = (s) => questions.filter((q) => q.skills.includes(s)).length
  const gap = (q) => Math.abs(LEVELS.indexOf(q.level) - LEVELS.indexOf(input.level))
  const preferred = BANK.use_cases.find((u) => u.id === input.use_case)?.questions ?? []
  const designAllowed = !input.kinds || input.kinds.includes("system-design")
  return input.skills.filter((s) => count(s) >= 1).length * W.once +
    (designAllowed && questions.some((q) => q.kind === "system-design") ? W.design : 0) +
    input.skills.filter((s) => count(s) >= 2).length * W.twice +
    questions.reduce((sum, q) => sum + q.minutes * W.minute - gap(q) * W.level + (preferred.includes(q.id) ? W.use_case : 0), 0) +
    new Set(questions.map((q) => q.kind)).size * W.kind
}
function bruteForce(input) {
  const capacity = input.minutes - 10
  const pool = BANK.questions.filter((q) => Math.abs(LEVELS.indexOf(q.level) - LEVELS.indexOf(input.level)) <= 1 &&
    q.skills.some((s) => input.skills.includes(s)) && (!input.kinds || input.kinds.includes(q.kind)))
  let best = -Infinity
  for (let mask = 0; mask < 1 << pool.length; mask++) {
    const chosen = pool.filter((_, i) => mask & (1 << i))
    if (chosen.reduce((sum, q) => sum + q.minutes, 0) <= capacity) best = Math.max(best, score(input, chosen))
  }
  return best
}

for (const input of [
  ISSUE,
  { skills: ["consistency", "coordination"], level: "staff", minutes: 90 },
  { skills: ["storage", "observability"], level: "mid", minutes: 60 },
  { skills: ["streaming", "storage", "consistency"], level: "senior", minutes: 110 },
  { skills: ["observability", "streaming"], level: "senior", minutes: 75, kinds: ["debugging", "past-experience", "scenario"] },
  { skills: ["coordination"], level: "senior", minutes: 120 },
  { skills: ["storage", "consistency"], level: "staff", minutes: 100, use_case: "payments" },
]) {
  test(`the plan is as good as the best of every subset: ${input.skills.join("+")} ${input.level} ${input.minutes}`, () => {
    const plan = KitPlan.plan(BANK, input)
    assert.equal(score(input, ids(plan).map((id) => BY_ID[id])), bruteForce(input))
    assert.equal(plan.search.exact, true)
  })
}

test("every chosen skill is covered, twice where the time allows", () => {
  const plan = KitPlan.plan(BANK, { skills: ["consistency", "coordination"], level: "staff", minutes: 90 })
  assert.deepEqual(plan.coverage, { consistency: 2, coordination: 2 })
})

test("the kinds filter keeps other kinds out", () => {
  const allowed = ["debugging", "trade-off", "coding"]
  const plan = KitPlan.plan(BANK, { ...ISSUE, kinds: allowed })
  assert.ok(plan.questions.length > 0)
  assert.ok(kinds(plan).every((k) => allowed.includes(k)), `kinds: ${kinds(plan)}`)
})

test("locked questions stay, even of a kind the filter leaves out", () => {
  const plan = KitPlan.plan(BANK, { ...ISSUE, kinds: ["system-design"], locked: ["debug-lease"] })
  assert.ok(ids(plan).includes("debug-lease"))
  assert.equal(plan.questions.find((q) => q.id === "debug-lease").locked, true)
})

test("a locked question that no longer fits stays, and the reasons say the interview runs over", () => {
  const plan = KitPlan.plan(BANK, { ...ISSUE, minutes: 40, locked: ["design-linearizability"] })
  assert.ok(ids(plan).includes("design-linearizability"))
  assert.ok(plan.reasons.some((r) => r.code === "over" || r.code === "tight"), JSON.stringify(plan.reasons))
})

for (const removed of [["design-linearizability"], ["design-linearizability", "design-leader"], ["code-fencing", "debug-lease", "tradeoff-commit-wait"]]) {
  test(`removed questions never appear: ${removed.join(", ")}`, () => {
    for (const minutes of [45, 60, 90, 150]) {
      const plan = KitPlan.plan(BANK, { ...ISSUE, minutes, removed, locked: removed })
      assert.ok(!ids(plan).some((id) => removed.includes(id)), `${minutes} min: ${ids(plan)}`)
      assert.deepEqual(plan.removed, [...removed].sort())
    }
  })
}

test("a skill the bank has no question on is named as such", () => {
  const plan = KitPlan.plan(BANK, { ...ISSUE, skills: ["consistency", "security"] })
  const reason = plan.reasons.find((r) => r.skill === "security")
  assert.equal(reason.code, "no-question")
})

test("too little time: the reasons say what does not fit and how many minutes would", () => {
  const plan = KitPlan.plan(BANK, { skills: ["consistency", "observability"], level: "staff", minutes: 45 })
  const reason = plan.reasons.find((r) => r.code === "no-time")
  assert.ok(reason, JSON.stringify(plan.reasons))
  assert.match(reason.text, /fits in the \d+ minutes left/)
  assert.ok(reason.minutes > 45)
  const more = KitPlan.plan(BANK, { skills: ["consistency", "observability"], level: "staff", minutes: reason.minutes })
  assert.ok(Object.values(more.coverage).every((n) => n > 0), `at ${reason.minutes} minutes: ${JSON.stringify(more.coverage)}`)
})

test("a skill only filtered-out kinds probe: the reasons suggest allowing them", () => {
  const plan = KitPlan.plan(BANK, { skills: ["observability"], level: "mid", minutes: 60, kinds: ["system-design"] })
  const reason = plan.reasons.find((r) => r.code === "filtered")
  assert.ok(reason, JSON.stringify(plan.reasons))
  assert.match(reason.text, /allow .*debugging/)
})

test("time the bank cannot fill is explained", () => {
  const plan = KitPlan.plan(BANK, { skills: ["observability"], level: "mid", minutes: 150 })
  assert.ok(plan.minutes.buffer >= 10)
  assert.ok(plan.reasons.some((r) => r.code === "bank-exhausted" || r.code === "buffer"), JSON.stringify(plan.reasons))
})

test("no kinds chosen: nothing is planned and the reasons say why", () => {
  const plan = KitPlan.plan(BANK, { ...ISSUE, kinds: [] })
  assert.equal(plan.questions.length, 0)
  assert.ok(plan.reasons.some((r) => r.code === "no-kinds"))
})

test("alternatives probe the same chosen skills, fit, and are neither planned nor removed", () => {
  const input = { ...ISSUE, minutes: 90, removed: ["coding-vector-clock"] }
  const plan = KitPlan.plan(BANK, input)
  for (const entry of plan.questions) {
    const original = BY_ID[entry.id]
    const probes = input.skills.filter((s) => original.skills.includes(s))
    const options = KitPlan.alternatives(BANK, input, entry.id)
    assert.ok(options.some((o) => o.full), `no full alternative for ${entry.id}`)
    for (const option of options.filter((o) => o.full)) {
      assert.ok(probes.every((s) => BY_ID[option.id].skills.includes(s)), `${option.id} for ${entry.id}`)
    }
    for (const option of options) {
      assert.ok(!ids(plan).includes(option.id) && option.id !== "coding-vector-clock", option.id)
      const swapped = KitPlan.plan(BANK, { ...input, locked: ids(plan).map((id) => (id === entry.id ? option.id : id)), removed: [...input.removed, entry.id] })
      assert.equal(swapped.minutes.over, 0, `${option.id} for ${entry.id} does not fit`)
    }
  }
})

test("alternatives list the ones probing every skill first", () => {
  const options = KitPlan.alternatives(BANK, { ...ISSUE, minutes: 90 }, KitPlan.plan(BANK, { ...ISSUE, minutes: 90 }).questions[0].id)
  const firstPartial = options.findIndex((o) => !o.full)
  assert.ok(firstPartial < 0 || options.slice(firstPartial).every((o) => !o.full))
})

test("the reader's order is kept, across interviews too", () => {
  const plan = KitPlan.plan(BANK, { ...ISSUE, minutes: 90 })
  const order = [ids(plan).slice().reverse()]
  const again = KitPlan.plan(BANK, { ...ISSUE, minutes: 90, order, locked: ids(plan) })
  assert.deepEqual(ids(again), order[0])
  assert.deepEqual(again.order, order)
})

test("a long loop is split into interviews of at most two hours with breaks between them", () => {
  for (const minutes of [121, 180, 250, 400, 600]) {
    const sessions = KitPlan.sessionsFor(minutes, BANK.agenda)
    assert.ok(sessions.every((s) => s.minutes <= 120), `${minutes}: ${JSON.stringify(sessions)}`)
    assert.equal(sessions.reduce((sum, s) => sum + s.minutes + s.break_after, 0), minutes)
    assert.ok(sessions.slice(0, -1).every((s) => s.break_after === 10))
  }
  const plan = KitPlan.plan(BANK, { skills: ["consistency", "storage", "coordination"], level: "staff", minutes: 200 })
  assert.equal(plan.agenda.filter((a) => a.type === "break").length, 1)
  assert.equal(plan.agenda.filter((a) => a.type === "intro").length, 2)
})

test("starting from a kit plans the kit's own stages and questions", () => {
  const input = KitPlan.fromKit(BANK, "storage-kit")
  const plan = KitPlan.plan(BANK, input)
  assert.deepEqual(plan.sessions.map((s) => s.name), ["Screen", "System design", "Deep dive"])
  assert.deepEqual(plan.order, [["past-migration"], ["design-resharding"], ["scenario-2pc"]])
  assert.equal(plan.minutes.total, 160)
  assert.ok(plan.questions.every((q) => q.locked && q.stage))
  assert.equal(plan.agenda.filter((a) => a.type === "break").length, 1)
})

test("the use case's own questions are preferred when all else is equal", () => {
  const without = KitPlan.plan(BANK, { skills: ["storage", "consistency"], level: "staff", minutes: 40 })
  const withUseCase = KitPlan.plan(BANK, { skills: ["storage", "consistency"], level: "staff", minutes: 40, use_case: "payments" })
  assert.deepEqual(ids(without), ["past-migration"])
  assert.deepEqual(ids(withUseCase), ["past-outage"])
})

test("the file defines the global KitPlan in a browser-like context without modules", () => {
  const context = {}
  vm.runInNewContext(fs.readFileSync(SOURCE, "utf8"), context)
  assert.equal(typeof context.KitPlan.plan, "function")
  assert.equal(JSON.stringify(context.KitPlan.plan(BANK, ISSUE)), JSON.stringify(KitPlan.plan(BANK, ISSUE)))
})
