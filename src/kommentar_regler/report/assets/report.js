"use strict";
// The report page: filters in the URL fragment (#category=criminal&q=...), a paginated list
// of comments and the action queue, all built from the embedded JSON with textContent, so
// no comment text is ever parsed as HTML.
(function () {
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const S = D.strings, C = D.cites, N = D.comments;
  const KEYS = ["category", "label", "review", "action", "q", "line", "page", "per"];
  const QUEUE_SHOWN = 10;
  const CHUNK = 100;
  let observer = null;
  const expanded = new Set();
  let lowered = null; // lower-cased texts and ids, made on the first search

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function str(i) { return i < 0 ? null : S[i]; }
  function citeText(i) {
    const c = C[i];
    return (c[0] + " " + c[1]).trim() + (c[2] ? " (" + c[2] + ")" : "");
  }
  function citeTitle(i) { return C[i][3] ? "\u201d" + C[i][3] + "\u201d" : ""; }
  function basisList(ids) {
    const span = el("span", "basis");
    ids.forEach(function (i, k) {
      if (k) span.appendChild(document.createTextNode("; "));
      const c = el("cite", null, citeText(i));
      c.title = citeTitle(i);
      span.appendChild(c);
    });
    return span;
  }

  // --- state in the fragment -------------------------------------------------------------
  function readState() {
    const p = new URLSearchParams(location.hash.slice(1));
    const s = {};
    KEYS.forEach(function (k) { s[k] = p.get(k) || ""; });
    return s;
  }
  function writeState(s) {
    const p = new URLSearchParams();
    KEYS.forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    const hash = p.toString();
    if (hash !== location.hash.slice(1)) location.hash = hash; // hashchange renders
    else render();
  }
  function fromControls() {
    const s = readState();
    ["category", "label", "review", "action", "q", "per"].forEach(function (k) {
      s[k] = document.getElementById("f-" + k).value.trim();
    });
    if (s.per === "50") s.per = "";
    s.page = "";
    s.line = "";
    return s;
  }
  function toControls(s) {
    ["category", "label", "review", "action", "per"].forEach(function (k) {
      document.getElementById("f-" + k).value = s[k] || (k === "per" ? "50" : "");
    });
    const q = document.getElementById("f-q");
    if (document.activeElement !== q) q.value = s.q;
  }

  // --- filtering ---------------------------------------------------------------------------
  function matcher(s) {
    const q = s.q.toLowerCase();
    if (q && !lowered) lowered = N.map(function (c) { return (c.t + "\n" + (c.id || "")).toLowerCase(); });
    const line = s.line ? Number(s.line) : null;
    return function (c, i) {
      if (s.category && c.c !== s.category) return false;
      if (s.label && c.l.indexOf(s.label) < 0) return false;
      if (s.review && String(c.r) !== s.review) return false;
      if (s.action && !c.a.some(function (a) { return a[0] === s.action; })) return false;
      if (line !== null && c.n !== line) return false;
      return !q || lowered[i].indexOf(q) >= 0;
    };
  }

  // --- highlighted text --------------------------------------------------------------------
  // Findings may overlap or cross. Marks are nested; a finding that crosses another's end is
  // split into parts (all with the same data-f), so the parts' text together is its text.
  function highlighted(c) {
    const p = el("p", "text");
    const text = c.t, fs = c.f;
    const cuts = new Set([0, text.length]);
    fs.forEach(function (f) { cuts.add(f[0]); cuts.add(f[1]); });
    const xs = Array.from(cuts).sort(function (a, b) { return a - b; });
    const stack = []; // [finding index, element]
    const top = function () { return stack.length ? stack[stack.length - 1][1] : p; };
    const open = function (i) {
      const f = fs[i];
      const m = el("mark", "cat-" + f[4]);
      m.dataset.f = String(i);
      m.title = str(f[2]) + " \u00b7 " + str(f[3]) + "\n" + str(f[5]) + "\n" +
        f[6].map(citeText).join("\n");
      top().appendChild(m);
      stack.push([i, m]);
    };
    for (let k = 0; k < xs.length; k++) {
      const x0 = xs[k];
      fs.forEach(function (f, i) { if (f[0] === x0 && f[1] === x0) { open(i); stack.pop(); } });
      if (k === xs.length - 1) break;
      const x1 = xs[k + 1];
      const cover = [];
      fs.forEach(function (f, i) { if (f[0] <= x0 && f[1] >= x1 && f[0] < f[1]) cover.push(i); });
      let keep = 0;
      while (keep < stack.length && cover.indexOf(stack[keep][0]) >= 0) keep++;
      stack.length = keep;
      const inStack = stack.map(function (e) { return e[0]; });
      cover.filter(function (i) { return inStack.indexOf(i) < 0; })
        .sort(function (a, b) { return fs[b][1] - fs[a][1] || fs[a][0] - fs[b][0] || a - b; })
        .forEach(open);
      top().appendChild(document.createTextNode(text.slice(x0, x1)));
    }
    return p;
  }

  // --- one comment -------------------------------------------------------------------------
  function actionRow(a) {
    const tr = el("tr", a[2] ? "late" : "");
    tr.appendChild(el("td", "kind", D.kinds[a[0]] + (a[4] ? " (frivilligt)" : "")));
    const due = el("td", "due", a[1] ? a[1] : "ingen tidsgräns");
    if (a[1]) due.appendChild(el("span", a[2] ? "rel late" : "rel", a[3]));
    if (a[9] >= 0) due.appendChild(el("span", "rule", str(a[9])));
    tr.appendChild(due);
    tr.appendChild(el("td", "role", str(a[5])));
    const basis = el("td");
    basis.appendChild(basisList(a[6]));
    if (a[7] >= 0) basis.appendChild(el("div", "note", str(a[7])));
    if (a[8] >= 0) {
      const t = el("blockquote", "template");
      t.appendChild(el("b", null, "Svarsmall: "));
      t.appendChild(document.createTextNode(str(a[8])));
      basis.appendChild(t);
    }
    tr.appendChild(basis);
    return tr;
  }

  function commentCard(c) {
    const art = el("article", "comment cat-" + c.c);
    art.dataset.line = String(c.n);
    art.dataset.category = c.c;
    const head = el("header");
    head.appendChild(el("span", "badge cat-" + c.c, D.categories[c.c]));
    c.o.forEach(function (o) { head.appendChild(el("span", "badge minor cat-" + o, D.categories[o])); });
    c.l.forEach(function (l) { head.appendChild(el("span", "label", l.replace(/_/g, " "))); });
    if (c.r) head.appendChild(el("span", "review", "manuell bedömning"));
    const where = el("span", "meta", "rad " + c.n + (c.id ? " \u00b7 id " + c.id : "") + (c.m ? " \u00b7 " + c.m : ""));
    head.appendChild(where);
    art.appendChild(head);
    art.appendChild(highlighted(c));
    if (c.f.length) {
      const ul = el("ul", "findings");
      c.f.forEach(function (f, i) {
        const li = el("li");
        li.dataset.f = String(i);
        li.appendChild(el("q", "cat-" + f[4], c.t.slice(f[0], f[1])));
        li.appendChild(document.createTextNode(" " + str(f[3]).replace(/_/g, " ") + ", regel "));
        li.appendChild(el("code", null, str(f[2])));
        li.appendChild(document.createTextNode(": " + str(f[5]) + ". Grund: "));
        li.appendChild(basisList(f[6]));
        ul.appendChild(li);
      });
      art.appendChild(ul);
    }
    if (c.r) {
      art.appendChild(el("p", "reasons", "Behöver manuell bedömning: " + c.rr.map(str).join("; ")));
    }
    if (c.a.length) {
      const table = el("table", "actions");
      const hr = el("tr");
      ["Åtgärd", "Senast", "Ansvarig", "Grund"].forEach(function (h) { hr.appendChild(el("th", null, h)); });
      table.appendChild(hr);
      c.a.forEach(function (a) { table.appendChild(actionRow(a)); });
      art.appendChild(table);
    }
    return art;
  }

  // --- the queue ---------------------------------------------------------------------------
  function renderQueue(s, ok) {
    const box = document.getElementById("queue-groups");
    box.textContent = "";
    let total = 0;
    D.queue.forEach(function (g) {
      const items = g[1].filter(function (it) {
        return ok(N[it[0]], it[0]) && (!s.action || N[it[0]].a[it[1]][0] === s.action);
      });
      if (!items.length) return;
      total += items.length;
      const role = str(g[0]);
      const det = el("details");
      det.open = true;
      det.dataset.role = role;
      const late = items.filter(function (it) { return N[it[0]].a[it[1]][2]; }).length;
      const sum = el("summary", null, role + " (" + items.length + (late ? ", varav " + late + " försenade" : "") + ")");
      det.appendChild(sum);
      const ol = el("ol", "queue");
      const shown = expanded.has(role) ? items : items.slice(0, QUEUE_SHOWN);
      shown.forEach(function (it) {
        const c = N[it[0]], a = c.a[it[1]];
        const li = el("li", a[2] ? "late" : "");
        li.appendChild(el("span", "due", a[1]));
        li.appendChild(el("span", a[2] ? "rel late" : "rel", a[3]));
        li.appendChild(el("span", "kind", D.kinds[a[0]] + (a[4] ? " (frivilligt)" : "")));
        li.appendChild(el("span", "badge cat-" + c.c, D.categories[c.c]));
        const link = el("a", "excerpt", c.t.length > 90 ? c.t.slice(0, 90) + "\u2026" : c.t);
        link.href = "#line=" + c.n;
        link.title = "Visa kommentaren (rad " + c.n + ")";
        li.appendChild(link);
        ol.appendChild(li);
      });
      det.appendChild(ol);
      if (shown.length < items.length) {
        const more = el("button", "more", "Visa alla " + items.length);
        more.type = "button";
        more.addEventListener("click", function () { expanded.add(role); render(); });
        det.appendChild(more);
      }
      box.appendChild(det);
    });
    if (!total) box.appendChild(el("p", null, "Inga tidsatta åtgärder med de här filtren."));
  }

  // --- the list ----------------------------------------------------------------------------
  function pager(page, pages) {
    document.querySelectorAll(".pager").forEach(function (nav) {
      nav.textContent = "";
      if (pages <= 1) return;
      const go = function (label, to, disabled) {
        const b = el("button", null, label);
        b.type = "button";
        b.disabled = disabled;
        b.addEventListener("click", function () {
          const s = readState();
          s.page = to > 1 ? String(to) : "";
          writeState(s);
          document.getElementById("comments").scrollIntoView();
        });
        nav.appendChild(b);
      };
      go("\u2190 Föregående", page - 1, page <= 1);
      nav.appendChild(el("span", null, " sida " + page + " av " + pages + " "));
      go("Nästa \u2192", page + 1, page >= pages);
    });
  }

  function status(matching, first, shown, pending) {
    const p = document.getElementById("status");
    p.dataset.matching = String(matching);
    p.dataset.shown = String(shown);
    p.dataset.total = String(N.length);
    p.textContent = matching
      ? "Visar " + (first + 1) + "\u2013" + (first + shown) + " av " + matching + " kommentarer" +
        (matching < N.length ? " (filtrerat från " + N.length + ")" : "") +
        (pending ? "; fler visas när du skrollar" : "")
      : "Inga kommentarer med de här filtren.";
  }

  function render() {
    const s = readState();
    toControls(s);
    const ok = matcher(s);
    const hits = [];
    N.forEach(function (c, i) { if (ok(c, i)) hits.push(i); });
    const per = s.per === "all" ? Math.max(hits.length, 1) : Number(s.per) || 50;
    const pages = Math.max(1, Math.ceil(hits.length / per));
    const page = Math.min(Math.max(1, Number(s.page) || 1), pages);
    const shown = hits.slice((page - 1) * per, page * per);
    const list = document.getElementById("comment-list");
    list.textContent = "";
    if (observer) observer.disconnect();
    // "alla": the cards are made as the reader scrolls towards them, a chunk at a time
    const step = s.per === "all" ? CHUNK : shown.length;
    let done = 0;
    const more = function () {
      const frag = document.createDocumentFragment();
      const next = Math.min(shown.length, done + step);
      for (; done < next; done++) frag.appendChild(commentCard(N[shown[done]]));
      list.appendChild(frag);
      status(hits.length, (page - 1) * per, done, done < shown.length);
      if (done < shown.length) {
        const sentinel = el("div", "sentinel");
        list.appendChild(sentinel);
        observer = new IntersectionObserver(function (entries) {
          if (!entries.some(function (e) { return e.isIntersecting; })) return;
          observer.disconnect();
          sentinel.remove();
          more();
        }, { rootMargin: "1500px" });
        observer.observe(sentinel);
      }
    };
    more();
    pager(page, pages);
    renderQueue(s, ok);
    if (!performance.getEntriesByName("report-rendered").length) performance.mark("report-rendered");
    // a link from the queue (#line=N) shows that comment: bring it into view
    if (s.line && shown.length) document.getElementById("comments").scrollIntoView();
  }

  // --- controls ----------------------------------------------------------------------------
  function fill(id, entries) {
    const sel = document.getElementById(id);
    entries.forEach(function (e) {
      const o = el("option", null, e[1] + " (" + e[2] + ")");
      o.value = e[0];
      o.dataset.count = String(e[2]);
      sel.appendChild(o);
    });
  }
  const cc = {}, lc = {}, kc = {};
  N.forEach(function (c) {
    cc[c.c] = (cc[c.c] || 0) + 1;
    c.l.forEach(function (l) { lc[l] = (lc[l] || 0) + 1; });
    new Set(c.a.map(function (a) { return a[0]; })).forEach(function (k) { kc[k] = (kc[k] || 0) + 1; });
  });
  fill("f-category", Object.keys(D.categories).map(function (k) { return [k, D.categories[k], cc[k] || 0]; }));
  fill("f-label", Object.keys(lc).sort().map(function (k) { return [k, k.replace(/_/g, " "), lc[k]]; }));
  fill("f-action", Object.keys(D.kinds).filter(function (k) { return kc[k]; })
    .map(function (k) { return [k, D.kinds[k], kc[k]]; }));
  ["category", "label", "review", "action", "per"].forEach(function (k) {
    document.getElementById("f-" + k).addEventListener("change", function () { writeState(fromControls()); });
  });
  let timer = 0;
  document.getElementById("f-q").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { writeState(fromControls()); }, 200);
  });
  window.addEventListener("hashchange", render);
  render();
})();
