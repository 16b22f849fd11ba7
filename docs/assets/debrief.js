// Debrief page (/roles/debrief/): loads the panel's exported scorecards (file
// picker or drag and drop), and shows no rating until every expected scorecard is
// in, so that no interviewer's scores anchor another's before the discussion. Then
// the competency × interviewer table, splits of two bands or more, competencies
// nobody wrote evidence for, hints given, and the kit's decision rule applied.
// Scorecards of a loop planned in the kit builder load too, when every interviewer
// scored the same plan; a plan has no decision rule, so no verdict is given.
//
// Privacy: files are read in the browser and kept in memory only; nothing is
// uploaded or stored. The only request is for this site's own roles/builder.json.
(function () {
  "use strict"

  var L = window.KbScorecard  // scorecard-logic.js, listed before this file in mkdocs.yml
  var SCRIPT = document.currentScript ? document.currentScript.src : ""
  var ROOT = SCRIPT ? new URL("../", SCRIPT) : null
  var MAX_BYTES = 1000000  // a scorecard is a few kilobytes; anything this big is something else

  var el = window.KbDom.el  // assets/dom.js

  var download = window.KbDom.download

  // One loaded file: {name, doc} when it is a valid scorecard, {name, errors} when not.
  function read(file) {
    if (file.size > MAX_BYTES) return Promise.resolve({ name: file.name, errors: ["larger than 1 MB: not a scorecard"] })
    return file.text().then(function (text) {
      var doc
      try { doc = JSON.parse(text) } catch (e) { return { name: file.name, errors: ["not JSON: " + e.message] } }
      return { name: file.name, doc: doc }
    }, function () { return { name: file.name, errors: ["the browser could not read the file"] } })
  }

  function mount(container, data) {
    var files = []  // in load order
    container.textContent = ""  // the no-script note
    var expected = el("input", { type: "number", min: "1", max: "12", step: "1", inputmode: "numeric" })
    var picker = el("input", { type: "file", multiple: "", accept: ".json,application/json" })
    var drop = el("div", { class: "kb-db__drop" }, [
      el("p", { text: "Drop the scorecard files (JSON, as downloaded from a kit page or the kit builder) anywhere in this box, or choose them:" }),
      el("label", {}, [el("span", { text: "Scorecard files" }), picker]),
    ])
    var list = el("ul", { class: "kb-db__files", "aria-label": "Loaded files" })
    var status = el("p", { class: "kb-db__status", role: "status" })
    var reset = el("button", { type: "button", class: "md-button kb-db__button", text: "Start over" })
    var result = el("div", { class: "kb-db__result" })
    container.appendChild(el("div", { class: "kb-db" }, [
      el("fieldset", {}, [
        el("legend", { text: "Scorecards" }),
        el("label", {}, [el("span", { text: "How many scorecards do you expect?" }),
          el("small", { text: "One per interviewer. Leave it empty to expect one per stage of the kit." }), expected]),
        drop,
        list,
        el("div", { class: "kb-db__actions" }, [reset]),
      ]),
      status,
      result,
    ]))

    // Each file's questions' rubrics (roles/scorecard/<id>.json) before it is checked.
    var load = L.detailsLoader(ROOT, window.fetch.bind(window))
    function withDetails(f) {
      if (!f.doc) return Promise.resolve(f)
      return L.withDetails(data, L.namedQuestions(f.doc, data), load).then(function () { return f }, function () {
        return { name: f.name, errors: ["this site's rubrics for its questions could not be loaded"] }
      })
    }

    function add(fileList) {
      Promise.all(Array.prototype.map.call(fileList, function (file) { return read(file).then(withDetails) })).then(function (loaded) {
        loaded.forEach(function (f) {
          if (f.doc) {
            var errors = L.validate(f.doc, data)
            if (errors.length) { f.errors = errors; delete f.doc }
          }
          files.push(f)
        })
        picker.value = ""
        render()
      })
    }

    // The accepted scorecards and the files turned away, with why.
    function sort() {
      var candidates = files.filter(function (f) { return f.doc })
      var problems = L.panelProblems(candidates.map(function (f) { return f.doc }))
      var refused = {}
      problems.forEach(function (p) { refused[p.index] = p.message })
      var accepted = candidates.filter(function (f, i) { return !(i in refused) })
      files.forEach(function (f) { f.panelProblem = null })
      candidates.forEach(function (f, i) { if (i in refused) f.panelProblem = refused[i] })
      return accepted
    }

    function wanted(accepted) {
      var typed = parseInt(expected.value, 10)
      if (typed >= 1) return typed
      return accepted.length ? L.modelOf(accepted[0].doc, data).stages.length : null
    }

    function render() {
      var accepted = sort()
      list.textContent = ""
      files.forEach(function (f, index) {
        var remove = el("button", { type: "button", class: "md-button kb-db__button", text: "Remove", "aria-label": "Remove " + f.name })
        remove.addEventListener("click", function () { files.splice(index, 1); render() })
        var text
        if (f.errors) text = el("span", { class: "kb-db__bad" }, [el("strong", { text: f.name }), " is not loaded: " + f.errors.join("; ") + "."])
        else if (f.panelProblem) text = el("span", { class: "kb-db__bad" }, [el("strong", { text: f.name }), " is not loaded: it " + f.panelProblem + "."])
        // Who and which stage only: nothing about ratings until every file is in.
        else text = el("span", {}, [el("strong", { text: f.name }), ": " + f.doc.interviewer + (f.doc.stage ? ", stage " + f.doc.stage : "")])
        list.appendChild(el("li", {}, [text, remove]))
      })
      result.textContent = ""
      var count = accepted.length, need = wanted(accepted)
      if (!count) { status.textContent = files.length ? "No valid scorecard loaded yet." : ""; return }
      var kit = L.modelOf(accepted[0].doc, data)
      var about = (kit.kit ? "Kit: " : "") + kit.title + " · candidate \u201c" + accepted[0].doc.candidate + "\u201d. "
      if (count < need) {
        status.textContent = about + count + " of " + need + " scorecards loaded. Ratings stay hidden until all " + need +
          " are in, so that nobody's scores anchor anyone else's."
        status.className = "kb-db__status kb-db__wait"
        return
      }
      if (count > need) {
        status.textContent = about + count + " scorecards loaded, but you expect " + need + ": remove one, or raise the number."
        status.className = "kb-db__status kb-db__bad"
        return
      }
      status.className = "kb-db__status"
      status.textContent = about + "All " + count + " scorecards are in."
      show(accepted.map(function (f) { return f.doc }), kit)
    }

    function show(docs, kit) {
      var summary = L.panel(docs, data)
      var decision = kit.rule ? L.applyRule(kit.rule, summary.rows, data) : null
      var head = ["Competency", "Weight"].concat(summary.interviewers.map(function (i) { return i.name + (i.stage ? " (stage " + i.stage + ")" : "") }))
        .concat(["Mean", "Flags"])
      var body = summary.rows.map(function (r) {
        var flags = []
        if (r.split) flags.push(el("span", { class: "kb-db__flag", text: "Spread of " + r.spread + " bands: hear the evidence behind both ends." }))
        if (r.noEvidence) flags.push(el("span", { class: "kb-db__flag kb-db__bare", text: (r.rated ? "No written evidence." : "Not rated, no evidence.") }))
        return [el("th", { scope: "row", text: r.title }), el("td", { text: String(r.weight) })]
          .concat(r.ratings.map(function (band, i) {
            return el("td", { text: band ? L.bandLabel(data, band) + (r.evidence[i] ? "" : " (no notes)") : "—" })
          }))
          .concat([el("td", { text: r.mean === null ? "—" : String(Math.round(r.mean * 100) / 100) }),
            el("td", {}, flags.reduce(function (out, f, i) { return out.concat(i ? [" ", f] : [f]) }, []))])
      })
      var recommendations = [el("th", { scope: "row", text: "Recommendation" }), el("td", { text: "" })]
        .concat(summary.interviewers.map(function (i) {
          var rec = L.recommendation(i.recommendation, data, kit.level)
          return el("td", { text: rec ? rec.label : "—" })
        })).concat([el("td", { text: "" }), el("td", { text: "" })])
      var table = el("table", {}, [  // no class: Material styles plain tables
        el("caption", { text: "Each interviewer's rating of each competency; (no notes): rated without written evidence on a question that probes it." }),
        el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }) }))]),
        el("tbody", {}, body.map(function (cells) { return el("tr", {}, cells) })),
        el("tfoot", {}, [el("tr", {}, recommendations)]),
      ])
      result.appendChild(el("h2", { text: "Ratings" }))
      result.appendChild(el("div", { class: "kb-db__scroll kb-db__table", tabindex: "0", role: "region", "aria-label": "Ratings table, scrolls sideways" }, [table]))

      var splits = summary.rows.filter(function (r) { return r.split })
      var bare = summary.rows.filter(function (r) { return r.noEvidence })
      result.appendChild(el("h2", { text: "Flags" }))
      result.appendChild(el("p", { text: splits.length ? "Spreads of two bands or more (discuss these first, evidence before opinions):"
        : "No competency has a spread of two bands or more." }))
      if (splits.length) result.appendChild(el("ul", {}, splits.map(function (r) {
        return el("li", { text: r.title + ": " + r.ratings.map(function (b, i) { return summary.interviewers[i].name + " " + (b ? L.bandLabel(data, b) : "—") }).join(", ") })
      })))
      result.appendChild(el("p", { text: bare.length ? "Competencies nobody wrote evidence for (a rating without notes cannot be discussed; note what the loop did not assess):"
        : "Every competency has written evidence behind it." }))
      if (bare.length) result.appendChild(el("ul", {}, bare.map(function (r) { return el("li", { text: r.title }) })))

      result.appendChild(el("h2", { text: "Hints given" }))
      if (!summary.hints.length) result.appendChild(el("p", { text: "No interviewer recorded a hint." }))
      else result.appendChild(el("ul", {}, summary.hints.map(function (h) {
        return el("li", {}, [el("strong", { text: h.interviewer }), ", " + h.question.title + ": " + h.text])
      })))
      if (summary.redFlags.length) {
        result.appendChild(el("h2", { text: "Red-flag answers heard" }))
        result.appendChild(el("ul", {}, summary.redFlags.map(function (f) {
          return el("li", {}, [el("strong", { text: f.interviewer }), ", " + f.question.title + ": " + f.text])
        })))
      }

      result.appendChild(el("h2", { text: "Decision rule" }))
      if (!decision) result.appendChild(el("p", { class: "kb-db__verdict", text: L.noRuleSentence(kit, data) }))
      else {
        result.appendChild(el("p", {}, [L.ruleSentence(kit.rule, kit, data) + " (", el("a", { href: kit.url + "#debrief", text: "the kit's debrief" }), ")"]))
        result.appendChild(el("ol", {}, decision.steps.map(function (s) { return el("li", { text: s }) })))
        result.appendChild(el("p", { class: "kb-db__verdict", text: !decision.decided ? "The rule cannot decide yet."
          : decision.hire ? "The rule says: hire." : "The rule says: no hire." }))
        result.appendChild(el("p", { text: "The rule is where the discussion ends, not where it starts: go through the flags above first, and write down why if the panel decides against it." }))
      }
      var save = el("button", { type: "button", class: "md-button md-button--primary kb-db__button", text: "Download summary (Markdown)" })
      save.addEventListener("click", function () {
        download("debrief-" + (kit.kit || "plan") + "-" + L.slug(summary.candidate) + ".md", "text/markdown", L.debriefMarkdown(summary, decision, data))
      })
      result.appendChild(el("div", { class: "kb-db__actions" }, [save]))
    }

    picker.addEventListener("change", function () { add(picker.files) })
    expected.addEventListener("input", render)
    reset.addEventListener("click", function () { files = []; render(); status.textContent = "Cleared. Nothing was stored." })
    container.addEventListener("dragover", function (event) {
      event.preventDefault()
      drop.classList.add("kb-db__drop--over")
    })
    container.addEventListener("dragleave", function (event) {
      if (!container.contains(event.relatedTarget)) drop.classList.remove("kb-db__drop--over")
    })
    container.addEventListener("drop", function (event) {
      event.preventDefault()
      drop.classList.remove("kb-db__drop--over")
      if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files)
    })
  }

  // The debrief page only, with its data from this site only.
  function start() {
    if (!L || !ROOT) return
    var container = document.querySelector("article .kb-debrief")
    if (!container || container.dataset.debrief) return
    var path = location.pathname.slice(ROOT.pathname.length - 1)
    if (location.origin !== ROOT.origin || location.pathname.indexOf(ROOT.pathname) !== 0 || !/^\/roles\/debrief\/(index\.html)?$/.test(path)) return
    container.dataset.debrief = "loading"
    fetch(new URL("roles/builder.json", ROOT))
      .then(function (response) { return response.json() })
      .then(function (data) {
        if (!container.isConnected) return
        container.dataset.debrief = "live"
        mount(container, data)
      })
      .catch(function () {
        container.appendChild(el("p", { class: "kb-db__bad", text: "The debrief could not load this site's data." }))
      })
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)
})()
