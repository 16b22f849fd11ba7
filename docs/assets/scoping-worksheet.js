// The role-scoping worksheet (/scoping/worksheet/): the checklist as a form.
// The rules (matching, the draft, the Markdown) are in scoping-logic.js (KbScoping);
// this file draws the form and keeps the answers.
//
// Privacy: the answers stay in this browser's localStorage under one key
// (KbScoping.STORAGE_KEY) and leave only as a Markdown file the reader downloads.
// The only requests are for three of this site's own JSON files, once per visit.
(function () {
  "use strict"

  var PAGE = /\/scoping\/worksheet\/(index\.html)?$/
  var DRAFT_DELAY_MS = 250

  function storage() {
    return {
      read: function () { try { return localStorage.getItem(KbScoping.STORAGE_KEY) } catch (e) { return null } },
      write: function (value) {
        try {
          if (value === null) localStorage.removeItem(KbScoping.STORAGE_KEY)
          else localStorage.setItem(KbScoping.STORAGE_KEY, value)
          return true
        } catch (e) { return false }
      },
    }
  }

  function download(name, type, text) { window.KbDom.download(name, type, text) }  // assets/dom.js

  function mount(root, m) {
    var L = window.KbScoping, el = window.KbDom.el
    var store = storage()
    var a = L.parse(store.read(), m)
    var skillTitle = {}
    m.skills.forEach(function (s) { skillTitle[s.id] = s.title })

    function button(text, attrs) {
      return el("button", Object.assign({ type: "button", class: "kb-ws__button", text: text }, attrs || {}))
    }

    // ── The form ──────────────────────────────────────────────────────────────
    var form = el("form", { class: "kb-ws__form", "aria-label": "Role-scoping worksheet" })
    var progress = el("p", { class: "kb-ws__progress" })
    var status = el("p", { class: "kb-ws__status", role: "status" })
    var clear = button("Clear all", { "aria-expanded": "false", "aria-controls": "kb-ws-confirm" })
    var confirmYes = button("Yes, clear every answer", { class: "kb-ws__button kb-ws__button--danger" })
    var confirmNo = button("Keep my answers")
    var confirm = el("div", { id: "kb-ws-confirm", class: "kb-ws__confirm", role: "group", "aria-label": "Clear all answers?", hidden: true }, [
      el("span", { text: "Clear every answer from this browser? This cannot be undone; download the Markdown first to keep a copy." }),
      confirmYes, confirmNo])
    var save = button("Download Markdown")
    form.appendChild(el("div", { class: "kb-ws__bar" }, [
      progress,
      el("div", { class: "kb-ws__actions" }, [save, clear, el("a", { class: "kb-ws__jump", href: "#worksheet-draft", text: "Go to the draft" })]),
      confirm, status]))

    var title = el("input", { type: "text", id: "kb-ws-title", name: "title", autocomplete: "off", maxlength: "200" })
    var builds = el("textarea", { id: "kb-ws-builds", name: "builds", rows: "2", maxlength: String(L.MAX_TEXT) })
    var level = el("fieldset", { class: "kb-ws__choices kb-ws__levels" }, [el("legend", { text: "Level" })])
    ;[{ id: "", label: "Not decided yet" }].concat(m.levels).forEach(function (l) {
      var radio = el("input", { type: "radio", id: "kb-ws-level-" + (l.id || "none"), name: "level", value: l.id })
      level.appendChild(el("label", { for: radio.id }, [radio, " " + l.label]))
    })
    var useCase = el("select", { id: "kb-ws-use-case", name: "use_case" }, [el("option", { value: "", text: "Not chosen" })]
      .concat(m.useCases.map(function (u) { return el("option", { value: u.id, text: u.title }) })))
    var skills = el("fieldset", { class: "kb-ws__choices kb-ws__skills" }, [el("legend", { text: "Skills the role needs" })])
    m.skills.forEach(function (s) {
      var box = el("input", { type: "checkbox", id: "kb-ws-skill-" + s.id, name: "skill", value: s.id })
      skills.appendChild(el("label", { for: box.id }, [box, " " + s.title]))
    })
    form.appendChild(el("fieldset", { class: "kb-ws__role" }, [
      el("legend", { text: "The role" }),
      el("div", { class: "kb-ws__field" }, [el("label", { for: title.id, text: "Role title" }), title]),
      el("div", { class: "kb-ws__field" }, [el("label", { for: builds.id, text: "What does the team build?" }), builds]),
      level,
      el("div", { class: "kb-ws__field" }, [el("label", { for: useCase.id, text: "Use case nearest your system" }), useCase]),
      skills,
    ]))

    var areas = []
    m.items.forEach(function (item) {
      var section = el("section", { class: "kb-ws__item", "aria-labelledby": "kb-ws-h-" + item.id }, [
        el("h2", { id: "kb-ws-h-" + item.id, text: item.order + ". " + item.title }),
        el("p", { class: "kb-ws__summary" }, [item.summary + " ", el("a", { href: item.url, text: "More on this item" })]),
      ])
      if (item.skills.length) {
        section.appendChild(el("p", { class: "kb-ws__hint",
          text: "Skills it usually calls for: " + item.skills.map(function (s) { return skillTitle[s] || s }).join(", ") + "." }))
      }
      item.questions.forEach(function (q, i) {
        var id = "kb-ws-" + item.id + "-" + i
        var box = el("textarea", { id: id, class: "kb-ws__answer", rows: "3", maxlength: String(L.MAX_TEXT),
          "data-item": item.id, "data-index": String(i) })
        areas.push(box)
        section.appendChild(el("div", { class: "kb-ws__field kb-ws__question" }, [el("label", { for: id, text: q }), box]))
      })
      form.appendChild(section)
    })
    form.addEventListener("submit", function (event) { event.preventDefault() })

    // ── What the answers make ────────────────────────────────────────────────
    var draftBox = el("div", { class: "kb-ws__draft" })
    var matchBox = el("div", { class: "kb-ws__match" })
    var result = el("section", { class: "kb-ws__result", "aria-labelledby": "worksheet-draft" }, [
      el("h2", { id: "worksheet-draft", text: "Draft role description" }),
      el("p", { class: "kb-ws__hint", text: "Assembled from your answers with fixed sentences; edit it freely once you have downloaded it." }),
      draftBox,
      el("h2", { id: "worksheet-match", text: "Closest use case and kit" }),
      matchBox,
    ])

    function fill() {
      title.value = a.title
      builds.value = a.builds
      level.querySelectorAll("input").forEach(function (r) { r.checked = r.value === a.level })
      useCase.value = a.use_case
      skills.querySelectorAll("input").forEach(function (b) { b.checked = a.skills.indexOf(b.value) >= 0 })
      areas.forEach(function (box) { box.value = L.answer(a, box.dataset.item, Number(box.dataset.index)) })
    }

    function read() {
      var next = L.empty()
      next.title = title.value
      next.builds = builds.value
      var picked = level.querySelector("input:checked")
      next.level = picked ? picked.value : ""
      next.use_case = useCase.value
      next.skills = Array.prototype.filter.call(skills.querySelectorAll("input"), function (b) { return b.checked }).map(function (b) { return b.value })
      areas.forEach(function (box) {
        if (!next.answers[box.dataset.item]) next.answers[box.dataset.item] = []
        next.answers[box.dataset.item][Number(box.dataset.index)] = box.value
      })
      return L.clean(next, m)
    }

    function say(text) {
      if (status.textContent !== text) status.textContent = text
    }

    function showProgress() {
      var p = L.progress(a, m)
      progress.textContent = p.answered + " of " + p.total + " questions answered"
    }

    function keep() {
      var ok = store.write(L.isEmpty(a) ? null : JSON.stringify(a))
      say(ok ? "Your answers are kept in this browser as you type; nothing is sent anywhere."
        : "This browser does not let the page keep your answers (storage is off or full): download the Markdown before you leave.")
    }

    function link(href, text) { return el("a", { href: href, text: text }) }

    var lastKit = null
    function drawResult() {
      draftBox.textContent = ""
      var parts = L.draft(a, m)
      if (!parts.length) draftBox.appendChild(el("p", { class: "kb-ws__empty", text: "Your draft appears here as you answer the questions above." }))
      parts.forEach(function (p) {
        draftBox.appendChild(el("h3", { text: p.heading }))
        draftBox.appendChild(el("p", { class: "kb-ws__draft-" + p.id, text: p.text }))
      })
      matchBox.textContent = ""
      var u = L.closestUseCase(a, m)
      var ranked = L.closestKit(a, m) ? L.rankKits(a, m) : []
      if (!u && !ranked.length) {
        matchBox.appendChild(el("p", { class: "kb-ws__empty", text: "Tick the skills the role needs, or choose its level or use case, to see the closest use case and kit." }))
        lastKit = ""
        return
      }
      if (u) matchBox.appendChild(el("p", { class: "kb-ws__use-case" }, ["Closest use case: ", link(u.useCase.url, u.title),
        " — " + L.useCaseReasons(u, a, m) + "."]))
      if (ranked.length) {
        var k = ranked[0]
        // The result is not a live region (it changes as you type); a new closest kit is worth saying once.
        if (lastKit !== null && lastKit !== k.kit.id) say("Closest kit now: " + k.title + ".")
        lastKit = k.kit.id
        matchBox.appendChild(el("p", { class: "kb-ws__kit" }, ["Closest kit: ", link(k.kit.url, k.title), " — " + L.kitReasons(k, a, m).text + "."]))
        if (ranked[1]) matchBox.appendChild(el("p", { class: "kb-ws__next" }, ["Next closest: ", link(ranked[1].kit.url, ranked[1].title),
          " — " + L.kitReasons(ranked[1], a, m).text + "."]))
        matchBox.appendChild(el("p", {}, [el("a", { class: "kb-ws__builder md-button", href: L.builderLink(a, m, k),
          text: "Plan an interview loop with these skills in the kit builder" })]))
      }
    }

    var timer = null
    function changed() {
      a = read()
      keep()
      showProgress()
      clearTimeout(timer)
      timer = setTimeout(drawResult, DRAFT_DELAY_MS)
    }
    form.addEventListener("input", changed)
    form.addEventListener("change", changed)

    save.addEventListener("click", function () {
      clearTimeout(timer)
      drawResult()
      download(L.fileName(a), "text/markdown", L.markdown(a, m))
      say("Downloaded " + L.fileName(a) + ".")
    })
    function ask(open) {
      confirm.hidden = !open
      clear.setAttribute("aria-expanded", open ? "true" : "false")
    }
    clear.addEventListener("click", function () {
      ask(confirm.hidden)
      if (!confirm.hidden) confirmNo.focus()
    })
    confirmNo.addEventListener("click", function () { ask(false); clear.focus() })
    confirmYes.addEventListener("click", function () {
      a = L.empty()
      store.write(null)
      fill()
      showProgress()
      drawResult()
      ask(false)
      clear.focus()
      say("Cleared: no answer is kept in this browser now.")
    })

    fill()
    showProgress()
    drawResult()
    root.appendChild(form)
    root.appendChild(result)
  }

  function load(root) {
    var el = window.KbDom.el
    var sources = [root.dataset.builder, root.dataset.scoping, root.dataset.roles].map(function (s) { return new URL(s, location.href) })
    Promise.all(sources.map(function (url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " for " + url.pathname)
        return response.json()
      })
    })).then(function (files) {
      if (!root.isConnected) return
      var m = KbScoping.model(files[0], files[1], files[2], {
        useCase: new URL(root.dataset.useCases, location.href).href,
        builder: new URL(root.dataset.kitBuilder, location.href).href,
      })
      document.querySelectorAll(".md-content .kb-ws-static, .md-content .kb-ws__nojs").forEach(function (node) { node.hidden = true })
      mount(root, m)
    }).catch(function (error) {
      root.appendChild(el("p", { class: "kb-ws__status", text: "The worksheet could not load this site's data (" + error.message + "); the questions above still stand." }))
    })
  }

  // The worksheet's own page only; its mount point comes from the page template
  // (overrides/scoping-worksheet.html), never from page content, and it reads
  // only from this site.
  function start() {
    if (!PAGE.test(location.pathname) || !window.KbDom || !window.KbScoping) return
    var root = document.getElementById("scoping-worksheet-app")
    if (!root || root.dataset.mounted) return
    var names = ["builder", "scoping", "roles", "useCases", "kitBuilder"]
    if (names.some(function (n) { return !root.dataset[n] || new URL(root.dataset[n], location.href).origin !== location.origin })) return
    root.dataset.mounted = "true"
    load(root)
  }
  if (typeof document$ !== "undefined") document$.subscribe(start)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()  // loaded after the page (assets/tools.js)
})()
