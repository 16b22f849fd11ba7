// The scorecard's and the debrief's pure rules (docs/assets/scorecard-logic.js):
// rubric aggregation, validation of loaded files, the panel table, spreads, the
// kit's decision rule and the Markdown exports.
import { test } from "node:test"
import assert from "node:assert/strict"
import { fileURLToPath } from "node:url"

await import(fileURLToPath(new URL("../../docs/assets/scorecard-logic.js", import.meta.url)))
const L = globalThis.KbScorecard

// A small roles/builder.json: one kit, three competencies, three questions.
const BANDS = ["insufficient", "developing", "proficient", "exceptional"]
const rubric = (n) => Object.fromEntries(BANDS.map((b) => [b, Array.from({ length: n }, (_, i) => `${b} item ${i + 1}`)]))
const DATA = {
  vocabulary: {
    levels: [{ id: "mid", label: "Mid-level" }, { id: "senior", label: "Senior" }, { id: "staff", label: "Staff" }],
    bands: BANDS.map((id, i) => ({ id, label: `${i + 1} · ${id[0].toUpperCase()}${id.slice(1)}` })),
  },
  skills: [{ id: "alpha", title: "Alpha" }, { id: "beta", title: "Beta" }, { id: "gamma", title: "Gamma" }],
  roles: [{
    id: "kit", title: "Kit engineer", level: "senior", url: "https://guide.example/roles/kit/",
    skills: ["alpha", "beta", "gamma"], weights: { alpha: 3, beta: 1, gamma: 1 },
    stages: [{ name: "Screen", questions: ["q1"] }, { name: "Design", questions: ["q2", "q3"] }],
    interviewer: { decision_rule: { lowest_band: "developing", mean_at_least: "proficient" } },
  }],
  questions: [
    { id: "q1", title: "Question one", skills: ["alpha"], interviewer: { rubric: rubric(4), red_flag_answers: ["flag a", "flag b"],
      band_rule: { proficient: { at_least: 3, including: [1] }, exceptional: { at_least: 1, including: [] } } } },
    { id: "q2", title: "Question two", skills: ["beta", "alpha"], interviewer: { rubric: rubric(3), red_flag_answers: ["flag c"],
      band_rule: { proficient: { at_least: 2, including: [] }, exceptional: { at_least: 2, including: [2] } } } },
    { id: "q3", title: "Question three", skills: ["gamma"], interviewer: { rubric: rubric(3), red_flag_answers: [], band_rule: null } },
  ],
}
const KIT = DATA.roles[0]

function card(interviewer, competencies, extra = {}) {
  return { schema: "https://guide.example/api/v1/schema/scorecard.schema.json", kit: "kit", candidate: "C-17", interviewer,
    stage: null, updated: "2026-11-30T10:00:00Z", questions: {}, competencies, recommendation: "hire", ...extra }
}

// ── Rubric aggregation ─────────────────────────────────────────────────────────

const REACHED = [
  ["nothing ticked", {}, null],
  ["enough items but not the required first", { proficient: [2, 3, 4] }, null],
  ["too few items", { proficient: [1, 2] }, null],
  ["at least 3 including the first", { proficient: [1, 3, 4] }, "proficient"],
  ["exceptional items without proficient", { exceptional: [1, 2] }, null],
  ["proficient and an exceptional item", { proficient: [1, 2, 3], exceptional: [2] }, "exceptional"],
]
for (const [name, observed, band] of REACHED) {
  test(`band rule: ${name} reaches ${band}`, () => {
    assert.equal(L.reachedBand(DATA.questions[0].interviewer.band_rule, observed), band)
  })
}

test("band rule: the exceptional rule's required item counts", () => {
  const rule = DATA.questions[1].interviewer.band_rule
  assert.equal(L.reachedBand(rule, { proficient: [1, 2], exceptional: [1, 3] }), "proficient")
  assert.equal(L.reachedBand(rule, { proficient: [1, 2], exceptional: [1, 2] }), "exceptional")
})

