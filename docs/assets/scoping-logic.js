// The role-scoping worksheet's logic (/scoping/worksheet/): pure functions, no
// DOM, no storage, no network. scoping-worksheet.js calls them in the browser as
// the global KbScoping; tests/js/scoping-logic.test.mjs runs them in Node.
//
// The model comes from three files this site already publishes:
//   roles/builder.json    levels, skills, use cases, kits with their skills and level
//   api/v1/scoping.json   the checklist items with their questions
//   api/v1/roles.json     each kit's use cases (builder.json does not carry them)
// The answers are one plain object, what localStorage keeps:
//   {version: 1, title, builds, level, use_case, skills: [ids], answers: {item id: [text per question]}}
// The draft and the matches are assembled from them with fixed sentences: what the
// reader typed comes back as written, never rephrased.
(function (root) {
  "use strict"

  var STORAGE_KEY = "kb-scoping-worksheet"
  var VERSION = 1
  var MAX_TEXT = 5000  // characters of one answer; a worksheet is notes, not a document
  var MAX_LINE = 200   // the role title

  // How much each kind of agreement counts when kits are ranked. A shared skill
  // outweighs a skill on one side only, so the kit with exactly your skills wins;
  // the level and the use case break near-ties.
  var SHARED = 3, UNSHARED = 1, SAME_LEVEL = 2, LEVEL_APART = 2, SAME_USE_CASE = 2

  // Headings of the draft, one per checklist item; an item not named here gets its title.
  var AREAS = {
    "business-outcomes": "Outcomes the hire is measured on",
    "system-boundaries": "The systems and their boundaries",
    "data-contracts": "Data and contracts",
    "observability-plan": "Observability",
    "deployment-topology": "Deployment and recovery",
    "security-and-compliance": "Security and compliance",
    "team-and-ownership": "What they own, and on-call",
    "budget-and-engagement": "Budget and engagement",
  }

  // One plain sentence per level, for the draft's "Level" paragraph.
  var LEVEL_TEXT = {
    mid: "A mid-level engineer delivers well-defined parts of a system, with the larger design choices reviewed by others.",
    senior: "A senior engineer owns the design and the running of a service or pipeline end to end, including its incidents.",
    staff: "A staff engineer sets technical direction across several teams and systems and is judged on decisions that last.",
  }

  function byId(list) {
    var map = {}
    list.forEach(function (x) { map[x.id] = x })
    return map
  }

  function text(value, max) {
    return typeof value === "string" ? value.slice(0, max || MAX_TEXT) : ""
  }

  // ── The model ───────────────────────────────────────────────────────────────

  // urls: {useCase: base URL of use-case pages, ending in "/"; builder: the kit builder's page}.
  function model(builder, scoping, roles, urls) {
    urls = urls || {}
    var kitUseCases = {}
    ;((roles && roles.entries) || []).forEach(function (e) { kitUseCases[e.id] = (e.data && e.data.use_cases) || [] })
    return {
      levels: builder.vocabulary.levels.map(function (l) { return { id: l.id, label: l.label } }),
      skills: builder.skills.map(function (s) { return { id: s.id, title: s.title } }),
      useCases: builder.use_cases.map(function (u) {
        return { id: u.id, title: u.title, skills: u.skills.slice(), url: urls.useCase ? urls.useCase + u.id + "/" : "" }
      }),
      kits: builder.roles.map(function (r) {
        return { id: r.id, title: r.title, level: r.level, skills: r.skills.slice(), url: r.url,
          useCases: (kitUseCases[r.id] || []).slice(), minutes: r.minutes + (r.break_minutes || 0) }
      }),
      items: scoping.entries.slice().sort(function (a, b) { return a.data.order - b.data.order }).map(function (e) {
        return { id: e.id, title: e.data.title, order: e.data.order, url: e.url, summary: e.data.summary || "",
          questions: e.data.guiding_questions.slice(), skills: (e.data.skills || []).slice() }
      }),
      builderUrl: urls.builder || "",
    }
  }

  // ── The answers ─────────────────────────────────────────────────────────────

  function empty() {
    return { version: VERSION, title: "", builds: "", level: "", use_case: "", skills: [], answers: {} }
  }

  // Whatever storage held, made safe: known ids only, strings capped, the model's order.
  function clean(raw, m) {
    var out = empty()
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out
    out.title = text(raw.title, MAX_LINE)
    out.builds = text(raw.builds)
    if (m.levels.some(function (l) { return l.id === raw.level })) out.level = raw.level
    if (m.useCases.some(function (u) { return u.id === raw.use_case })) out.use_case = raw.use_case
    var chosen = Array.isArray(raw.skills) ? raw.skills : []
    out.skills = m.skills.map(function (s) { return s.id }).filter(function (id) { return chosen.indexOf(id) >= 0 })
    var answers = raw.answers && typeof raw.answers === "object" ? raw.answers : {}
    m.items.forEach(function (item) {
      var given = Array.isArray(answers[item.id]) ? answers[item.id] : []
      var kept = item.questions.map(function (q, i) { return text(given[i]) })
      if (kept.some(function (a) { return a.trim() })) out.answers[item.id] = kept
    })
    return out
  }

  function parse(stored, m) {
    try { return clean(JSON.parse(stored || "null"), m) } catch (e) { return empty() }
  }

  function answer(a, itemId, index) {
    return (a.answers[itemId] && a.answers[itemId][index]) || ""
  }

  // A copy with one answer set; the stored list always has one entry per question.
  function withAnswer(a, m, itemId, index, value) {
    var item = m.items.filter(function (x) { return x.id === itemId })[0]
    var copy = JSON.parse(JSON.stringify(a))
    if (!item || index < 0 || index >= item.questions.length) return copy
    var list = item.questions.map(function (q, i) { return answer(a, itemId, i) })
    list[index] = text(value)
    if (list.some(function (x) { return x.trim() })) copy.answers[itemId] = list
    else delete copy.answers[itemId]
    return copy
  }

  function isEmpty(a) {
    return !a.title.trim() && !a.builds.trim() && !a.level && !a.use_case && !a.skills.length &&
      !Object.keys(a.answers).length
  }

  function progress(a, m) {
    var total = 0, answered = 0
    m.items.forEach(function (item) {
      item.questions.forEach(function (q, i) {
        total++
        if (answer(a, item.id, i).trim()) answered++
      })
    })
    return { answered: answered, total: total }
  }

  // ── Matching ────────────────────────────────────────────────────────────────

  function levelGap(m, a, b) {
    var ids = m.levels.map(function (l) { return l.id })
    return Math.abs(ids.indexOf(a) - ids.indexOf(b))
  }

  function compare(a, b) {
    return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)
  }

  // Every kit with its score and the facts behind it, closest first.
  function rankKits(a, m) {
    return m.kits.map(function (kit) {
      var shared = a.skills.filter(function (s) { return kit.skills.indexOf(s) >= 0 })
      var missing = a.skills.filter(function (s) { return kit.skills.indexOf(s) < 0 })
      var extra = kit.skills.filter(function (s) { return a.skills.indexOf(s) < 0 })
      var gap = a.level ? levelGap(m, a.level, kit.level) : null
      var useCase = !!a.use_case && kit.useCases.indexOf(a.use_case) >= 0
      var score = SHARED * shared.length - UNSHARED * (missing.length + (a.skills.length ? extra.length : 0)) +
        (gap === null ? 0 : gap === 0 ? SAME_LEVEL : -LEVEL_APART * (gap - 1)) + (useCase ? SAME_USE_CASE : 0)
      return { kit: kit, title: kit.title, score: score, shared: shared, missing: missing, extra: extra, levelGap: gap, useCase: useCase }
    }).sort(compare)
  }

  function chosenAnything(a) {
    return a.skills.length > 0 || !!a.level || !!a.use_case
  }

  function closestKit(a, m) {
    return chosenAnything(a) && m.kits.length ? rankKits(a, m)[0] : null
  }

  // The use case the reader chose, or else the one sharing most of the chosen skills.
  function closestUseCase(a, m) {
    var ranked = m.useCases.map(function (u) {
      var shared = a.skills.filter(function (s) { return u.skills.indexOf(s) >= 0 })
      var missing = a.skills.filter(function (s) { return u.skills.indexOf(s) < 0 })
      var extra = u.skills.filter(function (s) { return a.skills.indexOf(s) < 0 })
      return { useCase: u, title: u.title, chosen: u.id === a.use_case, shared: shared, missing: missing, extra: extra,
        score: SHARED * shared.length - UNSHARED * (missing.length + extra.length) }
    })
    var chosen = ranked.filter(function (r) { return r.chosen })[0]
    if (chosen) return chosen
    if (!a.skills.length) return null
    return ranked.sort(compare)[0] || null
  }

  // ── Words ───────────────────────────────────────────────────────────────────

  function titles(m, ids) {
    var skills = byId(m.skills)
    return ids.map(function (id) { return skills[id] ? skills[id].title : id })
  }

  // "a", "a and b", "a, b and c"
  function list(words) {
    if (words.length < 2) return words.join("")
    return words.slice(0, -1).join(", ") + " and " + words[words.length - 1]
  }

  function levelLabel(m, id) {
    var found = m.levels.filter(function (l) { return l.id === id })[0]
    return found ? found.label : ""
  }

  function skillsPhrase(n, total) {
    return total === 1 ? (n ? "your one skill" : "none of your one skill") : n + " of your " + total + " skills"
  }

  // Why a kit is close: the shared skills, the level, the use case, then how it differs.
  function kitReasons(match, a, m) {
    var agree = [], differ = []
    if (a.skills.length) {
      agree.push(match.shared.length ? "shares " + skillsPhrase(match.shared.length, a.skills.length) + " (" + list(titles(m, match.shared)) + ")"
        : "shares none of your skills")
    }
    if (match.levelGap === 0) agree.push("same level (" + levelLabel(m, match.kit.level) + ")")
    else if (match.levelGap !== null) differ.push("its level is " + levelLabel(m, match.kit.level) + ", not " + levelLabel(m, a.level))
    if (match.useCase) agree.push("written for your use case")
    else if (a.use_case) differ.push("written for other use cases")
    if (a.skills.length && match.extra.length) differ.push("it also probes " + list(titles(m, match.extra)))
    if (match.missing.length) differ.push("it does not probe " + list(titles(m, match.missing)))
    return { agree: agree, differ: differ,
      text: (agree.length ? agree.join(", ") : "closest by level and use case") + (differ.length ? "; differs: " + differ.join("; ") : "") }
  }

  function useCaseReasons(match, a, m) {
    var parts = []
    if (match.chosen) parts.push("you chose it")
    if (a.skills.length) {
      parts.push(match.shared.length ? "shares " + skillsPhrase(match.shared.length, a.skills.length) + " (" + list(titles(m, match.shared)) + ")"
        : "shares none of your skills")
    }
    if (a.skills.length && match.missing.length) parts.push("does not list " + list(titles(m, match.missing)))
    return parts.join("; ")
  }

  // The kit builder's address with the chosen skills and level, the closest kit's
  // length (the builder's default otherwise) and the use case; see kit-builder.js.
  function builderLink(a, m, kitMatch) {
    var params = []
    if (a.skills.length) params.push("skills=" + a.skills.map(encodeURIComponent).join(","))
    var level = a.level || (kitMatch ? kitMatch.kit.level : "")
    if (level) params.push("level=" + encodeURIComponent(level))
    if (kitMatch && kitMatch.kit.minutes) params.push("minutes=" + Math.min(600, Math.max(15, kitMatch.kit.minutes)))
    if (a.use_case) params.push("use_case=" + encodeURIComponent(a.use_case))
    return m.builderUrl + (params.length ? "?" + params.join("&") : "")
  }

  // A typed answer as sentences: one per line, list markers dropped, each capitalised and closed.
  function sentences(value) {
    return value.split(/\n+/).map(function (line) {
      var s = line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").replace(/\s+/g, " ").trim()
      if (!s) return ""
      s = s.charAt(0).toUpperCase() + s.slice(1)
      return /[.!?…]["”')]?$/.test(s) ? s : s + "."
    }).filter(Boolean).join(" ")
  }

  function clause(value) {
    var s = sentences(value)
    return s.replace(/[.!?…]$/, "")
  }

  // The draft: a heading and a paragraph per area the reader wrote something for.
  function draft(a, m) {
    var out = []
    var opening = []
    var level = levelLabel(m, a.level)
    var title = clause(a.title)
    if (title && level) opening.push("This is a " + level.toLowerCase() + " role: " + title + ".")
    else if (title) opening.push("The role: " + title + ".")
    else if (level) opening.push("This is a " + level.toLowerCase() + " role.")
    if (a.builds.trim()) {
      var builds = clause(a.builds)
      opening.push("The team builds " + builds.charAt(0).toLowerCase() + builds.slice(1) + ".")
    }
    var useCase = m.useCases.filter(function (u) { return u.id === a.use_case })[0]
    if (useCase) opening.push("The work is closest to the guide's use case “" + useCase.title + "”.")
    if (a.skills.length) opening.push("The role calls for " + list(titles(m, a.skills).map(function (t) { return t.toLowerCase() })) + ".")
    if (opening.length) out.push({ id: "role", heading: "What the team builds", text: opening.join(" ") })
    m.items.forEach(function (item) {
      var said = item.questions.map(function (q, i) { return sentences(answer(a, item.id, i)) }).filter(Boolean)
      if (said.length) out.push({ id: item.id, heading: AREAS[item.id] || item.title, text: said.join(" ") })
    })
    if (a.level) out.push({ id: "level", heading: "Level", text: level + ". " + (LEVEL_TEXT[a.level] || "") })
    return out
  }

  // ── Markdown ────────────────────────────────────────────────────────────────

  // Typed text as Markdown that reads as typed: a line cannot turn into a heading,
  // a quote, a list or HTML, and each typed line stays a line (its own paragraph).
  function mdText(value) {
    return value.replace(/\r/g, "").split("\n").map(function (line) {
      return line.trim().replace(/</g, "\\<").replace(/^([#>+*-]|\d+[.)])/, "\\$1")
    }).filter(Boolean).join("\n\n")
  }

  function markdown(a, m) {
    var lines = ["# Role-scoping worksheet", "", "Written in the open hiring guide's scoping worksheet; kept in the browser it was typed in.", ""]
    var level = levelLabel(m, a.level)
    var useCase = m.useCases.filter(function (u) { return u.id === a.use_case })[0]
    lines.push("## The role", "")
    lines.push("- Role title: " + (mdText(a.title) || "not given"))
    lines.push("- What the team builds: " + (mdText(a.builds).replace(/\n+/g, " ") || "not given"))
    lines.push("- Level: " + (level || "not chosen"))
    lines.push("- Use case: " + (useCase ? useCase.title : "not chosen"))
    lines.push("- Skills: " + (a.skills.length ? titles(m, a.skills).join(", ") : "none chosen"), "")
    m.items.forEach(function (item) {
      lines.push("## " + item.order + ". " + item.title, "")
      item.questions.forEach(function (q, i) {
        var given = mdText(answer(a, item.id, i))
        lines.push("**" + q + "**", "", given || "_Not answered._", "")
      })
    })
    lines.push("## Draft role description", "")
    var parts = draft(a, m)
    if (!parts.length) lines.push("_Nothing to draft from yet._", "")
    parts.forEach(function (p) { lines.push("### " + p.heading, "", mdText(p.text), "") })
    lines.push("## Closest use case and kit", "")
    var u = closestUseCase(a, m), k = closestKit(a, m)
    if (u) lines.push("- Closest use case: [" + u.title + "](" + u.useCase.url + "): " + useCaseReasons(u, a, m) + ".")
    if (k) {
      lines.push("- Closest kit: [" + k.title + "](" + k.kit.url + "): " + kitReasons(k, a, m).text + ".")
      lines.push("- Plan a loop in the kit builder: " + builderLink(a, m, k))
    }
    if (!u && !k) lines.push("_Choose skills, a level or a use case to find them._")
    return lines.join("\n").replace(/\n+$/, "") + "\n"
  }

  function fileName(a) {
    var slug = a.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40)
    return "role-scoping" + (slug ? "-" + slug : "") + ".md"
  }

  var api = {
    STORAGE_KEY: STORAGE_KEY, VERSION: VERSION, MAX_TEXT: MAX_TEXT, AREAS: AREAS,
    model: model, empty: empty, clean: clean, parse: parse, answer: answer, withAnswer: withAnswer, isEmpty: isEmpty,
    progress: progress, rankKits: rankKits, closestKit: closestKit, closestUseCase: closestUseCase,
    kitReasons: kitReasons, useCaseReasons: useCaseReasons, builderLink: builderLink, sentences: sentences,
    draft: draft, mdText: mdText, markdown: markdown, fileName: fileName, list: list,
  }
  root.KbScoping = api
  if (typeof module === "object" && module.exports) module.exports = api
})(typeof globalThis !== "undefined" ? globalThis : this)
