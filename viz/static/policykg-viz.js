// policykg network views: draws the network described in <script id="pk-data" type="application/json">
// with vis-network, lays it out with physics until it settles, then stops the physics.
// window.policykgViz = {network, nodes, edges, ready, layoutMs} for tests and benchmarks.
(function () {
  "use strict";
  var started = performance.now();
  var state = { network: null, nodes: 0, edges: 0, ready: false, layoutMs: null, stoppedBy: null };
  window.policykgViz = state;

  function tooltip(item) {
    // hover text is plain text (no HTML from the documents is ever interpreted): heading, body, provenance
    if (!item.tip) return undefined;
    var el = document.createElement("div");
    el.className = "pk-tip";
    var head = document.createElement("b");
    head.textContent = item.tip.head || "";
    el.appendChild(head);
    if (item.tip.body) el.appendChild(document.createTextNode(item.tip.body));
    if (item.tip.prov) {
      var prov = document.createElement("span");
      prov.className = "pk-prov";
      prov.textContent = item.tip.prov;
      el.appendChild(prov);
    }
    return el;
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
    document.body.setAttribute("data-ready", "true");
  }

  function start() {
    var data = JSON.parse(document.getElementById("pk-data").textContent);
    var nodes = data.nodes.map(function (n) { var c = Object.assign({}, n); c.title = tooltip(n); delete c.tip; return c; });
    var edges = data.edges.map(function (e) { var c = Object.assign({}, e); c.title = tooltip(e); delete c.tip; return c; });
    state.nodes = nodes.length;
    state.edges = edges.length;
    var container = document.getElementById("pk-network");
    if (!nodes.length) {
      document.getElementById("pk-empty").style.display = "block";
      finish("empty");
      return;
    }
    var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, data.options);
    state.network = network;
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