test("band rule: progress names the required items not ticked", () => {
  assert.deepEqual(L.ruleProgress({ at_least: 3, including: [1, 2] }, [2, 4]), { met: false, count: 2, at_least: 3, missing: [1] })
})

test("band rule: a question without one suggests nothing", () => {
  assert.equal(L.reachedBand(null, { proficient: [1, 2, 3] }), null)
})

// ── Validation of loaded files ─────────────────────────────────────────────────

test("validate: an exported scorecard passes", () => {
  const doc = card("Ana", { alpha: "proficient", beta: null, gamma: "developing" }, {
    stage: 2, questions: { q2: { band: "proficient", observed: { proficient: [1, 2] }, red_flags: [1], hints: "h", evidence: "e" } },
  })
  assert.deepEqual(L.validate(doc, DATA), [])
})

const BAD = [
  ["not an object", [], "not a scorecard"],
  ["another schema", { ...card("Ana", {}), schema: "https://x/other.json" }, "schema"],
  ["an unknown kit", { ...card("Ana", {}), kit: "nope" }, "kit \u201cnope\u201d is not a kit"],
  ["no interviewer", card(" ", {}), "interviewer"],
  ["a stage past the last", card("Ana", {}, { stage: 3 }), "stage"],
  ["a question of another kit", card("Ana", {}, { questions: { q9: { band: "proficient" } } }), "questions.q9"],
  ["an item number past the band", card("Ana", {}, { questions: { q1: { observed: { proficient: [5] } } } }), "observed.proficient"],
  ["a repeated item number", card("Ana", {}, { questions: { q1: { observed: { proficient: [1, 1] } } } }), "observed.proficient"],
  ["a red flag past the list", card("Ana", {}, { questions: { q2: { red_flags: [2] } } }), "red_flags"],
  ["a band that is not one", card("Ana", { alpha: "great" }), "competencies.alpha"],
  ["a competency of another kit", card("Ana", { delta: "proficient" }), "competencies.delta"],
  ["an unknown field", { ...card("Ana", {}), score: 3 }, "unknown field"],
  ["an unknown recommendation", card("Ana", {}, { recommendation: "maybe" }), "recommendation"],
]
for (const [name, doc, fragment] of BAD) {
  test(`validate: refuses ${name}`, () => {
    const errors = L.validate(doc, DATA)
    assert.ok(errors.some((e) => e.includes(fragment)), `${JSON.stringify(errors)} has no error about ${fragment}`)
  })
}

test("panel problems: another candidate, another kit's file and a second file from one interviewer are named", () => {
  const docs = [card("Ana", {}), card("Ben", {}, { candidate: "C-18" }), card("ana", {})]
  assert.deepEqual(L.panelProblems(docs).map((p) => p.index), [1, 2])
})

// ── Spreads and the panel ──────────────────────────────────────────────────────

const SPREADS = [
  [[3, 3, 3], 0],
  [[2, 3, null], 1],
  [[2, 4, 3], 2],
  [[1, 4], 3],
  [[4, null, null], 0],
]
for (const [values, expected] of SPREADS) {
  test(`spread of ${JSON.stringify(values)} is ${expected}`, () => assert.equal(L.spread(values), expected))
}

test("panel: a spread of two bands is flagged, one band is not", () => {
  const rows = L.panel([
    card("Ana", { alpha: "developing", beta: "proficient", gamma: "proficient" }),
    card("Ben", { alpha: "exceptional", beta: "developing", gamma: "proficient" }),
  ], DATA).rows
  assert.deepEqual(rows.map((r) => [r.skill, r.spread, r.split]), [["alpha", 2, true], ["beta", 1, false], ["gamma", 0, false]])
})

test("panel: evidence counts only on a question that probes the competency", () => {
  const ana = card("Ana", { alpha: "proficient", beta: "proficient", gamma: "proficient" },
    { questions: { q2: { band: "proficient", evidence: "Drew the outbox." } } })
  const rows = L.panel([ana], DATA).rows
  assert.deepEqual(rows.map((r) => [r.skill, r.noEvidence]), [["alpha", false], ["beta", false], ["gamma", true]])
})

