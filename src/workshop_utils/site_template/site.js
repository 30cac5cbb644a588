/* workshop site search: vanilla JavaScript over window.SITE_INDEX (search-index.js, written at build time).
   No request leaves the page: the index is a local script, so this works from file:// as from any host. */
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var panel = document.getElementById("search-results");
  var index = window.SITE_INDEX || [];
  if (!box || !panel) { return; }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    if (at < 0) { return text.slice(0, 140); }
    var from = Math.max(0, at - 60);
    return (from > 0 ? "\u2026" : "") + text.slice(from, at + 100) + "\u2026";
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) { return null; }
    var hits = [];
    index.forEach(function (entry) {
      var heading = entry.h.toLowerCase();
      var body = entry.x.toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inHeading = heading.indexOf(terms[i]) >= 0;
        var times = body.split(terms[i]).length - 1;
        if (!inHeading && !times) { return; }
        score += (inHeading ? 5 : 0) + Math.min(times, 5);
      }
      hits.push({entry: entry, score: score});
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return {terms: terms, hits: hits.slice(0, 20), total: hits.length};
  }

  function show(result) {
    panel.textContent = "";
    if (!result) { return; }
    if (!result.hits.length) {
      var none = document.createElement("p");
      none.textContent = "Nothing found for \u201c" + box.value + "\u201d.";
      panel.appendChild(none);
      return;
    }
    var count = document.createElement("p");
    count.textContent = result.total + (result.total === 1 ? " place" : " places") + " found.";
    panel.appendChild(count);
    var list = document.createElement("ol");
    result.hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.u;
      link.textContent = hit.entry.h;
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = hit.entry.p + ": " + snippet(hit.entry.x, result.terms[0]);
      item.appendChild(link);
      item.appendChild(where);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  var timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(search(box.value)); }, 120);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { box.value = ""; show(null); }
    if (event.key === "Enter") { event.preventDefault(); show(search(box.value)); }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { box.value = query; show(search(query)); }
}());
