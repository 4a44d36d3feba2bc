// The landing page's search box filters the three lists as you type (the form still works without script).
(function () {
  "use strict";
  var box = document.getElementById("pk-q");
  if (!box) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
  function filter() {
    var q = box.value.trim().toLowerCase();
    items.forEach(function (li) {
      li.style.display = !q || li.getAttribute("data-search").toLowerCase().indexOf(q) >= 0 ? "" : "none";
    });
  }
  box.addEventListener("input", filter);
  document.body.setAttribute("data-ready", "true");
})();