test("panel: hints and red flags are listed with who gave or heard them", () => {
  const ana = card("Ana", {}, { questions: { q1: { hints: "  Asked about retries. ", red_flags: [2] } } })
  const summary = L.panel([ana], DATA)
  assert.deepEqual(summary.hints.map((h) => [h.interviewer, h.question.id, h.text]), [["Ana", "q1", "Asked about retries."]])
  assert.deepEqual(summary.redFlags.map((f) => f.text), ["flag b"])
})

// ── The decision rule ──────────────────────────────────────────────────────────

function decide(...ratings) {
  const docs = ratings.map((r, i) => card(`I${i}`, r))
  return L.applyRule(KIT.interviewer.decision_rule, L.panel(docs, DATA).rows, DATA)
}

test("decision rule: every competency at the bar is a hire", () => {
  const d = decide({ alpha: "proficient", beta: "proficient", gamma: "proficient" })
  assert.equal(d.decided, true)
  assert.equal(d.hire, true)
})

test("decision rule: one competency below the lowest band is no hire, whatever the mean", () => {
  const d = decide({ alpha: "exceptional", beta: "insufficient", gamma: "exceptional" })
  assert.equal(d.hire, false)
  assert.equal(d.lowest.skill, "beta")
  assert.match(d.steps.join(" "), /Lowest: Beta at 1, below 2 · Developing: not met/)
})

test("decision rule: the mean is weighted as the kit weighs competencies", () => {
  // alpha (weight 3) at 4, beta and gamma (1 each) at 2: weighted 3.2, plain 2.67.
  const d = decide({ alpha: "exceptional", beta: "developing", gamma: "developing" })
  assert.equal(Math.round(d.weightedMean * 10) / 10, 3.2)
  assert.equal(d.hire, true)
})

test("decision rule: a competency's rating is the mean of the panel's", () => {
  // alpha: 2 and 3 -> 2.5; with beta and gamma at 3 the weighted mean is 2.7: no hire.
  const d = decide({ alpha: "developing", beta: "proficient", gamma: "proficient" }, { alpha: "proficient", beta: "proficient", gamma: "proficient" })
  assert.equal(Math.round(d.weightedMean * 10) / 10, 2.7)
  assert.equal(d.hire, false)
})

test("decision rule: a competency nobody rated leaves it undecided, naming it", () => {
  const d = decide({ alpha: "proficient", beta: null, gamma: "proficient" })
  assert.equal(d.decided, false)
  assert.match(d.steps[0], /Nobody rated Beta/)
})

test("decision rule sentence: a lowest band at the mean's collapses into one clause", () => {
  const strict = { lowest_band: "proficient", mean_at_least: "proficient" }
  assert.equal(L.ruleSentence(strict, KIT, DATA), "Hire when every competency is rated 3 · Proficient or above, where 3 · Proficient is the senior bar.")
  assert.match(L.ruleSentence(KIT.interviewer.decision_rule, KIT, DATA), /no competency is rated below 2 · Developing and the weighted mean/)
})

// ── Markdown ───────────────────────────────────────────────────────────────────

test("markdown: typed text cannot break a table row", () => {
  assert.equal(L.cell("a | b\nc"), "a \\| b c")
})

