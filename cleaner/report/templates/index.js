(function () {
  "use strict";
  // Sorting by column and filtering by name, severity, engine and garble score. Without
  // JavaScript the table is shown as rendered: every article, worst first.
  var table = document.querySelector(".index table");
  var bar = document.querySelector(".filters");
  if (!table || !bar) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var none = document.querySelector(".filtered-out");
  var count = bar.querySelector(".f-count");
  var inputs = {
    text: document.getElementById("f-text"),
    severity: document.getElementById("f-severity"),
    engine: document.getElementById("f-engine"),
    score: document.getElementById("f-score")
  };
  var sortBy = document.getElementById("f-sort");
  bar.hidden = false;

  function has(row, attr, word) { return !word || (" " + row.getAttribute(attr) + " ").indexOf(" " + word + " ") >= 0; }
  function filter() {
    var text = inputs.text.value.trim().toLowerCase();
    var least = parseFloat(inputs.score.value) || 0;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!text || row.getAttribute("data-name").toLowerCase().indexOf(text) >= 0) &&
        has(row, "data-severities", inputs.severity.value) &&
        has(row, "data-engines", inputs.engine.value) &&
        parseFloat(row.getAttribute("data-score")) >= least;
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " articles";
    if (none) { none.hidden = shown > 0; }
  }

  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
  function sort(key, dir) {
    var th = table.querySelector('th[data-sort="' + key + '"]');
    var numeric = th && th.getAttribute("data-type") === "num";
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    if (th) { th.setAttribute("aria-sort", dir); }
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return sign * c || a.getAttribute("data-name").localeCompare(b.getAttribute("data-name"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    var wanted = key + " " + dir;
    if (sortBy && Array.prototype.some.call(sortBy.options, function (o) { return o.value === wanted; })) { sortBy.value = wanted; }
  }
  heads.forEach(function (th) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "sort";
    btn.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(btn);
    btn.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "num";
      var current = th.getAttribute("aria-sort");
      var dir = current ? (current === "descending" ? "ascending" : "descending") : (numeric ? "descending" : "ascending");
      sort(th.getAttribute("data-sort"), dir);
    });
  });
  if (sortBy) {
    sortBy.addEventListener("change", function () {
      var parts = sortBy.value.split(" ");
      sort(parts[0], parts[1]);
    });
  }
  Object.keys(inputs).forEach(function (k) { inputs[k].addEventListener("input", filter); inputs[k].addEventListener("change", filter); });
  filter();
})();
