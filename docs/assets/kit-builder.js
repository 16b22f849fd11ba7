// Kit builder (/roles/builder/): plans an interview loop in the browser from
// roles/builder.json (emitted at build time) with the planner in kit-plan.js
// (KitPlan). Everything the reader chooses lives in the address, so a reload or a
// shared link shows the same plan:
//   ?skills=a,b&level=staff&minutes=60&kinds=system-design,debugging
//    &locked=q1&removed=q2&order=q1,q3~q4&use_case=u&kit=k
// (order: the questions of each interview, interviews separated by "~"; kinds
// absent means every kind). ?view=candidate hides the interviewer-only parts.
// After each change the mount point fires "kb-builder:plan" with the plan.
(function () {
  "use strict"

  var LEVELS = [], BANDS = []
  var DEBOUNCE_MS = 400

  var el = window.KbDom.el  // assets/dom.js

  function button(text, attrs) {
    var node = el("button", Object.assign({ type: "button", class: "kb-builder__button" }, attrs || {}))
    node.textContent = text
    return node
  }

  function clock(minutes) {
    return Math.floor(minutes / 60) + ":" + ("0" + (minutes % 60)).slice(-2)
  }

  // --- State in the address -------------------------------------------------

  function ids(value, known) {
    return (value || "").split(",").filter(function (id) { return id && known[id] })
  }

  function readState(data) {
    var params = new URLSearchParams(location.search)
    var skills = {}, questions = {}, kinds = {}
    data.skills.forEach(function (s) { skills[s.id] = true })
    data.questions.forEach(function (q) { questions[q.id] = true })
    data.vocabulary.kinds.forEach(function (k) { kinds[k.id] = true })
    var minutes = parseInt(params.get("minutes"), 10)
    var kit = params.get("kit") || params.get("role") || ""
    return {
      skills: ids(params.get("skills"), skills),
      level: LEVELS.indexOf(params.get("level")) >= 0 ? params.get("level") : "senior",
      minutes: minutes >= KitPlan.MIN_MINUTES && minutes <= KitPlan.MAX_MINUTES ? minutes : 60,
      kinds: params.has("kinds") ? ids(params.get("kinds"), kinds) : null,
      locked: ids(params.get("locked"), questions),
      removed: ids(params.get("removed"), questions),
      order: params.get("order") ? params.get("order").split("~").map(function (part) { return ids(part, questions) }) : [],
      useCase: params.get("use_case") || "",
      kit: data.roles.some(function (r) { return r.id === kit }) ? kit : "",
    }
  }

  function writeState(state) {
    var params = new URLSearchParams(location.search)
    params.delete("role")
    params.set("skills", state.skills.join(","))
    params.set("level", state.level)
    params.set("minutes", String(state.minutes))
    var optional = {
      kinds: state.kinds ? state.kinds.join(",") : null,
      locked: state.locked.join(",") || null,
      removed: state.removed.join(",") || null,
      order: state.order.some(function (s) { return s.length }) ? state.order.map(function (s) { return s.join(",") }).join("~") : null,
      use_case: state.useCase || null,
      kit: state.kit || null,
    }
    Object.keys(optional).forEach(function (key) {
      if (optional[key] === null) params.delete(key)
      else params.set(key, optional[key])
    })
    // Commas and "~" stay readable in the address (URLSearchParams would escape them).
    var query = []
    params.forEach(function (value, key) {
      query.push(encodeURIComponent(key) + "=" + encodeURIComponent(value).replace(/%2C/g, ","))
    })
    history.replaceState(history.state, "", location.pathname + "?" + query.join("&") + location.hash)
  }

  function input(state) {
    return {
      skills: state.skills, level: state.level, minutes: state.minutes, kinds: state.kinds,
      locked: state.locked, removed: state.removed, order: state.order, use_case: state.useCase, kit: state.kit,
    }
  }

  // --- Output ---------------------------------------------------------------

  // The prompt's HTML comes from roles/builder.json, rendered at build time by
  // Python-Markdown from data whose validation rejects raw HTML and script URLs,
  // then sanitised (macros/data_html.py).
  function prompt(html) {
    var box = el("div", { class: "kb-builder__prompt" })
    box.innerHTML = html
    return box
  }

  // A table in a box that scrolls sideways on a narrow screen; see scrollable().
  // Material styles only tables without a class: `attrs` go on the box.
  function table(caption, head, rows, attrs) {
    var t = el("table", {}, [
      el("caption", { class: "kb-builder__caption", text: caption }),
      el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }) }))]),
      el("tbody", {}, rows.map(function (r) {
        if (r.heading) return el("tr", { class: "kb-builder__session" }, [el("th", { scope: "colgroup", colspan: String(head.length), text: r.heading })])
        return el("tr", r.attrs || {}, (r.cells || r).map(function (c, i) {
          var cell = el(i === 0 && r.rowHeader ? "th" : "td", i === 0 && r.rowHeader ? { scope: "row" } : {})
          if (typeof c === "string") cell.textContent = c
          else cell.appendChild(c)
          return cell
        }))
      })),
    ])
    return el("div", Object.assign({ class: "kb-builder__scroll", "data-label": caption }, attrs || {}), [t])
  }

  // A box that scrolls becomes a named tab stop, so keyboard users can scroll it
  // too; one that fits stays out of the tab order (a plan has a table per question).
  function scrollable(root) {
    root.querySelectorAll(".kb-builder__scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0")
        box.setAttribute("role", "region")
        box.setAttribute("aria-label", box.dataset.label + ", scrolls sideways")
      } else {
        box.removeAttribute("tabindex")
        box.removeAttribute("role")
        box.removeAttribute("aria-label")
      }
    })
  }

  function render(root, data, state, actions) {
    var skillTitle = {}, questionsById = {}, kindLabel = {}, levelLabel = {}
    data.skills.forEach(function (s) { skillTitle[s.id] = s.title })
    data.questions.forEach(function (q) { questionsById[q.id] = q })
    data.vocabulary.kinds.forEach(function (k) { kindLabel[k.id] = k.label })
    data.vocabulary.levels.forEach(function (l) { levelLabel[l.id] = l.label })
    var out = root.querySelector(".kb-builder__output")
    out.textContent = ""
    if (!state.skills.length && !state.locked.length) {
      out.appendChild(el("p", { class: "kb-builder__empty", text: "Choose at least one skill, or start from a use case or a kit." }))
      return null
    }
    var plan = KitPlan.plan(data, input(state))
    var picked = plan.questions.map(function (q) { return questionsById[q.id] })
    var m = plan.minutes

    out.appendChild(el("div", { class: "kb-builder__actions" }, [
      button("Copy link", { "data-action": "copy" }),
      button("Print", { "data-action": "print" }),
      el("span", { class: "kb-builder__status", role: "status" }),
    ]))
    var sessions = plan.sessions.length > 1 ? plan.sessions.length + " interviews, " : ""
    out.appendChild(el("p", {
      class: "kb-builder__summary", "data-question-minutes": String(m.questions), "data-planned-minutes": String(m.planned),
      "data-total-minutes": String(m.total),
      text: picked.length + (picked.length === 1 ? " question, " : " questions, ") + sessions + m.planned + " of " + m.total +
        " minutes planned: " + m.questions + " on questions, " + m.overhead + " on introductions and the candidate's questions" +
        (m.breaks ? ", " + m.breaks + " on breaks" : "") + (m.buffer ? "; " + m.buffer + " minutes of buffer" : "") +
        (m.over ? "; " + m.over + " minutes over" : "") + ". " + levelLabel[state.level] + " level.",
    }))
    if (plan.reasons.length) {
      out.appendChild(el("ul", { class: "kb-builder__reasons" }, plan.reasons.map(function (r) {
        return el("li", { class: r.severity === "warning" ? "kb-builder__warning" : "kb-builder__note", "data-code": r.code, text: r.text })
      })))
    }

    // Agenda: each interview's introduction, questions, the candidate's questions, buffer; breaks between.
    out.appendChild(el("h2", { id: "builder-agenda", text: "Agenda" }))
    var rows = []
    var labels = { intro: "Introduction", "candidate-questions": "The candidate's questions",
      buffer: "Buffer", "break": "Break" }
    plan.agenda.forEach(function (slot, i) {
      if (plan.sessions.length > 1 && (i === 0 || plan.agenda[i - 1].session !== slot.session) && slot.type === "intro") {
        var s = plan.sessions[slot.session]
        rows.push({ heading: s.name + " (" + s.minutes + " minutes)" })
      }
      if (!slot.minutes && slot.type !== "question") return
      var what = slot.type === "question" ? questionsById[slot.id].title : labels[slot.type]
      rows.push({ cells: [clock(slot.start) + "–" + clock(slot.start + slot.minutes), String(slot.minutes), what],
        attrs: { class: "kb-builder__slot kb-builder__slot--" + slot.type } })
    })
    out.appendChild(table("Agenda, " + m.total + " minutes", ["Time", "Min.", "What"], rows, { class: "kb-builder__scroll kb-builder__agenda" }))

    out.appendChild(el("h2", { id: "builder-questions", text: "Questions" }))
    var list = el("ol", { class: "kb-builder__questions" })
    plan.questions.forEach(function (entry, index) {
      list.appendChild(questionItem(entry, index))
    })
    out.appendChild(list)
    if (!plan.questions.length) out.appendChild(el("p", { text: "No question fits; the notes above say why." }))

    if (plan.removed.length) {
      out.appendChild(el("h3", { id: "builder-removed", text: "Removed questions" }))
      out.appendChild(el("ul", { class: "kb-builder__removed" }, plan.removed.map(function (id) {
        return el("li", { "data-question": id }, [el("span", { text: questionsById[id].title + " " }),
          button("Restore", { "data-action": "restore", "data-id": id, "aria-label": "Restore “" + questionsById[id].title + "”" })])
      })))
    }

    out.appendChild(el("h2", { id: "builder-coverage", text: "Coverage" }))
    out.appendChild(table("Coverage: which question probes which skill", ["Competency"].concat(picked.map(function (q, i) { return "Q" + (i + 1) })).concat(["Times"]),
      plan.skills.map(function (s) {
        return { rowHeader: true, cells: [skillTitle[s]].concat(picked.map(function (q) { return q.skills.indexOf(s) >= 0 ? "●" : "·" }))
          .concat([String(plan.coverage[s])]) }
      })))

    // The paper scorecard. assets/scorecard.js hides it and puts the live one after this output.
    out.appendChild(el("div", { class: "kb-interviewer kb-builder__scorecard" }, [
      el("h2", { id: "builder-scorecard", text: "Scorecard" }),
      el("p", { text: "Score each competency on your own, from written evidence, before the debrief. All competencies weigh the same." }),
      table("Scorecard", ["Competency"].concat(BANDS.map(function (b) { return b[1] })).concat(["Evidence"]),
        plan.skills.map(function (s) { return { rowHeader: true, cells: [skillTitle[s], "☐", "☐", "☐", "☐", ""] } })),
    ]))
    return plan

    function questionItem(entry, index) {
      var q = questionsById[entry.id]
      var name = "“" + q.title + "”"
      var first = index === 0, last = index === plan.questions.length - 1
      var panelId = "kb-swap-" + q.id
      var open = actions.openSwap === q.id
      var tools = el("div", { class: "kb-builder__tools", role: "group", "aria-label": "Change question " + (index + 1) }, [
        button("Lock", { "data-action": "lock", "data-id": q.id, "aria-pressed": entry.locked ? "true" : "false",
          "aria-label": "Lock " + name + " in the plan" }),
        button("Up", { "data-action": "up", "data-id": q.id, "aria-label": "Move " + name + " up", disabled: first }),
        button("Down", { "data-action": "down", "data-id": q.id, "aria-label": "Move " + name + " down", disabled: last }),
        button("Swap", { "data-action": "swap", "data-id": q.id, "aria-expanded": open ? "true" : "false", "aria-controls": panelId,
          "aria-label": "Swap " + name + " for another question" }),
        button("Remove", { "data-action": "remove", "data-id": q.id, "aria-label": "Remove " + name }),
      ])
      var panel = el("div", { class: "kb-builder__swap", id: panelId, hidden: !open })
      if (open) {
        var options = KitPlan.alternatives(data, input(state), q.id)
        if (!options.length) panel.appendChild(el("p", { text: "No other question on these skills fits here with the filters chosen." }))
        else {
          panel.appendChild(el("p", { text: "Questions that probe the same skills and fit here:" }))
          panel.appendChild(el("ul", {}, options.slice(0, 8).map(function (o) {
            var covers = o.full ? "" : " · probes only " + o.skills.map(function (s) { return skillTitle[s] }).join(", ")
            return el("li", { "data-question": o.id }, [
              el("span", { text: o.title + " · " + kindLabel[o.kind] + " · " + o.minutes + " min · " + levelLabel[o.level] + covers + " " }),
              button("Use this", { "data-action": "use", "data-id": q.id, "data-with": o.id, "aria-label": "Use this: “" + o.title + "”" }),
            ])
          })))
        }
      }
      var meta = " · " + kindLabel[q.kind] + " · " + q.minutes + " min · " + levelLabel[q.level] + (entry.stage ? " · " + entry.stage : "") +
        (entry.locked ? " · locked" : "") + (q.internal ? " · internal" : "")
      return el("li", { class: "kb-builder__question", "data-question": q.id, "data-skills": q.skills.join(" "), "data-locked": entry.locked ? "true" : "false" }, [
        el("p", { class: "kb-builder__title" }, [el("a", { href: q.url, text: q.title }), meta]),
        tools,
        panel,
        prompt(q.prompt_html),
        el("div", { class: "kb-interviewer kb-builder__details", "data-question": q.id, "data-number": String(index + 1) },
          q.interviewer ? details(q, index + 1) : []),
      ])
    }
  }

  // A planned question's follow-ups and rubric (interviewer-only). builder.json
  // leaves them out; fillDetails puts them in once roles/scorecard/<id>.json is in.
  function details(q, number) {
    return [
      el("p", { text: "Follow-ups: " + q.interviewer.follow_ups.join(" · ") }),
      table("Rubric for question " + number, ["Band", "What you see"], BANDS.map(function (b) {
        return { rowHeader: true, cells: [b[1], q.interviewer.rubric[b[0]].join(" ")] }
      })),
    ]
  }

  function fillDetails(output, data, loader) {
    var boxes = Array.prototype.slice.call(output.querySelectorAll(".kb-builder__details"))
    var ids = boxes.map(function (box) { return box.dataset.question })
    var L = window.KbScorecard
    if (!L || !ids.length) return
    L.withDetails(data, ids, loader).then(function () {
      boxes.forEach(function (box) {
        var q = L.question(data, box.dataset.question)
        if (box.isConnected && !box.firstChild && q && q.interviewer) details(q, box.dataset.number).forEach(function (node) { box.appendChild(node) })
      })
      if (output.isConnected) scrollable(output)  // the rubric tables are wide on a phone
    }, function () {
      boxes.forEach(function (box) {
        if (box.isConnected && !box.firstChild) box.appendChild(el("p", { text: "This question's rubric could not be loaded from this site: open the question's page." }))
      })
    })
  }

  // --- Changes to the plan ----------------------------------------------------

  function without(list, id) { return list.filter(function (x) { return x !== id }) }

  // Move a question one place in the agenda; past the edge of an interview it
  // joins the end of the one before (or the start of the one after).
  function move(order, id, step) {
    order = order.map(function (s) { return s.slice() })
    for (var s = 0; s < order.length; s++) {
      var i = order[s].indexOf(id)
      if (i < 0) continue
      var j = i + step
      if (j >= 0 && j < order[s].length) { order[s][i] = order[s][j]; order[s][j] = id }
      else if (step < 0 && s > 0) { order[s].splice(i, 1); order[s - 1].push(id) }
      else if (step > 0 && s < order.length - 1) { order[s].splice(i, 1); order[s + 1].unshift(id) }
      break
    }
    return order
  }

  function apply(state, plan, action, id, other) {
    var order = plan ? plan.order : []
    if (action === "lock") {
      state.locked = state.locked.indexOf(id) >= 0 ? without(state.locked, id) : state.locked.concat([id])
      state.order = order
    } else if (action === "remove") {
      state.locked = without(state.locked, id)
      state.removed = state.removed.concat([id])
      state.order = order.map(function (s) { return without(s, id) })
    } else if (action === "restore") {
      state.removed = without(state.removed, id)
    } else if (action === "up" || action === "down") {
      state.order = move(order, id, action === "up" ? -1 : 1)
    } else if (action === "use") {
      state.locked = without(state.locked, id).concat([other])
      state.removed = state.removed.concat([id])
      state.order = order.map(function (s) { return s.map(function (x) { return x === id ? other : x }) })
    }
  }

  // --- Form -----------------------------------------------------------------

  function controls(data, state, update) {
    var form = el("form", { class: "kb-builder__form", "aria-label": "Kit settings" })
    var useCase = el("select", { id: "kb-use-case", name: "use_case" }, [el("option", { value: "", text: "No use case" })]
      .concat(data.use_cases.map(function (u) { return el("option", { value: u.id, text: u.title }) })))
    var kit = el("select", { id: "kb-kit", name: "kit" }, [el("option", { value: "", text: "No kit" })]
      .concat(data.roles.map(function (r) { return el("option", { value: r.id, text: r.title }) })))
    useCase.value = state.useCase
    kit.value = state.kit
    form.appendChild(el("fieldset", { class: "kb-builder__start" }, [el("legend", { text: "Start from (optional)" }),
      el("div", { class: "kb-builder__field" }, [el("label", { for: "kb-use-case", text: "Use case" }), useCase]),
      el("div", { class: "kb-builder__field" }, [el("label", { for: "kb-kit", text: "Kit: its stages and questions" }), kit])]))

    var skills = el("fieldset", { class: "kb-builder__skills kb-builder__choices" }, [el("legend", { text: "Skills to assess" })])
    data.skills.forEach(function (s) {
      var box = el("input", { type: "checkbox", id: "kb-skill-" + s.id, name: "skill", value: s.id })
      box.checked = state.skills.indexOf(s.id) >= 0
      skills.appendChild(el("label", { for: "kb-skill-" + s.id }, [box, " " + s.title]))
    })
    form.appendChild(skills)

    var level = el("select", { id: "kb-level", name: "level" }, data.vocabulary.levels.map(function (l) { return el("option", { value: l.id, text: l.label }) }))
    level.value = state.level
    var minutes = el("input", { id: "kb-minutes", name: "minutes", type: "number", inputmode: "numeric", min: String(KitPlan.MIN_MINUTES),
      max: String(KitPlan.MAX_MINUTES), step: "5", value: String(state.minutes), "aria-describedby": "kb-minutes-hint" })
    var hint = el("span", { id: "kb-minutes-hint", class: "kb-builder__hint",
      text: "The whole loop, " + KitPlan.MIN_MINUTES + " to " + KitPlan.MAX_MINUTES + " minutes: introductions, questions, the candidate's questions and breaks." })
    form.appendChild(el("fieldset", { class: "kb-builder__limits" }, [el("legend", { text: "Level and time" }),
      el("div", { class: "kb-builder__field" }, [el("label", { for: "kb-level", text: "Level" }), level]),
      el("div", { class: "kb-builder__field" }, [el("label", { for: "kb-minutes", text: "Minutes" }), minutes, hint])]))

    // Only the kinds the bank has questions of (coding appears once the content has it).
    var present = {}
    data.questions.forEach(function (q) { present[q.kind] = true })
    var kinds = el("fieldset", { class: "kb-builder__kinds kb-builder__choices" }, [el("legend", { text: "Question kinds" })])
    data.vocabulary.kinds.forEach(function (k) {
      if (!present[k.id]) return
      var box = el("input", { type: "checkbox", id: "kb-kind-" + k.id, name: "kind", value: k.id })
      box.checked = !state.kinds || state.kinds.indexOf(k.id) >= 0
      kinds.appendChild(el("label", { for: "kb-kind-" + k.id }, [box, " " + k.label]))
    })
    form.appendChild(kinds)

    function checked(fieldset) {
      return Array.prototype.filter.call(fieldset.querySelectorAll("input"), function (i) { return i.checked }).map(function (i) { return i.value })
    }
    function sync() {
      skills.querySelectorAll("input").forEach(function (i) { i.checked = state.skills.indexOf(i.value) >= 0 })
      kinds.querySelectorAll("input").forEach(function (i) { i.checked = !state.kinds || state.kinds.indexOf(i.value) >= 0 })
      level.value = state.level
      minutes.value = String(state.minutes)
      useCase.value = state.useCase
      kit.value = state.kit
    }
    function fromForm() {
      state.skills = checked(skills)
      state.level = level.value
      var chosen = checked(kinds)
      state.kinds = chosen.length === kinds.querySelectorAll("input").length ? null : chosen
      update()
    }
    var timer = null
    function fromMinutes() {
      clearTimeout(timer)
      var value = parseInt(minutes.value, 10)
      if (!(value >= KitPlan.MIN_MINUTES && value <= KitPlan.MAX_MINUTES) || value === state.minutes) return
      state.minutes = value
      // A kit's length is its stages'; another length plans free interviews, keeping what is locked.
      if (state.kit) { state.kit = ""; kit.value = ""; state.order = [] }
      update()
    }
    useCase.addEventListener("change", function () {
      var chosen = data.use_cases.filter(function (u) { return u.id === useCase.value })[0]
      state.useCase = useCase.value
      if (chosen) {
        state.skills = chosen.skills.slice()
        state.kit = ""; state.locked = []; state.removed = []; state.order = []
      }
      sync()
      update()
    })
    kit.addEventListener("change", function () {
      var start = kit.value ? KitPlan.fromKit(data, kit.value) : null
      if (start) {
        state.skills = start.skills; state.level = start.level; state.minutes = start.minutes; state.kinds = null
        state.locked = start.locked; state.removed = []; state.order = start.order; state.kit = start.kit
      } else {
        state.kit = ""; state.order = []
      }
      sync()
      update()
    })
    skills.addEventListener("change", fromForm)
    kinds.addEventListener("change", fromForm)
    level.addEventListener("change", fromForm)
    minutes.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fromMinutes, DEBOUNCE_MS) })
    minutes.addEventListener("change", fromMinutes)
    form.addEventListener("submit", function (event) { event.preventDefault(); fromMinutes() })
    return form
  }

  function copyLink(status) {
    function fallback() {
      var box = el("input", { type: "text", readonly: true, value: location.href, class: "kb-builder__link", "aria-label": "Link to this plan" })
      status.textContent = "Copy the link: "
      status.appendChild(box)
      box.select()
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(location.href).then(function () { status.textContent = "Link copied." }, fallback)
    } else fallback()
  }

  function mount(root) {
    if (root.dataset.mounted) return
    root.dataset.mounted = "true"
    var fallback = document.querySelector(".kb-builder__fallback")
    if (fallback) fallback.remove()
    fetch(new URL(root.dataset.source, location.href))
      .then(function (response) { return response.json() })
      .then(function (data) {
        var loader = window.KbScorecard && window.KbScorecard.detailsLoader(new URL("../../", location.href), window.fetch.bind(window))
        LEVELS = data.vocabulary.levels.map(function (l) { return l.id })
        BANDS = data.vocabulary.bands.map(function (b) { return [b.id, b.label] })
        var state = readState(data)
        var actions = { openSwap: null }
        var plan = null
        var output = el("div", { class: "kb-builder__output", "aria-live": "polite" })
        function update(focus) {
          writeState(state)
          plan = render(root, data, state, actions)
          scrollable(output)
          fillDetails(output, data, loader)
          // For scripts that build on the plan (a live scorecard): the plan, its input and the
          // bank it came from (so they need not fetch roles/builder.json again), no DOM.
          root.dispatchEvent(new CustomEvent("kb-builder:plan", { bubbles: true, detail: { plan: plan, input: input(state), data: data } }))
          if (focus) {
            var target = output.querySelector(focus)
            // A question moved to the end: its own "Down" is disabled now, so focus stays on its tools.
            if (target && target.disabled) target = target.parentNode.querySelector("button:not([disabled])")
            if (target) target.focus()
            else { var heading = output.querySelector("#builder-questions"); if (heading) { heading.tabIndex = -1; heading.focus() } }
          }
        }
        output.addEventListener("click", function (event) {
          var target = event.target.closest("button[data-action]")
          if (!target) return
          var action = target.dataset.action, id = target.dataset.id
          if (action === "copy") return copyLink(output.querySelector(".kb-builder__status"))
          if (action === "print") return window.print()
          if (action === "swap") {
            actions.openSwap = actions.openSwap === id ? null : id
            return update('[data-action="swap"][data-id="' + id + '"]')
          }
          var focusId = action === "use" ? target.dataset.with : id
          if (action === "remove" || action === "use") actions.openSwap = null
          apply(state, plan, action, id, target.dataset.with)
          var next = { lock: "lock", up: "up", down: "down", use: "swap", remove: null, restore: null }[action]
          update(next ? '[data-action="' + next + '"][data-id="' + focusId + '"]' : null)
        })
        var resized = null
        window.addEventListener("resize", function () {
          clearTimeout(resized)
          resized = setTimeout(function () { if (output.isConnected) scrollable(output) }, 200)
        })
        root.appendChild(controls(data, state, update))
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
    if (typeof KitPlan === "undefined") return
    mount(root)
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)
})()
