// Small fixes on top of Material, run on every page load (instant navigation included).

// Material adds an unnamed <nav> (the copy button bar) to every code block; with
// several on a page they are identical landmarks (axe-core: landmark-unique).
// Name each one after its position.
document$.subscribe(function () {
  document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
    nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions")
  })
})

// Interview kits and question pages: "Print this kit" opens the print dialog, and
// ?view=candidate (or the "Candidate-safe view" button) hides everything marked
// for interviewers only: rubrics, red-flag answers, notes.
document$.subscribe(function () {
  var candidate = new URLSearchParams(location.search).get("view") === "candidate"
  document.body.classList.toggle("kb-candidate-view", candidate)
  document.querySelectorAll(".kb-print").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault()
      window.print()
    })
  })
  document.querySelectorAll(".kb-candidate-toggle").forEach(function (toggle) {
    var params = new URLSearchParams(location.search)
    if (candidate) params.delete("view")
    else params.set("view", "candidate")
    var query = params.toString()
    toggle.setAttribute("href", location.pathname + (query ? "?" + query : ""))
    toggle.textContent = candidate ? "Interviewer view" : "Candidate-safe view"
  })
})
