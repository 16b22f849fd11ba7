// Loads each tool's scripts on the pages that have the tool, not on every page.
// mkdocs.yml lists only the scripts every page needs; a question or glossary page
// then downloads none of the kit builder, scorecard, debrief... (issue 13: page
// weight). A tool is recognised by the element its template writes; its scripts
// load once, in the order given, the first time a page with that element is shown
// (a first load or Material's instant navigation).
//
// Each tool script starts itself from document$ (a replay of the current page),
// so one that arrives after the page was shown still mounts on it.
(function () {
  "use strict"
  var HERE = document.currentScript && document.currentScript.src
  if (!HERE) return

  // Page element → the scripts that page needs, dependencies first.
  var TOOLS = [
    // The scorecard listens for the builder's plan events: it must run first.
    { on: "#kit-builder-app", scripts: ["dom.js", "scorecard-logic.js", "scorecard.js", "kit-plan.js", "kit-builder.js"] },
    { on: "article .kb-scorecard-static", scripts: ["dom.js", "scorecard-logic.js", "scorecard.js"] },
    { on: "article .kb-debrief", scripts: ["dom.js", "scorecard-logic.js", "debrief.js"] },
    { on: "article .kb-calibration, article .kb-calibration-overall", scripts: ["dom.js", "calibration.js"] },
    { on: ".kb-not-found", scripts: ["dom.js", "not-found.js"] },
    { on: ".md-content .kb-bank", scripts: ["dom.js", "question-bank.js"] },
    { on: "#scoping-worksheet-app", scripts: ["dom.js", "scoping-logic.js", "scoping-worksheet.js"] },
    // Only built without SITE_URL does the embed box have an address to fill in.
    { on: ".md-content .kb-embed-fallback", scripts: ["embed-snippet.js"] },
  ]
  var requested = {}

  function load(name) {
    if (requested[name]) return
    requested[name] = true
    var script = document.createElement("script")
    script.src = new URL(name, HERE).href
    script.async = false  // inserted scripts run in insertion order: dependencies first
    document.head.appendChild(script)
  }

  function start() {
    TOOLS.forEach(function (tool) {
      if (document.querySelector(tool.on)) tool.scripts.forEach(load)
    })
  }

  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
