// Question bank (/questions/bank/): filters over the plain list of every question
// (macros/templates/bank/questions.md.j2), and "Add to kit", which opens the kit
// builder with the chosen questions locked into its plan.
//
// The list is the page without JavaScript. The facts the filters need come from
// roles/builder.json (same origin, already built for the kit builder), matched to
// each list item by the question id in its link: the HTML sanitiser keeps no ids
// or data-* attributes in page bodies. What the reader chooses lives in the address,
// so a reload or a shared link shows the same list and selection:
//   ?skill=data-consistency&level=staff&kind=system-design&max_minutes=40&tag=consistency
//    &selected=q1,q2
// Filters combine (AND); each option shows how many questions it would leave with
// the other filters as they are.
//
// The filtering and the hand-off to the builder are pure (no DOM): tests/js/
// question-bank.test.mjs runs them in Node, the page calls them as QuestionBank.
(function (root) {
  "use strict"

  // The builder's usual loop (its default); a selection that needs longer gets longer.
  var DEFAULT_MINUTES = 60
  var STEP = 5 // the builder's minutes field steps by 5

  // One filter per fact, in the order the form shows them. `param` is its name in the address.
  var FACETS = [
    { key: "skill", param: "skill", label: "Skill probed", any: "Any skill",
      test: function (q, v) { return q.skills.indexOf(v) >= 0 } },
    { key: "level", param: "level", label: "Level", any: "Any level",
      test: function (q, v) { return q.level === v } },
    { key: "kind", param: "kind", label: "Kind", any: "Any kind",
      test: function (q, v) { return q.kind === v } },
    { key: "minutes", param: "max_minutes", label: "Time", any: "Any length",
      test: function (q, v) { return q.minutes <= Number(v) } },
    { key: "tag", param: "tag", label: "Tag", any: "Any tag",
      test: function (q, v) { return q.tags.indexOf(v) >= 0 } },
  ]

  function unique(list) {
    var seen = {}
    return list.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true })
  }

  // Each filter's options, [{value, label}], from the data: only values some question has.
  function options(data) {
    var qs = data.questions
    var has = function (pick) { var found = {}; qs.forEach(function (q) { [].concat(pick(q)).forEach(function (v) { found[v] = true }) }); return found }
    var skills = has(function (q) { return q.skills }), levels = has(function (q) { return q.level }),
      kinds = has(function (q) { return q.kind })
    return {
      skill: data.skills.filter(function (s) { return skills[s.id] }).map(function (s) { return { value: s.id, label: s.title } }),
      level: data.vocabulary.levels.filter(function (l) { return levels[l.id] }).map(function (l) { return { value: l.id, label: l.label } }),
      kind: data.vocabulary.kinds.filter(function (k) { return kinds[k.id] }).map(function (k) { return { value: k.id, label: k.label } }),
      minutes: unique(qs.map(function (q) { return q.minutes })).sort(function (a, b) { return a - b })
        .map(function (m) { return { value: String(m), label: "Up to " + m + " minutes" } }),
      tag: Object.keys(has(function (q) { return q.tags || [] })).sort().map(function (t) { return { value: t, label: t } }),
    }
  }

  // The state from a query string: known values only, "" for a filter not set.
  function readState(data, search) {
    var params = new URLSearchParams(search || "")
    var opts = options(data)
    var state = { filters: {}, selected: [] }
    FACETS.forEach(function (f) {
      var value = params.get(f.param) || ""
      state.filters[f.key] = opts[f.key].some(function (o) { return o.value === value }) ? value : ""
    })
    var known = {}
    data.questions.forEach(function (q) { known[q.id] = true })
    state.selected = unique((params.get("selected") || "").split(",").filter(function (id) { return known[id] }))
    return state
  }

  // The query string for a state, commas kept readable (as the builder does); "" when empty.
  function writeQuery(state) {
    var parts = []
    FACETS.forEach(function (f) {
      if (state.filters[f.key]) parts.push(f.param + "=" + encodeURIComponent(state.filters[f.key]))
    })
    if (state.selected.length) parts.push("selected=" + state.selected.map(encodeURIComponent).join(","))
    return parts.length ? "?" + parts.join("&") : ""
  }

  // Whether a question passes every filter set, leaving out the one named `except`.
  function matches(q, filters, except) {
    return FACETS.every(function (f) { return f.key === except || !filters[f.key] || f.test(q, filters[f.key]) })
  }

  function visible(data, filters) {
    return data.questions.filter(function (q) { return matches(q, filters) })
  }

  // For one filter: how many questions each of its options would leave, the other
  // filters as they are; "" is the count with this filter cleared ("Any").
  function counts(data, filters, key) {
    var facet = FACETS.filter(function (f) { return f.key === key })[0]
    var out = { "": 0 }
    options(data)[key].forEach(function (o) { out[o.value] = 0 })
    data.questions.forEach(function (q) {
      if (!matches(q, filters, key)) return
      out[""]++
      Object.keys(out).forEach(function (v) { if (v && facet.test(q, v)) out[v]++ })
    })
    return out
  }

  // Minutes of questions each interview of a loop can hold, as the builder lays it
  // out (KitPlan.sessionsFor), placed longest first where least room is left, as
  // the builder places them: true when every chosen question fits.
  function fits(questions, minutes, data, kitPlan) {
    var agenda = data.agenda
    var overhead = agenda.intro_minutes + agenda.candidate_questions_minutes
    var room = kitPlan.sessionsFor(minutes, agenda).map(function (s) { return s.minutes - overhead })
    return questions.map(function (q) { return q.minutes }).sort(function (a, b) { return b - a }).every(function (m) {
      var best = -1
      room.forEach(function (r, i) { if (r >= m && (best < 0 || r < room[best])) best = i })
      if (best < 0) return false
      room[best] -= m
      return true
    })
  }

  // The builder's input for the chosen questions: them locked; the level filter's
  // level, else the level most of them are at (the higher on a tie); the skill
  // filter's skill and every skill they probe; the builder's usual hour, or the
  // shortest loop (5-minute steps) that holds them all without running over.
  function handoff(data, state, kitPlan) {
    var byId = {}
    data.questions.forEach(function (q) { byId[q.id] = q })
    var chosen = state.selected.filter(function (id) { return byId[id] }).map(function (id) { return byId[id] })
    var level = state.filters.level
    if (!level) {
      var best = -1
      data.vocabulary.levels.slice().reverse().forEach(function (l) {
        var n = chosen.filter(function (q) { return q.level === l.id }).length
        if (n > best) { best = n; level = l.id }
      })
    }
    var skills = state.filters.skill ? [state.filters.skill] : []
    data.skills.forEach(function (s) {
      if (skills.indexOf(s.id) < 0 && chosen.some(function (q) { return q.skills.indexOf(s.id) >= 0 })) skills.push(s.id)
    })
    var agenda = data.agenda
    var needed = chosen.reduce(function (sum, q) { return sum + q.minutes }, 0) + agenda.intro_minutes + agenda.candidate_questions_minutes
    var minutes = Math.max(DEFAULT_MINUTES, Math.ceil(needed / STEP) * STEP)
    var locked = chosen.map(function (q) { return q.id })
    if (kitPlan) {
      while (minutes < kitPlan.MAX_MINUTES && !fits(chosen, minutes, data, kitPlan)) minutes += STEP
      // The planner has the last word: a few more steps if its own placement runs over.
      for (var tries = 0; tries < 6 && minutes < kitPlan.MAX_MINUTES; tries++) {
        var plan = kitPlan.plan(data, { skills: skills, level: level, minutes: minutes, locked: locked })
        if (!plan.minutes.over) break
        minutes += STEP
      }
      minutes = Math.min(minutes, kitPlan.MAX_MINUTES)
    }
    return { skills: skills, level: level, minutes: minutes, locked: locked }
  }

  // The builder's address for that input, in its own format (assets/kit-builder.js).
  function builderQuery(input) {
    return "?skills=" + input.skills.map(encodeURIComponent).join(",") + "&level=" + encodeURIComponent(input.level) +
      "&minutes=" + input.minutes + "&locked=" + input.locked.map(encodeURIComponent).join(",")
  }

  // Calls fn on each element of list, a slice at a time, then done, yielding to the
  // browser between slices and before done: on a phone, one pass over every item of
  // the bank was a task long enough to delay the reader's first tap (tests/bench).
  var SLICE = 16
  function inSlices(list, fn, done) {
    var i = 0
    ;(function slice() {
      for (var end = Math.min(i + SLICE, list.length); i < end; i++) fn(list[i])
      setTimeout(i < list.length ? slice : done)
    })()
  }

  var api = { FACETS: FACETS, options: options, readState: readState, writeQuery: writeQuery, matches: matches,
    visible: visible, counts: counts, handoff: handoff, builderQuery: builderQuery, SLICE: SLICE, inSlices: inSlices }
  root.QuestionBank = api
  if (typeof module === "object" && module.exports) module.exports = api
  if (typeof document === "undefined") return

  // --- The page -----------------------------------------------------------------

  var PAGE = /\/questions\/bank\/(index\.html)?$/
  var QUESTION_LINK = /\/questions\/([a-z0-9-]+)\/(index\.html)?$/

  function el() { return window.KbDom.el.apply(null, arguments) } // assets/dom.js

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many) }

  function mount(bank) {
    if (bank.dataset.mounted) return
    bank.dataset.mounted = "true"
    var list = bank.querySelector("ul")
    var result = bank.querySelector(".kb-bank__result")
    if (!list || !result) return
    fetch(new URL("../../roles/builder.json", location.href))
      .then(function (response) { return response.json() })
      .then(function (data) { enhance(bank, list, result, data) })
      .catch(function (error) {
        bank.insertBefore(el("p", { class: "kb-bank__warning", text: "The filters could not load the question data: " + error }), list)
      })
  }

  function enhance(bank, list, result, data) {
    var byId = {}
    data.questions.forEach(function (q) { byId[q.id] = q })
    var state = readState(data, location.search)

    // Each list item: a checkbox to pick it, its text as written. The filters come
    // once every item has its checkbox, so they never act on part of the list.
    var items = []
    inSlices(Array.prototype.slice.call(list.children), function (li) {
      var link = li.querySelector("a[href]")
      var match = link && QUESTION_LINK.exec(new URL(link.href, location.href).pathname)
      var q = match && byId[match[1]]
      if (!q) return
      var box = el("input", { type: "checkbox", class: "kb-bank__check", value: q.id })
      box.checked = state.selected.indexOf(q.id) >= 0
      var body = el("div", { class: "kb-bank__body" })
      while (li.firstChild) body.appendChild(li.firstChild)
      li.className = "kb-bank__item"
      li.appendChild(el("label", { class: "kb-bank__pick" }, [box, el("span", { class: "kb-bank__pick-text", text: "Select" }),
        el("span", { class: "kb-bank__sr", text: " “" + q.title + "”" })]))
      li.appendChild(body)
      items.push({ li: li, q: q, box: box })
    }, function () { addControls(bank, list, result, data, state, items) })
  }

  function addControls(bank, list, result, data, state, items) {
    var opts = options(data)
    // A box ticked while the later slices were still being added counts too.
    items.forEach(function (item) {
      if (item.box.checked) state.selected = unique(state.selected.concat([item.q.id]))
    })

    // The filters: a labelled select each, its options with their counts.
    var selects = {}
    var form = el("form", { class: "kb-bank__filters", "aria-label": "Filter the questions" })
    FACETS.forEach(function (f) {
      var id = "kb-bank-" + f.key
      var select = el("select", { id: id, name: f.param, class: "kb-bank__select" },
        [el("option", { value: "" })].concat(opts[f.key].map(function (o) { return el("option", { value: o.value }) })))
      select.value = state.filters[f.key]
      select.addEventListener("change", function () { state.filters[f.key] = select.value; update() })
      selects[f.key] = select
      form.appendChild(el("div", { class: "kb-bank__field" }, [el("label", { for: id, text: f.label }), select]))
    })
    var clear = el("button", { type: "button", class: "kb-bank__button", text: "Clear filters" })
    clear.addEventListener("click", function () {
      FACETS.forEach(function (f) { state.filters[f.key] = "" })
      update()
    })
    form.appendChild(el("div", { class: "kb-bank__field kb-bank__field--clear" }, [clear]))
    form.addEventListener("submit", function (event) { event.preventDefault() })
    // In the place of the paragraph that says the filters need scripts: the page
    // kept their height there (question-bank.css), so nothing below moves.
    var fallback = document.querySelector(".md-content .kb-bank__nojs")
    if (fallback) fallback.replaceWith(form)
    else bank.insertBefore(form, result)

    // The live count: announced politely after each change of filters.
    result.setAttribute("role", "status")
    result.setAttribute("aria-live", "polite")
    result.setAttribute("aria-atomic", "true")

    // The selection and the hand-off to the kit builder, kept in view at the bottom.
    var picked = el("p", { class: "kb-bank__picked" })
    var add = el("button", { type: "button", class: "kb-bank__button kb-bank__add", text: "Add to kit" })
    var unpick = el("button", { type: "button", class: "kb-bank__button", text: "Clear selection" })
    var tray = el("div", { class: "kb-bank__tray", role: "group", "aria-label": "Selected questions" }, [picked, add, unpick])
    bank.appendChild(tray)
    list.addEventListener("change", function (event) {
      var box = event.target
      if (!box.classList || !box.classList.contains("kb-bank__check")) return
      state.selected = box.checked ? unique(state.selected.concat([box.value]))
        : state.selected.filter(function (id) { return id !== box.value })
      update()
    })
    unpick.addEventListener("click", function () { state.selected = []; update() })
    add.addEventListener("click", function () {
      if (!state.selected.length) return
      var input = handoff(data, state, root.KitPlan)
      location.assign(new URL("../../roles/builder/", location.href).pathname + builderQuery(input))
    })

    function update() {
      history.replaceState(history.state, "", location.pathname + writeQuery(state) + location.hash)
      FACETS.forEach(function (f) {
        var n = counts(data, state.filters, f.key)
        var select = selects[f.key]
        select.value = state.filters[f.key]
        Array.prototype.forEach.call(select.options, function (option, i) {
          var label = i === 0 ? f.any : opts[f.key][i - 1].label
          option.textContent = label + " (" + n[option.value] + ")"
        })
      })
      var shown = 0, hiddenPicked = 0
      items.forEach(function (item) {
        var show = matches(item.q, state.filters)
        item.li.hidden = !show
        item.box.checked = state.selected.indexOf(item.q.id) >= 0
        if (show) shown++
        else if (item.box.checked) hiddenPicked++
      })
      var text = shown ? plural(shown, "question", "questions")
        : "No question matches these filters; clear one to see more."
      if (result.textContent !== text) result.textContent = text
      var count = state.selected.length
      picked.textContent = count ? plural(count, "question", "questions") + " selected" +
        (hiddenPicked ? ", " + hiddenPicked + " of them hidden by the filters" : "") : "No question selected yet: tick the ones you want."
      add.disabled = !count
      tray.classList.toggle("kb-bank__tray--sticky", count > 0)
      unpick.disabled = !count
    }
    update()
  }

  // Runs on the bank's own page only; its mount point is the list's wrapper, which
  // the page's template writes with a kb-* class (the sanitiser keeps those).
  function start() {
    if (!PAGE.test(location.pathname) || !window.KbDom) return
    var bank = document.querySelector(".md-content .kb-bank")
    if (bank) mount(bank)
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)
})(typeof globalThis !== "undefined" ? globalThis : this)
