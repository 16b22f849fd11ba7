// Kit planner: chooses the questions of an interview loop and lays out its
// agenda. Pure (no DOM, no clock, no randomness): the kit builder calls it in the
// browser as the global KitPlan, and tests/js/kit-plan.test.mjs runs it in Node.
//
// The bank is roles/builder.json (macros/kits.py builder_data). An input is
//   {skills: [ids], level, minutes, kinds: [ids] (absent: every kind),
//    locked: [question ids kept whatever happens], removed: [ids never picked],
//    order: [[ids of interview 1], [ids of interview 2], ...] (the reader's order),
//    use_case: id (its questions are preferred), kit: role id (its stages)}.
//
// Why an exact search: a plan holds a handful of 20-60 minute questions, and
// picking by value per minute one at a time fills a 60-minute staff interview on
// two skills with one 35-minute debugging question. A depth-first branch and
// bound over the questions that probe the chosen skills finds the best plan by
// the objective below, in a few thousand steps for the loops people plan.
(function (root) {
  "use strict"

  var DEFAULT_AGENDA = { intro_minutes: 5, candidate_questions_minutes: 5, max_minutes_without_break: 120, break_minutes: 10 }
  var MIN_MINUTES = 15
  var MAX_MINUTES = 600
  // A long loop is searched for at most this many steps; the result says when it stopped early.
  var STEP_LIMIT = 60000
  // Free time this long in an interview gets a note saying why nothing fills it.
  var NOTABLE_BUFFER = 10

  // The objective, compared as one number. Each tier outweighs everything below
  // it: every skill probed once; a system-design question (when that kind is
  // allowed); every skill probed twice; then minutes used, questions at the
  // chosen level, variety of kinds and the use case's own questions.
  var W_ONCE = 1e9
  var W_DESIGN = 1e8
  var W_TWICE = 1e6
  var W_MINUTE = 100 // at most 600 minutes: 6e4, below one W_TWICE
  var W_LEVEL = 500 // a question one level away weighs as much as five minutes
  var W_KIND = 300
  var W_USE_CASE = 200
  var DESIGN = "system-design"

  function bits(mask) {
    var n = 0
    while (mask) { mask &= mask - 1; n++ }
    return n
  }

  function byId(list) {
    var map = {}
    list.forEach(function (item) { map[item.id] = item })
    return map
  }

  function unique(list) {
    var seen = {}
    return list.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true })
  }

  function compareIds(a, b) { return a < b ? -1 : a > b ? 1 : 0 }

  // Interviews for a loop of `minutes` (no kit): one if it fits in a run without
  // a break, else as few near-equal ones as the break rule allows, 5-minute steps.
  function sessionsFor(minutes, agenda) {
    agenda = agenda || DEFAULT_AGENDA
    var run = agenda.max_minutes_without_break, pause = agenda.break_minutes
    if (minutes <= run) return [{ name: "Interview", minutes: minutes, break_after: 0 }]
    var count = Math.ceil((minutes + pause) / (run + pause))
    var total = minutes - pause * (count - 1)
    var base = Math.floor(total / count / 5) * 5
    var rest = total - base * count
    var out = []
    for (var i = 0; i < count; i++) {
      var extra = Math.min(5, rest)
      rest -= extra
      out.push({ name: "Interview " + (i + 1), minutes: base + extra, break_after: i < count - 1 ? pause : 0 })
    }
    if (rest > 0) out[count - 1].minutes += rest
    return out
  }

  // The input made whole: known ids only, defaults filled in, the kit's stages.
  function context(bank, input, options) {
    input = input || {}
    var vocabulary = bank.vocabulary
    var levels = vocabulary.levels.map(function (l) { return l.id })
    var levelLabels = {}
    vocabulary.levels.forEach(function (l) { levelLabels[l.id] = l.label })
    var kindLabels = {}
    vocabulary.kinds.forEach(function (k) { kindLabels[k.id] = k.label })
    var agenda = bank.agenda || DEFAULT_AGENDA
    var questions = byId(bank.questions)
    var skillTitles = {}
    bank.skills.forEach(function (s) { skillTitles[s.id] = s.title })
    var skills = unique((input.skills || []).filter(function (id) { return id in skillTitles }))
    var level = levels.indexOf(input.level) >= 0 ? input.level : levels[Math.min(1, levels.length - 1)]
    var allKinds = vocabulary.kinds.map(function (k) { return k.id })
    var kinds = input.kinds == null ? allKinds.slice() : unique(input.kinds.filter(function (k) { return allKinds.indexOf(k) >= 0 }))
    var removed = {}
    ;(input.removed || []).forEach(function (id) { if (id in questions) removed[id] = true })
    var locked = unique((input.locked || []).filter(function (id) { return id in questions && !removed[id] }))
    var kit = null
    ;(bank.roles || []).forEach(function (r) { if (r.id === input.kit && r.stages) kit = r })
    var sessions, minutes
    if (kit) {
      sessions = kit.stages.map(function (s, i) {
        return { name: s.name, minutes: s.minutes, break_after: i < kit.stages.length - 1 ? s.break_after || 0 : 0 }
      })
      minutes = sessions.reduce(function (sum, s) { return sum + s.minutes + s.break_after }, 0)
    } else {
      minutes = Math.round(Number(input.minutes))
      if (!(minutes >= MIN_MINUTES)) minutes = MIN_MINUTES
      if (minutes > MAX_MINUTES) minutes = MAX_MINUTES
      sessions = sessionsFor(minutes, agenda)
    }
    // The reader's order pins a question to an interview and a place in it.
    var pinned = {}
    ;(input.order || []).forEach(function (ids, session) {
      ;(ids || []).forEach(function (id, rank) {
        if (id in questions && !removed[id] && !(id in pinned)) pinned[id] = { session: Math.min(session, sessions.length - 1), rank: rank }
      })
    })
    var preferred = {}
    ;(bank.use_cases || []).forEach(function (u) {
      if (u.id === input.use_case) u.questions.forEach(function (q) { preferred[q] = true })
    })
    return {
      bank: bank, questions: questions, levels: levels, levelLabels: levelLabels, kindLabels: kindLabels,
      allKinds: allKinds, agenda: agenda, skillTitles: skillTitles, skills: skills, level: level,
      target: levels.indexOf(level), gap: vocabulary.max_level_gap, kinds: kinds, removed: removed, locked: locked,
      kit: kit, minutes: minutes, sessions: sessions, pinned: pinned, preferred: preferred,
      designAllowed: kinds.indexOf(DESIGN) >= 0,
      stepLimit: (options && options.stepLimit) || STEP_LIMIT,
      overhead: agenda.intro_minutes + agenda.candidate_questions_minutes,
    }
  }

  // A question as the search sees it: which chosen skills it probes (a bit
  // mask), its minutes, its kind and how far its level is from the chosen one.
  function item(ctx, q) {
    var mask = 0
    ctx.skills.forEach(function (s, i) { if (q.skills.indexOf(s) >= 0) mask |= 1 << i })
    var gap = Math.abs(ctx.levels.indexOf(q.level) - ctx.target)
    return {
      id: q.id, q: q, minutes: q.minutes, mask: mask, gap: gap, design: q.kind === DESIGN,
      kind: 1 << ctx.allKinds.indexOf(q.kind), preferred: ctx.preferred[q.id] ? 1 : 0,
    }
  }

  // The questions the search may add: not removed or locked, an allowed kind,
  // within the level gap, probing at least one chosen skill.
  function eligible(ctx, q) {
    return !ctx.removed[q.id] && ctx.locked.indexOf(q.id) < 0 && ctx.kinds.indexOf(q.kind) >= 0 &&
      Math.abs(ctx.levels.indexOf(q.level) - ctx.target) <= ctx.gap &&
      ctx.skills.some(function (s) { return q.skills.indexOf(s) >= 0 })
  }

  // Default order inside an interview: kinds in the vocabulary's order (system
  // design first, past experience late, as the kits run), longer first, then id.
  function defaultOrder(ctx) {
    return function (a, b) {
      var qa = ctx.questions[a], qb = ctx.questions[b]
      return ctx.allKinds.indexOf(qa.kind) - ctx.allKinds.indexOf(qb.kind) || qb.minutes - qa.minutes || compareIds(a, b)
    }
  }

  // Puts questions into interviews: pinned ones where the reader put them,
  // the rest longest first into the interview with the least room that fits.
  // Returns null when a question that is not locked does not fit anywhere.
  function assign(ctx, ids) {
    var room = ctx.sessions.map(function (s) { return s.minutes - ctx.overhead })
    var where = {}
    var rest = []
    ids.forEach(function (id) {
      var pin = ctx.pinned[id]
      if (pin) { where[id] = pin.session; room[pin.session] -= ctx.questions[id].minutes }
      else rest.push(id)
    })
    rest.sort(function (a, b) { return ctx.questions[b].minutes - ctx.questions[a].minutes || compareIds(a, b) })
    for (var i = 0; i < rest.length; i++) {
      var id = rest[i], m = ctx.questions[id].minutes, best = -1
      for (var s = 0; s < room.length; s++) if (room[s] >= m && (best < 0 || room[s] < room[best])) best = s
      if (best < 0) {
        if (ctx.locked.indexOf(id) < 0) return null
        best = 0 // a locked question stays even when it overruns; the reasons say so
        for (s = 1; s < room.length; s++) if (room[s] > room[best]) best = s
      }
      where[id] = best
      room[best] -= m
    }
    return { where: where, room: room }
  }

  function value(ctx, st) {
    return bits(st.once) * W_ONCE + (ctx.designAllowed && st.design ? W_DESIGN : 0) + bits(st.twice) * W_TWICE +
      st.minutes * W_MINUTE - st.gap * W_LEVEL + bits(st.kinds) * W_KIND + st.preferred * W_USE_CASE
  }

  function gcd(a, b) { return b ? gcd(b, a % b) : a }

  // A tight bound for the search, by dynamic programming over what matters
  // additively. With each chosen skill probed 0, 1 or 2+ times (3^k coverage
  // states), a system-design flag and the minutes left, table[j] holds the most
  // that the candidates from j on can still add: the tiers of the coverage they
  // end on, plus minutes, level and use-case weights. Only the variety of kinds
  // is left out, so the search explores little beyond the best plan. Null when
  // the tables would be too big (many skills and a long loop); the search then
  // uses a simpler bound.
  var TABLE_CELLS = 500000 // one table; all of them together hold at most three times this
  function tables(ctx, pool, budget) {
    var k = ctx.skills.length, n = pool.length
    var covs = Math.pow(3, k), flags = ctx.designAllowed ? 2 : 1
    var unit = pool.reduce(function (g, it) { return gcd(g, it.minutes) }, 0) || 5
    var slots = Math.max(0, Math.floor(budget / unit)) + 1
    var cells = covs * flags * slots
    if (k > 8 || cells > TABLE_CELLS) return null
    var tier = new Float64Array(covs * flags)
    for (var c = 0; c < covs; c++) {
      var once = 0, twice = 0
      for (var i = 0, x = c; i < k; i++, x = Math.floor(x / 3)) { if (x % 3 >= 1) once++; if (x % 3 === 2) twice++ }
      for (var d = 0; d < flags; d++) tier[c * flags + d] = once * W_ONCE + twice * W_TWICE + (d ? W_DESIGN : 0)
    }
    var next = {}
    function step(mask) {
      if (next[mask]) return next[mask]
      var out = new Int32Array(covs)
      for (var c = 0; c < covs; c++) {
        var to = 0
        for (var i = 0, x = c, p = 1; i < k; i++, x = Math.floor(x / 3), p *= 3) to += Math.min(2, x % 3 + ((mask >> i) & 1)) * p
        out[c] = to
      }
      return (next[mask] = out)
    }
    // Every table from n down to 0 when they fit in memory, else every few:
    // a later table is still a bound, only looser. One buffer holds them all.
    var keep = Math.min(n + 1, Math.max(1, Math.floor(TABLE_CELLS * 3 / cells)))
    var every = Math.ceil((n + 1) / keep)
    var store = new Float64Array(cells * (Math.floor(n / every) + 1))
    var spare = [new Float64Array(cells), new Float64Array(cells)]
    function slot(j) { return j % every === 0 ? store.subarray((j / every) * cells, (j / every + 1) * cells) : spare[j & 1] }
    var cur = slot(n)
    for (c = 0; c < covs * flags; c++) cur.fill(tier[c], c * slots, (c + 1) * slots)
    for (var j = n - 1; j >= 0; j--) {
      var it = pool[j], moves = step(it.mask), cost = it.minutes / unit
      var gain = it.minutes * W_MINUTE - it.gap * W_LEVEL + it.preferred * W_USE_CASE
      var prev = cur
      cur = slot(j)
      cur.set(prev)
      for (c = 0; c < covs; c++) {
        for (d = 0; d < flags; d++) {
          var from = (c * flags + d) * slots
          var to = (moves[c] * flags + (d || (it.design && flags === 2) ? 1 : 0)) * slots - cost
          for (var l = cost; l < slots; l++) {
            var take = gain + prev[to + l]
            if (take > cur[from + l]) cur[from + l] = take
          }
        }
      }
    }
    return {
      step: step,
      // The most the candidates from j on can add, from coverage state c with `left` minutes.
      at: function (j, c, design, left) {
        var from = Math.floor(j / every) * every
        return store[(from / every) * cells + (c * flags + (design && flags === 2 ? 1 : 0)) * slots + Math.floor(left / unit)]
      },
    }
  }

  // Depth-first branch and bound: take or leave each candidate in turn; leave a
  // branch when an optimistic bound on what it could still reach does not beat
  // the best plan found. Candidates are sorted so good plans come early.
  function search(ctx, lockedItems, pool, budget) {
    var limit = ctx.stepLimit
    var shortest = pool.reduce(function (m, it) { return Math.min(m, it.minutes) }, Infinity)
    // Room for three questions or fewer: the simple bound searches that in a few hundred steps, faster than tables.
    var table = budget >= 4 * shortest ? tables(ctx, pool, budget) : null
    var st = { once: 0, twice: 0, cov: 0, design: false, minutes: 0, gap: 0, kinds: 0, preferred: 0 }
    function add(it) {
      st.twice |= st.once & it.mask
      st.once |= it.mask
      if (table) st.cov = table.step(it.mask)[st.cov]
      st.design = st.design || it.design
      st.minutes += it.minutes
      st.gap += it.gap
      st.kinds |= it.kind
      st.preferred += it.preferred
    }
    lockedItems.forEach(add)
    var lockedIds = lockedItems.map(function (it) { return it.id })
    var chosen = []
    var best = { value: -Infinity, ids: [] }
    var steps = 0
    var complete = true
    var n = pool.length
    // Dominance: a candidate that asks as long, of the same kind, probes at least
    // the same chosen skills, at a level as near and as preferred, can replace
    // another in any plan without making it worse. So a branch that left out an
    // earlier dominating candidate need not take the dominated one.
    var dominatedBy = pool.map(function (b, j) {
      if (ctx.pinned[b.id]) return []
      var by = []
      for (var i = 0; i < j; i++) {
        var a = pool[i]
        if (!ctx.pinned[a.id] && a.minutes === b.minutes && a.kind === b.kind && (a.mask & b.mask) === b.mask &&
            a.gap <= b.gap && a.preferred >= b.preferred) by.push(i)
      }
      return by
    })
    var left_out = new Uint8Array(n)
    // For the bound on variety: the shortest candidate of each kind from j on.
    var kindCount = ctx.allKinds.length
    var shortestOfKind = new Array(n + 1)
    shortestOfKind[n] = ctx.allKinds.map(function () { return Infinity })
    for (var i = n - 1; i >= 0; i--) {
      shortestOfKind[i] = shortestOfKind[i + 1].slice()
      var kindIndex = ctx.allKinds.indexOf(pool[i].q.kind)
      shortestOfKind[i][kindIndex] = Math.min(shortestOfKind[i][kindIndex], pool[i].minutes)
    }
    // How many kinds not asked yet the time left can still add, shortest first.
    function newKinds(from, left) {
      var costs = []
      for (var k = 0; k < kindCount; k++) if (!(st.kinds & (1 << k)) && shortestOfKind[from][k] <= left) costs.push(shortestOfKind[from][k])
      costs.sort(function (a, b) { return a - b })
      var added = 0
      for (k = 0; k < costs.length && costs[k] <= left; k++) { left -= costs[k]; added++ }
      return added
    }

    function consider() {
      var v = value(ctx, st)
      if (v <= best.value) return
      if (chosen.length && !assign(ctx, lockedIds.concat(chosen))) return
      best = { value: v, ids: chosen.slice(), step: steps }
    }

    function bound(from, left) {
      var most = Math.floor(left / shortest)
      var kinds = (bits(st.kinds) + newKinds(from, left)) * W_KIND
      if (table) {
        return table.at(from, st.cov, st.design, left) + st.minutes * W_MINUTE - st.gap * W_LEVEL + st.preferred * W_USE_CASE + kinds
      }
      var any = 0, twice = 0, design = false, minutes = 0, preferred = 0
      for (var j = from; j < n; j++) {
        var it = pool[j]
        if (it.minutes > left) continue
        twice |= any & it.mask
        any |= it.mask
        design = design || it.design
        minutes += it.minutes
        preferred += it.preferred
      }
      var once = st.once | any
      var twiceMask = st.twice | (st.once & any) | twice
      return bits(once) * W_ONCE + (ctx.designAllowed && (st.design || design) ? W_DESIGN : 0) + bits(twiceMask) * W_TWICE +
        (st.minutes + Math.min(left, minutes)) * W_MINUTE - st.gap * W_LEVEL + kinds + (st.preferred + Math.min(most, preferred)) * W_USE_CASE
    }

    // Each step decides one candidate: take it, then leave it.
    function visit(j, left) {
      if (++steps > limit) { complete = false; return }
      while (j < n && pool[j].minutes > left) j++
      if (j >= n || bound(j, left) <= best.value) return
      var it = pool[j]
      var dominated = dominatedBy[j].some(function (i) { return left_out[i] })
      if (!dominated) {
        var saved = { once: st.once, twice: st.twice, cov: st.cov, design: st.design, kinds: st.kinds }
        add(it)
        chosen.push(it.id)
        consider()
        visit(j + 1, left - it.minutes)
        chosen.pop()
        st.once = saved.once; st.twice = saved.twice; st.cov = saved.cov; st.design = saved.design; st.kinds = saved.kinds
        st.minutes -= it.minutes
        st.gap -= it.gap
        st.preferred -= it.preferred
      }
      if (!complete) return
      left_out[j] = 1
      visit(j + 1, left)
      left_out[j] = 0
    }

    consider()
    visit(0, budget)
    return { ids: best.ids, steps: Math.min(steps, limit), complete: complete, found: best.step || 0, tables: !!table }
  }

  // The chosen questions, the agenda and the coverage, without the reasons.
  function solve(ctx) {
    var lockedItems = ctx.locked.map(function (id) { return item(ctx, ctx.questions[id]) })
    var lockedMinutes = lockedItems.reduce(function (sum, it) { return sum + it.minutes }, 0)
    var capacity = ctx.sessions.reduce(function (sum, s) { return sum + s.minutes - ctx.overhead }, 0)
    var pool = ctx.skills.length && ctx.kinds.length
      ? ctx.bank.questions.filter(function (q) { return eligible(ctx, q) }).map(function (q) { return item(ctx, q) })
      : []
    // Most skills per minute first, then at the level, longer, by id: the first
    // dives land on good plans, so the bound cuts early.
    pool.sort(function (a, b) {
      return bits(b.mask) / b.minutes - bits(a.mask) / a.minutes || a.gap - b.gap || b.minutes - a.minutes || compareIds(a.id, b.id)
    })
    var found = search(ctx, lockedItems, pool, capacity - lockedMinutes)
    var ids = ctx.locked.concat(found.ids)
    var placed = assign(ctx, ids)
    return { ids: ids, placed: placed, pool: pool, search: found }
  }

  function layout(ctx, ids, placed) {
    var order = defaultOrder(ctx)
    var sessions = ctx.sessions.map(function (s) { return { name: s.name, minutes: s.minutes, break_after: s.break_after, questions: [] } })
    ids.forEach(function (id) { sessions[placed.where[id]].questions.push(id) })
    sessions.forEach(function (s) {
      s.questions.sort(function (a, b) {
        var pa = ctx.pinned[a], pb = ctx.pinned[b]
        if (pa && pb) return pa.rank - pb.rank || compareIds(a, b)
        if (pa || pb) return pa ? -1 : 1
        return order(a, b)
      })
    })
    var agenda = []
    var clock = 0
    var totals = { questions: 0, overhead: 0, breaks: 0, buffer: 0, over: 0 }
    sessions.forEach(function (s, index) {
      var asked = s.questions.reduce(function (sum, id) { return sum + ctx.questions[id].minutes }, 0)
      var intro = ctx.agenda.intro_minutes, closing = ctx.agenda.candidate_questions_minutes
      var spare = s.minutes - asked - intro - closing
      // Too little room: the candidate's questions give way first, then the introduction.
      var short = spare < 0 ? -spare : 0
      var cut = Math.min(closing, short); closing -= cut; short -= cut
      cut = Math.min(intro, short); intro -= cut; short -= cut
      s.start = clock
      s.intro = intro
      s.candidate_questions = closing
      s.buffer = Math.max(0, spare)
      s.over = short
      agenda.push({ type: "intro", session: index, start: clock, minutes: intro })
      clock += intro
      s.questions.forEach(function (id) {
        agenda.push({ type: "question", session: index, id: id, start: clock, minutes: ctx.questions[id].minutes })
        clock += ctx.questions[id].minutes
      })
      agenda.push({ type: "candidate-questions", session: index, start: clock, minutes: closing })
      clock += closing
      if (s.buffer) agenda.push({ type: "buffer", session: index, start: clock, minutes: s.buffer })
      clock += s.buffer
      totals.questions += asked
      totals.overhead += intro + closing
      totals.buffer += s.buffer
      totals.over += s.over
      if (s.break_after && index < sessions.length - 1) {
        agenda.push({ type: "break", session: index, start: clock, minutes: s.break_after })
        clock += s.break_after
        totals.breaks += s.break_after
      }
    })
    totals.total = ctx.minutes
    totals.planned = totals.questions + totals.overhead + totals.breaks
    totals.end = clock
    return { sessions: sessions, agenda: agenda, minutes: totals }
  }

  function coverage(ctx, ids) {
    var counts = {}
    ctx.skills.forEach(function (s) { counts[s] = 0 })
    ids.forEach(function (id) { ctx.questions[id].skills.forEach(function (s) { if (s in counts) counts[s] += 1 }) })
    return counts
  }

  // "staff- or senior-level": the levels a plan may use, as a reader says them.
  function levelPhrase(ctx) {
    var near = ctx.levels.filter(function (l, i) { return Math.abs(i - ctx.target) <= ctx.gap })
    var words = near.map(function (l) { return ctx.levelLabels[l].toLowerCase().replace(/-level$/, "") })
    var head = words.slice(0, -1).map(function (w) { return w + "-" })
    return (head.length ? head.join(", ") + " or " : "") + words[words.length - 1] + "-level"
  }

  function list(words) {
    return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " or " + words[words.length - 1]
  }

  // The smallest loop length, in 5-minute steps up to an hour more, whose plan
  // meets `wanted`; null when none does (or with a kit, whose length is its own).
  // Plans for longer loops are kept in `cache`: several reasons ask about the same lengths.
  function minutesFor(ctx, input, cache, wanted) {
    if (ctx.kit) return null
    for (var extra = 5; extra <= 60 && ctx.minutes + extra <= MAX_MINUTES; extra += 5) {
      var minutes = ctx.minutes + extra
      if (!cache[minutes]) {
        var next = {}
        Object.keys(input).forEach(function (k) { next[k] = input[k] })
        next.minutes = minutes
        var c = context(ctx.bank, next, { stepLimit: ctx.stepLimit })
        cache[minutes] = { ctx: c, ids: solve(c).ids }
      }
      if (wanted(cache[minutes].ctx, cache[minutes].ids)) return minutes
    }
    return null
  }

  // Why the plan falls short, and what would help, in words for the reader.
  function reasons(ctx, input, ids, laid, solved) {
    var out = []
    var cache = {}
    var once = {}
    var inPlan = {}
    ids.forEach(function (id) { inPlan[id] = true })
    var counts = coverage(ctx, ids)
    var room = Math.max.apply(null, laid.sessions.map(function (s) { return s.buffer }))
    var levels = levelPhrase(ctx)
    var near = function (q) { return Math.abs(ctx.levels.indexOf(q.level) - ctx.target) <= ctx.gap }
    var kindWords = function (kinds) { return kinds.map(function (k) { return ctx.kindLabels[k].toLowerCase() }) }
    if (!ctx.skills.length) out.push({ code: "no-skills", severity: "warning", text: "Choose at least one skill, or start from a use case or a kit." })
    if (!ctx.kinds.length) out.push({ code: "no-kinds", severity: "warning", text: "No question kinds are chosen: tick at least one kind." })
    var raise = function (minutes) { return minutes ? "raise the time to " + minutes + " minutes" : null }
    ctx.skills.forEach(function (skill) {
      var title = ctx.skillTitles[skill]
      var probing = ctx.bank.questions.filter(function (q) { return q.skills.indexOf(skill) >= 0 })
      var pool = probing.filter(function (q) { return eligible(ctx, q) })
      if (counts[skill] === 0 && ctx.kinds.length) {
        if (!probing.length) {
          out.push({ code: "no-question", severity: "warning", skill: skill, text: "The guide has no question on " + title + " yet." })
          return
        }
        if (!pool.length) {
          var otherKinds = unique(probing.filter(function (q) { return near(q) && !ctx.removed[q.id] && ctx.kinds.indexOf(q.kind) < 0 })
            .map(function (q) { return q.kind }))
          var wasRemoved = probing.filter(function (q) { return near(q) && ctx.removed[q.id] && ctx.kinds.indexOf(q.kind) >= 0 })
          var help = []
          if (otherKinds.length) help.push("allow " + list(kindWords(otherKinds)) + " questions")
          if (wasRemoved.length) help.push("restore " + list(wasRemoved.map(function (q) { return "“" + q.title + "”" })))
          if (!help.length) help.push("choose another level")
          out.push({ code: "filtered", severity: "warning", skill: skill, text: "No " + levels + " question on " + title +
            " among the chosen kinds" + (wasRemoved.length ? " that you have not removed" : "") + ": " + list(help) + "." })
          return
        }
        var shortest = Math.min.apply(null, pool.map(function (q) { return q.minutes }))
        var minutes = minutesFor(ctx, input, cache, function (c, s) { return coverage(c, s)[skill] > 0 })
        var fixes = [raise(minutes), ctx.kit ? "remove a question from the kit" : null].filter(Boolean)
        var looser = unique(probing.filter(function (q) {
          return near(q) && !ctx.removed[q.id] && ctx.kinds.indexOf(q.kind) < 0 && q.minutes <= room
        }).map(function (q) { return q.kind }))
        if (looser.length) fixes.push("allow " + list(kindWords(looser)) + " questions")
        if (ctx.locked.length) fixes.push("unlock a question")
        fixes.push("drop a skill")
        out.push({ code: "no-time", severity: "warning", skill: skill, minutes: minutes, text: "No " + levels + " question on " + title +
          " fits in the " + room + " minutes left (the shortest takes " + shortest + "): " + list(fixes) + "." })
      } else if (counts[skill] === 1) {
        var second = pool.filter(function (q) { return !inPlan[q.id] })
        var twice = second.length ? minutesFor(ctx, input, cache, function (c, s) { return coverage(c, s)[skill] >= 2 }) : null
        var key = second.length ? "once-time " + twice : "once-bank"
        if (!once[key]) once[key] = { code: key.split(" ")[0], minutes: twice, skills: [] }
        once[key].skills.push(skill)
      }
    })
    // Skills probed once, one note per cause: "A and B are probed once: ...".
    Object.keys(once).sort().forEach(function (key) {
      var group = once[key], many = group.skills.length > 1
      var names = group.skills.map(function (s) { return ctx.skillTitles[s] })
      var head = (names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0]) +
        (many ? " are" : " is") + " probed once: "
      var text = group.code === "once-bank"
        ? head + "no other " + levels + " question on " + (many ? "them" : "it") + " among the chosen kinds."
        : head + "a second question on " + (many ? "each" : "it") + " does not fit with the rest" +
          (group.minutes ? "; " + raise(group.minutes) + " to probe " + (many ? "them" : "it") + " twice." : ".")
      out.push({ code: group.code, severity: "note", skills: group.skills, skill: many ? undefined : group.skills[0], minutes: group.minutes,
        text: text + " Structured loops assess each competency twice." })
    })
    var hasDesign = ids.some(function (id) { return ctx.questions[id].kind === DESIGN })
    if (ctx.skills.length && ctx.designAllowed && !hasDesign) {
      var designs = ctx.bank.questions.filter(function (q) { return q.kind === DESIGN && eligible(ctx, q) })
      if (!designs.length) {
        out.push({ code: "no-design", severity: "note", text: "No system-design question: none at " + levels + " probes these skills" +
          (Object.keys(ctx.removed).length ? " (or you removed it)." : ".") })
      } else {
        var designMinutes = minutesFor(ctx, input, cache, function (c, s) { return s.some(function (id) { return c.questions[id].kind === DESIGN }) })
        var shortestDesign = Math.min.apply(null, designs.map(function (q) { return q.minutes }))
        out.push({ code: "design-time", severity: "note", minutes: designMinutes, text: "No system-design question: the shortest on these skills takes " +
          shortestDesign + " minutes and does not fit with every skill covered" + (designMinutes ? "; " + raise(designMinutes) + "." : ".") })
      }
    }
    laid.sessions.forEach(function (s) {
      var label = laid.sessions.length > 1 ? "“" + s.name + "”" : "The interview"
      if (s.over) {
        out.push({ code: "over", severity: "warning", text: label + " runs " + s.over + " minutes over: its questions take " +
          (s.minutes - s.intro - s.candidate_questions + s.over) + " of its " + s.minutes + " minutes. Remove or unlock a question" +
          (ctx.kit ? "." : ", or raise the time.") })
      } else if (s.intro + s.candidate_questions < ctx.overhead) {
        out.push({ code: "tight", severity: "note", text: label + " leaves " + (s.intro + s.candidate_questions) +
          " minutes for the introduction and the candidate's questions, not " + ctx.overhead + "." })
      }
    })
    if (ctx.skills.length && ctx.kinds.length && room >= NOTABLE_BUFFER) {
      var left = solved.pool.filter(function (it) { return !inPlan[it.id] })
      if (!left.length) {
        out.push({ code: "bank-exhausted", severity: "note", minutes: room, text: room + " minutes stay free: every " + levels +
          " question on these skills among the chosen kinds is already in the plan. Add a skill or allow more kinds." })
      } else {
        var next = Math.min.apply(null, left.map(function (it) { return it.minutes }))
        if (next > room) {
          out.push({ code: "buffer", severity: "note", minutes: room, text: room + " minutes stay free as buffer: no other question on these" +
            " skills fits in them (the shortest left takes " + next + ")." })
        }
      }
    }
    // A search cut short matters only if the plan could still be better on what
    // the reader sees: a skill probed fewer than twice, no system design, free time.
    var settled = ctx.skills.every(function (skill) { return counts[skill] >= 2 }) && (!ctx.designAllowed || hasDesign) && room < NOTABLE_BUFFER
    if (!solved.search.complete && !settled) {
      out.push({ code: "search-limit", severity: "note", text: "The search stopped after " + solved.search.steps +
        " steps: this plan is good but may not be the best. Fewer skills or less time make the search exact." })
    }
    return out
  }

  // The plan for an input: questions in agenda order, interviews, agenda,
  // coverage, minutes and reasons. Same input, same plan.
  function plan(bank, input, options) {
    var ctx = context(bank, input, options)
    var solved = solve(ctx)
    if (!solved.placed) { // cannot happen: the search keeps only plans that fit; locked questions always place
      solved.ids = ctx.locked.slice()
      solved.placed = assign(ctx, solved.ids)
    }
    var laid = layout(ctx, solved.ids, solved.placed)
    var questions = []
    laid.sessions.forEach(function (s, index) {
      s.questions.forEach(function (id) {
        questions.push({ id: id, session: index, stage: ctx.kit ? s.name : null, locked: ctx.locked.indexOf(id) >= 0 })
      })
    })
    return {
      skills: ctx.skills, level: ctx.level, kinds: ctx.kinds, kit: ctx.kit ? ctx.kit.id : null,
      questions: questions,
      order: laid.sessions.map(function (s) { return s.questions.slice() }),
      sessions: laid.sessions, agenda: laid.agenda, minutes: laid.minutes,
      coverage: coverage(ctx, solved.ids),
      removed: Object.keys(ctx.removed).sort(compareIds),
      reasons: reasons(ctx, input || {}, solved.ids, laid, solved),
      search: { steps: solved.search.steps, exact: solved.search.complete, candidates: solved.pool.length, found_at: solved.search.found },
    }
  }

  // Questions to swap in for `questionId`: not in the plan, not removed, an
  // allowed kind at a near level, fitting where it stands. `full` when it probes
  // every chosen skill the question probes; those come first.
  function alternatives(bank, input, questionId) {
    var ctx = context(bank, input)
    var current = plan(bank, input)
    var entry = null
    current.questions.forEach(function (q) { if (q.id === questionId) entry = q })
    if (!entry) return []
    var original = ctx.questions[questionId]
    var probes = ctx.skills.filter(function (s) { return original.skills.indexOf(s) >= 0 })
    var inPlan = {}
    current.questions.forEach(function (q) { inPlan[q.id] = true })
    var room = current.sessions[entry.session].buffer + original.minutes
    return ctx.bank.questions.filter(function (q) {
      return !inPlan[q.id] && !ctx.removed[q.id] && ctx.kinds.indexOf(q.kind) >= 0 && q.minutes <= room &&
        Math.abs(ctx.levels.indexOf(q.level) - ctx.target) <= ctx.gap &&
        (probes.length ? probes.some(function (s) { return q.skills.indexOf(s) >= 0 }) : ctx.skills.some(function (s) { return q.skills.indexOf(s) >= 0 }))
    }).map(function (q) {
      return {
        id: q.id, title: q.title, kind: q.kind, level: q.level, minutes: q.minutes,
        skills: ctx.skills.filter(function (s) { return q.skills.indexOf(s) >= 0 }),
        full: probes.every(function (s) { return q.skills.indexOf(s) >= 0 }),
        gap: Math.abs(ctx.levels.indexOf(q.level) - ctx.target),
      }
    }).sort(function (a, b) {
      return (b.full ? 1 : 0) - (a.full ? 1 : 0) || (b.kind === original.kind ? 1 : 0) - (a.kind === original.kind ? 1 : 0) ||
        a.gap - b.gap || b.skills.length - a.skills.length || Math.abs(a.minutes - original.minutes) - Math.abs(b.minutes - original.minutes) ||
        compareIds(a.id, b.id)
    })
  }

  // The input that starts from a kit: its skills, level and stages, its
  // questions locked where the kit asks them.
  function fromKit(bank, kitId) {
    var kit = null
    ;(bank.roles || []).forEach(function (r) { if (r.id === kitId) kit = r })
    if (!kit || !kit.stages) return null
    var order = kit.stages.map(function (s) { return s.questions.slice() })
    return {
      skills: kit.skills.slice(), level: kit.level, kit: kit.id, kinds: null,
      minutes: kit.stages.reduce(function (sum, s, i) { return sum + s.minutes + (i < kit.stages.length - 1 ? s.break_after || 0 : 0) }, 0),
      locked: [].concat.apply([], order), removed: [], order: order,
    }
  }

  var api = { plan: plan, alternatives: alternatives, fromKit: fromKit, sessionsFor: sessionsFor,
    MIN_MINUTES: MIN_MINUTES, MAX_MINUTES: MAX_MINUTES, STEP_LIMIT: STEP_LIMIT,
    WEIGHTS: { once: W_ONCE, design: W_DESIGN, twice: W_TWICE, minute: W_MINUTE, level: W_LEVEL, kind: W_KIND, use_case: W_USE_CASE } }
  root.KitPlan = api
  if (typeof module === "object" && module.exports) module.exports = api
})(typeof globalThis !== "undefined" ? globalThis : this)
