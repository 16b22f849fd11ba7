// The palette toggle (mkdocs.yml theme.palette): two schemes, light and dark, each
// chosen by its media query, so the first click always changes what the reader
// sees. An "automatic" third stop made the first click a no-op whenever the
// system scheme was light (automatic -> light).
//
// Material stores the palette it shows on every page load, chosen or not, then
// prefers the stored one; and when the system scheme changes it re-applies the
// palette it started the page with. Either way the site would stop following the
// system. So until the reader clicks the toggle (a change of the palette's radio
// buttons that bubbles to the document: mouse or Enter), this script forgets the
// stored palette before Material reads it, and on a system change selects the
// palette that now matches. After a click the reader's choice sticks.
(function () {
  "use strict"
  if (typeof __md_scope === "undefined" || !window.matchMedia) return
  var PALETTE = __md_scope.pathname + ".__palette" // Material's key (__md_get/__md_set)
  var CHOSEN = __md_scope.pathname + ".kb-palette-chosen"

  function chosen() {
    try { return !!localStorage.getItem(CHOSEN) } catch (e) { return false }
  }

  function forgetUnchosen() {
    if (chosen()) return
    try { localStorage.removeItem(PALETTE) } catch (e) { /* storage blocked: nothing stored either */ }
  }

  // The system scheme changed: show the palette whose media query matches now.
  // Later than Material's own listener, which re-applies the page's first palette.
  function followSystem() {
    forgetUnchosen()
    setTimeout(function () {
      if (chosen()) return
      var inputs = document.querySelectorAll("input[name=__palette]")
      for (var i = 0; i < inputs.length; i++) {
        var input = inputs[i]
        if (!matchMedia(input.getAttribute("data-md-color-media")).matches) continue
        if (document.body.getAttribute("data-md-color-scheme") !== input.getAttribute("data-md-color-scheme")) {
          input.dispatchEvent(new Event("change")) // Material listens on the input; it does not bubble to ours
        }
        return
      }
    }, 0)
  }

  // Runs before Material mounts the palette (at DOMContentLoaded).
  forgetUnchosen()
  var light = matchMedia("(prefers-color-scheme: light)")
  if (light.addEventListener) light.addEventListener("change", followSystem)
  else if (light.addListener) light.addListener(followSystem)

  document.addEventListener("change", function (event) {
    if (!event.target || event.target.name !== "__palette") return
    try { localStorage.setItem(CHOSEN, "1") } catch (e) { /* the choice lasts this page only */ }
  })
})()
