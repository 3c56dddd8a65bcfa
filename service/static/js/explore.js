/* The graph explorer: Cytoscape.js over /export/cyjs, the linkage API for search, cards and
   paths, the export registry for downloads. Settings come from #explore-data (no inline script).
   window.cy is the Cytoscape instance (tests drive it).

   What is loaded: the whole graph when it is small enough (data.overview.ids is null);
   otherwise the neighbourhood of ?focus=, or without one the best-connected nodes the server
   chose. Unless the whole graph is loaded, focusing a node, finding a path or changing hops
   loads what is missing from /export/cyjs and adds it (positions come from one layout). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("explore-data").textContent);
  var root = document.getElementById("explore");
  var state = { lang: data.lang, focus: null, hops: 1, hidden: {}, complete: false, loaded: {} };
  var MAX_FOCUS_ZOOM = 1.5;
  var FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';

  function $(id) { return document.getElementById(id); }
  function zh() { return state.lang === "zh"; }
  function tr(zhText, enText) { return zh() ? zhText : enText; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function label(item) {
    return (zh() ? item.label_zh || item.label : item.label_en || item.label) || item.id;
  }
  function status(text) { $("status").textContent = text || ""; }

  function api(path, params) {
    var query = new URLSearchParams(params).toString();
    return fetch(data.root + path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok || body.ok === false) { throw new Error(body.error || r.statusText); }
          return body.data !== undefined ? body.data : body;
        });
      });
  }

  /* ---------------------------------------------------------------- graph */

  var cy = null;

  function fetchGraph(url, ids) {
    var init = { headers: { Accept: "application/json" } };
    if (ids) {
      init = { method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" },
        body: JSON.stringify({ ids: ids }) };
    }
    return fetch(url, init).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok || body.ok === false) { throw new Error(body.error || r.statusText); }
        return body;
      });
    });
  }

  /* Edge ids of an export are its own (e0, e1 ...): key edges by what they link, so the same
     edge from two loads is added once. */
  function edgeId(d) { return d.source + " " + d.predicate_curie + " " + d.target; }

  /* Add the nodes and edges of a /export/cyjs document that are not drawn yet. */
  function merge(doc) {
    var fresh = [];
    doc.elements.nodes.forEach(function (n) {
      if (cy.getElementById(n.data.id).empty()) { fresh.push({ group: "nodes", data: n.data, position: n.position }); }
    });
    doc.elements.edges.forEach(function (e) {
      e.data.id = edgeId(e.data);
      if (cy.getElementById(e.data.id).empty()) { fresh.push({ group: "edges", data: e.data }); }
    });
    var added = cy.add(fresh);
    cy.batch(function () {
      added.nodes().forEach(function (n) {
        n.data("display", label(n.data()));
        if (state.hidden[n.data("class")]) { n.addClass("hidden"); }
      });
      added.edges().forEach(function (e) { e.data("display", zh() ? e.data("label_zh") : e.data("label_en")); });
    });
    if (added.nonempty()) { legend(); }
    return added;
  }

  /* Make sure the ``hops`` neighbourhood of ``id`` is drawn (a no-op when all of it is). */
  function loadNeighbourhood(id, hops) {
    var done = state.loaded[id] || 0;
    if (state.complete || done >= hops) { return Promise.resolve(); }
    var query = new URLSearchParams({ id: id, hops: String(hops) }).toString();
    return fetchGraph(data.graph + "?" + query).then(function (doc) {
      merge(doc);
      state.loaded[id] = hops;
    });
  }

  function loadIds(ids) {
    var missing = ids.filter(function (id) { return cy.getElementById(id).empty(); });
    if (state.complete || !missing.length) { return Promise.resolve(); }
    return fetchGraph(data.graph, ids).then(merge);
  }

  /* The notice above the side panels: what part of the graph is drawn. */
  function scope(zhText, enText, partial) {
    var text = $("scope-text");
    text.setAttribute("data-zh", zhText);
    text.setAttribute("data-en", enText);
    text.textContent = tr(zhText, enText);
    $("scope-overview").hidden = !partial;
    $("scope").hidden = false;
  }

  function style() {
    return [
      { selector: "node", style: {
        "background-color": "data(color)", label: "data(display)", width: "data(size)",
        height: "data(size)", "font-family": FONT, "font-size": 9, color: "#1f2933",
        "text-valign": "bottom", "text-margin-y": 2, "min-zoomed-font-size": 7,
        "text-wrap": "ellipsis", "text-max-width": 120 } },
      { selector: "edge", style: {
        width: 1, "line-color": "#c3cad2", "target-arrow-color": "#c3cad2",
        "target-arrow-shape": "triangle", "arrow-scale": 0.6, "curve-style": "bezier",
        "font-family": FONT, "font-size": 7, color: "#616e7c" } },
      { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0 } },
      { selector: "node.near", style: { "border-width": 1, "border-color": "#1f2933" } },
      { selector: "edge.near", style: { "line-color": "#616e7c", "target-arrow-color": "#616e7c",
        label: "data(display)" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#9b1c1c" } },
      { selector: "node.path", style: { "border-width": 3, "border-color": "#d62728" } },
      { selector: "edge.path", style: { width: 3, "line-color": "#d62728",
        "target-arrow-color": "#d62728", label: "data(display)", "z-index": 10 } },
      { selector: ".hidden", style: { display: "none" } }
    ];
  }

  function relabel() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.data("display", label(n.data())); });
      cy.edges().forEach(function (e) { e.data("display", zh() ? e.data("label_zh") : e.data("label_en")); });
    });
  }

  function clearMarks() {
    cy.elements().removeClass("faded near path");
  }

  function neighbourhood(node, hops) {
    var found = node.closedNeighborhood();
    for (var i = 1; i < hops; i += 1) { found = found.closedNeighborhood(); }
    return found;
  }

  /* Bring ``eles`` into view, never zoomed in so far that a few labels fill the screen. */
  function show(eles, animate) {
    var box = eles.boundingBox(), pad = 60;
    var zoom = Math.min((cy.width() - 2 * pad) / Math.max(box.w, 1),
      (cy.height() - 2 * pad) / Math.max(box.h, 1), MAX_FOCUS_ZOOM);
    var view = { zoom: Math.max(zoom, cy.minZoom()), center: { eles: eles } };
    if (animate) { cy.animate(view, { duration: 250 }); } else { cy.zoom(view.zoom); cy.center(eles); }
  }

  function focus(id, opts) {
    return loadNeighbourhood(id, state.hops).then(function () { return highlight(id, opts); },
      function (err) { status(err.message); return null; });
  }

  function highlight(id, opts) {
    var node = cy.getElementById(id);
    if (node.empty()) { return Promise.resolve(null); }
    state.focus = id;
    clearMarks();
    cy.elements().unselect();
    node.select();
    var near = neighbourhood(node, state.hops);
    cy.elements().not(near).addClass("faded");
    near.addClass("near");
    show(near, !(opts && opts.animate === false));
    saveUrl();
    return showCard(id);
  }

  /* ---------------------------------------------------------------- card */

  function section(card, title) {
    card.appendChild(el("h3", {}, title));
  }

  function linkGroups(card, groups, title) {
    if (!groups || !groups.length) { return; }
    section(card, title);
    var list = el("dl", { "class": "links" });
    groups.forEach(function (g) {
      list.appendChild(el("dt", {}, (zh() ? g.label_zh : g.label_en) + " (" + g.count + ")"));
      var dd = el("dd");
      g.resources.forEach(function (r) {
        var b = el("button", { type: "button", "class": "link", "data-id": r.id }, label(r));
        b.addEventListener("click", function () { focus(r.id); });
        dd.appendChild(b);
      });
      list.appendChild(dd);
    });
    card.appendChild(list);
  }

  function showCard(id) {
    return api("/api/entity", { id: id }).then(function (e) {
      var card = $("card");
      card.textContent = "";
      card.setAttribute("data-id", e.id);
      card.appendChild(el("h2", { "class": "card-title", lang: zh() ? "zh-Hans" : "en" }, label(e)));
      card.appendChild(el("p", { "class": "card-other" }, zh() ? e.label_en || "" : e.label_zh || ""));
      var facts = el("dl", { "class": "facts" });
      [[tr("类别", "Class"), e["class"]], ["IRI", e.iri], ["ID", e.id]].forEach(function (row) {
        facts.appendChild(el("dt", {}, row[0]));
        facts.appendChild(el("dd", {}, row[1]));
      });
      Object.keys(e.attributes || {}).forEach(function (k) {
        facts.appendChild(el("dt", {}, k));
        facts.appendChild(el("dd", {}, e.attributes[k]));
      });
      card.appendChild(facts);
      var ends = el("p", { "class": "card-actions" });
      [["path-from", tr("设为起点", "Set as start")], ["path-to", tr("设为终点", "Set as end")]].forEach(function (a) {
        var b = el("button", { type: "button" }, a[1]);
        b.addEventListener("click", function () { $(a[0]).value = e.id; });
        ends.appendChild(b);
      });
      card.appendChild(ends);
      linkGroups(card, e.outgoing, tr("指向", "Links out"));
      linkGroups(card, e.incoming, tr("被指向", "Links in"));
      if (e.sentences && e.sentences.length) {
        section(card, tr("来源句子", "Source sentences"));
        var quotes = el("ol", { "class": "sentences", lang: "zh-Hans" });
        e.sentences.forEach(function (s) { quotes.appendChild(el("li", { title: s.id }, s.text)); });
        card.appendChild(quotes);
      }
      card.hidden = false;
      return e;
    }).catch(function (err) { status(err.message); });
  }

  /* ---------------------------------------------------------------- search and paths */

  function search(q) {
    if (!q.trim()) { return Promise.resolve(); }
    return api("/api/search", { q: q, limit: 10 }).then(function (results) {
      var list = $("search-list");
      list.textContent = "";
      results.forEach(function (r) {
        var b = el("button", {
          type: "button", "class": "link", "data-id": r.id,
          "data-zh": (r.label_zh || r.label) + " · " + r["class"],
          "data-en": (r.label_en || r.label) + " · " + r["class"]
        }, label(r) + " · " + r["class"]);
        b.addEventListener("click", function () { focus(r.id); });
        var item = el("li");
        item.appendChild(b);
        list.appendChild(item);
      });
      $("search-results").hidden = false;
      if (!results.length) { status(tr("没有找到。", "Nothing found.")); return null; }
      status("");
      return focus(results[0].id);
    }).catch(function (err) { status(err.message); });
  }

  function edgeBetween(step) {
    return cy.edges().filter(function (e) {
      return e.data("source") === step.source && e.data("target") === step.target &&
        e.data("predicate_curie") === step.predicate_curie;
    });
  }

  function findPaths(from, to) {
    return api("/api/paths", { from: from, to: to }).then(function (result) {
      var list = $("path-list");
      list.textContent = "";
      clearMarks();
      $("path-panel").hidden = false;
      if (!result.paths.length) {
        status(tr("在限定长度内没有路径。", "No path within the length limit."));
        return result;
      }
      result.paths.forEach(function (p, i) {
        var item = el("li", { "class": i === 0 ? "current" : "", "data-zh": p.text_zh, "data-en": p.text_en },
          zh() ? p.text_zh : p.text_en);
        item.addEventListener("click", function () { markPath(p); });
        list.appendChild(item);
      });
      var ids = [];
      result.paths.forEach(function (p) { p.nodes.forEach(function (n) { ids.push(n.id); }); });
      return loadIds(ids).then(function () {
        markPath(result.paths[0]);
        status("");
        return result;
      });
    }).catch(function (err) { status(err.message); });
  }

  function markPath(path) {
    clearMarks();
    var marked = cy.collection();
    path.nodes.forEach(function (n) { marked = marked.union(cy.getElementById(n.id)); });
    path.steps.forEach(function (s) { marked = marked.union(edgeBetween(s)); });
    cy.elements().not(marked).addClass("faded");
    marked.addClass("path");
    show(marked, true);
  }

  /* ---------------------------------------------------------------- legend and filters */

  function legend() {
    var counts = {};
    cy.nodes().forEach(function (n) { counts[n.data("class")] = (counts[n.data("class")] || 0) + 1; });
    var list = $("legend");
    list.textContent = "";
    Object.keys(counts).sort().forEach(function (cls) {
      var item = el("li", { "data-class": cls });
      var box = el("input", { type: "checkbox", id: "cls-" + cls, value: cls });
      box.checked = !state.hidden[cls];
      box.addEventListener("change", function () { filterClass(cls, !box.checked); });
      var swatch = el("span", { "class": "swatch" });
      swatch.style.backgroundColor = data.palette[cls] || cy.nodes("[class = '" + cls + "']").first().data("color");
      var text = el("label", { "for": "cls-" + cls }, cls + " (" + counts[cls] + ")");
      item.appendChild(box);
      item.appendChild(swatch);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function filterClass(cls, hide) {
    state.hidden[cls] = hide;
    cy.nodes().filter(function (n) { return n.data("class") === cls; }).toggleClass("hidden", hide);
  }

  /* ---------------------------------------------------------------- export */

  function download(blob, name) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function exportView(fmt) {
    if (fmt === "png") {
      download(cy.png({ output: "blob", full: false, bg: "#ffffff", scale: 2 }), "fazhi-kg-view.png");
      return Promise.resolve();
    }
    var visible = cy.nodes().filter(function (n) { return !n.hasClass("hidden") && !n.hasClass("faded"); });
    var whole = state.complete && visible.length === cy.nodes().length;
    var request = whole ? fetch(data.root + "/export/" + fmt) : fetch(data.root + "/export/" + fmt, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids: visible.map(function (n) { return n.id(); }) })
    });
    return request.then(function (r) {
      if (!r.ok) { return r.json().then(function (b) { throw new Error(b.error); }); }
      var match = /filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "");
      return r.blob().then(function (b) { download(b, match ? match[1] : "fazhi-kg." + fmt); });
    }).catch(function (err) { status(err.message); });
  }

  /* ---------------------------------------------------------------- language and URL state */

  function setLang(lang) {
    state.lang = lang;
    document.documentElement.lang = zh() ? "zh-Hans" : "en";
    document.body.className = document.body.className.replace(/\blang-\w+/, "lang-" + lang);
    document.querySelectorAll("#explore [data-zh]").forEach(function (node) {
      node.textContent = node.getAttribute("data-" + lang);
    });
    document.querySelectorAll("#explore [data-zh-placeholder]").forEach(function (node) {
      node.placeholder = node.getAttribute("data-" + lang + "-placeholder");
    });
    relabel();
    saveUrl();
    if (state.focus && !$("card").hidden) { showCard(state.focus); }
  }

  function saveUrl() {
    var params = new URLSearchParams();
    if (state.focus) { params.set("focus", state.focus); params.set("hops", String(state.hops)); }
    params.set("lang", state.lang);
    history.replaceState(null, "", location.pathname + "?" + params.toString());
    $("scope-overview").href = data.root + "/explore?lang=" + state.lang;
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    var hops = parseInt(params.get("hops") || "1", 10);
    state.hops = Math.min(Math.max(isNaN(hops) ? 1 : hops, 1), data.max_hops);
    $("hops").value = String(state.hops);
    var wanted = params.get("focus");
    if (!wanted) { saveUrl(); return Promise.resolve(); }
    if (!cy.getElementById(wanted).empty()) { return focus(wanted, { animate: false }); }
    return api("/api/entity", { id: wanted }).then(function (e) { return focus(e.id, { animate: false }); })
      .catch(function (err) { status(err.message); });
  }

  /* ---------------------------------------------------------------- start */

  function wire() {
    $("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search($("search-q").value); });
    $("path-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      findPaths($("path-from").value.trim(), $("path-to").value.trim());
    });
    $("hops").addEventListener("change", function () {
      state.hops = parseInt($("hops").value, 10);
      if (state.focus) { focus(state.focus); }
    });
    $("reset-view").addEventListener("click", function () {
      clearMarks();
      cy.elements().unselect();
      state.focus = null;
      $("card").hidden = true;
      cy.fit(undefined, 30);
      saveUrl();
    });
    $("export-go").addEventListener("click", function () { exportView($("export-format").value); });
    $("lang-toggle").addEventListener("click", function () { setLang(zh() ? "en" : "zh"); });
    cy.on("tap", "node", function (ev) { focus(ev.target.id()); });
    cy.on("tap", function (ev) { if (ev.target === cy) { clearMarks(); } });
  }

  function number(n) { return n.toLocaleString(zh() ? "zh-CN" : "en"); }

  /* The first graph drawn: the whole graph if small, else the focus's neighbourhood or the
     overview of the best-connected nodes. */
  function start() {
    var params = new URLSearchParams(location.search);
    var wanted = params.get("focus");
    var hops = Math.min(Math.max(parseInt(params.get("hops") || "1", 10) || 1, 1), data.max_hops);
    var ov = data.overview;
    if (wanted && ov.ids) {
      var query = new URLSearchParams({ id: wanted, hops: String(hops) }).toString();
      return fetchGraph(data.graph + "?" + query).then(function (doc) {
        var n = doc.elements.nodes.length;
        var centre = doc.elements.nodes.filter(function (node) {
          var d = node.data;
          return d.id === wanted || d.iri === wanted || d.label_zh === wanted || d.label_en === wanted;
        }).map(function (node) { return node.data; })[0] || { label_zh: wanted, label_en: wanted };
        state.loaded[wanted] = hops;
        scope("这里只显示“" + centre.label_zh + "”的 " + hops + " 跳邻域（全图 " + number(ov.total) +
          " 个节点中的 " + number(n) + " 个）；点击节点可继续展开。",
          "Showing the " + hops + "-hop neighbourhood of " + centre.label_en + " (" + number(n) +
          " of " + number(ov.total) + " nodes); click a node to open its own.", true);
        return doc;
      }, function (err) { status(err.message); return overview(); });
    }
    return overview();
  }

  function overview() {
    var ov = data.overview;
    state.complete = !ov.ids;
    if (ov.ids) {
      scope("图谱共有 " + number(ov.total) + " 个节点，这里只显示连接最多的 " + number(ov.ids.length) +
        " 个。搜索或点击节点可载入其邻域。",
        "The graph has " + number(ov.total) + " nodes; this view shows the " + number(ov.ids.length) +
        " most connected. Search, or click a node, to load its neighbourhood.", false);
    }
    if (ov.ids && !ov.ids.length) { return Promise.resolve({ elements: { nodes: [], edges: [] } }); }
    return fetchGraph(data.graph, ov.ids);
  }

  cy = window.cy = cytoscape({
    container: $("cy"),
    elements: [],
    style: style(),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4
  });
  start()
    .then(function (doc) {
      merge(doc);
      cy.fit(undefined, 30);
      relabel();
      legend();
      wire();
      return restore();
    })
    .then(function () { root.setAttribute("data-state", "ready"); })
    .catch(function (err) {
      root.setAttribute("data-state", "error");
      status(tr("图谱加载失败：", "Could not load the graph: ") + err.message);
    });
})();