test("markdown: a scorecard lists ratings, ticked items and notes", () => {
  const doc = card("Ana", { alpha: "proficient", beta: null, gamma: null }, {
    questions: { q1: { band: "proficient", observed: { proficient: [1] }, red_flags: [1], hints: "", evidence: "Line one\n# not a heading" } },
  })
  const md = L.scorecardMarkdown(doc, DATA)
  assert.match(md, /\| Alpha \| 3 \| 3 · Proficient \|/)
  assert.match(md, /\| Beta \| 1 \| not rated \|/)
  assert.match(md, /- 3 · Proficient, item 1: proficient item 1/)
  assert.match(md, /> # not a heading/)
  assert.doesNotMatch(md, /Question two/, "questions with nothing recorded are left out")
})

test("markdown: the debrief summary flags spreads and states the verdict", () => {
  const docs = [card("Ana", { alpha: "developing", beta: "proficient", gamma: "proficient" }),
    card("Ben", { alpha: "exceptional", beta: "proficient", gamma: "proficient" })]
  const summary = L.panel(docs, DATA)
  const md = L.debriefMarkdown(summary, L.applyRule(KIT.interviewer.decision_rule, summary.rows, DATA), DATA)
  assert.match(md, /\| Alpha \| 3 \| 2 · Developing \(no notes\) \| 4 · Exceptional \(no notes\) \| 3 \| spread of 2 bands; no written evidence \|/)
  assert.match(md, /The rule says hire\./)
})

test("slug: file names keep letters, digits and hyphens only", () => {
  assert.equal(L.slug("Ana María / C-17"), "ana-mar-a-c-17")
  assert.equal(L.slug("  "), "unnamed")
})

// ── Scorecards of a loop planned in the kit builder ───────────────────────────

// KitPlan.plan()'s result, the fields the scorecard reads: two interviews.
const PLAN = {
  level: "staff", skills: ["gamma", "alpha"],
  questions: [{ id: "q3" }, { id: "q1" }, { id: "q2" }],
  sessions: [{ name: "Interview 1", questions: ["q3", "q1"] }, { name: "Interview 2", questions: ["q2"] }],
}
const RECORD = L.planRecord(PLAN, "https://guide.example/roles/builder/?skills=gamma,alpha")
const MODEL = L.planModel(DATA, RECORD)

function planCard(interviewer, competencies, extra = {}) {
  return { ...card(interviewer, competencies), kit: null, plan: RECORD, ...extra }
}

test("plan id: sorted question ids, so reordering keeps the plan", () => {
  assert.equal(L.planId(["q3", "q1", "q2"]), "builder:q1,q2,q3")
  assert.equal(RECORD.id, "builder:q1,q2,q3")
})

test("plan record: the interviews become the stages, in order", () => {
  assert.deepEqual(RECORD.stages, [{ name: "Interview 1", questions: ["q3", "q1"] }, { name: "Interview 2", questions: ["q2"] }])
  assert.equal(RECORD.level, "staff")
})

test("plan record: a plan without questions has nothing to score", () => {
  assert.equal(L.planRecord({ ...PLAN, questions: [], sessions: [{ name: "Interview", questions: [] }] }), null)
  assert.equal(L.planRecord(null), null)
})

test("plan model: every competency weighs the same and there is no decision rule", () => {
  assert.deepEqual(MODEL.weights, { gamma: 1, alpha: 1 })
  assert.equal(MODEL.rule, null)
  assert.equal(MODEL.kit, null)
  assert.equal(MODEL.title, "Planned loop: Gamma, Alpha")
})

test("kit model: the kit's stages, weights and rule", () => {
  const model = L.kitModel(KIT)
  assert.deepEqual(model.stages, [{ name: "Screen", questions: ["q1"] }, { name: "Design", questions: ["q2", "q3"] }])
  assert.equal(model.rule, KIT.interviewer.decision_rule)
  assert.equal(model.id, "kit")
})

test("model of a scorecard: a kit's or a plan's", () => {
  assert.equal(L.modelOf(card("Ana", {}), DATA).id, "kit")
  assert.equal(L.modelOf(planCard("Ana", {}), DATA).id, "builder:q1,q2,q3")
  assert.equal(L.modelOf({ ...planCard("Ana", {}), plan: { ...RECORD, id: "builder:q1" } }, DATA), null)
})

test("blank: a plan's scorecard has kit null and the plan", () => {
  const doc = L.blank(MODEL, "s")
  assert.equal(doc.kit, null)
  assert.equal(doc.plan, RECORD)
  assert.deepEqual(Object.keys(L.blank("kit", "s")), ["schema", "kit", "candidate", "interviewer", "stage", "updated", "questions", "competencies", "recommendation"])
})

test("validate: a plan's exported scorecard passes", () => {
  const doc = planCard("Ana", { gamma: "proficient", alpha: null }, {
    stage: 2, questions: { q2: { band: "proficient", observed: { proficient: [1] }, red_flags: [], hints: "", evidence: "e" } },
  })
  assert.deepEqual(L.validate(doc, DATA), [])
})

const BAD_PLANS = [
  ["kit null without a plan", { ...card("Ana", {}), kit: null }, "needs the kit builder's plan"],
  ["a kit's scorecard with a plan", { ...card("Ana", {}), plan: RECORD }, "a kit's scorecard has no plan"],
  ["an id that does not match the questions", planCard("Ana", {}, { plan: { ...RECORD, id: "builder:q1" } }), "plan.id"],
  ["a question of the guide it does not know", planCard("Ana", {}, { plan: { ...RECORD, stages: [{ name: "I", questions: ["q9"] }] } }), "plan.stages"],
  ["a question twice", planCard("Ana", {}, { plan: { ...RECORD, stages: [{ name: "I", questions: ["q1"] }, { name: "J", questions: ["q1"] }] } }), "each question once"],
  ["an unknown level", planCard("Ana", {}, { plan: { ...RECORD, level: "principal" } }), "plan.level"],
  ["an unknown skill", planCard("Ana", {}, { plan: { ...RECORD, skills: ["delta"] } }), "plan.skills"],
  ["an unknown field in the plan", planCard("Ana", {}, { plan: { ...RECORD, note: 1 } }), "plan: unknown field"],
  ["a question not in the plan", planCard("Ana", {}, { plan: L.planRecord({ ...PLAN, sessions: [{ name: "I", questions: ["q1"] }] }),
    questions: { q2: { band: "proficient" } } }), "not a question of this plan"],
  ["a competency not in the plan", planCard("Ana", { beta: "proficient" }), "not a competency of this plan"],
  ["a stage past the plan's interviews", planCard("Ana", {}, { stage: 3 }), "the plan has stages 1 to 2"],
]
for (const [name, doc, fragment] of BAD_PLANS) {
  test(`validate: refuses ${name}`, () => {
    const errors = L.validate(doc, DATA)
    assert.ok(errors.some((e) => e.includes(fragment)), `${JSON.stringify(errors)} has no error about ${fragment}`)
  })
}

const KEYS = [
  ["a kit's", "kb-scorecard:kit:C-17", { id: "kit", label: "C-17" }],
  ["a plan's", "kb-scorecard:builder:q1,q2:C-17", { id: "builder:q1,q2", label: "C-17" }],
  ["a plan's with a colon in the label", "kb-scorecard:builder:q1:a:b", { id: "builder:q1", label: "a:b" }],
  ["an unlabelled plan's", "kb-scorecard:builder:q1:", { id: "builder:q1", label: "" }],
  ["another script's", "kb-other:kit:x", null],
]
for (const [name, key, parsed] of KEYS) {
  test(`storage key: ${name} parses back`, () => assert.deepEqual(L.parseKey(key), parsed))
}

test("storage key: a plan's key parses back to its id and label", () => {
  assert.deepEqual(L.parseKey(L.storageKey(RECORD.id, "C:17")), { id: RECORD.id, label: "C:17" })
})

// ── When the plan changes ──────────────────────────────────────────────────────

const SWAPPED = L.planModel(DATA, L.planRecord({ ...PLAN, sessions: [{ name: "Interview 1", questions: ["q3", "q2"] }, { name: "Interview 2", questions: [] }] }))
const BEFORE = planCard("Ana", { gamma: "exceptional", alpha: "developing" }, {
  stage: 2, recommendation: "no-hire",
  questions: { q1: { band: "developing", evidence: "Q1 notes" }, q2: { band: "proficient", evidence: "Q2 notes" }, q3: { evidence: "" } },
})

test("plan change: answers on questions still in the plan come along", () => {
  const moved = L.carryOver(BEFORE, SWAPPED, [], "s")
  assert.deepEqual(Object.keys(moved.doc.questions), ["q2"])
  assert.equal(moved.doc.questions.q2.evidence, "Q2 notes")
  assert.deepEqual(moved.kept, ["q2"])
})

test("plan change: answers on questions taken out are named, not carried", () => {
  assert.deepEqual(L.carryOver(BEFORE, SWAPPED, [], "s").left, ["q1"])
})

test("plan change: the earlier scorecard is left as it was", () => {
  const copy = JSON.parse(JSON.stringify(BEFORE))
  L.carryOver(BEFORE, SWAPPED, [], "s").doc.questions.q2.evidence = "changed"
  assert.deepEqual(BEFORE, copy)
})

test("plan change: who, recommendation and ratings of skills still assessed come along", () => {
  const doc = L.carryOver(BEFORE, SWAPPED, [], "s").doc
  assert.deepEqual([doc.interviewer, doc.candidate, doc.recommendation], ["Ana", "C-17", "no-hire"])
  assert.deepEqual(doc.competencies, { gamma: "exceptional", alpha: "developing" })
  assert.deepEqual([doc.kit, doc.plan.id], [null, "builder:q2,q3"])
})

test("plan change: a stage the new plan does not have is dropped", () => {
  const oneInterview = L.planModel(DATA, L.planRecord({ ...PLAN, sessions: [{ name: "Interview", questions: ["q1", "q2", "q3"] }] }))
  assert.equal(L.carryOver(BEFORE, oneInterview, [], "s").doc.stage, null)
  assert.equal(L.carryOver(BEFORE, SWAPPED, [], "s").doc.stage, 2)
})

test("plan change: a question put back gets its answer from a saved scorecard", () => {
  const now = planCard("Ana", {}, { questions: { q2: { evidence: "newer Q2" } } })
  const saved = planCard("Ana", {}, { questions: { q1: { evidence: "Q1 from before" }, q2: { evidence: "older Q2" } } })
  const doc = L.carryOver(now, MODEL, [saved], "s").doc
  assert.deepEqual([doc.questions.q1.evidence, doc.questions.q2.evidence], ["Q1 from before", "newer Q2"])
})

test("plan change: the result validates against the new plan", () => {
  const doc = L.carryOver(BEFORE, SWAPPED, [], "s/scorecard.schema.json").doc
  assert.deepEqual(L.validate(doc, DATA), [])
})

test("empty scorecard: nothing recorded until a band, a note, a rating or a recommendation", () => {
  assert.equal(L.emptyDoc(L.blank(MODEL, "s")), true)
  assert.equal(L.emptyDoc({ ...L.blank(MODEL, "s"), questions: { q1: { band: null, evidence: " x" } } }), false)
  assert.equal(L.emptyDoc({ ...L.blank(MODEL, "s"), competencies: { alpha: "proficient" } }), false)
})

// ── A plan's panel ─────────────────────────────────────────────────────────────

test("panel problems: scorecards of one plan load together", () => {
  assert.deepEqual(L.panelProblems([planCard("Ana", {}), planCard("Ben", {})]), [])
})

test("panel problems: a scorecard of another plan is refused, saying so", () => {
  const other = { ...planCard("Ben", {}), plan: SWAPPED.plan }
  const problems = L.panelProblems([planCard("Ana", {}), other])
  assert.deepEqual(problems.map((p) => p.index), [1])
  assert.match(problems[0].message, /another kit-builder plan/)
})

test("panel problems: a plan's scorecard among a kit's is refused", () => {
  assert.match(L.panelProblems([card("Ana", {}), planCard("Ben", {})])[0].message, /is for a kit-builder plan of 3 questions at staff level, the first file for kit/)
})

test("panel: a plan's rows are its skills, each of weight 1", () => {
  const rows = L.panel([planCard("Ana", { gamma: "proficient", alpha: "developing" })], DATA).rows
  assert.deepEqual(rows.map((r) => [r.skill, r.weight, r.mean]), [["gamma", 1, 3], ["alpha", 1, 2]])
})

test("markdown: a plan's scorecard names the plan and its address", () => {
  const md = L.scorecardMarkdown(planCard("Ana", { gamma: "proficient", alpha: null }, { stage: 2 }), DATA)
  assert.match(md, /^# Scorecard: Planned loop: Gamma, Alpha$/m)
  assert.match(md, /^- Plan: https:\/\/guide\.example\/roles\/builder\/\?skills=gamma,alpha$/m)
  assert.match(md, /^- Stage: 2 · Interview 2$/m)
  assert.match(md, /^- Level: Staff$/m)
})

test("markdown: a plan's debrief says there is no decision rule and gives no verdict", () => {
  const summary = L.panel([planCard("Ana", { gamma: "proficient", alpha: "proficient" })], DATA)
  const md = L.debriefMarkdown(summary, null, DATA)
  assert.match(md, /no decision rule of its own/)
  assert.doesNotMatch(md, /The rule says/)
})

// ── Details per question (roles/scorecard/<id>.json) ─────────────────────────

function lean() {
  // builder.json as served: questions without their interviewer fields.
  return { ...DATA, questions: DATA.questions.map(({ interviewer, ...rest }) => ({ ...rest })) }
}

function files(asked) {
  return (id) => {
    asked.push(id)
    const q = DATA.questions.find((x) => x.id === id)
    return q ? Promise.resolve({ id, interviewer: q.interviewer }) : Promise.reject(new Error("404"))
  }
}

test("withDetails fetches each question in play once and attaches its interviewer fields", async () => {
  const data = lean(), asked = []
  await L.withDetails(data, ["q2", "q1", "q2"], files(asked))
  assert.deepEqual(asked, ["q2", "q1"])
  assert.deepEqual(L.question(data, "q1").interviewer, DATA.questions[0].interviewer)
  assert.equal(L.question(data, "q3").interviewer, undefined)
})

test("withDetails does not fetch again what a question already has", async () => {
  const data = lean(), asked = []
  await L.withDetails(data, ["q1"], files(asked))
  await L.withDetails(data, ["q1", "q3"], files(asked))
  assert.deepEqual(asked, ["q1", "q3"])
})

test("withDetails rejects a file about another question", async () => {
  const data = lean()
  await assert.rejects(L.withDetails(data, ["q1"], () => Promise.resolve({ id: "q2", interviewer: {} })), /q1/)
})

test("namedQuestions lists a file's answered questions and its kit's, strings only", () => {
  const doc = { kit: "kit", questions: { q9: {}, q1: {} } }
  assert.deepEqual(L.namedQuestions(doc, DATA), ["q9", "q1", "q1", "q2", "q3"])
  assert.deepEqual(L.namedQuestions({ kit: null, plan: { stages: [{ questions: ["q2", 7] }] }, questions: [] }, DATA), ["q2"])
  assert.deepEqual(L.namedQuestions("not a scorecard", DATA), [])
})

test("detailsLoader asks this site for roles/scorecard/<id>.json", async () => {
  const asked = []
  const load = L.detailsLoader(new URL("https://guide.example/sub/"), (url) => {
    asked.push(String(url))
    return Promise.resolve({ ok: true, json: () => Promise.resolve({ id: "q1" }) })
  })
  assert.deepEqual(await load("q1"), { id: "q1" })
  assert.deepEqual(asked, ["https://guide.example/sub/roles/scorecard/q1.json"])
})

test("detailsLoader rejects a missing file", async () => {
  const load = L.detailsLoader(new URL("https://guide.example/"), () => Promise.resolve({ ok: false, status: 404 }))
  await assert.rejects(load("q1"), /404/)
})
