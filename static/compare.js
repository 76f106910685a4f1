// Comparison pages: choosing a pair, linked highlights, the 繁→简 toggle,
// the theme filter and "only differences". Without it the pages still
// show every row, and the pair list and overview links work.
(function () {
  "use strict";

  // The chooser on compare/index.html.
  var chooser = document.getElementById("chooser");
  if (chooser) {
    // The pairs with a page of their own, by position in the lists: the
    // list of pairs itself may be split over several pages.
    var index = JSON.parse(document.getElementById("pair-index").textContent);
    var ids = Array.prototype.map.call(chooser.elements.a.options, function (o) { return o.value; });
    var rendered = function (a, b) {
      var i = ids.indexOf(a), j = ids.indexOf(b);
      return (index[Math.min(i, j)] || []).indexOf(Math.max(i, j)) >= 0;
    };
    // The page lists the documents once, for the first select: the
    // second is filled from it (the form shows only with this script),
    // which halves what a corpus of thousands puts on the page.
    var first = chooser.elements.a, second = chooser.elements.b;
    Array.prototype.forEach.call(first.options, function (o) { second.appendChild(o.cloneNode(true)); });
    second.selectedIndex = Math.min(1, second.options.length - 1);
    // The box above each select keeps the documents whose title (a
    // 繁體 one also read as 简体) or id holds every word typed: a select
    // of thousands is not otherwise searchable.
    Array.prototype.forEach.call(chooser.querySelectorAll(".pick-filter"), function (box) {
      var select = document.getElementById(box.getAttribute("data-for"));
      var docs = Array.prototype.map.call(select.options, function (o) {
        return { option: o, text: (o.textContent + " " + (o.getAttribute("data-s") || "") + " " + o.value).toLowerCase() };
      });
      box.addEventListener("input", function () {
        var words = box.value.toLowerCase().split(/\s+/).filter(Boolean), chosen = select.value;
        var kept = docs.filter(function (d) {
          return words.every(function (w) { return d.text.indexOf(w) >= 0; });
        });
        while (select.firstChild) select.removeChild(select.firstChild);
        kept.forEach(function (d) { select.appendChild(d.option); });
        if (kept.some(function (d) { return d.option.value === chosen; })) select.value = chosen;
        document.getElementById("chooser-msg").textContent = words.length ? "筛出 " + kept.length + " 份文件。" : "";
      });
    });
    chooser.hidden = false;
    chooser.addEventListener("submit", function (e) {
      e.preventDefault();
      var a = chooser.elements.a.value, b = chooser.elements.b.value;
      var msg = document.getElementById("chooser-msg");
      if (!a || !b) { msg.textContent = "请先放宽筛选条件，各选一份文件。"; return; }
      if (a === b) { msg.textContent = "请选择两份不同的文件。"; return; }
      window.location.href = rendered(a, b) ? pairPage(a, b) : "index.html?" + live(a, b);
    });
    // The pairs the build did not compare are compared in the browser
    // (livecompare.js), at an address that can be shared.
    var view = document.getElementById("adhoc"), u = new URLSearchParams(location.search);
    var qa = u.get("a"), qb = u.get("b");
    // A document's page links here with itself as the first document:
    // the reader picks the second.
    if (qa && !qb && ids.indexOf(qa) >= 0) {
      first.value = qa;
      if (second.value === qa) second.selectedIndex = ids.indexOf(qa) === 0 ? 1 : 0;
      chooser.querySelector('.pick-filter[data-for="pick-b"]').focus();
    }
    if (view && qa && qb) {
      if (rendered(qa, qb)) {
        window.location.replace(pairPage(qa, qb));
        return;
      }
      // The comparison is the page now: the lists of pairs under it are
      // left out, and so never laid out (660 KB of page at 2,000
      // documents).
      Array.prototype.forEach.call(document.querySelectorAll("main > section:not(#adhoc)"), function (s) { s.hidden = true; });
      if (ids.indexOf(qa) >= 0) first.value = qa;
      if (ids.indexOf(qb) >= 0) second.value = qb;
      // The pairs that have a page, for the document chosen first: the
      // ones most like it.
      var partners = function (id) {
        var i = ids.indexOf(id), out = (index[i] || []).slice();
        index.forEach(function (later, k) { if (k < i && later.indexOf(i) >= 0) out.push(k); });
        return out.sort(function (x, y) { return x - y; }).map(function (k) { return ids[k]; });
      };
      window.tiaowenLiveCompare(view, qa, qb, partners).then(function (drawn) {
        if (!drawn) return;
        var label = document.getElementById("adhoc-fold-label");
        if (label) label.hidden = !drawn.foldSide;
        tools(view.querySelector(".cmp"), {
          bar: document.getElementById("adhoc-tools"), fold: drawn.foldSide ? document.getElementById("adhoc-fold") : null,
          foldMap: drawn.foldMap, foldSide: drawn.foldSide, diffs: document.getElementById("adhoc-diffs"),
          themes: document.getElementById("adhoc-theme"), status: document.getElementById("adhoc-status"),
          overview: Array.prototype.slice.call(view.querySelectorAll(".overview .ov"))
        });
      });
    }
    return;
  }

  // lightTwins has hovering a shared passage in the comparison table cmp
  // light up its twin.
  function lightTwins(cmp) {
    var light = function (mark, on) {
      var row = mark.closest(".cmp-row");
      row.querySelectorAll('mark.sh[data-k="' + mark.getAttribute("data-k") + '"]').forEach(function (m) {
        m.classList.toggle("hl", on);
      });
    };
    cmp.addEventListener("mouseover", function (e) { var m = e.target.closest("mark.sh"); if (m) light(m, true); });
    cmp.addEventListener("mouseout", function (e) { var m = e.target.closest("mark.sh"); if (m) light(m, false); });
  }

  // pairPage is the address of the pair page of a and b, relative to the
  // chooser: the one that sorts first byte-wise comes first.
  function pairPage(a, b) {
    return (a < b ? a + "--" + b : b + "--" + a) + "/index.html";
  }

  // live is the query of the in-browser comparison of a and b, in the
  // same order as pairPage's.
  function live(a, b) {
    var u = new URLSearchParams();
    u.set("a", a < b ? a : b);
    u.set("b", a < b ? b : a);
    return u.toString();
  }

  // A pair page: its table and tools.
  var cmp = document.querySelector(".cmp");
  if (!cmp) return;
  var mapEl = document.getElementById("fold-map");
  tools(cmp, {
    bar: document.getElementById("cmp-tools"), fold: document.getElementById("fold"),
    foldMap: mapEl && JSON.parse(mapEl.textContent), foldSide: mapEl && mapEl.getAttribute("data-side"),
    diffs: document.getElementById("diffs"), themes: document.getElementById("theme-filter"),
    status: document.getElementById("cmp-status"),
    overview: Array.prototype.slice.call(document.querySelectorAll(".overview .ov"))
  });

  // tools sets up a comparison table's tools, those of ui that are not
  // null: the bar that holds them, shown; a 繁→简 toggle (fold) for the
  // traditional side foldSide ("a" or "b"), by foldMap (character →
  // character); "only differences" (diffs); a theme filter (themes),
  // by the rows' data-themes; the status line; and the overview strip's
  // entries, one a row, dimmed with their rows.
  function tools(cmp, ui) {
    if (ui.bar) ui.bar.hidden = false;
    var rows = Array.prototype.slice.call(cmp.querySelectorAll(".cmp-row:not(.cmp-head)"));
    lightTwins(cmp);

    // 繁→简 toggle for a traditional side.
    var foldBox = ui.fold;
    if (foldBox && ui.foldMap) {
      var map = ui.foldMap, side = ui.foldSide;
      var originals = new Map();
      foldBox.addEventListener("change", function () {
        cmp.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-" + side).forEach(function (cell) {
          var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (var n = walker.nextNode(); n; n = walker.nextNode()) {
            if (foldBox.checked) {
              // By code point, not UTF-16 unit: a character outside
              // the Basic Multilingual Plane (𠁞 → 𠀾) is one key.
              var t = n.nodeValue, out = "";
              for (var ch of t) out += map[ch] || ch;
              if (out !== t) { originals.set(n, t); n.nodeValue = out; }
            } else if (originals.has(n)) {
              n.nodeValue = originals.get(n);
            }
          }
          cell.setAttribute("lang", foldBox.checked ? "zh-Hans" : "zh-Hant");
        });
        if (!foldBox.checked) originals.clear();
      });
    }

    // Filters: a theme, and only the rows that differ.
    var themeSel = ui.themes, diffs = ui.diffs, overview = ui.overview || [];
    var apply = function () {
      var theme = themeSel ? themeSel.value : "";
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = true;
        if (theme && (" " + (r.getAttribute("data-themes") || "") + " ").indexOf(" " + theme + " ") < 0) ok = false;
        if (diffs && diffs.checked && r.classList.contains("same")) ok = false;
        r.hidden = !ok;
        if (overview[i]) overview[i].classList.toggle("off", !ok);
        if (ok) shown++;
      });
      ui.status.textContent = (theme || (diffs && diffs.checked)) ? "显示 " + shown + " / " + rows.length + " 行" : "";
    };
    if (themeSel) themeSel.addEventListener("change", apply);
    // Only differences: rows that say nothing new go, and in the others
    // the shared passages shrink to a gap mark, leaving what differs.
    var gapsAdded = false;
    if (diffs) diffs.addEventListener("change", function () {
      if (diffs.checked && !gapsAdded) {
        gapsAdded = true;
        cmp.querySelectorAll("mark.sh").forEach(function (m) {
          var gap = document.createElement("span");
          gap.className = "gap";
          gap.title = "两侧共有的语句";
          gap.textContent = "⋯";
          m.after(gap);
        });
      }
      cmp.classList.toggle("diffs-only", diffs.checked);
      apply();
    });
  }
})();
