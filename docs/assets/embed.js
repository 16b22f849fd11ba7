// Embed pages (/embed/<collection>/<id>/): follow the reader's colour scheme and
// tell the parent window how tall the content is, so a wiki can size the iframe.
// Message: {type: "hiring-guide:height", height: <CSS pixels>, page: "<collection>/<id>"}
(function () {
  var dark = window.matchMedia("(prefers-color-scheme: dark)")
  function scheme() {
    document.body.setAttribute("data-md-color-scheme", dark.matches ? "slate" : "default")
  }
  scheme()
  dark.addEventListener("change", scheme)

  var page = location.pathname.replace(/^.*\/embed\//, "").replace(/\/$/, "")
  // Measure the content itself: the page wrappers stretch to fill the frame,
  // so they would never report a height smaller than the frame already has.
  var content = document.querySelector(".md-content") || document.body
  var last = -1
  function report() {
    var height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY + 24)
    if (height !== last && window.parent !== window) {
      last = height
      window.parent.postMessage({ type: "hiring-guide:height", height: height, page: page }, "*")
    }
  }
  new ResizeObserver(report).observe(content)
  window.addEventListener("load", report)
  report()
})()
