// The embed box of an entry page (macros/templates/partials/embed.md.j2). When
// the build did not know the site's address (no SITE_URL, macros/site_address.py)
// its snippets say "{guide-address}/embed/..."; this fills in the address the page
// is viewed at, read from the box's own preview link (a.kb-embed-page, which the
// browser has already resolved), so a copy made on an intranet host names that host.
// The code block's copy button copies the text as it is now.
(function () {
  "use strict"
  var PLACEHOLDER = "{guide-address}/"

  function fill(box) {
    if (box.kbEmbedFilled) return
    box.kbEmbedFilled = true
    var preview = box.querySelector("a.kb-embed-page")
    var code = box.querySelector("pre code")
    if (!preview || !code) return
    var text = code.textContent
    var at = text.indexOf(PLACEHOLDER)
    if (at < 0) return  // built with SITE_URL: the snippet is final
    // "{guide-address}/embed/questions/x/" ... the preview link ends with "embed/questions/x/".
    var path = text.slice(at + PLACEHOLDER.length).match(/^[^"\s]*/)[0]
    var href = preview.href
    if (href.slice(-path.length) !== path) return
    var root = href.slice(0, href.length - path.length)
    // Pygments splits the snippet into token spans; the address sits inside one of them.
    box.querySelectorAll("pre code").forEach(function (block) {
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.indexOf(PLACEHOLDER) >= 0) node.nodeValue = node.nodeValue.split(PLACEHOLDER).join(root)
      }
    })
    var note = box.querySelector(".kb-embed-fallback")
    if (note) note.hidden = true
  }

  function start() {
    document.querySelectorAll(".md-content .kb-embed").forEach(fill)
  }

  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
