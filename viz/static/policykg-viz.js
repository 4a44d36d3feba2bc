// policykg network views: draws the network described in <script id="pk-data" type="application/json">
// with vis-network, lays it out with physics until it settles, then stops the physics; then lets a reader
// explore it: click → side panel, find, toggles, group, double-click expand, export PNG/CSV, the sortable table.
// Everything from a document is put on the page as text (textContent), never as HTML.
// window.policykgViz = {network, nodes, edges, ready, layoutMs, ...} for tests and benchmarks.
(function () {
  "use strict";
  var started = performance.now();
  var state = { network: null, nodes: 0, edges: 0, ready: false, layoutMs: null, stoppedBy: null, expanded: 0 };
  window.policykgViz = state;
  var data, nodeSet, edgeSet, nodeView, edgeView;
  var panels = {}, edgePanels = {}, edgeKeys = {};
  var hidden = { kind: {}, level: {}, rel: {}, basis: {} };
  var clusters = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function tooltip(item) {
    // hover text is plain text (no HTML from the documents is ever interpreted): heading, body, provenance
    if (!item.tip) return undefined;
    var box = el("div", "pk-tip");
    box.appendChild(el("b", null, item.tip.head || ""));
    if (item.tip.body) box.appendChild(document.createTextNode(item.tip.body));
    if (item.tip.prov) box.appendChild(el("span", "pk-prov", item.tip.prov));
    return box;
  }

  function finish(how) {
    if (state.ready) return;
    if (state.network) {
      state.network.setOptions({ physics: { enabled: false } });
      state.network.fit({ animation: false });
    }
    state.ready = true;
    state.stoppedBy = how;
    state.layoutMs = Math.round(performance.now() - started);
    var loading = document.getElementById("pk-loading");
    if (loading) loading.style.display = "none";
    var status = document.getElementById("pk-status");
    if (status) status.textContent = "layout settled in " + (state.layoutMs / 1000).toFixed(1) + " s; physics stopped (drag nodes to rearrange)";
    showCounts();
    document.body.setAttribute("data-ready", "true");
  }

  // -- filters ------------------------------------------------------------------------------------------------
  function nodeShown(n) {
    return !hidden.kind[n.kind] && !(n.level && hidden.level[n.level]);
  }
  function edgeShown(e) {
    if (hidden.rel[e.rel]) return false;
    if ((e.rel === "CASCADES_FROM" || e.rel === "RELATES_TO") && hidden.basis[e.inferred ? "inferred" : "explicit"]) return false;
    var a = nodeSet.get(e.from), b = nodeSet.get(e.to);
    return !!(a && b && nodeShown(a) && nodeShown(b));
  }
  function visibleNodes() { return nodeView ? nodeView.length : 0; }
  function visibleEdges() { return edgeView ? edgeView.length : 0; }
  state.visibleNodes = visibleNodes;
  state.visibleEdges = visibleEdges;
  function showCounts() {
    var shown = document.getElementById("pk-shown");
    if (shown && nodeSet) shown.textContent = "showing " + visibleNodes() + " of " + nodeSet.length + " nodes, " +
      visibleEdges() + " of " + edgeSet.length + " lines";
  }
  function refilter() {
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }

  // -- the side panel -----------------------------------------------------------------------------------------
  function viewLink(link, text) {
    if (!link) return el("span", null, text);
    if (!data.views) return el("span", null, text);  // a standalone file: no server to open other views
    var a = el("a", null, text);
    a.href = data.views + link.view + "/" + encodeURIComponent(link.key);
    a.setAttribute("data-view", link.view);
    return a;
  }
  function focusNode(id) {
    if (!state.network || !nodeSet.get(id)) return false;
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: Math.max(state.network.getScale(), 1.2), animation: false });
    showNode(id);
    return true;
  }
  function field(dl, name, value) {
    if (value === undefined || value === null || value === "" || (value.length === 0 && typeof value !== "string")) return;
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function names(list) {
    var span = el("span");
    (list || []).forEach(function (x, i) {
      if (i) span.appendChild(document.createTextNode("、"));
      span.appendChild(viewLink(x.link, x.name));
    });
    return list && list.length ? span : null;
  }
  function linksRow(p) {
    var row = el("div", "pk-links");
    (p.links || []).forEach(function (l) { row.appendChild(viewLink(l, l.text)); });
    if (p.document && p.document.link) row.appendChild(viewLink(p.document.link, "document view"));
    return row;
  }
  function span(s) {
    return s && s[0] !== null && s[0] !== undefined ? "characters " + s[0] + "–" + s[1] : "";
  }
  function renderTask(p, box) {
    box.appendChild(el("h2", null, "Task " + [p.number, p.title].filter(Boolean).join(" ")));
    var doc = p.document ? [p.document.number, p.document.title ? "《" + p.document.title + "》" : ""].filter(Boolean).join(" ") : "";
    box.appendChild(el("div", "pk-meta", [(p.level || "?") + "-level task", doc, p.number ? "provision " + p.number : "", span(p.span)].filter(Boolean).join(" · ")));
    var text = el("div", "pk-text", p.text || (p.stub ? "(a higher-level task known from a division-of-labour table row)" : ""));
    if (p.clause) {
      // the graph keeps the text before the clause and where each unit was printed: the clause is shown from those
      var mark = el("mark", "pk-clause");
      var leads = p.clause.units.filter(function (u) { return u.role === "leads"; }).map(function (u) { return u.printed; });
      var coop = p.clause.units.filter(function (u) { return u.role !== "leads"; }).map(function (u) { return u.printed; });
      mark.textContent = "responsibility clause" + (p.clause.span ? " (" + span(p.clause.span) + ")" : "") + ": " +
        (leads.length ? "leads " + leads.join("、") : "") + (leads.length && coop.length ? "; " : "") +
        (coop.length ? "cooperates " + coop.join("、") : "");
      text.appendChild(document.createTextNode(" "));
      text.appendChild(mark);
    }
    box.appendChild(text);
    var dl = el("dl");
    field(dl, "leads (as printed, in order)", names(p.leads));
    field(dl, "cooperates", names(p.cooperates));
    if (p.targets && p.targets.length) {
      var ul = el("ul");
      p.targets.forEach(function (t) { ul.appendChild(el("li", null, t)); });
      field(dl, "targets", ul);
    }
    field(dl, "deadline", p.deadline);
    if (p.document) field(dl, "document", viewLink(p.document.link, doc || p.document.id));
    field(dl, "number", p.number);
    box.appendChild(dl);
    box.appendChild(linksRow(p));
  }
  function renderDepartment(p, box) {
    box.appendChild(el("h2", null, p.name));
    box.appendChild(el("div", "pk-meta", [p.level, p.region, p.collective ? "collective unit" : ""].filter(Boolean).join(" · ")));
    var dl = el("dl");
    field(dl, "in this view", "leads " + p.counts.leads + " tasks, cooperates on " + p.counts.cooperates);
    field(dl, "also written", (p.aliases || []).join("、"));
    box.appendChild(dl);
    box.appendChild(linksRow(p));
    var ul = el("ul");
    p.tasks.forEach(function (t) {
      var li = el("li");
      var a = el("span", "pk-task-link", [t.number, t.title].filter(Boolean).join(" "));
      a.addEventListener("click", function () { focusNode(t.id); });
      li.appendChild(el("span", "pk-meta", t.role + " · " + (t.doc || "") + " "));
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(el("h3", null, "tasks"));
    box.appendChild(ul);
  }
  function renderOther(p, box) {
    box.appendChild(el("h2", null, p.kind + " " + (p.name || p.number || p.metric || "")));
    var dl = el("dl");
    ["title", "text", "issuer", "date", "level", "value", "unit", "year", "year_basis", "scope"].forEach(function (k) {
      field(dl, k, p[k]);
    });
    if (p.document) field(dl, "document", viewLink(p.document.link, p.document.number || p.document.id));
    box.appendChild(dl);
    box.appendChild(linksRow(p));
  }
  function showNode(id) {
    var p = panels[id], box = document.getElementById("pk-panel-body");
    if (!p || !box) return;
    box.textContent = "";
    box.setAttribute("data-node", id);
    if (p.kind === "Task") renderTask(p, box);
    else if (p.kind === "Department") renderDepartment(p, box);
    else renderOther(p, box);
    markRow(id);
  }
  function showEdge(id) {
    var p = edgePanels[id], box = document.getElementById("pk-panel-body");
    if (!p || !box) return;
    box.textContent = "";
    box.setAttribute("data-node", "");
    var a = nodeSet.get(p.from), b = nodeSet.get(p.to);
    box.appendChild(el("h2", null, p.type + (p.inferred ? " (inferred)" : "")));
    box.appendChild(el("div", "pk-meta", (a ? a.label : p.from) + " → " + (b ? b.label : p.to)));
    var dl = el("dl");
    ["basis", "score", "direction", "rank", "linker"].forEach(function (k) { field(dl, k, p[k]); });
    field(dl, "departments that correspond", (p.counterparts || []).join("; "));
    field(dl, "shared words", (p.terms || []).join("、"));
    field(dl, "shared industries", (p.shared_industries || []).join("、"));
    if (p.evidence && typeof p.evidence === "object") {
      var ev = p.evidence.signals ? Object.keys(p.evidence.signals).map(function (k) { return k + " " + p.evidence.signals[k]; }).join(", ") : JSON.stringify(p.evidence);
      field(dl, "evidence (signal scores)", ev);
    }
    box.appendChild(dl);
  }

  // -- find ---------------------------------------------------------------------------------------------------
  var lastQuery = "", lastHits = [], hitIndex = 0;
  function find(q) {
    q = (q || "").trim().toLowerCase();
    var status = document.getElementById("pk-find-status");
    if (!q) return null;
    if (q !== lastQuery) {
      var byLabel = [], byText = [];
      nodeSet.forEach(function (n) {
        if (!nodeShown(n)) return;
        if ((n.label || "").toLowerCase().indexOf(q) >= 0) byLabel.push(n.id);
        else if (((n.search || "") + " " + ((panels[n.id] || {}).text || "")).toLowerCase().indexOf(q) >= 0) byText.push(n.id);
      });
      lastQuery = q; lastHits = byLabel.concat(byText); hitIndex = 0;
    } else {
      hitIndex = lastHits.length ? (hitIndex + 1) % lastHits.length : 0;
    }
    if (!lastHits.length) {
      if (status) status.textContent = "nothing matches";
      return null;
    }
    var id = lastHits[hitIndex];
    focusNode(id);
    if (status) status.textContent = (hitIndex + 1) + " of " + lastHits.length + (lastHits.length > 1 ? " (find again for the next)" : "");
    return id;
  }
  state.find = find;

  // -- group --------------------------------------------------------------------------------------------------
  function group(fieldName) {
    var network = state.network;
    clusters.forEach(function (c) { if (network.isCluster(c)) network.openCluster(c); });
    clusters = [];
    if (!fieldName) { network.fit({ animation: false }); return; }
    var counts = {};
    nodeSet.forEach(function (n) { if (n.kind === "Task" && n[fieldName] && nodeShown(n)) counts[n[fieldName]] = (counts[n[fieldName]] || 0) + 1; });
    Object.keys(counts).forEach(function (value, i) {
      if (counts[value] < 2) return;
      var cid = "cluster:" + fieldName + ":" + i;
      network.cluster({
        joinCondition: function (n) { return n.kind === "Task" && n[fieldName] === value; },
        clusterNodeProperties: { id: cid, label: value + " (" + counts[value] + " tasks)", shape: "box", kind: "cluster",
          color: { background: "#fef3c7", border: "#b45309" }, font: { size: 16 }, borderWidth: 2 }
      });
      clusters.push(cid);
    });
    // a short run of physics makes room for the group nodes, then the picture is fitted again
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilized", function () { network.setOptions({ physics: { enabled: false } }); network.fit({ animation: false }); });
    network.stabilize(80);
  }
  state.group = group;

  // -- expand -------------------------------------------------------------------------------------------------
  function addItems(items, around) {
    var pos = around ? state.network.getPositions([around])[around] : { x: 0, y: 0 };
    var fresh = items.nodes.filter(function (n) { return !nodeSet.get(n.id); });
    var added = fresh.map(function (n, i) {
      var c = prepareNode(n), angle = 2 * Math.PI * i / Math.max(1, fresh.length);
      c.x = pos.x + 160 * Math.cos(angle); c.y = pos.y + 160 * Math.sin(angle);
      c.fixed = false;
      return c;
    });
    nodeSet.add(added);
    var edges = items.edges.map(prepareEdge).filter(Boolean);
    edgeSet.add(edges);
    refilter();
    return { nodes: added.length, edges: edges.length };
  }
  function expand(id) {
    var status = document.getElementById("pk-status");
    if (!data.neighbours) {
      if (status) status.textContent = "expanding needs the page served by policykg serve";
      return Promise.resolve(null);
    }
    if (status) status.textContent = "fetching the neighbours…";
    return fetch(data.neighbours + "?id=" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (items) {
        var got = addItems(items, id);
        state.expanded += 1;
        if (status) status.textContent = "expanded: " + got.nodes + " new nodes, " + got.edges + " new lines";
        return got;
      })
      .catch(function (e) { if (status) status.textContent = "could not expand: " + e.message; return null; });
  }
  state.expand = expand;

  // -- export -------------------------------------------------------------------------------------------------
  function download(href, name) {
    var a = el("a");
    a.href = href; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }
  function fileName(ext) {
    return ("policykg-" + data.kind + (data.key ? "-" + data.key : "")).replace(/[\\/:*?"<>|\s]+/g, "_") + "." + ext;
  }
  function csv() {
    var table = document.getElementById("pk-rows");
    var lines = [];
    function quote(v) { v = String(v); return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
    lines.push(Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return quote(c.textContent); }).join(","));
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      lines.push(Array.prototype.map.call(r.cells, function (c) { return quote(c.textContent); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  state.csv = csv;

  // -- the table ----------------------------------------------------------------------------------------------
  function markRow(id) {
    var rows = document.querySelectorAll("#pk-rows tbody tr");
    Array.prototype.forEach.call(rows, function (r) { r.classList.toggle("pk-current", r.getAttribute("data-id") === id); });
  }
  function setupTable() {
    var table = document.getElementById("pk-rows");
    if (!table) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener("click", function () {
        var col = +th.getAttribute("data-col"), asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          return (asc ? 1 : -1) * x.localeCompare(y, "zh-CN", { numeric: true });
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    table.tBodies[0].addEventListener("click", function (ev) {
      var tr = ev.target.closest("tr");
      if (tr && focusNode(tr.getAttribute("data-id"))) window.scrollTo({ top: 0 });
    });
  }

  // -- wiring -------------------------------------------------------------------------------------------------
  function prepareNode(n) {
    var c = Object.assign({}, n);
    c.title = tooltip(n);
    delete c.tip;
    panels[n.id] = n.panel;
    delete c.panel;
    return c;
  }
  function prepareEdge(e) {
    var key = e.from + "|" + e.to + "|" + (e.skey || e.rel);
    if (edgeKeys[key]) return null;
    edgeKeys[key] = true;
    var c = Object.assign({}, e);
    c.id = "e" + Object.keys(edgeKeys).length;
    c.title = tooltip(e);
    delete c.tip;
    edgePanels[c.id] = e.panel;
    delete c.panel;
    return c;
  }
  function setupTools() {
    var form = document.getElementById("pk-find-form");
    if (form) form.addEventListener("submit", function (ev) { ev.preventDefault(); find(document.getElementById("pk-find").value); });
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (box) {
      box.addEventListener("change", function () {
        hidden[box.getAttribute("data-filter")][box.getAttribute("data-value")] = !box.checked;
        refilter();
      });
    });
    var sel = document.getElementById("pk-group");
    if (sel) sel.addEventListener("change", function () { group(sel.value); });
    document.getElementById("pk-png").addEventListener("click", function () {
      var canvas = document.querySelector("#pk-network canvas");
      if (canvas) download(canvas.toDataURL("image/png"), fileName("png"));
    });
    document.getElementById("pk-csv").addEventListener("click", function () {
      var blob = new Blob(["\ufeff" + csv()], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      download(url, fileName("csv"));
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
    setupTable();
  }

  function start() {
    data = JSON.parse(document.getElementById("pk-data").textContent);
    nodeSet = new vis.DataSet(data.nodes.map(prepareNode));
    edgeSet = new vis.DataSet(data.edges.map(prepareEdge).filter(Boolean));
    nodeView = new vis.DataView(nodeSet, { filter: nodeShown });
    edgeView = new vis.DataView(edgeSet, { filter: edgeShown });
    state.nodes = nodeSet.length;
    state.edges = edgeSet.length;
    setupTools();
    var container = document.getElementById("pk-network");
    if (!nodeSet.length) {
      document.getElementById("pk-empty").style.display = "block";
      finish("empty");
      return;
    }
    state.setupMs = Math.round(performance.now() - started);  // data read, panel, table and tools ready
    var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
    state.network = network;
    // a white ground, so an exported PNG is not transparent
    network.on("beforeDrawing", function (ctx) {
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
    });
    network.on("click", function (p) {
      if (p.nodes.length) {
        var id = p.nodes[0];
        if (network.isCluster(id)) return;
        showNode(id);
      } else if (p.edges.length && edgePanels[p.edges[0]]) {
        showEdge(p.edges[0]);
      }
    });
    network.on("doubleClick", function (p) {
      if (!p.nodes.length) return;
      if (network.isCluster(p.nodes[0])) { network.openCluster(p.nodes[0]); return; }
      expand(p.nodes[0]);
    });
    var bar = document.querySelector("#pk-loading .bar div");
    network.on("stabilizationProgress", function (p) {
      if (bar) bar.style.width = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () { finish("stabilized"); });
    // a safety net: physics never runs for longer than this, settled or not
    setTimeout(function () { finish("time limit"); }, data.maxLayoutMs || 15000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
