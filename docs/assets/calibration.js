// Calibration pages (/calibration/<id>/): rate each sample answer blind, then reveal.
//
// The page works without this script: each sample's agreed band and reasons sit in a
// closed <details> after the answer (macros/templates/entry/calibration.md.j2). With it,
// each sample gets a band choice and a Reveal button, the key stays hidden until the
// interviewer has chosen and revealed, and the page counts how many samples they agreed
// on. Everything is read from the page itself: band ids and labels from the rubric's
// `.kb-band` headings, each agreed band from the label in bold in its key's first
// paragraph ("Agreed band: **3 · Proficient**").
// Ratings stay in this browser (localStorage); nothing is sent anywhere.
//
// The pure part (comparing, counting, reading the store) is exported for Node's test
// runner (tests/js/calibration.test.mjs); in the browser the DOM part below runs.
(function () {
  "use strict"

  var STORE_KEY = "kb-calibration-v1"

  // ── Pure logic ────────────────────────────────────────────────────────────

  // How far the chosen band is from the agreed one, in bands: 0 agrees, +1 is one
  // band higher, -2 two bands lower. null when either band is unknown.
  function distance(bandIds, chosen, agreed) {
    var a = bandIds.indexOf(chosen), b = bandIds.indexOf(agreed)
    return a < 0 || b < 0 ? null : a - b
  }

  function describe(d) {
    if (d === 0) return "the same band"
    var words = ["", "one band", "two bands", "three bands"][Math.abs(d)] || Math.abs(d) + " bands"
    return words + (d > 0 ? " higher" : " lower")
  }

  // Counts over revealed ratings ({band, agreed, revealed, distance}), of one set or of
  // several. The distance is stored at reveal time, so the index page can count
  // without knowing the bands.
  function tally(ratings) {
    var result = { revealed: 0, agreed: 0, withinOne: 0 }
    ratings.forEach(function (rating) {
      if (!rating || !rating.revealed || typeof rating.distance !== "number") return
      var d = rating.distance
      result.revealed += 1
      if (d === 0) result.agreed += 1
      if (Math.abs(d) <= 1) result.withinOne += 1
    })
    return result
  }

  function tallyText(counts) {
    if (!counts.revealed) return "No sample revealed yet."
    return "You agreed on " + counts.agreed + " of " + counts.revealed +
      (counts.revealed === 1 ? " sample" : " samples") + " revealed; " + counts.withinOne + " within one band."
  }

  // The stored ratings, whatever localStorage holds: a plain object of sets, each a
  // plain object of samples. Anything else is dropped rather than trusted.
  function parseStore(text) {
    var data
    try { data = JSON.parse(text || "{}") } catch (error) { return {} }
    var clean = {}
    if (!data || typeof data !== "object" || Array.isArray(data)) return clean
    Object.keys(data).forEach(function (set) {
      var samples = data[set]
      if (!samples || typeof samples !== "object" || Array.isArray(samples)) return
      clean[set] = {}
      Object.keys(samples).forEach(function (number) {
        var r = samples[number]
        if (!r || typeof r !== "object") return
        clean[set][number] = {
          band: typeof r.band === "string" ? r.band : "",
          agreed: typeof r.agreed === "string" ? r.agreed : "",
          revealed: r.revealed === true,
          distance: Number.isInteger(r.distance) ? r.distance : null,
        }
      })
    })
    return clean
  }

  // Which calibration page a path is: {set: id} for a set, {index: true} for the list of
  // sets, null elsewhere (the whole-guide page repeats the sets; there the closed
  // <details> are enough).
  function pageOf(pathname) {
    if (/\/embed\/calibration\//.test(pathname)) return null  // embed copies load embed.js only; stay inert all the same
    var match = /\/calibration\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:index\.html)?$/.exec(pathname)
    if (match) return { set: match[1] }
    return /\/calibration\/(?:index\.html)?$/.test(pathname) ? { index: true } : null
  }

  function allRatings(store) {
    var list = []
    Object.keys(store).forEach(function (set) {
      Object.keys(store[set]).forEach(function (number) { list.push(store[set][number]) })
    })
    return list
  }

  var logic = { distance: distance, describe: describe, tally: tally, tallyText: tallyText,
                parseStore: parseStore, allRatings: allRatings, pageOf: pageOf }
  if (typeof module === "object" && module.exports) {
    module.exports = logic
    return
  }

  // ── In the page ───────────────────────────────────────────────────────────

  var el = window.KbDom.el  // assets/dom.js

  // localStorage may be missing or refuse writes (private mode, storage off): the
  // page still works for this visit.
  function load() {
    try { return parseStore(window.localStorage.getItem(STORE_KEY)) } catch (error) { return {} }
  }
  function save(store) {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(store)) } catch (error) { /* this visit only */ }
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true)
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove() })
    return copy.textContent.trim()
  }

  function bandOf(node) {
    var found = ""
    node.classList.forEach(function (name) {
      var match = /^kb-band-([a-z]+)$/.exec(name)
      if (match) found = match[1]
    })
    return found
  }

  function readBands() {
    var bands = []
    document.querySelectorAll("article .kb-band").forEach(function (heading) {
      var id = bandOf(heading)
      if (id) bands.push({ id: id, label: headingText(heading) })
    })
    return bands
  }

  function mountSet(root, setId) {
    if (root.classList.contains("kb-calibration--mounted")) return
    var bands = readBands()
    var ids = bands.map(function (b) { return b.id })
    var labels = {}
    bands.forEach(function (b) { labels[b.id] = b.label })
    var byLabel = {}
    bands.forEach(function (b) { byLabel[b.label] = b.id })
    var samples = []
    root.querySelectorAll(".kb-calibration__sample").forEach(function (node, index) {
      var key = node.querySelector("details")
      var agreedNode = key && key.querySelector("summary + p strong")
      var agreedBand = agreedNode ? byLabel[agreedNode.textContent.trim()] : undefined
      var heading = node.querySelector("h3")
      if (agreedBand) {
        key.classList.add("kb-calibration__key")
        samples.push({ node: node, key: key, agreed: agreedBand, number: String(index + 1),
                       label: heading ? headingText(heading) : "Sample " + (index + 1) })
      }
    })
    if (!bands.length || !samples.length) return
    root.classList.add("kb-calibration--mounted")

    var store = load()
    store[setId] = store[setId] || {}
    var tallyNode = el("p", { class: "kb-calibration__tally", role: "status", tabindex: "-1" })
    var overallNode = el("p", { class: "kb-calibration__overall" })
    var clear = el("button", { type: "button", class: "md-button kb-calibration__clear", text: "Clear my ratings on this page" })

    function ratings() {  // this page's, in sample order
      return samples.map(function (s) { return store[setId][s.number] })
    }
    function updateTally() {
      var rated = ratings().some(function (rating) { return rating && rating.band })
      clear.hidden = !rated
      tallyNode.textContent = tallyText(tally(ratings()))
      var overall = tally(allRatings(store))
      overallNode.textContent = overall.revealed
        ? "Across every calibration set in this browser: " + overall.agreed + " of " + overall.revealed + " agreed."
        : ""
    }

    samples.forEach(function (s) {
      var name = "kb-calibration-" + setId + "-" + s.number
      var fieldset = el("fieldset", { class: "kb-calibration__rate" }, [
        el("legend", { text: "Your band for " + s.label }),
      ])
      var choices = el("div", { class: "kb-calibration__choices" })
      bands.forEach(function (band) {
        var input = el("input", { type: "radio", name: name, value: band.id })
        choices.appendChild(el("label", { class: "kb-calibration__choice" }, [input, el("span", { text: band.label })]))
      })
      fieldset.appendChild(choices)
      var reveal = el("button", { type: "button", class: "md-button md-button--primary kb-calibration__reveal", text: "Reveal" })
      var result = el("p", { class: "kb-calibration__result", role: "status", tabindex: "-1" })
      fieldset.appendChild(el("div", { class: "kb-calibration__actions" }, [reveal, result]))
      s.node.insertBefore(fieldset, s.key)
      s.fieldset = fieldset
      s.reveal = reveal
      s.result = result

      function chosen() {
        var checked = fieldset.querySelector("input:checked")
        return checked ? checked.value : ""
      }
      fieldset.addEventListener("change", function () {
        var rating = store[setId][s.number] || {}
        if (rating.revealed) return
        store[setId][s.number] = { band: chosen(), agreed: "", revealed: false, distance: null }
        result.textContent = ""
        save(store)
        updateTally()
      })
      reveal.addEventListener("click", function () {
        var band = chosen()
        if (!band) {
          result.textContent = "Choose a band first, then reveal."
          return
        }
        store[setId][s.number] = { band: band, agreed: s.agreed, revealed: true, distance: distance(ids, band, s.agreed) }
        save(store)
        show(s)
        updateTally()
        result.focus()
      })
    })

    function show(s) {
      var rating = store[setId][s.number]
      // A rating revealed against an earlier answer key (the data changed since) is stale.
      if (rating && rating.revealed && (rating.agreed !== s.agreed || rating.distance === null)) {
        delete store[setId][s.number]
        rating = undefined
      }
      s.fieldset.querySelectorAll("input").forEach(function (input) {
        input.checked = rating && input.value === rating.band
        input.disabled = Boolean(rating && rating.revealed)
      })
      if (!rating || !rating.revealed) {
        s.node.classList.add("kb-calibration__sample--blind")
        s.key.open = false
        s.reveal.hidden = false
        s.result.textContent = ""
        s.result.className = "kb-calibration__result"
        return
      }
      var d = rating.distance
      s.node.classList.remove("kb-calibration__sample--blind")
      s.key.open = true
      s.reveal.hidden = true
      s.result.className = "kb-calibration__result " + (d === 0 ? "kb-calibration__result--agree" : "kb-calibration__result--differ")
      s.result.textContent = d === 0
        ? "Agreed: you chose " + labels[rating.band] + ", the agreed band."
        : "Not agreed: you chose " + labels[rating.band] + ", " + describe(d) + " than the agreed " + labels[s.agreed] + "."
    }

    clear.addEventListener("click", function () {
      store = load()
      store[setId] = {}
      save(store)
      samples.forEach(show)
      updateTally()
      tallyNode.focus()  // the button hides itself once nothing is rated
    })

    samples.forEach(show)
    // After the last sample: the count is what the interviewer reads once they have rated them all.
    root.appendChild(el("div", { class: "kb-calibration__summary" }, [tallyNode, overallNode, clear]))
    updateTally()
  }

  function mountOverall(node) {
    if (node.classList.contains("kb-calibration--mounted")) return
    node.classList.add("kb-calibration--mounted")
    var counts = tally(allRatings(load()))
    if (!counts.revealed) return
    var text = el("p", { class: "kb-calibration__overall", role: "status",
                         text: "In this browser you have revealed " + counts.revealed + " samples and agreed on " + counts.agreed +
                               "; " + counts.withinOne + " were within one band." })
    var clear = el("button", { type: "button", class: "md-button kb-calibration__clear", text: "Clear all my calibration ratings" })
    clear.addEventListener("click", function () {
      try { window.localStorage.removeItem(STORE_KEY) } catch (error) { /* nothing stored */ }
      text.textContent = "Your calibration ratings are cleared."
      clear.remove()
    })
    node.parentNode.insertBefore(el("div", { class: "kb-calibration__summary" }, [text, clear]), node.nextSibling)
  }

  // Only on the calibration pages themselves (pageOf).
  function start() {
    var where = pageOf(location.pathname)
    if (where && where.set) {
      document.querySelectorAll("article .kb-calibration").forEach(function (root) { mountSet(root, where.set) })
    } else if (where && where.index) {
      document.querySelectorAll("article .kb-calibration-overall").forEach(mountOverall)
    }
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)
})()
