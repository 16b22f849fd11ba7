// The scoping worksheet's logic (docs/assets/scoping-logic.js) on a small fixture
// shaped like roles/builder.json, api/v1/scoping.json and api/v1/roles.json.
import { test } from "node:test"
import assert from "node:assert/strict"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const S = createRequire(import.meta.url)(path.join(ROOT, "docs/assets/scoping-logic.js"))

const SKILLS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
const title = (id) => id[0].toUpperCase() + id.slice(1)
const BUILDER = {
  vocabulary: { levels: [{ id: "mid", label: "Mid-level" }, { id: "senior", label: "Senior" }, { id: "staff", label: "Staff" }] },
  skills: SKILLS.map((id) => ({ id, title: title(id) })),
  use_cases: [
    { id: "shop", title: "Shop", skills: ["alpha", "beta", "gamma"] },
    { id: "stream", title: "Stream", skills: ["delta", "epsilon", "zeta"] },
  ],
  roles: [
    { id: "shop-engineer", title: "Shop engineer", level: "senior", minutes: 200, break_minutes: 20, url: "/roles/shop-engineer/", skills: ["alpha", "beta", "gamma", "delta"] },
    { id: "shop-lead", title: "Shop lead", level: "staff", minutes: 250, break_minutes: 20, url: "/roles/shop-lead/", skills: ["alpha", "beta", "gamma"] },
    { id: "stream-engineer", title: "Stream engineer", level: "senior", minutes: 240, break_minutes: 10, url: "/roles/stream-engineer/", skills: ["delta", "epsilon", "zeta"] },
    { id: "stream-junior", title: "Stream junior", level: "mid", minutes: 180, break_minutes: 0, url: "/roles/stream-junior/", skills: ["delta", "epsilon"] },
  ],
}
const SCOPING = {
  entries: [
    { id: "team-and-ownership", url: "/scoping/team-and-ownership/", data: { title: "Team", order: 2, summary: "Who owns what.", guiding_questions: ["Who owns it?", "On-call?"], skills: ["alpha"] } },
    { id: "business-outcomes", url: "/scoping/business-outcomes/", data: { title: "Outcomes", order: 1, summary: "Targets.", guiding_questions: ["What must improve?", "By how much?", "Baseline?"], skills: ["beta"] } },
  ],
}
const ROLES = { entries: [
  { id: "shop-engineer", data: { use_cases: ["shop"] } }, { id: "shop-lead", data: { use_cases: ["shop"] } },
  { id: "stream-engineer", data: { use_cases: ["stream"] } }, { id: "stream-junior", data: { use_cases: ["stream"] } },
] }
const M = S.model(BUILDER, SCOPING, ROLES, { useCase: "/use-cases/", builder: "/roles/builder/" })

function answers(fields) {
  return Object.assign(S.empty(), fields)
}

test("the model lists the checklist items in their order", () => {
  assert.deepEqual(M.items.map((i) => i.id), ["business-outcomes", "team-and-ownership"])
})

test("a kit's length in the model includes its breaks", () => {
  assert.equal(M.kits.find((k) => k.id === "shop-engineer").minutes, 220)
})

for (const kit of BUILDER.roles) {
  test(`choosing the skills and level of ${kit.id} makes it the closest kit`, () => {
    const match = S.closestKit(answers({ skills: kit.skills, level: kit.level }), M)
    assert.equal(match.kit.id, kit.id)
  })
}

test("the closest kit's reasons name the shared skills and the level", () => {
  const a = answers({ skills: ["alpha", "beta", "gamma", "epsilon"], level: "senior" })
  const match = S.closestKit(a, M)
  assert.equal(match.kit.id, "shop-engineer")
  assert.equal(S.kitReasons(match, a, M).text,
    "shares 3 of your 4 skills (Alpha, Beta and Gamma), same level (Senior); differs: it also probes Delta; it does not probe Epsilon")
})

test("one more shared skill outweighs a level one away", () => {
  const match = S.closestKit(answers({ skills: ["alpha", "beta", "gamma", "delta"], level: "staff" }), M)
  assert.equal(match.kit.id, "shop-engineer")
})

test("with only a use case chosen, the closest kit is one written for it", () => {
  assert.deepEqual(S.closestKit(answers({ use_case: "stream" }), M).kit.useCases, ["stream"])
})

test("no kit is closest when nothing is chosen", () => {
  assert.equal(S.closestKit(S.empty(), M), null)
})

test("a chosen use case is the closest use case", () => {
  const match = S.closestUseCase(answers({ skills: ["delta"], use_case: "shop" }), M)
  assert.equal(match.useCase.id, "shop")
  assert.match(S.useCaseReasons(match, answers({ skills: ["delta"], use_case: "shop" }), M), /^you chose it/)
})

