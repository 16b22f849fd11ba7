// Small fixes on top of Material, run on every page load (instant navigation included).

// Material adds an unnamed <nav> (the copy button bar) to every code block; with
// several on a page they are identical landmarks (axe-core: landmark-unique).
// Name each one after its position.
document$.subscribe(function () {
  document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
    nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions")
  })
})
