// The 404 page (overrides/404.html): the entries whose address is closest to the
// one the reader followed, and a search box that opens the header's search.
//
// The ranking is pure (no DOM): tests/js/not-found.test.mjs runs it in Node, the
// page calls it as the global NotFound. The list of entries is /api/v1/ids.json
// (macros/api.py ids_document), fetched from this site only when a 404 page is
// shown; every other page leaves this script idle.
//
// Why this score: a stale or mistyped address usually keeps most of its words
// (idempotency-key-payment-api for idempotency-keys-for-payment-api) or names the
// topic of a renamed entry (skills/consensus for "Distributed Coordination and
// Consensus"). So each word of the address is matched against the words of each
// entry's id and title, forgiving a plural, a truncation or a one-letter typo,
// and the whole address is compared letter by letter as a tie-breaker.
(function (root) {
  "use strict"

  var LIMIT = 5
  var MIN_SCORE = 0.35 // below this a "suggestion" shares no word with the address
  var WEIGHTS = { recall: 0.5, precision: 0.3, whole: 0.2 }
  var STOP_WORDS = ["a", "an", "and", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to", "vs", "with"]
  var ALIASES = { kit: "roles", kits: "roles", role: "roles" } // what the site calls the interview kits
  var PREFIXES = ["embed", "export"] // other copies of an entry: /embed/<collection>/<id>/, /export/<collection>/<id>.md

  // Levenshtein distance, two rows.
  function distance(a, b) {
    if (a === b) return 0
    var previous = [], current = [], i, j
    for (j = 0; j <= b.length; j++) previous[j] = j
    for (i = 1; i <= a.length; i++) {
      current = [i]
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[b.length]
  }

  // 1 for the same text, 0 for nothing in common.
  function similarity(a, b) {
    var longest = Math.max(a.length, b.length)
    return longest === 0 ? 1 : 1 - distance(a, b) / longest
  }

  function slugify(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
  }

  function words(text) {
    return slugify(text).split("-").filter(function (word) {
      return word && STOP_WORDS.indexOf(word) < 0
    })
  }

  // How well two words match: the same word; one the start of the other (key,
  // keys; partition, partitions); or a typo (partiton, idempotent/idempotency).
  function wordMatch(a, b) {
    if (a === b) return 1
    var shorter = a.length < b.length ? a : b
    var longer = shorter === a ? b : a
    if (shorter.length >= 3 && longer.indexOf(shorter) === 0) return 0.9
    var alike = similarity(a, b)
    return alike >= 0.75 ? 0.9 * alike : 0
  }

  function best(word, candidates) {
    var top = 0
    for (var i = 0; i < candidates.length && top < 1; i++) top = Math.max(top, wordMatch(word, candidates[i]))
    return top
  }

  function mean(values) {
    if (!values.length) return 0
    return values.reduce(function (sum, value) { return sum + value }, 0) / values.length
  }

  // Between 0 and 1: how close an entry is to what the address asked for.
  //   recall: how many of the address's words the entry's id or title has;
  //   precision: how much of the entry's id the address covers (a short exact
  //   match beats a long id that merely contains the words);
  //   whole: the two slugs compared letter by letter.
  function score(slug, entry) {
    var asked = words(slug)
    if (!asked.length) return 0
    var idWords = words(entry.id)
    var known = idWords.concat(words(entry.title || ""))
    var recall = mean(asked.map(function (word) { return best(word, known) }))
    var precision = mean(idWords.map(function (word) { return best(word, asked) }))
    var whole = similarity(slugify(slug), entry.id)
    return WEIGHTS.recall * recall + WEIGHTS.precision * precision + WEIGHTS.whole * whole
  }

  // The closest entries first, at most `limit`, none below MIN_SCORE.
  function rank(slug, entries, limit) {
    var scored = []
    entries.forEach(function (entry) {
      var value = score(slug, entry)
      if (value >= MIN_SCORE) scored.push({ entry: entry, score: value })
    })
    scored.sort(function (a, b) {
      return b.score - a.score || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0)
    })
    return scored.slice(0, limit === undefined ? LIMIT : limit)
  }

  function decode(text) {
    try { return decodeURIComponent(text) } catch (e) { return text }
  }

  // The collection an address segment names: itself, or the closest name when it
  // is a slip (question for questions, usecases for use-cases).
  function closestCollection(segment, collections) {
    if (collections.indexOf(segment) >= 0) return segment
    if (ALIASES[segment] && collections.indexOf(ALIASES[segment]) >= 0) return ALIASES[segment]
    var found = "", top = 0.75
    collections.forEach(function (name) {
      var alike = similarity(segment.replace(/[^a-z0-9]/g, ""), name.replace(/[^a-z0-9]/g, ""))
      if (alike >= top) { found = name; top = alike }
    })
    return found
  }

  // The address's segments below the site's path ("/" or "/guide/"), lower case,
  // without index files or a file extension.
  function segments(pathname, rootPath) {
    var path = decode(String(pathname || ""))
    if (rootPath && path.indexOf(rootPath) === 0) path = path.slice(rootPath.length)
    var parts = path.toLowerCase().split("/").filter(function (part) {
      return part && !/^index\.(html?|md)$/.test(part)
    })
    if (parts.length) parts[parts.length - 1] = parts[parts.length - 1].replace(/\.(html?|md|json)$/, "")
    return parts
  }

  // What the missing address asked for: {collection (or ""), slug}.
  function parse(pathname, rootPath, collections) {
    var parts = segments(pathname, rootPath)
    if (parts.length > 2 && PREFIXES.indexOf(parts[0]) >= 0) parts.shift()
    var collection = ""
    if (parts.length > 1) {
      collection = closestCollection(parts[0], collections || [])
      if (collection) parts.shift()
    }
    return { collection: collection, slug: slugify(parts.join("-")) }
  }

  // The words of the address's last segment, for the search box: what a reader
  // would type (questions/idempotency-key-payment-api: "idempotency key payment api").
  function searchText(pathname, rootPath) {
    var parts = segments(pathname, rootPath)
    var text = slugify(parts.length ? parts[parts.length - 1] : "").replace(/-/g, " ")
    return text.length >= 3 ? text : "" // a stray letter is no query
  }

  // The suggestions for a missing address: the closest entries of the collection
  // the address names, or of every collection when it names none (or none of the
  // named collection is close).
  function suggest(pathname, rootPath, entries, limit) {
    var collections = []
    entries.forEach(function (entry) {
      if (collections.indexOf(entry.collection) < 0) collections.push(entry.collection)
    })
    var missing = parse(pathname, rootPath, collections)
    if (!missing.slug) return []
    var found = []
    if (missing.collection) {
      found = rank(missing.slug, entries.filter(function (e) { return e.collection === missing.collection }), limit)
    }
    return found.length ? found : rank(missing.slug, entries, limit)
  }

  var api = { distance: distance, similarity: similarity, words: words, score: score, rank: rank, parse: parse,
              suggest: suggest, searchText: searchText, LIMIT: LIMIT, MIN_SCORE: MIN_SCORE }
  root.NotFound = api
  if (typeof module === "object" && module.exports) module.exports = api
  if (typeof document === "undefined") return

  // ── The page ──────────────────────────────────────────────────────────────

  // The site's root, from this script's own address: the 404 page is served at
  // any depth, and its script tag (like every URL on it) is absolute.
  var SITE_ROOT = (function () {
    var script = document.currentScript
    if (script && script.src) return new URL("../", script.src).href
    var config = document.getElementById("__config")
    var base = config ? JSON.parse(config.textContent).base : "/"
    return new URL(base.replace(/\/?$/, "/"), location.href).href
  })()
  var ENTRY_PATH = /^[a-z0-9-]+\/[a-z0-9]+(-[a-z0-9]+)*\/$/

  function openHeaderSearch(query) {
    var input = document.querySelector(".md-search__input")
    var toggle = document.getElementById("__search")
    if (!input || !toggle) return false
    input.value = query
    if (!toggle.checked) {
      toggle.checked = true
      toggle.dispatchEvent(new Event("change"))
    }
    // Material runs the search when its input gains focus; on a phone the
    // search dialog must be open (a frame later) before it can take focus.
    requestAnimationFrame(function () { input.focus() })
    return true
  }

  function showSuggestions(box, found) {
    var section = box.querySelector(".kb-not-found__closest")
    var list = box.querySelector(".kb-not-found__list")
    var none = box.querySelector(".kb-not-found__none")
    if (!section || !list) return
    list.textContent = ""
    var el = window.KbDom.el  // assets/dom.js
    found.forEach(function (item) {
      list.appendChild(el("li", {}, [
        el("a", { href: SITE_ROOT + item.entry.path, text: item.entry.title }), " ",
        el("span", { class: "kb-not-found__path", text: "/" + item.entry.path })]))
    })
    list.hidden = !found.length
    if (none) none.hidden = found.length > 0
    section.hidden = false
  }

  function start() {
    var box = document.querySelector(".kb-not-found")
    if (!box || box.classList.contains("kb-not-found--started")) return
    box.classList.add("kb-not-found--started")
    var rootPath = new URL(SITE_ROOT).pathname
    var asked = parse(location.pathname, rootPath, [])

    var form = box.querySelector(".kb-not-found__search")
    var input = form && form.querySelector("input[name=q]")
    if (input && !input.value) input.value = searchText(location.pathname, rootPath)
    if (form && input) {
      form.addEventListener("submit", function (event) {
        // Without Material's search on the page the form goes to the home page
        // with ?q=, which opens the search there.
        if (openHeaderSearch(input.value)) event.preventDefault()
      })
    }

    if (!asked.slug) return
    fetch(SITE_ROOT + "api/v1/ids.json", { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("ids.json: HTTP " + response.status)
        return response.json()
      })
      .then(function (data) {
        var entries = (data && Array.isArray(data.entries) ? data.entries : []).filter(function (entry) {
          return entry && typeof entry.title === "string" && typeof entry.id === "string" &&
            typeof entry.path === "string" && ENTRY_PATH.test(entry.path)
        })
        showSuggestions(box, suggest(location.pathname, rootPath, entries))
      })
      .catch(function () { /* no suggestions: the section links and search remain */ })
  }

  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})(typeof globalThis !== "undefined" ? globalThis : this)
