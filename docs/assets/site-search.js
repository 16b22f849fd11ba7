// Site search with Pagefind (issue 13). Nothing is fetched until the
// reader opens or focuses the search box: then pagefind/pagefind.js, its WASM
// and index chunks for the words typed, and one fragment per shown result.
// A large site is indexed as several bundles (macros/search_index.py: Pagefind's
// memory grows with the text of one run); pagefind/kb-bundles.json lists the
// others, which are merged into the same search (Pagefind's mergeIndex).
// The box and results reuse Material's markup and classes (partials/search.html),
// so Material's CSS styles them in light and dark. Results are built with
// createElement/textContent; Pagefind's excerpts are split on its <mark> tags
// and their entities decoded, never assigned as HTML.
(function (root) {
  // Pure helpers first (no DOM): unit-tested in tests/js/site-search.test.mjs.
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" }
  function decode(text) { return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m) { return ENTITIES[m] }) }

  // Pagefind excerpts are escaped text with <mark> around the matched words:
  // their pieces as plain text, each with whether it was marked.
  function parts(html) {
    var out = []
    var marked = false
    html.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") marked = true
      else if (part === "</mark>") marked = false
      else if (part) out.push({ text: decode(part), mark: marked })
    })
    return out
  }

  function score(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, at) { return sum + (at.balanced_score || at.weight || 0) }, 0)
  }

  // Sections of the page that matched (headings with ids), not the page itself, best first:
  // scored by their weighted matches, so the prompt comes before rubric bands and notes
  // (indexed at a low data-pagefind-weight, see macros/search_index.py).
  function sections(data, limit) {
    var title = data.meta && data.meta.title
    return (data.sub_results || []).filter(function (sub) { return sub.url !== data.url && sub.title !== title })
      .map(function (sub, order) { return { sub: sub, order: order, score: score(sub) } })
      .sort(function (a, b) { return b.score - a.score || a.order - b.order })
      .slice(0, limit).map(function (entry) { return entry.sub })
  }

  function count(n, words) {
    if (n === 0) return words["search.result.none"] || "No matching documents"
    if (n === 1) return words["search.result.one"] || "1 matching document"
    return (words["search.result.other"] || "# matching documents").replace("#", n)
  }

  // The folders of the bundles to merge, from pagefind/kb-bundles.json ({"merge": ["part-2/", ...]}),
  // as paths under the first bundle's; anything else in the file is ignored.
  function mergePaths(manifest, bundlePath) {
    var merge = manifest && Array.isArray(manifest.merge) ? manifest.merge : []
    return merge.filter(function (part) { return typeof part === "string" && /^part-[0-9]+\/$/.test(part) })
      .map(function (part) { return bundlePath + part })
  }

  var api = { decode: decode, parts: parts, score: score, sections: sections, count: count, mergePaths: mergePaths }
  root.KbSiteSearch = api
  if (typeof module === "object" && module.exports) module.exports = api
  if (typeof document === "undefined") return

  var configEl = document.getElementById("__config")
  var config = configEl ? JSON.parse(configEl.textContent) : {}
  // Material's base is relative to the first page loaded; resolve it once, here.
  var base = new URL(config.base || ".", location.href)
  var words = config.translations || {}
  var LIMIT = 10
  var SUB_RESULTS = 2
  var loading = null
  var seq = 0

  function el(name, cls, text) {
    var node = document.createElement(name)
    if (cls) node.className = cls
    if (text !== undefined) node.textContent = text
    return node
  }
  function input() { return document.querySelector(".kb-search__input") }
  function list() { return document.getElementById("kb-search-results") }
  function status(text) { var s = document.getElementById("kb-search-status"); if (s) s.textContent = text }
  function toggle(open) {
    var box = document.getElementById("__search")
    if (box && box.checked !== open) {
      box.checked = open
      box.dispatchEvent(new Event("change"))
    }
  }

  function load() {
    if (!loading) {
      var bundle = new URL("pagefind/", base)
      // Fetched alongside pagefind.js, so a site of one bundle waits for nothing more.
      var manifest = fetch(new URL("kb-bundles.json", bundle).href)
        .then(function (response) { return response.ok ? response.json() : {} })
        .catch(function () { return {} })
      var options = { baseUrl: base.pathname, highlightParam: "h", excerptLength: 24 }
      loading = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // Merged bundles load alongside the first (Pagefind makes each wait for the WebAssembly only).
        return pagefind.options(options)
          .then(function () {
            return Promise.all([pagefind.init(), manifest.then(function (listed) {
              return Promise.all(mergePaths(listed, bundle.pathname).map(function (path) {
                return pagefind.mergeIndex(path, options)
              }))
            })])
          })
          .then(function () { return pagefind })
      })
      loading.catch(function () { loading = null; status("Search is unavailable.") })
    }
    return loading
  }

  function excerpt(html) {
    var p = el("p")
    parts(html).forEach(function (part) {
      p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text))
    })
    return p
  }

  function resultItem(data) {
    var li = el("li", "md-search-result__item")
    var link = el("a", "md-search-result__link")
    link.href = data.url
    var article = el("article", "md-search-result__article md-typeset")
    article.appendChild(el("span", "kb-search-result__label", (data.meta && data.meta.collection) || "Page"))
    article.appendChild(el("h1", "", (data.meta && data.meta.title) || data.url))
    article.appendChild(excerpt(data.excerpt || ""))
    link.appendChild(article)
    li.appendChild(link)
    sections(data, SUB_RESULTS).forEach(function (sub) {
      var subLink = el("a", "md-search-result__link")
      subLink.href = sub.url
      var subArticle = el("article", "md-search-result__article md-typeset")
      subArticle.appendChild(el("h2", "", sub.title))
      subArticle.appendChild(excerpt(sub.excerpt || ""))
      subLink.appendChild(subArticle)
      li.appendChild(subLink)
    })
    return li
  }

  function run(query) {
    lastRun = query
    var mine = ++seq
    var target = list()
    query = query.trim()
    if (!query) {
      target.replaceChildren()
      status(words["search.result.placeholder"] || "Type to start searching")
      return
    }
    load().then(function (pagefind) { return pagefind.search(query) }).then(function (search) {
      if (mine !== seq || !search) return
      status(count(search.results.length, words))
      // One slot per shown result, in rank order, filled as each fragment arrives.
      var slots = search.results.slice(0, LIMIT).map(function (result) {
        var slot = el("li", "kb-search-result__pending")  // not an item until its fragment arrives
        slot.hidden = true
        result.data().then(function (data) {
          if (mine !== seq) return
          var item = resultItem(data)
          slot.replaceWith(item)
        })
        return slot
      })
      target.replaceChildren.apply(target, slots)
    })
  }

  function links() { return Array.prototype.slice.call(list().querySelectorAll("a[href]")) }

  // A box filled by another script (the 404 page's "search for it" form) is searched on focus.
  var lastRun = null
  document.addEventListener("focusin", function (event) {
    if (event.target !== input()) return
    toggle(true)
    load()
    if (event.target.value.trim() && event.target.value !== lastRun) run(event.target.value)
  })
  document.addEventListener("input", function (event) {
    if (event.target === input()) run(event.target.value)
  })
  document.addEventListener("reset", function (event) {
    if (event.target.classList && event.target.classList.contains("kb-search__form")) {
      seq++
      list().replaceChildren()
      status(words["search.result.placeholder"] || "Type to start searching")
      setTimeout(function () { input().focus() })
    }
  })
  document.addEventListener("submit", function (event) {
    if (event.target.classList && event.target.classList.contains("kb-search__form")) {
      event.preventDefault()
      var first = links()[0]
      if (first) first.click()
    }
  })
  // The header's magnifier (a label for Material's search toggle) also focuses the box.
  document.addEventListener("click", function (event) {
    var label = event.target.closest && event.target.closest("label[for=__search]")
    if (label && label.closest(".md-header__inner") && !label.closest(".kb-search")) setTimeout(function () { input().focus() })
    if (event.target.closest && event.target.closest("#kb-search-results a[href]")) toggle(false)
  })
  document.addEventListener("keydown", function (event) {
    var box = input()
    if (!box) return
    var open = document.getElementById("__search") && document.getElementById("__search").checked
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName) ||
      (document.activeElement && document.activeElement.isContentEditable)
    if (!open && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault()
      box.focus()
      box.select()
      return
    }
    if (!open) return
    if (event.key === "Escape") {
      toggle(false)
      box.blur()
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var stops = [box].concat(links())
      var at = stops.indexOf(document.activeElement)
      if (at < 0 && document.activeElement !== box) return
      event.preventDefault()
      stops[(Math.max(at, 0) + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus()
    }
  })

  // On the page a result leads to, mark the words searched for (?h=...).
  function highlight() {
    if (!new URLSearchParams(location.search).get("h")) return
    import(new URL("pagefind/pagefind-highlight.js", base).href).then(function () {
      new window.PagefindHighlight({ highlightParam: "h", markContext: "article.md-content__inner", addStyles: false })
    })
  }
  if (typeof document$ !== "undefined") document$.subscribe(highlight)
  else highlight()

  // ?q=... opens the search with that query, as Material's search did (the 404 page
  // sends readers to the home page with it when the header search is missing).
  var asked = new URLSearchParams(location.search).get("q")
  if (asked && input()) {
    input().value = asked
    toggle(true)
    requestAnimationFrame(function () { input().focus() })
  }
})(typeof globalThis !== "undefined" ? globalThis : this)
