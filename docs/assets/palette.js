// The palette toggle (mkdocs.yml theme.palette): two schemes, light and dark, each
// chosen by its media query, so the first click always changes what the reader
// sees. Until the reader clicks, the page follows the system's scheme, also when
// it changes while the page is open; after a click the choice sticks, on every page.
//
// Material's palette component is not mounted (overrides/partials/palette.html):
// on each page load it re-applied the palette after the first paint, restyling the
// whole page three times. The palette a page starts with is shown before it is
// drawn, by overrides/partials/javascripts/palette.html, which defines
// window.kbPalette; this script handles the clicks and the system's changes.
(function () {
  "use strict"
  var palette = window.kbPalette
  if (!palette || !window.matchMedia) return

  // Transitions off while the colours change, as Material does: the switch is instant.
  function switchTo(index) {
    document.body.setAttribute("data-md-color-switching", "")
    palette.show(index)
    themeColor()
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching") })
  }

  // The browser's toolbar colour: the header's, read once the page is drawn (reading
  // it earlier would force the page's first styling) and after each switch.
  var meta = null
  function themeColor() {
    var header = document.querySelector(".md-header")
    if (!header) return
    if (!meta) {
      meta = document.createElement("meta")
      meta.name = "theme-color"
      document.head.appendChild(meta)
    }
    meta.content = getComputedStyle(header).backgroundColor
  }

  // A click on the toggle checks the other palette's radio button.
  document.addEventListener("change", function (event) {
    var input = event.target
    if (!input || input.name !== "__palette") return
    var index = Array.prototype.indexOf.call(palette.inputs, input)
    if (index < 0) return
    try { localStorage.setItem(palette.key, String(index)) } catch (e) { /* the choice lasts this page only */ }
    switchTo(index)
  })

  // The system's scheme changed: follow it, unless the reader has chosen.
  var light = matchMedia("(prefers-color-scheme: light)")
  function followSystem() {
    if (palette.chosen() < 0) switchTo(palette.matching())
  }
  if (light.addEventListener) light.addEventListener("change", followSystem)
  else if (light.addListener) light.addListener(followSystem)

  if (document.readyState === "complete") setTimeout(themeColor)
  else window.addEventListener("load", function () { setTimeout(themeColor) })
})()