test("without a chosen use case the closest shares most skills", () => {
  assert.equal(S.closestUseCase(answers({ skills: ["zeta", "epsilon"] }), M).useCase.id, "stream")
})

test("the builder link carries the skills, the level, the kit's length and the use case", () => {
  const a = answers({ skills: ["alpha", "beta"], level: "staff", use_case: "shop" })
  assert.equal(S.builderLink(a, M, S.closestKit(a, M)), "/roles/builder/?skills=alpha,beta&level=staff&minutes=270&use_case=shop")
})

test("stored answers with unknown ids and wrong types are dropped", () => {
  const a = S.parse(JSON.stringify({ title: 7, level: "principal", use_case: "nope", skills: ["beta", "x", "alpha"],
    answers: { "business-outcomes": ["p99 < 200 ms", 3], "no-such-item": ["x"] } }), M)
  assert.deepEqual(a, Object.assign(S.empty(), { skills: ["alpha", "beta"], answers: { "business-outcomes": ["p99 < 200 ms", "", ""] } }))
})

test("storage that is not JSON gives an empty worksheet", () => {
  assert.deepEqual(S.parse("{not json", M), S.empty())
})

test("an answer longer than the cap is cut", () => {
  const a = S.withAnswer(S.empty(), M, "business-outcomes", 0, "x".repeat(S.MAX_TEXT + 10))
  assert.equal(S.answer(a, "business-outcomes", 0).length, S.MAX_TEXT)
})

test("clearing the last answer of an item removes the item", () => {
  const a = S.withAnswer(S.withAnswer(S.empty(), M, "business-outcomes", 1, "x"), M, "business-outcomes", 1, "  ")
  assert.deepEqual(a.answers, {})
})

test("progress counts the answered questions", () => {
  const a = S.withAnswer(S.empty(), M, "team-and-ownership", 1, "Six people")
  assert.deepEqual(S.progress(a, M), { answered: 1, total: 5 })
})

test("answers become sentences: one per line, capitalised and closed", () => {
  assert.equal(S.sentences("- checkout p99 under 300 ms\n\n* error budget 21 minutes!\n"), "Checkout p99 under 300 ms. Error budget 21 minutes!")
})

test("the draft has a paragraph per area with answers, in order", () => {
  let a = answers({ title: "Payments engineer", builds: "Checkout and ledger services.", level: "senior", skills: ["alpha"] })
  a = S.withAnswer(a, M, "team-and-ownership", 0, "the ledger service")
  a = S.withAnswer(a, M, "business-outcomes", 2, "checkout p99 is 900 ms")
  assert.deepEqual(S.draft(a, M).map((p) => [p.heading, p.text]), [
    ["What the team builds", "This is a senior role: Payments engineer. The team builds checkout and ledger services. The role calls for alpha."],
    ["Outcomes the hire is measured on", "Checkout p99 is 900 ms."],
    ["What they own, and on-call", "The ledger service."],
    ["Level", "Senior. A senior engineer owns the design and the running of a service or pipeline end to end, including its incidents."],
  ])
})

test("an empty worksheet drafts nothing", () => {
  assert.deepEqual(S.draft(S.empty(), M), [])
})

test("typed text cannot become a heading, a list or HTML in the Markdown", () => {
  assert.equal(S.mdText("# big\n- item\n\n<b>x</b>"), "\\# big\n\n\\- item\n\n\\<b>x\\</b>")
})

test("the Markdown holds every question, the answers, the draft and the closest kit", () => {
  let a = answers({ skills: ["delta", "epsilon", "zeta"], level: "senior" })
  a = S.withAnswer(a, M, "business-outcomes", 0, "Consumer lag under 30 s")
  const md = S.markdown(a, M)
  for (const q of ["What must improve?", "By how much?", "Baseline?", "Who owns it?", "On-call?"]) assert.ok(md.includes(`**${q}**`), q)
  assert.ok(md.includes("Consumer lag under 30 s"))
  assert.ok(md.includes("## Draft role description"))
  assert.ok(md.includes("- Closest kit: [Stream engineer](/roles/stream-engineer/): shares 3 of your 3 skills"))
  assert.ok(md.includes("/roles/builder/?skills=delta,epsilon,zeta&level=senior&minutes=250"))
})

test("the file name follows the role title", () => {
  assert.equal(S.fileName(answers({ title: "Senior SRE (platform)" })), "role-scoping-senior-sre-platform.md")
})

test("a worksheet with only whitespace is empty", () => {
  assert.ok(S.isEmpty(answers({ title: "  " })))
})
