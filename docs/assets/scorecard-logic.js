// The scorecard's and the debrief's rules as pure functions: no DOM, no storage,
// no network. The live scorecard (scorecard.js) and the debrief page (debrief.js)
// call them in the browser; tests/js/scorecard.test.mjs runs them in Node.
//
// `data` is roles/builder.json (vocabulary, roles, skills, questions); a scorecard
// is the document the live scorecard saves and exports, whose shape is
// macros/api_schemas/scorecard.schema.json (validate() below checks the same).
//
// A scorecard is about a "model": a kit, or a loop planned in the kit builder.
// kitModel() and planModel() give both the same shape, and everything else here
// (validation, the panel, the Markdown) reads only that shape.
(function (root) {
  "use strict"

  var STORAGE_PREFIX = "kb-scorecard:"  // every key the scorecard writes starts with it
  // A plan's id: this, then its question ids sorted. No kit id has a colon, and the
  // page /roles/builder/ keeps "builder" from ever being a kit id.
  var PLAN_PREFIX = "builder:"
  var MAX_URL = 4000
  var SCHEMA_FILE = "scorecard.schema.json"
  var MAX_TEXT = 20000  // characters of one notes field, as in the schema
  var MAX_LABEL = 200
  var RECOMMENDATIONS = [
    { id: "strong-hire", label: "Strong hire", bar: "clearly above the {level} bar" },
    { id: "hire", label: "Hire", bar: "meets the {level} bar" },
    { id: "no-hire", label: "No hire", bar: "below the {level} bar" },
    { id: "strong-no-hire", label: "Strong no hire", bar: "well below the {level} bar" },
  ]

  // ── Vocabulary ──────────────────────────────────────────────────────────────

  function bandIds(data) { return data.vocabulary.bands.map(function (b) { return b.id }) }

  // 1 for the lowest band up to 4; null for no band.
  function bandValue(data, band) {
    var index = bandIds(data).indexOf(band)
    return index < 0 ? null : index + 1
  }

  function bandLabel(data, band) {
    var found = data.vocabulary.bands.filter(function (b) { return b.id === band })[0]
    return found ? found.label : "not rated"
  }

  function levelLabel(data, level) {
    var found = data.vocabulary.levels.filter(function (l) { return l.id === level })[0]
    return found ? found.label : level
  }

  function recommendation(id, data, level) {
    var found = RECOMMENDATIONS.filter(function (r) { return r.id === id })[0]
    if (!found) return null
    return { id: found.id, label: found.label, bar: found.bar.replace("{level}", levelLabel(data, level).toLowerCase()) }
  }

  function byId(list, id) { return list.filter(function (x) { return x.id === id })[0] || null }

  function role(data, id) { return byId(data.roles, id) }

  function question(data, id) { return byId(data.questions, id) }

  // The questions of a kit or a model in loop order, each with its stage number
  // (1-based); with `idsOnly`, just their ids.
  function kitQuestions(data, kit, idsOnly) {
    var out = []
    kit.stages.forEach(function (stage, index) {
      stage.questions.forEach(function (id) {
        if (idsOnly) { out.push(id); return }
        var q = question(data, id)
        if (q) out.push({ stage: index + 1, question: q })
      })
    })
    return out
  }

  // ── Scorecard models: a kit or a plan ─────────────────────────────────────────

  // {id (the storage name), kit (id or null), plan (record or null), title, url, level,
  //  skills, weights, stages: [{name, questions: [ids]}], rule (decision rule or null)}.
  function kitModel(kit) {
    return { id: kit.id, kit: kit.id, plan: null, title: kit.title, url: kit.url, level: kit.level,
      skills: kit.skills.slice(), weights: kit.weights,
      stages: kit.stages.map(function (s) { return { name: s.name, questions: s.questions.slice() } }),
      rule: kit.interviewer.decision_rule }
  }

  // Sorted, so that moving a question keeps the plan (and its saved scorecards) the same.
  function planId(questionIds) { return PLAN_PREFIX + questionIds.slice().sort().join(",") }

  function planQuestionIds(record) { return [].concat.apply([], record.stages.map(function (s) { return s.questions })) }

  // The plan as a scorecard records it, from KitPlan.plan()'s result: its interviews
  // become the stages. null for a plan without questions (nothing to score).
  function planRecord(plan, url) {
    if (!plan || !plan.questions.length) return null
    var stages = plan.sessions.map(function (s) { return { name: s.name, questions: s.questions.slice() } })
    var record = { id: planId(planQuestionIds({ stages: stages })), level: plan.level, skills: plan.skills.slice(), stages: stages }
    if (url) record.url = String(url).slice(0, MAX_URL)
    return record
  }

  function skillTitle(data, id) { return (byId(data.skills, id) || { title: id }).title }

  // A plan weighs every competency the same and has no decision rule of its own.
  function planModel(data, record) {
    var weights = {}
    record.skills.forEach(function (s) { weights[s] = 1 })
    return { id: record.id, kit: null, plan: record, url: record.url || null, level: record.level,
      title: "Planned loop: " + record.skills.map(function (s) { return skillTitle(data, s) }).join(", "),
      skills: record.skills.slice(), weights: weights,
      stages: record.stages.map(function (s) { return { name: s.name, questions: s.questions.slice() } }), rule: null }
  }

  // Every problem with a scorecard's plan record, checked against this site's data.
  function planErrors(record, data) {
    var errors = []
    if (!isObject(record)) return ["plan: an object is needed"]
    onlyKeys(record, ["id", "level", "skills", "stages", "url"], "plan", errors)
    if (!byId(data.vocabulary.levels, record.level)) errors.push("plan.level: not a level")
    if (!Array.isArray(record.skills) || !record.skills.length || !record.skills.every(function (s, i) {
      return typeof s === "string" && byId(data.skills, s) && record.skills.indexOf(s) === i
    })) errors.push("plan.skills: skill ids of this guide, each once, are needed")
    var seen = {}
    if (!Array.isArray(record.stages) || !record.stages.length || record.stages.length > 6 || !record.stages.every(function (s) {
      return isObject(s) && Object.keys(s).every(function (k) { return k === "name" || k === "questions" }) &&
        isText(s.name, MAX_LABEL) && s.name.trim() && Array.isArray(s.questions) && s.questions.every(function (id) {
          var ok = typeof id === "string" && question(data, id) && !seen[id]
          seen[id] = true
          return ok
        })
    })) errors.push("plan.stages: 1 to 6 stages, each a name and questions of this guide, each question once")
    else if (!planQuestionIds(record).length) errors.push("plan.stages: the plan has no question")
    else if (record.id !== planId(planQuestionIds(record))) errors.push("plan.id: must be \u201c" + planId(planQuestionIds(record)) + "\u201d for these questions")
    if (record.url !== undefined && !isText(record.url, MAX_URL)) errors.push("plan.url: text of at most " + MAX_URL + " characters")
    return errors
  }

  // The model a valid scorecard is about, or null.
  function modelOf(doc, data) {
    if (!isObject(doc)) return null
    if (typeof doc.kit === "string") { var kit = role(data, doc.kit); return kit ? kitModel(kit) : null }
    if (doc.kit === null && isObject(doc.plan) && !planErrors(doc.plan, data).length) return planModel(data, doc.plan)
    return null
  }

  // ── Rubric aggregation (a question's band_rule) ──────────────────────────────

  // How the ticked items of one band measure against its rule:
  // {met, count, at_least, missing: [item numbers of `including` not ticked]}.
  function ruleProgress(rule, ticked) {
    ticked = ticked || []
    var missing = (rule.including || []).filter(function (n) { return ticked.indexOf(n) < 0 })
    return { met: ticked.length >= rule.at_least && missing.length === 0, count: ticked.length, at_least: rule.at_least, missing: missing }
  }

  // The band the ticked items reach: "exceptional", "proficient", or null when
  // they do not reach the hire bar (the rubric does not aggregate the bands below
  // it: the interviewer picks between them). Exceptional needs proficient first.
  function reachedBand(bandRule, observed) {
    if (!bandRule || !bandRule.proficient) return null
    observed = observed || {}
    if (!ruleProgress(bandRule.proficient, observed.proficient).met) return null
    if (bandRule.exceptional && ruleProgress(bandRule.exceptional, observed.exceptional).met) return "exceptional"
    return "proficient"
  }

  // ── Scorecards ──────────────────────────────────────────────────────────────

  // An empty scorecard for a model (or, as before, for a kit id).
  function blank(model, schemaUrl) {
    var doc = { schema: schemaUrl, kit: typeof model === "string" ? model : model.kit }
    if (doc.kit === null) doc.plan = model.plan
    doc.candidate = ""; doc.interviewer = ""; doc.stage = null; doc.updated = null
    doc.questions = {}; doc.competencies = {}; doc.recommendation = null
    return doc
  }

  function emptyAnswer(answer) {
    if (!answer) return true
    var observed = answer.observed || {}
    return !answer.band && !(answer.red_flags || []).length && !(answer.hints || "").trim() && !(answer.evidence || "").trim()
      && Object.keys(observed).every(function (band) { return !observed[band].length })
  }

  function storageKey(kitId, candidate) { return STORAGE_PREFIX + kitId + ":" + candidate }

  // The model id and candidate label in a storage key; null for another key.
  function parseKey(key) {
    if (typeof key !== "string" || key.indexOf(STORAGE_PREFIX) !== 0) return null
    var rest = key.slice(STORAGE_PREFIX.length)
    var skip = rest.indexOf(PLAN_PREFIX) === 0 ? PLAN_PREFIX.length : 0
    var colon = rest.indexOf(":", skip)
    return colon < 0 ? null : { id: rest.slice(0, colon), label: rest.slice(colon + 1) }
  }

  // Whether a scorecard holds anything an interviewer recorded.
  function emptyDoc(doc) {
    return !Object.keys(doc.questions || {}).some(function (id) { return !emptyAnswer(doc.questions[id]) }) &&
      !Object.keys(doc.competencies || {}).some(function (s) { return doc.competencies[s] }) && !doc.recommendation
  }

  // The scorecard for `model` when the plan changes under an open one: who, stage
  // (if the model has it) and recommendation from `current`; for each question and
  // competency of the model, the first answer recorded in `current`, then in
  // `sources` in order (saved scorecards of the same candidate). Nothing in
  // `current` or `sources` is changed. Returns {doc, kept: [ids of current's
  // answers carried over], left: [ids of current's answers the model does not ask]}.
  function carryOver(current, model, sources, schemaUrl) {
    var doc = blank(model, schemaUrl)
    var from = [current].concat(sources || []).filter(isObject)
    doc.candidate = current.candidate || ""
    doc.interviewer = current.interviewer || ""
    doc.stage = isInteger(current.stage) && current.stage <= model.stages.length ? current.stage : null
    doc.recommendation = current.recommendation || null
    var asked = kitQuestions({ questions: [] }, model, true)
    asked.forEach(function (id) {
      for (var i = 0; i < from.length; i++) {
        var answer = isObject(from[i].questions) ? from[i].questions[id] : null
        if (isObject(answer) && !emptyAnswer(answer)) { doc.questions[id] = JSON.parse(JSON.stringify(answer)); return }
      }
    })
    model.skills.forEach(function (skill) {
      doc.competencies[skill] = null
      for (var i = 0; i < from.length; i++) {
        var band = isObject(from[i].competencies) ? from[i].competencies[skill] : null
        if (band) { doc.competencies[skill] = band; return }
      }
    })
    var mine = Object.keys(current.questions || {}).filter(function (id) { return !emptyAnswer(current.questions[id]) })
    return { doc: doc, kept: mine.filter(function (id) { return asked.indexOf(id) >= 0 }),
      left: mine.filter(function (id) { return asked.indexOf(id) < 0 }) }
  }

  function isInteger(value) { return typeof value === "number" && isFinite(value) && Math.floor(value) === value }

  function isText(value, max) { return typeof value === "string" && value.length <= max }

  function onlyKeys(object, allowed, where, errors) {
    Object.keys(object).forEach(function (key) {
      if (allowed.indexOf(key) < 0) errors.push(where + ": unknown field \u201c" + key + "\u201d")
    })
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value) }

  // Every problem with a document that claims to be an exported scorecard, in
  // plain words, checked against this site's kits; [] when it is fine.
  function validate(doc, data) {
    var errors = []
    if (!isObject(doc)) return ["not a scorecard: the file holds no JSON object"]
    onlyKeys(doc, ["schema", "kit", "plan", "candidate", "interviewer", "stage", "updated", "questions", "competencies", "recommendation"],
      "scorecard", errors)
    if (typeof doc.schema !== "string" || doc.schema.slice(-SCHEMA_FILE.length) !== SCHEMA_FILE)
      errors.push("not a scorecard: \u201cschema\u201d must name " + SCHEMA_FILE)
    var kit
    if (doc.kit === null && doc.plan !== undefined) {
      var wrong = planErrors(doc.plan, data)
      if (wrong.length) return errors.concat(wrong)
      kit = planModel(data, doc.plan)
    } else {
      kit = typeof doc.kit === "string" ? role(data, doc.kit) : null
      if (!kit) return errors.concat(["kit \u201c" + String(doc.kit) + "\u201d is not a kit of this guide" +
        (doc.kit === null ? " (a scorecard without a kit needs the kit builder's plan it was scored on)" : "")])
      if (doc.plan !== undefined) errors.push("plan: a kit's scorecard has no plan")
      kit = kitModel(kit)
    }
    var what = kit.kit ? "kit" : "plan"
    if (!isText(doc.candidate, MAX_LABEL) || !doc.candidate.trim()) errors.push("candidate: a label of 1 to " + MAX_LABEL + " characters is needed")
    if (!isText(doc.interviewer, MAX_LABEL) || !doc.interviewer.trim()) errors.push("interviewer: a name of 1 to " + MAX_LABEL + " characters is needed")
    if (doc.stage !== null && doc.stage !== undefined && !(isInteger(doc.stage) && doc.stage >= 1 && doc.stage <= kit.stages.length))
      errors.push("stage: the " + what + " has stages 1 to " + kit.stages.length)
    if (doc.updated !== null && doc.updated !== undefined && typeof doc.updated !== "string") errors.push("updated: a date-time text is needed")
    var bands = bandIds(data)
    var asked = {}
    kitQuestions(data, kit).forEach(function (item) { asked[item.question.id] = item.question })
    if (!isObject(doc.questions)) errors.push("questions: an object by question id is needed")
    else Object.keys(doc.questions).forEach(function (id) {
      var q = asked[id], answer = doc.questions[id], where = "questions." + id
      if (!q) { errors.push(where + ": not a question of this " + what); return }
      if (!isObject(answer)) { errors.push(where + ": an object is needed"); return }
      onlyKeys(answer, ["band", "observed", "red_flags", "hints", "evidence"], where, errors)
      if (answer.band !== null && answer.band !== undefined && bands.indexOf(answer.band) < 0) errors.push(where + ".band: not a band")
      if (answer.observed !== undefined) {
        if (!isObject(answer.observed)) errors.push(where + ".observed: an object by band is needed")
        else Object.keys(answer.observed).forEach(function (band) {
          var items = answer.observed[band]
          if (bands.indexOf(band) < 0) errors.push(where + ".observed: \u201c" + band + "\u201d is not a band")
          else if (!validNumbers(items, q.interviewer.rubric[band].length)) errors.push(where + ".observed." + band + ": item numbers 1 to " + q.interviewer.rubric[band].length)
        })
      }
      if (answer.red_flags !== undefined && !validNumbers(answer.red_flags, q.interviewer.red_flag_answers.length))
        errors.push(where + ".red_flags: item numbers 1 to " + q.interviewer.red_flag_answers.length)
      ;["hints", "evidence"].forEach(function (field) {
        if (answer[field] !== undefined && !isText(answer[field], MAX_TEXT)) errors.push(where + "." + field + ": text of at most " + MAX_TEXT + " characters")
      })
    })
    if (!isObject(doc.competencies)) errors.push("competencies: an object by skill id is needed")
    else Object.keys(doc.competencies).forEach(function (skill) {
      if (!(skill in kit.weights)) errors.push("competencies." + skill + ": not a competency of this " + what)
      else if (doc.competencies[skill] !== null && bands.indexOf(doc.competencies[skill]) < 0) errors.push("competencies." + skill + ": not a band")
    })
    if (doc.recommendation !== null && doc.recommendation !== undefined && !recommendation(doc.recommendation, data, kit.level))
      errors.push("recommendation: one of " + RECOMMENDATIONS.map(function (r) { return r.id }).join(", "))
    return errors
  }

  function validNumbers(list, count) {
    if (!Array.isArray(list) || list.length > count) return false
    var seen = {}
    return list.every(function (n) {
      var ok = isInteger(n) && n >= 1 && n <= count && !seen[n]
      seen[n] = true
      return ok
    })
  }

  // ── The panel (debrief) ─────────────────────────────────────────────────────

  // What a scorecard is about, as the panel compares it: a kit's id, or a plan's
  // questions, skills and level (scorecards of one plan must agree on all three).
  function subject(doc) {
    if (doc.kit !== null) return { same: "kit:" + doc.kit, text: "kit \u201c" + doc.kit + "\u201d" }
    return { same: [doc.plan.id, doc.plan.skills.slice().sort().join(","), doc.plan.level].join("|"),
      text: "a kit-builder plan of " + planQuestionIds(doc.plan).length + " questions at " + doc.plan.level + " level" }
  }

  // Problems of a set of valid scorecards taken together: one kit (or one plan),
  // one candidate, one scorecard per interviewer. Each problem names the file it is about.
  function panelProblems(docs) {
    var problems = []
    var first = docs[0]
    var seen = {}
    docs.forEach(function (doc, index) {
      var mine = subject(doc), theirs = index > 0 ? subject(first) : mine
      if (index > 0 && mine.same !== theirs.same) {
        problems.push({ index: index, message: doc.kit === null && first.kit === null
          ? "is for another kit-builder plan than the first file: every interviewer must score the same plan (its questions, skills and level)"
          : "is for " + mine.text + ", the first file for " + theirs.text })
      }
      else if (index > 0 && doc.candidate.trim() !== first.candidate.trim()) problems.push({ index: index, message: "is for candidate \u201c" + doc.candidate + "\u201d, the first file for \u201c" + first.candidate + "\u201d" })
      var who = doc.interviewer.trim().toLowerCase()
      if (who in seen) problems.push({ index: index, message: "is a second scorecard from " + doc.interviewer + ": load one per interviewer" })
      seen[who] = true
    })
    return problems
  }

  // max - min of the ratings given (nulls left out); 0 with fewer than two.
  function spread(values) {
    var given = values.filter(function (v) { return v !== null })
    if (given.length < 2) return 0
    return Math.max.apply(null, given) - Math.min.apply(null, given)
  }

  function mean(values) {
    var given = values.filter(function (v) { return v !== null })
    if (!given.length) return null
    return given.reduce(function (a, b) { return a + b }, 0) / given.length
  }

  // Whether an interviewer wrote evidence on a question that probes the skill.
  function wroteEvidence(doc, skill, data) {
    return Object.keys(doc.questions).some(function (id) {
      var q = question(data, id)
      return q && q.skills.indexOf(skill) >= 0 && (doc.questions[id].evidence || "").trim() !== ""
    })
  }

  // The panel's table: one row per competency of the kit, one column per scorecard.
  function panel(docs, data) {
    var kit = modelOf(docs[0], data)
    var rows = kit.skills.map(function (skill) {
      var ratings = docs.map(function (doc) { return doc.competencies[skill] || null })
      var values = ratings.map(function (band) { return bandValue(data, band) })
      var evidence = docs.map(function (doc) { return wroteEvidence(doc, skill, data) })
      var title = skillTitle(data, skill)
      return { skill: skill, title: title, weight: kit.weights[skill], ratings: ratings, values: values, evidence: evidence,
        mean: mean(values), spread: spread(values), split: spread(values) >= 2,
        // Nobody wrote evidence for it: a rating without notes cannot be discussed.
        noEvidence: !evidence.some(Boolean), rated: values.some(function (v) { return v !== null }) }
    })
    var hints = [], redFlags = []
    docs.forEach(function (doc) {
      kitQuestions(data, kit).forEach(function (item) {
        var answer = doc.questions[item.question.id]
        if (!answer) return
        if ((answer.hints || "").trim()) hints.push({ interviewer: doc.interviewer, question: item.question, text: answer.hints.trim() })
        ;(answer.red_flags || []).forEach(function (n) {
          redFlags.push({ interviewer: doc.interviewer, question: item.question, text: item.question.interviewer.red_flag_answers[n - 1] })
        })
      })
    })
    return { kit: kit, model: kit, candidate: docs[0].candidate, interviewers: docs.map(function (d) { return { name: d.interviewer, stage: d.stage, recommendation: d.recommendation } }),
      rows: rows, hints: hints, redFlags: redFlags }
  }

  function round(value) { return Math.round(value * 100) / 100 }

  // The kit's decision rule applied to the panel's rows:
  // {decided, hire, lowest: row, weightedMean, steps: [plain sentences]}.
  function applyRule(rule, rows, data) {
    var lowestValue = bandValue(data, rule.lowest_band), meanValue = bandValue(data, rule.mean_at_least)
    var unrated = rows.filter(function (r) { return r.mean === null })
    var steps = []
    if (unrated.length) {
      steps.push("Nobody rated " + unrated.map(function (r) { return r.title }).join(", ") +
        ": the rule needs a rating for every competency, so it cannot decide. Find the evidence or extend the loop.")
      return { decided: false, hire: false, lowest: null, weightedMean: null, steps: steps }
    }
    var lowest = rows.reduce(function (low, r) { return r.mean < low.mean ? r : low })
    var totalWeight = rows.reduce(function (sum, r) { return sum + r.weight }, 0)
    var weighted = rows.reduce(function (sum, r) { return sum + r.weight * r.mean }, 0) / totalWeight
    var lowOk = lowest.mean >= lowestValue
    var meanOk = weighted >= meanValue
    var equal = rows.every(function (r) { return r.weight === rows[0].weight })
    steps.push("Each competency's rating is the mean of the interviewers' ratings, bands counted 1 to 4.")
    steps.push("Lowest: " + lowest.title + " at " + round(lowest.mean) + (lowOk ? ", not below " : ", below ") +
      bandLabel(data, rule.lowest_band) + (lowOk ? ": met." : ": not met."))
    steps.push((equal ? "Mean" : "Weighted mean") + " of the competency ratings: " + round(weighted) +
      (meanOk ? ", at least " : ", below ") + bandLabel(data, rule.mean_at_least) + (meanOk ? ": met." : ": not met."))
    steps.push(lowOk && meanOk ? "The rule says hire." : "The rule says no hire.")
    return { decided: true, hire: lowOk && meanOk, lowest: lowest, weightedMean: weighted, steps: steps }
  }

  // What stands in for the rule on a plan: the bar, and that the panel sets the rule.
  function noRuleSentence(model, data) {
    return "A loop planned in the kit builder has no decision rule of its own: every competency weighs the same, and " +
      bandLabel(data, bandIds(data)[2]) + " is the " + levelLabel(data, model.level).toLowerCase() + " bar. Agree on the rule before the debrief."
  }

  // The rule in one sentence, as the kit page words it.
  function ruleSentence(rule, kit, data) {
    var equal = kit.skills.every(function (s) { return kit.weights[s] === kit.weights[kit.skills[0]] })
    var bar = bandLabel(data, bandIds(data)[2]) + " is the " + levelLabel(data, kit.level).toLowerCase() + " bar"
    if (bandValue(data, rule.lowest_band) >= bandValue(data, rule.mean_at_least))
      return "Hire when every competency is rated " + bandLabel(data, rule.lowest_band) + " or above, where " + bar + "."
    return "Hire when no competency is rated below " + bandLabel(data, rule.lowest_band) + " and the " +
      (equal ? "mean" : "weighted mean") + " of the competency ratings is at least " + bandLabel(data, rule.mean_at_least) + ", where " + bar + "."
  }

  // ── Markdown ────────────────────────────────────────────────────────────────

  // Text typed by an interviewer, safe inside a Markdown table cell.
  function cell(text) { return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ") }

  // A notes field as a quoted block: its lines kept, nothing read as a heading or list.
  function quote(text) { return text.trim().split(/\n/).map(function (line) { return "> " + line }).join("\n") }

  function scorecardMarkdown(doc, data) {
    var kit = doc.kit === null ? planModel(data, doc.plan) : kitModel(role(data, doc.kit))
    var out = ["# Scorecard: " + kit.title, ""]
    if (!kit.kit && kit.url) out.push("- Plan: " + cell(kit.url))
    out.push("- Candidate: " + cell(doc.candidate || "(no label)"))
    out.push("- Interviewer: " + cell(doc.interviewer || "(no name)"))
    if (doc.stage) out.push("- Stage: " + doc.stage + " · " + kit.stages[doc.stage - 1].name)
    out.push("- Level: " + levelLabel(data, kit.level))
    if (doc.updated) out.push("- Saved: " + doc.updated)
    out.push("", "## Competencies", "", "| Competency | Weight | Rating |", "| --- | :---: | --- |")
    kit.skills.forEach(function (skill) {
      out.push("| " + cell(skillTitle(data, skill)) + " | " + kit.weights[skill] + " | " + bandLabel(data, doc.competencies[skill]) + " |")
    })
    var rec = recommendation(doc.recommendation, data, kit.level)
    out.push("", "Recommendation: " + (rec ? rec.label + " (" + rec.bar + ")" : "none given"), "", "## Questions")
    kitQuestions(data, kit).forEach(function (item) {
      var answer = doc.questions[item.question.id]
      if (emptyAnswer(answer)) return
      var q = item.question
      out.push("", "### " + cell(q.title), "", "Stage " + item.stage + " · band: " + bandLabel(data, answer.band))
      var observed = answer.observed || {}
      var ticked = []
      bandIds(data).forEach(function (band) {
        (observed[band] || []).forEach(function (n) { ticked.push("- " + bandLabel(data, band) + ", item " + n + ": " + cell(q.interviewer.rubric[band][n - 1])) })
      })
      if (ticked.length) out.push.apply(out, ["", "Observed:", ""].concat(ticked))
      if ((answer.red_flags || []).length) {
        out.push("", "Red-flag answers heard:", "")
        answer.red_flags.forEach(function (n) { out.push("- " + cell(q.interviewer.red_flag_answers[n - 1])) })
      }
      if ((answer.hints || "").trim()) out.push("", "Hints given:", "", quote(answer.hints))
      if ((answer.evidence || "").trim()) out.push("", "Evidence:", "", quote(answer.evidence))
    })
    return out.join("\n") + "\n"
  }

  function debriefMarkdown(summary, decision, data) {
    var kit = summary.kit
    var out = ["# Debrief: " + kit.title, "", "- Candidate: " + cell(summary.candidate), "- Level: " + levelLabel(data, kit.level),
      "- Scorecards: " + summary.interviewers.map(function (i) { return cell(i.name) + (i.stage ? " (stage " + i.stage + ")" : "") }).join(", "),
      "", "## Ratings", ""]
    out.push("| Competency | Weight | " + summary.interviewers.map(function (i) { return cell(i.name) + " |" }).join(" ") + " Mean | Flags |")
    out.push("| --- | :---: | " + summary.interviewers.map(function () { return ":---: |" }).join(" ") + " :---: | --- |")
    summary.rows.forEach(function (r) {
      var flags = []
      if (r.split) flags.push("spread of " + r.spread + " bands")
      if (r.noEvidence) flags.push("no written evidence")
      out.push("| " + cell(r.title) + " | " + r.weight + " | " + r.ratings.map(function (b, i) {
        return (b ? bandLabel(data, b) : "—") + (b && !r.evidence[i] ? " (no notes)" : "") + " |"
      }).join(" ") + " " + (r.mean === null ? "—" : round(r.mean)) + " | " + flags.join("; ") + " |")
    })
    out.push("", "Recommendations: " + summary.interviewers.map(function (i) {
      var rec = recommendation(i.recommendation, data, kit.level)
      return cell(i.name) + ": " + (rec ? rec.label : "none")
    }).join("; ") + ".")
    out.push("", "## Hints given", "")
    if (!summary.hints.length) out.push("No hints recorded.")
    summary.hints.forEach(function (h) { out.push("- " + cell(h.interviewer) + ", " + cell(h.question.title) + ": " + cell(h.text)) })
    out.push("", "## Red-flag answers heard", "")
    if (!summary.redFlags.length) out.push("None recorded.")
    summary.redFlags.forEach(function (f) { out.push("- " + cell(f.interviewer) + ", " + cell(f.question.title) + ": " + cell(f.text)) })
    out.push("", "## Decision rule", "")
    if (!kit.rule) {
      out.push(noRuleSentence(kit, data))
      return out.join("\n") + "\n"
    }
    out.push(ruleSentence(kit.rule, kit, data), "")
    decision.steps.forEach(function (step) { out.push("- " + step) })
    return out.join("\n") + "\n"
  }

  // A file name part from a label: letters, digits and hyphens only.
  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "unnamed"
  }

  // ── Details per question ─────────────────────────────────────────────────────

  // roles/builder.json leaves out each question's rubric, follow-ups, red flags and
  // band rule; roles/scorecard/<id>.json has them. `load(id)` returns a promise of
  // that file. Resolves to `data` once every question of `ids` has its
  // `interviewer` (each file fetched once: later calls skip what is there); rejects
  // if a file is missing or is about another question.
  function withDetails(data, ids, load) {
    var missing = ids.filter(function (id, index) {
      var q = question(data, id)
      return q && !q.interviewer && ids.indexOf(id) === index
    })
    return Promise.all(missing.map(function (id) {
      return load(id).then(function (details) {
        if (!isObject(details) || details.id !== id || !isObject(details.interviewer)) throw new Error("no scorecard details for " + id)
        question(data, id).interviewer = details.interviewer
      })
    })).then(function () { return data })
  }

  // The `load` for withDetails on a site whose root is `siteRoot` (a URL), with
  // `fetchFn` (the browser's fetch; a stub in the tests).
  function detailsLoader(siteRoot, fetchFn) {
    return function (id) {
      return fetchFn(new URL("roles/scorecard/" + encodeURIComponent(id) + ".json", siteRoot)).then(function (response) {
        if (!response.ok) throw new Error(response.status + " for " + id)
        return response.json()
      })
    }
  }

  // Every question id a loaded scorecard file names: its answers, and its kit's
  // or plan's stages. Unknown ids are left for validate() to report.
  function namedQuestions(doc, data) {
    if (!isObject(doc)) return []
    var ids = isObject(doc.questions) ? Object.keys(doc.questions) : []
    var kit = typeof doc.kit === "string" ? role(data, doc.kit) : null
    if (kit) ids = ids.concat(kitQuestions(data, kit, true))
    if (isObject(doc.plan) && Array.isArray(doc.plan.stages)) {
      doc.plan.stages.forEach(function (stage) {
        if (isObject(stage) && Array.isArray(stage.questions)) ids = ids.concat(stage.questions)
      })
    }
    return ids.filter(function (id) { return typeof id === "string" })
  }

  root.KbScorecard = {
    withDetails: withDetails, detailsLoader: detailsLoader, namedQuestions: namedQuestions,
    STORAGE_PREFIX: STORAGE_PREFIX, SCHEMA_FILE: SCHEMA_FILE, MAX_TEXT: MAX_TEXT, MAX_LABEL: MAX_LABEL, RECOMMENDATIONS: RECOMMENDATIONS,
    bandIds: bandIds, bandValue: bandValue, bandLabel: bandLabel, levelLabel: levelLabel, recommendation: recommendation,
    role: role, question: question, kitQuestions: kitQuestions, PLAN_PREFIX: PLAN_PREFIX,
    kitModel: kitModel, planId: planId, planRecord: planRecord, planModel: planModel, planErrors: planErrors, modelOf: modelOf,
    parseKey: parseKey, emptyDoc: emptyDoc, carryOver: carryOver, noRuleSentence: noRuleSentence,
    ruleProgress: ruleProgress, reachedBand: reachedBand,
    blank: blank, emptyAnswer: emptyAnswer, storageKey: storageKey, validate: validate,
    panelProblems: panelProblems, spread: spread, mean: mean, panel: panel, applyRule: applyRule, ruleSentence: ruleSentence,
    cell: cell, scorecardMarkdown: scorecardMarkdown, debriefMarkdown: debriefMarkdown, slug: slug,
  }
})(typeof globalThis !== "undefined" ? globalThis : this)
