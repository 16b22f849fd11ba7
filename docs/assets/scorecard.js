// Live scorecard on every interview kit page (/roles/<kit>/) and under the kit
// builder's plan (/roles/builder/): per question a band with its rubric items
// beside it, observed items, red-flag answers, hints and evidence; per competency
// a rating; an overall recommendation. Both feed the same form a "model"
// (scorecard-logic.js: kitModel, planModel). On a kit page it takes the place of
// the paper scorecard (.kb-scorecard-static, written by the kit template), which a
// reader without scripts keeps; on the builder it follows the plan, rebuilt from
// each "kb-builder:plan" event the builder fires.
//
// Privacy: what an interviewer types stays in this browser's localStorage, one
// record per kit (or plan) and candidate label, until they export it (a file
// download) or clear it. The only request is for this site's own roles/builder.json.
(function () {
  "use strict"

  var L = window.KbScorecard  // scorecard-logic.js, listed before this file in mkdocs.yml
  // The site's root from this script's own address (assets/scorecard.js): right on
  // every page, also after instant navigation, and under any base path.
  var SCRIPT = document.currentScript ? document.currentScript.src : ""
  var ROOT = SCRIPT ? new URL("../", SCRIPT) : null
  var OPEN_PREFIX = "kb-scorecard@open:"  // + kit id (or "builder"): the candidate label shown, so a reload reopens it

  var el = window.KbDom.el  // assets/dom.js

  // Data text as written in the YAML (Markdown): code spans become <code>, links
  // and emphasis their plain text. Built from text nodes only, never parsed as HTML.
  function inline(text) {
    var box = document.createDocumentFragment()
    String(text).split(/(`[^`]+`)/).forEach(function (part) {
      if (/^`[^`]+`$/.test(part)) box.appendChild(el("code", { text: part.slice(1, -1) }))
      else box.appendChild(document.createTextNode(part.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\*\*|__/g, "")))
    })
    return box
  }

  // ── Storage: localStorage only, every key under L.STORAGE_PREFIX ─────────────

  var store = {
    read: function (key) {
      try { return JSON.parse(localStorage.getItem(key) || "null") } catch (e) { return null }
    },
    write: function (key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); return true } catch (e) { return false }
    },
    remove: function (key) { try { localStorage.removeItem(key) } catch (e) { /* storage switched off */ } },
    keys: function () {
      var found = []
      try {
        for (var i = 0; i < localStorage.length; i++) {
          var key = localStorage.key(i)
          if (key && (key.indexOf(L.STORAGE_PREFIX) === 0 || key.indexOf(OPEN_PREFIX) === 0)) found.push(key)
        }
      } catch (e) { /* storage switched off */ }
      return found
    },
    // Candidate labels with a saved scorecard for this kit.
    labels: function (kitId) {
      var prefix = L.storageKey(kitId, "")
      return store.keys().filter(function (k) { return k.indexOf(prefix) === 0 })
        .map(function (k) { return k.slice(prefix.length) }).sort()
    },
    // Saved scorecards of kit-builder plans: [{key, id, label, doc}], newest first.
    plans: function () {
      return store.keys().map(function (key) {
        var parsed = L.parseKey(key)
        return parsed && parsed.id.indexOf(L.PLAN_PREFIX) === 0 ? { key: key, id: parsed.id, label: parsed.label, doc: store.read(key) } : null
      }).filter(function (r) { return r && r.doc }).sort(function (a, b) {
        return String(b.doc.updated || "") < String(a.doc.updated || "") ? -1 : String(b.doc.updated || "") > String(a.doc.updated || "") ? 1 : 0
      })
    },
  }

  // How a kit page and the builder name their records: the key of a label, the
  // labels to offer, and (on the builder) the saved scorecards of the same
  // candidate on other plans, from which answers carry over.
  function kitScope(model) {
    return {
      openKey: OPEN_PREFIX + model.kit,
      key: function (label) { return L.storageKey(model.id, label) },
      labels: function () { return store.labels(model.id) },
      others: function () { return [] },
    }
  }

  function planScope(current) {
    return {
      openKey: OPEN_PREFIX + "builder",
      key: function (label) { return L.storageKey(current().id, label) },
      labels: function () {
        var seen = {}
        store.plans().forEach(function (r) { seen[r.label] = true })
        return Object.keys(seen).sort()
      },
      others: function (label) {
        return store.plans().filter(function (r) { return r.label === label && r.id !== current().id }).map(function (r) { return r.doc })
      },
    }
  }

  // ── The form ─────────────────────────────────────────────────────────────────

  function radio(name, value, labelNodes, extraClass) {
    var input = el("input", { type: "radio", name: name, value: value })
    return { input: input, label: el("label", { class: "kb-sc__choice" + (extraClass ? " " + extraClass : "") }, [input, el("span", {}, labelNodes)]) }
  }

  function checkbox(textNode) {
    var input = el("input", { type: "checkbox" })
    return { input: input, label: el("label", { class: "kb-sc__tick" }, [input, el("span", {}, [textNode])]) }
  }

  function textarea(labelText, help) {
    var area = el("textarea", { rows: "3", maxlength: String(L.MAX_TEXT), spellcheck: "true" })
    return { input: area, label: el("label", { class: "kb-sc__notes" }, [el("span", { text: labelText }), help ? el("small", { text: help }) : null, area]) }
  }

  function questionBlock(data, q, number, controls) {
    var name = "kb-sc-" + q.id
    var c = { band: {}, observed: {}, flags: [], hints: null, evidence: null, reach: null }
    var bands = el("fieldset", { class: "kb-sc__bands" }, [el("legend", { text: "Band, with the rubric items you observed" })])
    data.vocabulary.bands.forEach(function (band) {
      var choice = radio(name + "-band", band.id, [band.label])
      c.band[band.id] = choice.input
      c.observed[band.id] = []
      var items = el("ul", { class: "kb-sc__items", "aria-label": band.label + ": items observed" })
      q.interviewer.rubric[band.id].forEach(function (item, index) {
        var tick = checkbox(inline(item))
        tick.input.setAttribute("aria-label", band.label + ", item " + (index + 1) + " observed: " + item.replace(/[`*]/g, ""))
        c.observed[band.id].push(tick.input)
        items.appendChild(el("li", {}, [tick.label]))
      })
      bands.appendChild(el("div", { class: "kb-sc__band" }, [choice.label, items]))
    })
    c.reach = el("p", { class: "kb-sc__reach" })
    var flags = null
    if (q.interviewer.red_flag_answers.length) {
      flags = el("fieldset", { class: "kb-sc__flags" }, [el("legend", { text: "Red-flag answers heard" })])
      q.interviewer.red_flag_answers.forEach(function (text) {
        var tick = checkbox(inline(text))
        c.flags.push(tick.input)
        flags.appendChild(tick.label)
      })
    }
    var hints = textarea("Hints given", "What you said to help, in your words (the question's notes say which hints are allowed).")
    var evidence = textarea("Evidence", "What the candidate said or did, not how it felt.")
    c.hints = hints.input
    c.evidence = evidence.input
    controls.questions[q.id] = c
    var title = el("a", { href: q.url, text: q.title })
    return el("fieldset", { class: "kb-sc__question" }, [
      el("legend", {}, ["Q" + number + " · ", title, " · " + q.minutes + " min"]),
      bands, c.reach, flags, hints.label, evidence.label,
    ])
  }

  // What differs between a kit page and the builder's plan: words and links only.
  function words(data, kit) {
    var level = L.levelLabel(data, kit.level).toLowerCase()
    if (kit.kit) return {
      privacy: "Score here as you interview. What you enter is saved only in this browser (its local storage), one scorecard " +
        "per candidate label, until you clear it; nothing is sent anywhere. Download it as JSON for the debrief or as Markdown for your notes.",
      competencies: "The anchors below the scorecard describe each band for this kit's level.",
      anchors: function (skill) { return "#anchors-" + skill },
      weight: function (skill) { return " · weight " + kit.weights[skill] },
      rule: "The panel decides with the kit's rule: " + L.ruleSentence(kit.rule, kit, data),
    }
    return {
      privacy: "Score this plan here as you interview. What you enter is saved only in this browser (its local storage), one " +
        "scorecard per plan and candidate label, until you clear it; nothing is sent anywhere, and this page's address brings it " +
        "back. Download it as JSON for the debrief or as Markdown for your notes.",
      change: "When you change the plan, your notes on the questions still in it come along. Notes on a question you take out " +
        "stay saved in this browser with the earlier plan, and come back if you put that question in again.",
      competencies: "Each competency's anchors are its skill's description at the " + level + " level.",
      anchors: function (skill) { return new URL("skills/" + skill + "/#level-" + kit.level, ROOT).href },
      weight: function () { return "" },
      rule: L.noRuleSentence(kit, data),
    }
  }

  function build(data, kit) {
    var controls = { questions: {}, competencies: {}, recommendation: {}, stageBlocks: [] }
    var root = el("div", { class: "kb-sc" })
    var say = words(data, kit)

    root.appendChild(el("p", { class: "kb-sc__privacy", text: say.privacy }))
    if (say.change) root.appendChild(el("p", { class: "kb-sc__plan-note", text: say.change }))

    // Who and which stage.
    var candidate = el("input", { type: "text", autocomplete: "off", maxlength: String(L.MAX_LABEL) })
    var interviewer = el("input", { type: "text", autocomplete: "off", maxlength: String(L.MAX_LABEL) })
    var stage = el("select", {}, [el("option", { value: "", text: "All stages" })].concat(kit.stages.map(function (s, i) {
      return el("option", { value: String(i + 1), text: "Stage " + (i + 1) + " · " + s.name })
    })))
    var saved = el("select", {})
    var fresh = el("button", { type: "button", class: "md-button kb-sc__button", text: "New candidate" })
    controls.candidate = candidate
    controls.interviewer = interviewer
    controls.stage = stage
    controls.saved = saved
    controls.fresh = fresh
    root.appendChild(el("fieldset", { class: "kb-sc__who" }, [
      el("legend", { text: "Interview" }),
      el("label", {}, [el("span", { text: "Candidate label" }), el("small", { text: "Initials or your tracker's id; no need for a full name." }), candidate]),
      el("label", {}, [el("span", { text: "Interviewer" }), interviewer]),
      el("label", {}, [el("span", { text: "Your stage" }), stage]),
      el("label", { class: "kb-sc__pick" }, [el("span", { text: "Saved scorecards in this browser" }), saved]),
      fresh,
    ]))

    // Questions, stage by stage.
    var number = 0
    kit.stages.forEach(function (s, index) {
      var block = el("div", { class: "kb-sc__stage" }, [el("h3", { class: "kb-sc__stage-title", text: "Stage " + (index + 1) + " · " + s.name })])
      s.questions.forEach(function (id) {
        var q = L.question(data, id)
        if (q) block.appendChild(questionBlock(data, q, ++number, controls))
      })
      controls.stageBlocks.push(block)
      root.appendChild(block)
    })

    // Competencies.
    var ratings = el("fieldset", { class: "kb-sc__competencies" }, [el("legend", { text: "Competency ratings" }),
      el("p", { text: "Rate each competency from your evidence alone, before you talk to the rest of the panel. " + say.competencies })])
    kit.skills.forEach(function (skill) {
      var title = (data.skills.filter(function (s) { return s.id === skill })[0] || { title: skill }).title
      var group = el("fieldset", { class: "kb-sc__competency" }, [el("legend", {}, [title + say.weight(skill) + " · ",
        el("a", { href: say.anchors(skill), text: "anchors" })])])
      var row = el("div", { class: "kb-sc__row" })
      controls.competencies[skill] = { none: null, band: {}, hint: el("p", { class: "kb-sc__reach" }) }
      data.vocabulary.bands.forEach(function (band) {
        var choice = radio("kb-sc-competency-" + skill, band.id, [band.label])
        controls.competencies[skill].band[band.id] = choice.input
        row.appendChild(choice.label)
      })
      var none = radio("kb-sc-competency-" + skill, "", ["Not assessed"], "kb-sc__choice--none")
      controls.competencies[skill].none = none.input
      row.appendChild(none.label)
      group.appendChild(row)
      group.appendChild(controls.competencies[skill].hint)
      ratings.appendChild(group)
    })
    root.appendChild(ratings)

    // Recommendation against the level bar, with the panel's rule beside it.
    var rec = el("fieldset", { class: "kb-sc__recommendation" }, [el("legend", { text: "Overall recommendation" })])
    var recRow = el("div", { class: "kb-sc__row" })
    L.RECOMMENDATIONS.forEach(function (r) {
      var label = L.recommendation(r.id, data, kit.level)
      var choice = radio("kb-sc-recommendation", r.id, [el("strong", { text: label.label }), " · " + label.bar])
      controls.recommendation[r.id] = choice.input
      recRow.appendChild(choice.label)
    })
    rec.appendChild(recRow)
    rec.appendChild(el("p", { class: "kb-sc__rule", text: say.rule }))
    root.appendChild(rec)

    // Actions.
    controls.json = el("button", { type: "button", class: "md-button md-button--primary kb-sc__button", text: "Download JSON for the debrief" })
    controls.markdown = el("button", { type: "button", class: "md-button kb-sc__button", text: "Download Markdown" })
    controls.print = el("button", { type: "button", class: "md-button kb-sc__button", text: "Print filled scorecard" })
    controls.clear = el("button", { type: "button", class: "md-button kb-sc__button kb-sc__danger", text: "Clear all saved scorecards" })
    controls.confirm = el("div", { class: "kb-sc__confirm", hidden: "" })
    controls.status = el("p", { class: "kb-sc__status", role: "status" })
    controls.saveState = el("p", { class: "kb-sc__saved" })
    root.appendChild(el("div", { class: "kb-sc__actions" }, [controls.json, controls.markdown, controls.print, controls.clear]))
    root.appendChild(controls.confirm)
    root.appendChild(controls.status)
    root.appendChild(controls.saveState)
    return { root: root, controls: controls }
  }

  // ── Form ↔ scorecard document ────────────────────────────────────────────────

  function checkedValue(inputs) {
    var found = Object.keys(inputs).filter(function (k) { return inputs[k].checked })[0]
    return found === undefined ? null : found
  }

  function collect(controls, doc) {
    doc.candidate = controls.candidate.value.trim()
    doc.interviewer = controls.interviewer.value.trim()
    doc.stage = controls.stage.value ? parseInt(controls.stage.value, 10) : null
    doc.questions = {}
    Object.keys(controls.questions).forEach(function (id) {
      var c = controls.questions[id]
      var observed = {}
      Object.keys(c.observed).forEach(function (band) {
        var ticked = []
        c.observed[band].forEach(function (input, i) { if (input.checked) ticked.push(i + 1) })
        if (ticked.length) observed[band] = ticked
      })
      var flags = []
      c.flags.forEach(function (input, i) { if (input.checked) flags.push(i + 1) })
      var answer = { band: checkedValue(c.band), observed: observed, red_flags: flags, hints: c.hints.value, evidence: c.evidence.value }
      if (!L.emptyAnswer(answer)) doc.questions[id] = answer
    })
    doc.competencies = {}
    Object.keys(controls.competencies).forEach(function (skill) {
      doc.competencies[skill] = checkedValue(controls.competencies[skill].band)
    })
    doc.recommendation = checkedValue(controls.recommendation)
    return doc
  }

  function fill(controls, doc) {
    controls.candidate.value = doc.candidate || ""
    controls.interviewer.value = doc.interviewer || ""
    controls.stage.value = doc.stage ? String(doc.stage) : ""
    Object.keys(controls.questions).forEach(function (id) {
      var c = controls.questions[id], answer = doc.questions[id] || {}
      Object.keys(c.band).forEach(function (band) { c.band[band].checked = answer.band === band })
      Object.keys(c.observed).forEach(function (band) {
        var ticked = (answer.observed || {})[band] || []
        c.observed[band].forEach(function (input, i) { input.checked = ticked.indexOf(i + 1) >= 0 })
      })
      c.flags.forEach(function (input, i) { input.checked = (answer.red_flags || []).indexOf(i + 1) >= 0 })
      c.hints.value = answer.hints || ""
      c.evidence.value = answer.evidence || ""
    })
    Object.keys(controls.competencies).forEach(function (skill) {
      var c = controls.competencies[skill], band = doc.competencies[skill] || null
      Object.keys(c.band).forEach(function (b) { c.band[b].checked = band === b })
      c.none.checked = band === null
    })
    Object.keys(controls.recommendation).forEach(function (id) { controls.recommendation[id].checked = doc.recommendation === id })
  }

  // What follows from the form without saving anything: which stages show, what
  // the ticked items reach, and the question bands behind each competency.
  function reflect(controls, doc, data, kit) {
    controls.stageBlocks.forEach(function (block, i) { block.hidden = doc.stage !== null && doc.stage !== i + 1 })
    Object.keys(controls.questions).forEach(function (id) {
      var q = L.question(data, id), rule = q.interviewer.band_rule, answer = doc.questions[id] || {}
      var line = controls.questions[id].reach
      if (!rule || !rule.proficient) { line.textContent = ""; return }
      var progress = L.ruleProgress(rule.proficient, (answer.observed || {}).proficient)
      var reached = L.reachedBand(rule, answer.observed)
      line.textContent = "The rubric's rule: " + L.bandLabel(data, "proficient") + " needs " + progress.at_least + " of its items" +
        (rule.proficient.including && rule.proficient.including.length ? ", including " + rule.proficient.including.join(" and ") : "") +
        "; you ticked " + progress.count + ". " + (reached ? "Your ticks reach " + L.bandLabel(data, reached) + "." : "Your ticks do not reach it.")
    })
    Object.keys(controls.competencies).forEach(function (skill) {
      var bands = []
      L.kitQuestions(data, kit).forEach(function (item) {
        var answer = doc.questions[item.question.id]
        if (answer && answer.band && item.question.skills.indexOf(skill) >= 0) bands.push("Q" + (indexOf(data, kit, item.question.id) + 1) + " " + L.bandLabel(data, answer.band))
      })
      controls.competencies[skill].hint.textContent = bands.length ? "Your question bands for it: " + bands.join(", ") + "." : ""
    })
  }

  function indexOf(data, kit, questionId) {
    return L.kitQuestions(data, kit).map(function (item) { return item.question.id }).indexOf(questionId)
  }

  // ── Files ────────────────────────────────────────────────────────────────────

  function download(name, type, text) { window.KbDom.download(name, type, text) }  // assets/dom.js

  function fileName(doc, extension) {
    return "scorecard-" + (doc.kit || "plan") + "-" + L.slug(doc.candidate) + "-" + L.slug(doc.interviewer) + "." + extension
  }

  // ── Mounting ─────────────────────────────────────────────────────────────────

  // Two models draw the same form when they ask the same questions in the same
  // stages, on the same skills at the same level (a plan's address may differ).
  function sameForm(a, b) {
    function shape(m) { return JSON.stringify([m.id, m.level, m.skills, m.stages]) }
    return shape(a) === shape(b)
  }

  // One live scorecard. `scope` names its records (kitScope, planScope);
  // `place(root, old)` puts the form in the page, in place of `old` (the form of
  // the model before); `announce(text)` says what a plan change did, in a status
  // line that outlives the form. start() draws the first model; change() a new plan.
  function controller(data, scope, place, announce) {
    var schemaUrl = new URL("api/v1/schema/" + L.SCHEMA_FILE, ROOT).href
    var kit = null, built = null, doc = null
    var current = ""  // the label the record is saved under

    function say(text) { built.controls.status.textContent = text }

    function refreshSaved() {
      var controls = built.controls
      var labels = scope.labels()
      if (labels.indexOf(current) < 0) labels.push(current)
      controls.saved.textContent = ""
      labels.sort().forEach(function (l) { controls.saved.appendChild(el("option", { value: l, text: l || "(no label yet)" })) })
      controls.saved.value = current
    }

    // A label's record on this model: the saved one; else, on the builder, one made
    // from the same candidate's scorecards on other plans; else an empty one.
    function recordFor(label) {
      var found = store.read(scope.key(label))
      if (found) return found
      var fresh = L.blank(kit, schemaUrl)
      fresh.candidate = label
      var others = scope.others(label)
      if (!others.length) return fresh
      fresh.interviewer = others[0].interviewer || ""
      return L.carryOver(fresh, kit, others, schemaUrl).doc
    }

    function write() {
      doc.updated = new Date().toISOString().replace(/\.\d+Z$/, "Z")
      var ok = store.write(scope.key(current), doc) && store.write(scope.openKey, current)
      built.controls.saveState.textContent = ok ? "Saved in this browser at " + new Date().toLocaleTimeString() + "."
        : "This browser does not let the page save (storage is off or full): download the JSON before you leave."
    }

    function save() {
      var controls = built.controls
      collect(controls, doc)
      reflect(controls, doc, data, kit)
      var wanted = doc.candidate
      if (wanted !== current) {
        if (store.read(scope.key(wanted))) {
          say("A scorecard for \u201c" + wanted + "\u201d is already saved in this browser: open it from the saved scorecards, or use another label. " +
            "This one stays saved as \u201c" + (current || "(no label yet)") + "\u201d.")
          doc.candidate = current
        } else {
          store.remove(scope.key(current))
          current = wanted
        }
      }
      write()
      refreshSaved()
    }

    function adopt(record) {
      doc = record
      doc.schema = schemaUrl
      if (!kit.kit) doc.plan = kit.plan
      current = doc.candidate || ""
      fill(built.controls, doc)
      reflect(built.controls, doc, data, kit)
      refreshSaved()
    }

    function open(labelToOpen) {
      adopt(recordFor(labelToOpen))
      store.write(scope.openKey, current)
    }

    function bind() {
      var controls = built.controls
      built.root.addEventListener("input", function (event) {
        if (event.target === controls.saved) return
        save()
      })
      built.root.addEventListener("change", function (event) {
        if (event.target === controls.saved) return
        save()
      })
      controls.saved.addEventListener("change", function () {
        open(controls.saved.value)
        say("Opened the scorecard for \u201c" + (current || "(no label yet)") + "\u201d.")
      })
      controls.fresh.addEventListener("click", function () {
        if (store.read(scope.key("")) && current !== "") {
          open("")
          say("This scorecard has no candidate label yet: give it one, then start the next.")
        } else if (current === "") {
          say("This scorecard has no candidate label yet: give it one first.")
        } else {
          open("")
          say("New scorecard: give the candidate a label.")
        }
        controls.candidate.focus()
      })

      function ready() {
        collect(controls, doc)
        doc.candidate = current
        var missing = !doc.candidate ? controls.candidate : !doc.interviewer ? controls.interviewer : null
        if (missing) {
          say(missing === controls.candidate ? "Give the candidate a label before you download." : "Give your name before you download.")
          missing.focus()
          return null
        }
        return doc
      }
      controls.json.addEventListener("click", function () {
        if (!ready()) return
        download(fileName(doc, "json"), "application/json", JSON.stringify(doc, null, 1) + "\n")
        say("Downloaded " + fileName(doc, "json") + ". Load it on the debrief page with the panel's other scorecards.")
      })
      controls.markdown.addEventListener("click", function () {
        if (!ready()) return
        download(fileName(doc, "md"), "text/markdown", L.scorecardMarkdown(doc, data))
        say("Downloaded " + fileName(doc, "md") + ".")
      })
      controls.print.addEventListener("click", function () { window.print() })

      // Clearing asks once more, in the page (no dialog), and names what it deletes.
      controls.clear.addEventListener("click", function () {
        var count = store.keys().filter(function (k) { return k.indexOf(OPEN_PREFIX) !== 0 }).length
        controls.confirm.textContent = ""
        var yes = el("button", { type: "button", class: "md-button kb-sc__button kb-sc__danger", text: "Delete them" })
        var no = el("button", { type: "button", class: "md-button kb-sc__button", text: "Keep them" })
        controls.confirm.appendChild(el("p", { text: "Delete every scorecard saved in this browser (" + count + ", all kits and plans)? Download any you still need first." }))
        controls.confirm.appendChild(yes)
        controls.confirm.appendChild(no)
        controls.confirm.hidden = false
        no.focus()
        no.addEventListener("click", function () { controls.confirm.hidden = true; controls.clear.focus(); say("Nothing deleted.") })
        yes.addEventListener("click", function () {
          store.keys().forEach(store.remove)
          adopt(L.blank(kit, schemaUrl))
          controls.saveState.textContent = ""
          controls.confirm.hidden = true
          controls.clear.focus()
          say("Deleted " + count + " saved scorecard" + (count === 1 ? "" : "s") + " from this browser.")
        })
      })
    }

    // A new form for `model` in place of the one before, then `record` in it.
    function show(model, record) {
      var old = built
      kit = model
      built = build(data, kit)
      bind()
      adopt(record)  // filled while still out of the page: one insertion, one restyle
      place(built.root, old && old.root)
    }

    function titles(ids) {
      return ids.map(function (id) { return "\u201c" + (L.question(data, id) || { title: id }).title + "\u201d" }).join(", ")
    }

    return {
      model: function () { return kit },
      // The first model: the record of the label shown last time.
      start: function (model) {
        kit = model
        var label = store.read(scope.openKey)
        show(model, recordFor(typeof label === "string" ? label : ""))
      },
      // The builder's plan changed. Answers on questions still in it come along
      // (this form's first, then the new plan's saved record, then the candidate's
      // other plans); the earlier plan's record stays saved as it was, so notes on
      // a question taken out are kept there and come back with the question.
      change: function (model) {
        if (sameForm(kit, model)) { kit.plan.url = model.plan.url; return }
        collect(built.controls, doc)
        doc.candidate = current
        kit = model
        var moved = L.carryOver(doc, model, [store.read(scope.key(current))].concat(scope.others(current)), schemaUrl)
        show(model, moved.doc)
        if (!L.emptyDoc(doc)) write()
        if (moved.left.length) {
          announce("The plan changed. Your notes on " + moved.kept.length + " question" + (moved.kept.length === 1 ? "" : "s") +
            " still in it came along; your notes on " + titles(moved.left) + " stay saved in this browser with the earlier plan, " +
            "and come back if you put " + (moved.left.length === 1 ? "that question" : "those questions") + " in again.")
        } else announce(moved.kept.length ? "The plan changed. Your notes on the questions still in it came along." : "")
      },
    }
  }

  function failed(container, message) {
    container.parentNode.insertBefore(el("p", { class: "kb-sc__status", text: message + " The scorecard below is the paper one." }), container)
  }

  function onSite(pattern) {
    var path = location.pathname.slice(ROOT.pathname.length - 1)
    return location.origin === ROOT.origin && location.pathname.indexOf(ROOT.pathname) === 0 && path.match(pattern)
  }

  // A question's rubric, follow-ups, red flags and band rule (not in builder.json).
  function loadDetails(id) { return L.detailsLoader(ROOT, window.fetch.bind(window))(id) }

  // The live form is about a thousand elements, more than the rest of a kit page
  // beside its code: built at load, it and the theme's restyles of the page after
  // it cost a phone a second of busy main thread before the reader can scroll
  // (issue: kit pages' Lighthouse score). It is built when the scorecard's
  // section, or the end of the page, comes within one and a half screens of the
  // viewport (scrolling, a link to #scorecard, the keyboard moving through the
  // page, End), early enough that its data has arrived before the reader gets
  // there. Until then, and without scripts, the paper scorecard is in its place.
  var NEAR = "150% 0px 150% 0px"
  var waiting = null  // the observer of the page shown; instant navigation replaces it

  function whenNear(targets, build) {
    if (waiting) waiting.disconnect()
    if (typeof IntersectionObserver === "undefined") return build()
    waiting = new IntersectionObserver(function (entries, observer) {
      if (!entries.some(function (entry) { return entry.isIntersecting })) return
      observer.disconnect()
      if (waiting === observer) waiting = null
      build()
    }, { rootMargin: NEAR })
    targets.forEach(function (target) { if (target) waiting.observe(target) })
  }

  // Kit pages only: /roles/<id>/ under this site's root, and only for an id that
  // roles/builder.json names. Anywhere else the script does nothing, and never
  // loads anything.
  function start() {
    if (!L || !ROOT) return
    var container = document.querySelector("article .kb-scorecard-static")
    if (!container || container.dataset.scorecard) return
    var match = onSite(/^\/roles\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:index\.html)?$/)
    if (!match) return
    container.dataset.scorecard = "waiting"
    var article = container.closest("article")
    whenNear([container.closest(".kb-stage") || container, article && article.lastElementChild], function () { mountKit(container, match) })
  }

  function mountKit(container, match) {
    if (!container.isConnected) return
    container.dataset.scorecard = "loading"
    fetch(new URL("roles/builder.json", ROOT))
      .then(function (response) { return response.json() })
      .then(function (data) {
        var kit = L.role(data, match[1])
        return kit ? L.withDetails(data, L.kitQuestions(data, kit, true), loadDetails) : data
      })
      .then(function (data) {
        var kit = L.role(data, match[1])
        if (!kit || !container.isConnected) return
        container.dataset.scorecard = "live"
        container.hidden = true  // the paper scorecard: the live one replaces it
        var model = L.kitModel(kit)
        controller(data, kitScope(model), function (root, old) {
          if (old) old.replaceWith(root)
          else container.parentNode.insertBefore(root, container)
        }).start(model)
      })
      .catch(function () { failed(container, "The live scorecard could not load this site's data.") })
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)

  // The kit builder (/roles/builder/) fires "kb-builder:plan" on its mount point
  // (#kit-builder-app, from the page template) after each change. The scorecard
  // goes after the builder's output, not inside it: the output is rebuilt on each
  // change and is a live region, which would read every "Saved at" line aloud.
  // It replaces the plan's paper scorecard, and is interviewer-only (.kb-interviewer):
  // the candidate-safe view hides it. State per mount point: instant navigation
  // brings a new one when the reader comes back.
  var builders = typeof WeakMap === "function" ? new WeakMap() : null

  function follow(app) {
    var state = builders.get(app)
    var latest = state.latest
    var record = L.planRecord(latest && latest.plan, location.href)
    state.host.hidden = !record
    if (!record) return
    L.withDetails(state.data, L.kitQuestions(state.data, record, true), loadDetails)
      .then(function () { if (state.latest === latest && app.isConnected) showPlan(state, record) })  // a newer plan shows itself
      .catch(function () { state.changed.textContent = "The scorecard could not load the planned questions' rubrics from this site." })
  }

  function showPlan(state, record) {
    var model = L.planModel(state.data, record)
    if (state.card) return state.card.change(model)
    state.card = controller(state.data, planScope(function () { return state.card.model() }), function (root, old) {
      if (old) old.replaceWith(root)
      else state.host.appendChild(root)
    }, function (text) { state.changed.textContent = text })
    state.card.start(model)
  }

  document.addEventListener("kb-builder:plan", function (event) {
    var app = event.target
    if (!L || !ROOT || !builders || !app || app.id !== "kit-builder-app" || !onSite(/^\/roles\/builder\/(?:index\.html)?$/)) return
    var state = builders.get(app)
    if (state && state.failed) return  // the paper scorecard stays
    app.querySelectorAll(".kb-builder__scorecard").forEach(function (paper) { paper.hidden = true })
    if (!state) {
      state = { latest: null, data: null, card: null, changed: el("p", { class: "kb-sc__changed", role: "status" }) }
      state.host = el("div", { class: "kb-interviewer kb-builder__sc", hidden: true }, [
        el("h2", { id: "builder-live-scorecard", text: "Scorecard" }), state.changed])
      builders.set(app, state)
      app.appendChild(state.host)
      // The builder hands over the bank it planned from; fetch it only if it did not.
      var bank = event.detail && event.detail.data
      ;(bank ? Promise.resolve(bank) : fetch(new URL("roles/builder.json", ROOT)).then(function (response) { return response.json() }))
        .then(function (data) {
          state.data = data
          if (app.isConnected) follow(app)
        })
        .catch(function () {
          state.failed = true
          app.querySelectorAll(".kb-builder__scorecard").forEach(function (paper) { paper.hidden = false })
          state.host.remove()
        })
    }
    state.latest = event.detail
    if (state.data) follow(app)
  })
})()
