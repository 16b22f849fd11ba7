/* The one DOM builder our scripts share (kit builder, scorecard, debrief,
   calibration). Text always goes in as text nodes, never as HTML: data text
   must not become markup (see README, Security). Loaded first (mkdocs.yml). */
;(function () {
  "use strict"

  // el("button", {class: "x", text: "Go", disabled: true}, [child, "text"])
  // Attributes set to null, undefined or false are left out; true sets an empty one.
  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key]
      if (value === null || value === undefined || value === false) return
      if (key === "text") node.textContent = value
      else if (key === "class") node.className = value
      else node.setAttribute(key, value === true ? "" : value)
    })
    ;(children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false || child === "") return
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child)
    })
    return node
  }

  // A download made in the page: a Blob behind a detached link, so nothing goes
  // over the network and Material's instant navigation never sees the click.
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }))
    el("a", { href: url, download: name }).click()
    setTimeout(function () { URL.revokeObjectURL(url) }, 1000)
  }

  window.KbDom = { el: el, download: download }
})()
