// Kit builder (/roles/builder/): picks interview questions for the chosen skills,
// level and time, in the browser, from roles/builder.json emitted at build time.
// The selection lives in the address (?skills=a,b&level=senior&minutes=180), so a
// kit can be shared; ?view=candidate hides the interviewer-only parts.
(function () {
  "use strict"

  // The guide's vocabulary (macros/vocab.py), read from builder.json at mount.
  var LEVELS = [], BANDS = [], MAX_LEVEL_GAP = 1

  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key]
      else if (key === "class") node.className = attrs[key]
      else node.setAttribute(key, attrs[key])
    })
    ;(children || []).forEach(function (child) { if (child) node.appendChild(child) })
    return node
  }

  function readState(data) {
    var params = new URLSearchParams(location.search)
    var known = {}
    data.skills.forEach(function (s) { known[s.id] = true })
    var skills = (params.get("skills") || "").split(",").filter(function (id) { return known[id] })
    var level = LEVELS.indexOf(params.get("level")) >= 0 ? params.get("level") : "senior"
    var minutes = parseInt(params.get("minutes"), 10)
    return {
      skills: skills,
      level: level,
      minutes: minutes >= 15 && minutes <= 600 ? minutes : 180,
      useCase: params.get("use_case") || "",
      role: params.get("role") || "",
    }
  }

  function writeState(state) {
    var params = new URLSearchParams(location.search)
    params.set("skills", state.skills.join(","))
    params.set("level", state.level)
    params.set("minutes", String(state.minutes))
    ;["use_case", "role"].forEach(function (key) {
      var value = key === "use_case" ? state.useCase : state.role
      if (value) params.set(key, value)
      else params.delete(key)
    })
    history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash)
  }

  // Greedy cover: each chosen skill probed twice where time allows, once at least;
  // questions at the chosen level first, the adjacent level when needed.
  function choose(data, state) {
    var chosen = {}
    state.skills.forEach(function (id) { chosen[id] = 2 })
    var level = LEVELS.indexOf(state.level)
    var preferred = {}
    data.use_cases.forEach(function (u) {
      if (u.id === state.useCase) u.questions.forEach(function (q) { preferred[q] = true })
    })
    var pool = data.questions.filter(function (q) {
      return Math.abs(LEVELS.indexOf(q.level) - level) <= MAX_LEVEL_GAP && q.skills.some(function (s) { return s in chosen })
    })
    var picked = []
    var left = state.minutes
    for (;;) {
      var best = null
      var bestScore = 0
      pool.forEach(function (q) {
        if (picked.indexOf(q) >= 0 || q.minutes > left) return
        var gain = 0
        q.skills.forEach(function (s) { if (chosen[s] > 0) gain += chosen[s] === 2 ? 1 : 0.6 })
        if (gain === 0) return
        var fit = LEVELS.indexOf(q.level) === level ? 1 : 0.6
        var score = (gain * fit * (preferred[q.id] ? 1.25 : 1)) / q.minutes
        if (score > bestScore) { best = q; bestScore = score }
      })
      if (!best) break
      picked.push(best)
      left -= best.minutes
      best.skills.forEach(function (s) { if (chosen[s] > 0) chosen[s] -= 1 })
    }
    return picked
  }

  // The prompt's HTML comes from roles/builder.json, rendered at build time by
  // Python-Markdown from data whose validation rejects raw HTML and script URLs.
  function prompt(html) {
    var box = el("div", { class: "kb-builder__prompt" })
    box.innerHTML = html
    return box
  }

  function table(head, rows) {
    return el("table", {}, [
      el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { text: h }) }))]),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", {}, r.map(function (c) { return typeof c === "string" ? el("td", { text: c }) : el("td", {}, [c]) }))
      })),
    ])
  }

  function render(root, data, state) {
    var byId = {}
    data.skills.forEach(function (s) { byId[s.id] = s })
    var out = root.querySelector(".kb-builder__output")
    out.textContent = ""
    if (!state.skills.length) {
      out.appendChild(el("p", { text: "Choose at least one skill, or start from a use case or a kit." }))
      return
    }
    var picked = choose(data, state)
    var used = picked.reduce(function (sum, q) { return sum + q.minutes }, 0)
    var counts = {}
    state.skills.forEach(function (s) { counts[s] = 0 })
    picked.forEach(function (q) { q.skills.forEach(function (s) { if (s in counts) counts[s] += 1 }) })
    var missing = state.skills.filter(function (s) { return counts[s] === 0 })
    var once = state.skills.filter(function (s) { return counts[s] === 1 })

    out.appendChild(el("p", { class: "kb-builder__summary", "data-total-minutes": String(used),
      text: picked.length + " questions, " + used + " of " + state.minutes + " minutes, " + state.level + " level." }))
    if (missing.length) out.appendChild(el("p", { class: "kb-builder__warning",
      text: "Not covered in this time: " + missing.map(function (s) { return byId[s].title }).join(", ") + ". Add time or drop a skill." }))
    if (once.length) out.appendChild(el("p", { class: "kb-builder__note",
      text: "Assessed only once: " + once.map(function (s) { return byId[s].title }).join(", ") + ". Structured loops assess each competency twice; add time if you can." }))

    out.appendChild(el("h2", { id: "builder-questions", text: "Questions" }))
    var list = el("ol", { class: "kb-builder__questions" })
    picked.forEach(function (q) {
      var rubric = el("div", { class: "kb-interviewer" }, [table(["Band", "What you see"], BANDS.map(function (b) {
        return [b[1], q.interviewer.rubric[b[0]].join(" ")]
      }))])
      list.appendChild(el("li", { class: "kb-builder__question", "data-question": q.id, "data-skills": q.skills.join(" ") }, [
        el("p", {}, [el("a", { href: q.url, text: q.title }), document.createTextNode(" · " + q.minutes + " min · " + q.level)]),
        prompt(q.prompt_html),
        el("p", { class: "kb-interviewer", text: "Follow-ups: " + q.interviewer.follow_ups.join(" · ") }),
        rubric,
      ]))
    })
    out.appendChild(list)

    out.appendChild(el("h2", { id: "builder-coverage", text: "Coverage" }))
    out.appendChild(table(["Competency"].concat(picked.map(function (q, i) { return "Q" + (i + 1) })).concat(["Times"]),
      state.skills.map(function (s) {
        return [byId[s].title].concat(picked.map(function (q) { return q.skills.indexOf(s) >= 0 ? "●" : "·" }))
          .concat([String(counts[s])])
      })))

    var card = el("div", { class: "kb-interviewer" }, [
      el("h2", { id: "builder-scorecard", text: "Scorecard" }),
      el("p", { text: "Score each competency on your own, from written evidence, before the debrief. All competencies weigh the same." }),
      table(["Competency"].concat(BANDS.map(function (b) { return b[1] })).concat(["Evidence"]),
        state.skills.map(function (s) { return [byId[s].title, "☐", "☐", "☐", "☐", ""] })),
    ])
    out.appendChild(card)
  }

  function controls(root, data, state, update) {
    var form = el("form", { class: "kb-builder__form", "aria-label": "Kit settings" })
    var start = el("fieldset", {}, [el("legend", { text: "Start from (optional)" })])
    var useCase = el("select", { id: "kb-use-case", name: "use_case" }, [el("option", { value: "", text: "No use case" })]
      .concat(data.use_cases.map(function (u) { return el("option", { value: u.id, text: u.title }) })))
    var role = el("select", { id: "kb-role", name: "role" }, [el("option", { value: "", text: "No kit" })]
      .concat(data.roles.map(function (r) { return el("option", { value: r.id, text: r.title }) })))
    start.appendChild(el("label", { for: "kb-use-case", text: "Use case " }))
    start.appendChild(useCase)
    start.appendChild(el("label", { for: "kb-role", text: " Kit " }))
    start.appendChild(role)
    useCase.value = state.useCase
    role.value = state.role

    var skills = el("fieldset", { class: "kb-builder__skills" }, [el("legend", { text: "Skills to assess" })])
    data.skills.forEach(function (s) {
      var box = el("input", { type: "checkbox", id: "kb-skill-" + s.id, name: "skill", value: s.id })
      box.checked = state.skills.indexOf(s.id) >= 0
      skills.appendChild(el("label", { for: "kb-skill-" + s.id }, [box, document.createTextNode(" " + s.title)]))
    })

    var level = el("select", { id: "kb-level", name: "level" }, LEVELS.map(function (l) { return el("option", { value: l, text: l }) }))
    level.value = state.level
    var minutes = el("input", { id: "kb-minutes", name: "minutes", type: "number", min: "15", max: "600", step: "5", value: String(state.minutes) })
    var limits = el("fieldset", {}, [el("legend", { text: "Level and time" }),
      el("label", { for: "kb-level", text: "Level " }), level,
      el("label", { for: "kb-minutes", text: " Minutes of interviews " }), minutes])

    form.appendChild(start)
    form.appendChild(skills)
    form.appendChild(limits)

    function fromForm() {
      state.skills = Array.prototype.filter.call(skills.querySelectorAll("input"), function (i) { return i.checked })
        .map(function (i) { return i.value })
      state.level = level.value
      var value = parseInt(minutes.value, 10)
      state.minutes = value >= 15 && value <= 600 ? value : state.minutes
      state.useCase = useCase.value
      state.role = role.value
      update()
    }
    function startFrom(list, id, apply) {
      list.forEach(function (item) { if (item.id === id) apply(item) })
      skills.querySelectorAll("input").forEach(function (i) { i.checked = state.skills.indexOf(i.value) >= 0 })
      level.value = state.level
      minutes.value = String(state.minutes)
      fromForm()
    }
    useCase.addEventListener("change", function () {
      startFrom(data.use_cases, useCase.value, function (u) { state.skills = u.skills.slice() })
    })
    role.addEventListener("change", function () {
      startFrom(data.roles, role.value, function (r) { state.skills = r.skills.slice(); state.level = r.level; state.minutes = r.minutes })
    })
    skills.addEventListener("change", fromForm)
    level.addEventListener("change", fromForm)
    minutes.addEventListener("change", fromForm)
    form.addEventListener("submit", function (event) { event.preventDefault(); fromForm() })
    return form
  }

  function mount(root) {
    if (root.dataset.mounted) return
    root.dataset.mounted = "true"
    var fallback = document.querySelector(".kb-builder__fallback")
    if (fallback) fallback.remove()
    fetch(new URL(root.dataset.source, location.href))
      .then(function (response) { return response.json() })
      .then(function (data) {
        LEVELS = data.vocabulary.levels.map(function (l) { return l.id })
        BANDS = data.vocabulary.bands.map(function (b) { return [b.id, b.label] })
        MAX_LEVEL_GAP = data.vocabulary.max_level_gap
        var state = readState(data)
        var output = el("div", { class: "kb-builder__output", "aria-live": "polite" })
        function update() { writeState(state); render(root, data, state) }
        root.appendChild(controls(root, data, state, update))
        root.appendChild(output)
        update()
      })
      .catch(function (error) {
        root.appendChild(el("p", { class: "kb-builder__warning", text: "The question data could not be loaded: " + error }))
      })
  }

  // Runs on the builder's own page only, and loads its data only from this site.
  // Its mount point comes from the page template (overrides/kit-builder.html),
  // never from page content: the HTML sanitiser drops ids and data-* there. An
  // element with the same id planted elsewhere or a data-source pointing at
  // another origin is ignored all the same.
  function start() {
    var root = document.getElementById("kit-builder-app")
    if (!root || !/\/roles\/builder\/(index\.html)?$/.test(location.pathname)) return
    if (new URL(root.dataset.source, location.href).origin !== location.origin) return
    mount(root)
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else document.addEventListener("DOMContentLoaded", start)
})()
