// Small fixes on top of Material, run on every page load (instant navigation included).

// Material adds an unnamed <nav> (the copy button bar) to every code block; with
// several on a page they are identical landmarks (axe-core: landmark-unique).
// Name each one after its position.
document$.subscribe(function () {
  document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
    nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions")
  })
})

// A wide table (a kit's scorecard or coverage matrix on a narrow screen) scrolls
// inside Material's wrapper; keyboard users must reach it too (axe-core:
// scrollable-region-focusable). Only wrappers that scroll and hold nothing
// focusable become tab stops, named after the table they hold. Whether one
// scrolls is read when the browser has laid the page out (a ResizeObserver),
// all tables at once, and again when a table's size changes (a phone turned):
// reading sizes right after changing a table forced a layout of the whole
// page, once per table.
;(function () {
  if (typeof ResizeObserver === "undefined") return
  var observer = new ResizeObserver(function (entries) {
    // Every size first, then the changes: a read after a change lays the page out again.
    entries.map(function (entry) {
      var wrap = entry.target
      return { wrap: wrap, scrolls: wrap.scrollWidth > wrap.clientWidth }
    }).forEach(function (item) {
      var wrap = item.wrap
      if (item.scrolls === wrap.hasAttribute("tabindex")) return
      if (!item.scrolls) {
        ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name) })
        return
      }
      var heading = wrap.closest("article") && findHeading(wrap)
      wrap.setAttribute("tabindex", "0")
      wrap.setAttribute("role", "region")
      wrap.setAttribute("aria-label", (heading ? heading + ": " : "") + "table " + wrap.kbTableNumber + ", scrolls sideways")
    })
  })
  function findHeading(node) {
    for (var el = node.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[2-4]$/.test(el.tagName)) return el.textContent.replace(/¶$/, "").trim()
    }
    return ""
  }
  document$.subscribe(function () {
    observer.disconnect()  // the previous page's tables (instant navigation)
    requestAnimationFrame(function () {  // after Material has wrapped the tables
      document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, index) {
        if (wrap.querySelector("a[href], button, input, select, textarea, [tabindex]")) return
        wrap.kbTableNumber = index + 1
        observer.observe(wrap)
      })
    })
  })
})()

// Interview kits and question pages: "Print this kit" opens the print dialog, and
// ?view=candidate (or the "Candidate-safe view" button) hides every .kb-interviewer
// element: the templates put each field the schemas mark `x-audience: interviewer`
// (rubrics, follow-ups, red-flag answers, notes...) in one. The button switches in
// place and keeps the address in step, so the view can be shared.
document$.subscribe(function () {
  function candidate() {
    return new URLSearchParams(location.search).get("view") === "candidate"
  }
  function show() {
    document.body.classList.toggle("kb-candidate-view", candidate())
    document.querySelectorAll(".kb-candidate-toggle").forEach(function (toggle) {
      toggle.textContent = candidate() ? "Interviewer view" : "Candidate-safe view"
    })
  }
  show()
  document.querySelectorAll(".kb-print").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault()
      window.print()
    })
  })
  document.querySelectorAll(".kb-candidate-toggle").forEach(function (toggle) {
    toggle.addEventListener("click", function (event) {
      event.preventDefault()
      event.stopPropagation()  // not a navigation: Material's instant loading must not take it
      var params = new URLSearchParams(location.search)
      if (candidate()) params.delete("view")
      else params.set("view", "candidate")
      var query = params.toString()
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash)
      show()
    })
  })
})

// Instant navigation to a section far down a page (a search result's
// kit/#scorecard): Material jumps to it as soon as the new page is in, while
// the blocks above it that skip layout off screen (guide.css:
// content-visibility) still have their estimated height. Drawn, they take
// their real one and the section moves away (by 100-200 px on a kit). So jump
// again each frame until a jump no longer moves the page, unless the reader
// scrolls or clicks first. On a page loaded directly the jumps change nothing.
document$.subscribe(function () {
  var id = location.hash.slice(1)
  var target = id && document.getElementById(decodeURIComponent(id))
  if (!target) return
  var events = ["wheel", "touchstart", "keydown", "pointerdown"]
  var frames = 0
  var stopped = false
  var lastY = null
  function stop() { stopped = true }
  events.forEach(function (name) { addEventListener(name, stop, { capture: true, passive: true }) })
  requestAnimationFrame(function settle() {
    if (!stopped && frames++ < 30) {
      target.scrollIntoView()
      if (scrollY !== lastY) {
        lastY = scrollY
        requestAnimationFrame(settle)
        return
      }
    }
    events.forEach(function (name) { removeEventListener(name, stop, { capture: true }) })
  })
})
