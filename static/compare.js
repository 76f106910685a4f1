// Comparison pages: choosing a pair, linked highlights, the 繁→简 toggle,
// the theme filter, "only differences", the word-by-word view, and the
// table saved as a spreadsheet or a Word document. Without it the pages
// still show every row, and the pair list and overview links work.
(function () {
  "use strict";
  // The folder this script was loaded from, where jsdiff.min.js and
  // docx.js sit beside it, and its address's version, which covers them
  // (internal/site's assets.go).
  var ownSrc = document.currentScript ? document.currentScript.src : "";
  var staticDir = ownSrc.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
  var ownVersion = (ownSrc.match(/\?[^#]*/) || [""])[0];
  // The scripts loadScript has begun to load, by name. (Set here, as the
  // chooser's part returns before the functions at the end.)
  var loading = {};

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
    // 繁體 one also read as 简体) or id holds every word typed, matched
    // as the search matches (searchdata.js): a select of thousands is
    // not otherwise searchable. The search's tables load when a box is
    // first used; the titles are then folded with them, and what was
    // typed meanwhile filtered again.
    var match = window.tiaowenWordFilter(chooser.getAttribute("data-index"));
    var pickers = [], refolded = null;
    var foldAsSearched = function () {
      if (!refolded) refolded = match.ready().then(function () {
        pickers.forEach(function (p) {
          p.fold();
          if (p.box.value) p.filter();
        });
      });
    };
    pickers = Array.prototype.map.call(chooser.querySelectorAll(".pick-filter"), function (box) {
      var select = document.getElementById(box.getAttribute("data-for"));
      var docs = Array.prototype.map.call(select.options, function (o) { return { option: o }; });
      var fold = function () {
        docs.forEach(function (d) { d.text = match.text([d.option.textContent, d.option.getAttribute("data-s"), d.option.value]); });
      };
      var filter = function () {
        var words = match.words(box.value), chosen = select.value;
        var kept = docs.filter(function (d) { return match.has(d.text, words); });
        while (select.firstChild) select.removeChild(select.firstChild);
        kept.forEach(function (d) { select.appendChild(d.option); });
        if (kept.some(function (d) { return d.option.value === chosen; })) select.value = chosen;
        document.getElementById("chooser-msg").textContent = words.length ? "筛出 " + kept.length + " 份文件。" : "";
      };
      fold();
      box.addEventListener("focus", foldAsSearched);
      box.addEventListener("input", function () { foldAsSearched(); filter(); });
      return { box: box, fold: fold, filter: filter };
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
        // The pair has a page now: the same view and row there.
        var keep = new URLSearchParams();
        if (u.get("view") === "words") keep.set("view", "words");
        if (u.get("order") === "b") keep.set("order", "b");
        window.location.replace(pairPage(qa, qb) + (keep.toString() ? "?" + keep : "") + location.hash);
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
          themes: document.getElementById("adhoc-theme"), words: document.getElementById("adhoc-words"),
          status: document.getElementById("adhoc-status"), summary: document.getElementById("adhoc-note"),
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

  // markMoved finds the rows of rows (in the first document's order, as
  // the page has them) whose sections the two documents have in other
  // orders: a b cell's data-n says where its section stands in the
  // second. Of the rows that pair two sections, those of the longest
  // run whose b sections rise are in order in both; each other one is of
  // the class moved, as is its entry in the overview strip (the entry
  // of row i of rows is overview[i]; its title says so too). Each side
  // of a moved row has a note: after which section its own document has
  // it, for when the rows follow the other document. markMoved returns
  // {show, count}: show(side) puts the notes of side ("a" or "b") on
  // their headings as data-moved, which CSS shows (generated content,
  // so that what is read and saved from the cells is theirs alone), and
  // takes the other side's away; the b notes are shown to begin with, as
  // the rows follow a; count is how many rows moved.
  function markMoved(rows, overview) {
    var paired = [], inB = {}, prevA = {}, lastA = null;
    rows.forEach(function (r, i) {
      var a = r.querySelector(".cmp-a[id]"), b = r.querySelector(".cmp-b[id][data-n]");
      if (b) inB[b.getAttribute("data-n")] = b;
      if (a) { prevA[a.id] = lastA; lastA = a; }
      if (a && b) paired.push({ row: r, a: a, b: b, entry: overview[i] });
    });
    var name = function (cell) {
      var h = cell && cell.querySelector(".cmp-h");
      return h ? (h.querySelector(".marker") || h).textContent.trim() || h.textContent.trim() : "";
    };
    var note = function (who, before) {
      return "次序有变：" + who + (before ? "中此条在「" + before + "」之后" : "以此条开头");
    };
    var kept = {}, notes = [];
    longestRising(paired.map(function (x) { return +x.b.getAttribute("data-n"); })).forEach(function (i) { kept[i] = true; });
    paired.forEach(function (x, i) {
      if (kept[i]) return;
      x.row.classList.add("moved");
      if (x.entry) {
        x.entry.classList.add("moved");
        x.entry.title += "（次序有变）";
      }
      notes.push({ a: x.a.querySelector(".cmp-h"), b: x.b.querySelector(".cmp-h"),
        text: { a: note("前者", name(prevA[x.a.id])), b: note("后者", name(inB[+x.b.getAttribute("data-n") - 1])) } });
    });
    var showMoved = function (side) {
      notes.forEach(function (x) {
        ["a", "b"].forEach(function (s) {
          if (!x[s]) return;
          if (s === side) x[s].setAttribute("data-moved", x.text[s]); else x[s].removeAttribute("data-moved");
        });
      });
    };
    showMoved("b");
    return { show: showMoved, count: notes.length };
  }

  // inOrderOf is the rows (in the first document's order) in the order
  // of document side: as they are for "a"; for "b", the rows of a b
  // section in the second's order, each followed by the rows of the
  // first's sections alone that followed it (those before any at the
  // start).
  function inOrderOf(rows, side) {
    if (side !== "b") return rows.slice();
    var lead = [], withB = [], after = new Map(), last = null;
    rows.forEach(function (r) {
      var b = r.querySelector(".cmp-b[data-n]");
      if (b) { withB.push({ row: r, n: +b.getAttribute("data-n") }); after.set(r, []); last = r; }
      else if (last) after.get(last).push(r);
      else lead.push(r);
    });
    withB.sort(function (x, y) { return x.n - y.n; });
    var out = lead;
    withB.forEach(function (x) { out.push(x.row); Array.prototype.push.apply(out, after.get(x.row)); });
    return out;
  }

  // orderBoxID is the id of the tools' 按后者次序 box: the build writes
  // cmp-tools-order on a pair page.
  function orderBoxID(ui) {
    return (ui.bar.id || "cmp") + "-order";
  }

  // orderBox adds to the tools a box that lays the rows out in the
  // second document's order — as a 新旧对照表 follows the new text — and
  // back: rows and overview (the strip's entries, one a row) are put in
  // that order, in the page and in the arrays, so that the filters and
  // the saved tables follow; moved's notes are those of the side out of
  // order; the reader's place stays where it was; the address keeps the
  // choice (?order=b). ui.orderedBy() then says which order is shown.
  function orderBox(cmp, ui, rows, overview, moved) {
    // A pair page's build writes the box where rows are out of order
    // (pairData.Reordered), so that the bar has its place from the first
    // paint; a comparison drawn here gets one made.
    var box = document.getElementById(orderBoxID(ui));
    if (!box) {
      var label = document.createElement("label");
      box = document.createElement("input");
      box.type = "checkbox";
      box.id = orderBoxID(ui);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" 按后者次序"));
      ui.bar.insertBefore(label, ui.status);
    }
    var inA = rows.slice(), stripInA = overview.slice();
    var arrange = function (side) {
      // The row at the top of the window, to keep it there.
      var top = null, at = 0;
      for (var i = 0; i < rows.length && !top; i++) {
        var rect = rows[i].getBoundingClientRect();
        if (!rows[i].hidden && rect.bottom > 0) { top = rows[i]; at = rect.top; }
      }
      var order = inOrderOf(inA, side), where = new Map();
      inA.forEach(function (r, i) { where.set(r, i); });
      order.forEach(function (r, i) {
        r.parentNode.appendChild(r);
        rows[i] = r;
        var entry = stripInA[where.get(r)];
        if (entry) { entry.parentNode.appendChild(entry); overview[i] = entry; }
      });
      moved.show(side === "b" ? "a" : "b");
      if (top) window.scrollBy(0, top.getBoundingClientRect().top - at);
    };
    box.addEventListener("change", function () {
      arrange(box.checked ? "b" : "a");
      inAddress("order", box.checked ? "b" : null);
    });
    if (new URLSearchParams(location.search).get("order") === "b") {
      box.checked = true;
      arrange("b");
    }
    ui.orderedBy = function () { return box.checked ? "b" : "a"; };
  }

  // inAddress sets the address's parameter name to value, or removes it
  // for null, without a new entry in the history, so that a link to the
  // page opens it as the reader set it; a page opened from disk may
  // refuse, which costs only the link.
  function inAddress(name, value) {
    var u = new URLSearchParams(location.search);
    if (value === null) u.delete(name); else u.set(name, value);
    var q = u.toString();
    try {
      history.replaceState(null, "", (q ? "?" + q : location.pathname.replace(/^.*\//, "")) + location.hash);
    } catch (e) {}
  }

  // longestRising is the positions in ns of a longest strictly rising
  // run of its numbers (patience sorting: n log n, as a pair page may
  // have hundreds of rows).
  function longestRising(ns) {
    var tails = [], back = [];
    ns.forEach(function (n, i) {
      var lo = 0, hi = tails.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (ns[tails[mid]] < n) lo = mid + 1; else hi = mid;
      }
      back[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
    });
    var run = [];
    for (var k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = back[k]) run.unshift(k);
    return run;
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
    words: document.getElementById("words"), status: document.getElementById("cmp-status"),
    summary: document.getElementById("cmp-tools") && document.getElementById("cmp-tools").previousElementSibling,
    overview: Array.prototype.slice.call(document.querySelectorAll(".overview .ov"))
  });

  // tools sets up a comparison table's tools, those of ui that are not
  // null: the bar that holds them, shown; a 繁→简 toggle (fold) for the
  // traditional sides foldSide ("a", "b" or "ab"), by foldMap
  // (internal/hanconv's entries, converted by static/hanconv.js); "only
  // differences" (diffs); a theme filter (themes), by the rows' data-themes; the word-by-word view (words); the status
  // line; the summary above the table (the count of rows and shared
  // passages), which a saved Word document repeats; and the overview
  // strip's entries, one a row, dimmed with their rows.
  function tools(cmp, ui) {
    if (ui.bar) ui.bar.hidden = false;
    // The 繁→简 conversion (static/hanconv.js, loaded before this script
    // where a side is in 繁體).
    ui.simplify = ui.foldMap && window.tiaowenHanconv ? window.tiaowenHanconv.simplifier(ui.foldMap) : null;
    var rows = Array.prototype.slice.call(cmp.querySelectorAll(".cmp-row:not(.cmp-head)"));
    var overview = ui.overview || [];
    // The rows in the first document's order, as the page has them,
    // whatever order the reader puts them in.
    var inA = rows.slice();
    lightTwins(cmp);
    var moved = markMoved(rows, overview);
    if (ui.bar && moved.count) orderBox(cmp, ui, rows, overview, moved);
    else if (ui.bar) unused(document.getElementById(orderBoxID(ui)));

    // 繁→简 toggle for a traditional side. foldCell shows one of its
    // cells folded or as written; the word-by-word view unfolds a cell
    // while it cuts the cell's text nodes, and folds it again after.
    var foldBox = ui.fold, foldCell = null, foldSide = "";
    if (foldBox && ui.simplify) {
      var originals = new Map();
      foldSide = ui.foldSide;
      foldCell = function (cell, on) {
        window.tiaowenHanconv.convertText(cell, ui.simplify, originals, on);
        cell.setAttribute("lang", on ? "zh-Hans" : "zh-Hant");
      };
      foldBox.addEventListener("change", function () {
        cmp.querySelectorAll(foldSide.split("").map(function (side) {
          return ".cmp-row:not(.cmp-head) .cmp-" + side;
        }).join(", ")).forEach(function (cell) {
          foldCell(cell, foldBox.checked);
        });
        // The choice is the reader's across the site: a 繁體 document's
        // pages read in 简体 by it too (site.js), and it by theirs.
        try {
          if (foldBox.checked) localStorage.setItem("tiaowen-script", "zh-Hans"); else localStorage.removeItem("tiaowen-script");
        } catch (e) {}
      });
      // The box starts as the reader chose, not as a browser may have
      // restored it without its text.
      var remembered = false;
      try { remembered = localStorage.getItem("tiaowen-script") === "zh-Hans"; } catch (e) {}
      foldBox.checked = remembered;
      if (remembered) foldBox.dispatchEvent(new Event("change"));
    }
    // unfolded runs f with the traditional cells among cells as written.
    var unfolded = function (cells, f) {
      var folded = foldCell && foldBox.checked ? cells.filter(function (c) {
        return foldSide.split("").some(function (side) { return c.classList.contains("cmp-" + side); });
      }) : [];
      folded.forEach(function (c) { foldCell(c, false); });
      f();
      folded.forEach(function (c) { foldCell(c, true); });
    };
    var redline = ui.words ? wordByWord(cmp, rows, ui, unfolded) : null;
    if (ui.bar && window.tiaowenCSV && window.Blob && window.URL && URL.createObjectURL) spreadsheet(cmp, rows, ui, unfolded);
    if (ui.bar && window.Blob && window.URL && URL.createObjectURL && window.TextEncoder && window.DataView) {
      wordTable(cmp, rows, ui, unfolded);
      if (redline) revisedDraft(cmp, inA, ui, unfolded, redline);
    }
    // The downloads the build wrote that this browser cannot make go.
    if (ui.bar) {
      ui.bar.querySelectorAll(".downloads button:not([data-works])").forEach(unused);
      var group = ui.bar.querySelector(".downloads");
      if (group && !group.querySelector("button")) group.remove();
    }

    // Filters: a theme, and only the rows that differ.
    var themeSel = ui.themes, diffs = ui.diffs;
    var apply = function () {
      var theme = themeSel ? themeSel.value : "";
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = true;
        if (theme && (" " + (r.getAttribute("data-themes") || "") + " ").indexOf(" " + theme + " ") < 0) ok = false;
        if (diffs && diffs.checked && r.classList.contains("same") && !r.classList.contains("moved")) ok = false;
        r.hidden = !ok;
        if (overview[i]) overview[i].classList.toggle("off", !ok);
        if (ok) shown++;
      });
      ui.status.textContent = (theme || (diffs && diffs.checked)) ? "显示 " + shown + " / " + rows.length + " 行" : "";
    };
    if (themeSel) themeSel.addEventListener("change", apply);
    // Only differences: rows that say nothing new go — but for a pair
    // the two documents hold in other orders, whose move is a
    // difference: it stays, its note saying where, its text a gap mark —,
    // and in the others the shared passages shrink to a gap mark,
    // leaving what differs.
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

  // permalinks returns a function that gives the permalink of a section
  // from its heading's link in a comparison: on the web the canonical
  // one, under the site's root that the page's canonical address
  // (compare/… under it) gives; from disk the page's own link.
  function permalinks() {
    var canonical = document.querySelector("link[rel=canonical]");
    var root = canonical ? canonical.href.replace(/compare\/.*$/, "") : "";
    return function (head) {
      var at = (head.getAttribute("href") || "").match(/docs\/[^\/]+\/[^\/]+\//);
      return at ? (root ? root + at[0] : new URL(at[0] + "index.html", head.href.replace(/docs\/.*$/, "")).href) : head.href;
    };
  }

  // pairIDs returns the ids of the documents of the table cmp, as the
  // headings of its sections' cells link to them: the names of the files
  // saved from it.
  function pairIDs(cmp) {
    return ["a", "b"].map(function (x) {
      var h = cmp.querySelector(".cmp-" + x + " .cmp-h"), m = h && (h.getAttribute("href") || "").match(/docs\/([^\/]+)\//);
      return m ? m[1] : x;
    });
  }

  // savedFrom is the last line of a file saved from a comparison: the
  // page it was saved from — canonical on the web, with the chooser's
  // query for a comparison the browser computed (scope #adhoc) — and
  // the day.
  function savedFrom(scope) {
    var canonical = document.querySelector("link[rel=canonical]");
    var here = (canonical ? canonical.href : location.href.replace(/[?#].*$/, "")) + (scope === document ? "" : location.search);
    var today = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return "导出自：" + here + "（" + today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()) + "）";
  }

  // toolButton adds to the tools' downloads a button labelled text. The
  // downloads are one group, 下载：, before the status line, so that
  // three of them take a line's end and not a line of their own.
  function toolButton(ui, className, text) {
    // A pair page's build writes the group and its buttons, so that the
    // bar has its place from the first paint (templates/pair.html).
    var written = ui.bar.querySelector(".downloads button." + className);
    if (written) {
      ui.downloads = written.parentNode;
      written.setAttribute("data-works", "");
      return written;
    }
    if (!ui.downloads) {
      ui.downloads = document.createElement("span");
      ui.downloads.className = "downloads";
      ui.downloads.setAttribute("role", "group");
      ui.downloads.setAttribute("aria-label", "下载");
      ui.downloads.textContent = "下载：";
      ui.bar.insertBefore(ui.downloads, ui.status);
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = text;
    button.setAttribute("data-works", "");
    ui.downloads.appendChild(button);
    return button;
  }

  // unused takes away a control the build wrote for a tool that this
  // comparison, or this browser, does not have: the control, or the
  // label around it.
  function unused(el) {
    if (!el) return;
    (el.closest("label") || el).remove();
  }

  // spreadsheet adds to the tools a button that saves the rows shown as
  // a CSV file (static/csv.js), for a spreadsheet: a line a row, each
  // side's section by its eId, its number and title, its text as
  // written (paragraphs on lines of their own, a table's cells parted by
  // tabs) and its permalink, with the similarity between, and last,
  // for a pair whose order the two documents do not share, the note the
  // row shows (次序有变：…), so that a spreadsheet can filter by it.
  function spreadsheet(cmp, rows, ui, unfolded) {
    var button = toolButton(ui, "csv", "对照表 CSV");
    var permalink = permalinks();
    var side = function (cell) {
      var head = cell && cell.querySelector(".cmp-h");
      if (!head) return ["", "", "", ""];
      var parts = [];
      Array.prototype.forEach.call(cell.children, function (el) {
        if (el === head || el.classList.contains("none")) return;
        var copy = el.cloneNode(true);
        copy.querySelectorAll(".gap").forEach(function (g) { g.remove(); });
        if (copy.tagName === "TABLE" || copy.querySelector("table")) {
          copy.querySelectorAll("tr").forEach(function (tr) {
            parts.push(Array.prototype.map.call(tr.cells, function (c) { return c.textContent; }).join("\t"));
          });
        } else {
          parts.push(copy.textContent);
        }
      });
      return [cell.id.replace(/^[ab]-/, ""), head.textContent, parts.join("\n"), permalink(head)];
    };
    button.addEventListener("click", function () {
      var lines = [["前者条目", "前者标题", "前者文字", "前者链接", "相似度", "后者条目", "后者标题", "后者文字", "后者链接", "次序"]];
      unfolded(Array.prototype.slice.call(cmp.querySelectorAll(".cmp-a, .cmp-b")), function () {
        rows.forEach(function (r) {
          if (r.hidden) return;
          var score = r.querySelector(".score .badge"), moved = r.querySelector(".cmp-h[data-moved]");
          lines.push(side(r.querySelector(".cmp-a")).concat([score ? score.textContent : ""], side(r.querySelector(".cmp-b")),
            [moved ? moved.getAttribute("data-moved") : ""]));
        });
      });
      var ids = pairIDs(cmp);
      window.tiaowenCSV.save(ids[0] + "--" + ids[1] + ".csv", lines);
      ui.status.textContent = "已导出 " + (lines.length - 1) + " 行。";
    });
  }

  // wordTable adds to the tools a button that saves the rows shown as a
  // Word document (static/docx.js, loaded when first asked for): the
  // comparison's heading, its documents' particulars, the notes on
  // their relation and the summary, then
  // the table, each side's text as written with the shared passages
  // shaded — or, with the word-by-word view on, its marks instead.
  function wordTable(cmp, rows, ui, unfolded) {
    var button = toolButton(ui, "docx", "对照表 Word");
    var scope = cmp.closest("#adhoc") || document;
    button.addEventListener("click", function () {
      loadScript("docx.js", "tiaowenDocx").then(function (docx) {
        var heads = cmp.querySelectorAll(".cmp-head [role=columnheader]");
        var text = function (el) {
          if (!el) return "";
          var copy = el.cloneNode(true);
          copy.querySelectorAll("a[href$='.json']").forEach(function (a) { a.remove(); });
          return copy.textContent.replace(/\s+/g, " ").trim();
        };
        // The two documents' particulars, where either names the other,
        // whether they are versions of one document, and the summary.
        var lines = Array.prototype.map.call(scope.querySelectorAll(".pair-meta li, .named-note, .versions-note"), text);
        var summary = text(ui.summary);
        if (summary) lines.push(summary);
        var words = cmp.classList.contains("words");
        if (words) lines.push("逐词比对：删除线标出只见于前者的词语，下划线标出只见于后者的词语。");
        if (ui.orderedBy && ui.orderedBy() === "b") lines.push("条目按后者的次序排列；次序有变的条目，注明其在前者中的位置。");
        var doc = {
          title: "《" + text(heads[0]) + "》与《" + text(heads[2]) + "》逐条对照",
          lines: lines,
          head: [text(heads[0]), text(heads[1]), text(heads[2])],
          headLang: [heads[0] && heads[0].lang === "zh-Hant" ? "zh-TW" : "", heads[2] && heads[2].lang === "zh-Hant" ? "zh-TW" : ""],
          rows: [],
          source: savedFrom(scope),
          href: permalinks()
        };
        var ids = pairIDs(cmp);
        unfolded(Array.prototype.slice.call(cmp.querySelectorAll(".cmp-a, .cmp-b")), function () {
          rows.forEach(function (r) {
            if (r.hidden) return;
            var score = r.querySelector(".score .badge");
            doc.rows.push({ a: r.querySelector(".cmp-a"), score: score ? score.textContent : "", b: r.querySelector(".cmp-b") });
          });
          docx.save(ids[0] + "--" + ids[1] + ".docx", doc, words);
        });
        ui.status.textContent = "已导出 " + doc.rows.length + " 行。";
      }, function (e) {
        ui.status.textContent = e.message;
      });
    });
  }

  // revisedDraft adds to the tools a button that saves the comparison as
  // a 修订稿: one text, the first document's, with the second's changes
  // as Word's tracked revisions — its words struck out, the second's
  // inserted — so that accepting them all gives the second document as
  // written and rejecting them all the first. Two versions of a document
  // go from the older to the newer, whichever the table puts first (its
  // order is the ids'). Every section is there, whatever the filters
  // show, in its own document's order (inOwnOrder); a section one side
  // lacks, or one of a pair that moved, is deleted or inserted whole.
  // redline(Diff, a, b) is the word-by-word view's edit from text a to
  // text b.
  function revisedDraft(cmp, rows, ui, unfolded, redline) {
    var button = toolButton(ui, "redline", "修订稿 Word");
    var scope = cmp.closest("#adhoc") || document;
    button.addEventListener("click", function () {
      Promise.all([loadScript("jsdiff.min.js", "Diff"), loadScript("docx.js", "tiaowenDocx")]).then(function (got) {
        var Diff = got[0], docx = got[1], heads = cmp.querySelectorAll(".cmp-head [role=columnheader]");
        var name = function (el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; };
        var lang = function (el) { return el && el.lang === "zh-Hant" ? "zh-TW" : ""; };
        var versions = scope.querySelector(".versions-note");
        var back = !!versions && versions.textContent.indexOf("前者取代后者") >= 0;
        var base = heads[back ? 2 : 0], target = heads[back ? 0 : 2];
        var doc = {
          title: "《" + name(target) + "》修订稿",
          lines: ["以《" + name(base) + "》为底稿，以 Word 的修订标记标出改为《" + name(target) + "》的删改：" +
            "接受全部修订，即为《" + name(target) + "》的各条，文字与次序如其原文；拒绝全部修订，即为《" + name(base) + "》的。" +
            (versions ? "两者为同一文件的不同版本，以旧版为底稿。" : "")],
          langs: [lang(base), lang(target)],
          rows: [],
          source: savedFrom(scope),
          author: "tiaowen",
          date: new Date().toISOString().replace(/\.\d+Z$/, "Z")
        };
        var permalink = permalinks(), whole = 0;
        // edit is the edit from a to b, or, for two too unlike to
        // compare in time, the one struck and the other inserted.
        var edit = function (a, b) {
          var ops = a && b ? redline(Diff, a, b) : null;
          if (ops) return ops;
          if (a && b) whole++;
          return [{ op: -1, text: a }, { op: 1, text: b }].filter(function (o) { return o.text; });
        };
        var moved = 0;
        unfolded(Array.prototype.slice.call(cmp.querySelectorAll(".cmp-a, .cmp-b")), function () {
          var order = inOwnOrder(rows, back ? "b" : "a", back ? "a" : "b");
          moved = order.moved;
          order.rows.forEach(function (r) {
            var a = sectionOf(r[0]), b = sectionOf(r[1]);
            doc.rows.push({ head: edit(a && a.head, b && b.head), text: edit(a && a.text, b && b.text), href: permalink((b || a).link) });
          });
        });
        if (moved) doc.lines[0] += "有 " + moved + " 对条目在两者中的次序不同，在原处整条删去，在新处整条插入。";
        docx.saveRedline(pairIDs(cmp).join("--") + "-修订稿.docx", doc);
        var notes = [];
        if (whole) notes.push(whole + " 处差别过大，整段删改");
        if (moved) notes.push(moved + " 对条目移动了位置");
        ui.status.textContent = "已导出修订稿：" + doc.rows.length + " 条" + (notes.length ? "，其中 " + notes.join("；") : "") + "。";
      }, function (e) {
        ui.status.textContent = e.message;
      });
    });

    // inOwnOrder lays the table's rows out as a 修订稿 goes: from the base
    // side's cells to the target side's ("a" or "b"), each side's
    // sections in its own document's order — a column's order is a's,
    // and a b cell's data-n says where its section stands in b. Paired
    // sections stay together in one row while their order agrees in
    // both (the longest run that rises in both, as a diff keeps the
    // most lines in place); a pair out of that run is moved: the base's
    // section is struck where it stood and the target's inserted where
    // it stands. Between two kept rows go the base's sections struck,
    // then the target's inserted. It returns rows of [base cell, target
    // cell], either null, and how many pairs moved.
    function inOwnOrder(tableRows, baseSide, targetSide) {
      var items = [];
      tableRows.forEach(function (r, k) {
        var x = { a: r.querySelector(".cmp-a[id]"), b: r.querySelector(".cmp-b[id]"), na: k, nb: k };
        if (x.b && x.b.hasAttribute("data-n")) x.nb = +x.b.getAttribute("data-n");
        if (x.a || x.b) items.push(x);
      });
      var sequence = function (side) {
        return items.filter(function (x) { return x[side]; }).sort(function (x, y) { return x["n" + side] - y["n" + side]; });
      };
      var base = sequence(baseSide), target = sequence(targetSide);
      var paired = base.filter(function (x) { return x.a && x.b; });
      longestRising(paired.map(function (x) { return x["n" + targetSide]; })).forEach(function (i) { paired[i].kept = true; });
      var out = [], i = 0, j = 0, kept = 0;
      while (i < base.length || j < target.length) {
        var x = base[i], y = target[j];
        if (x && !x.kept) { out.push([x[baseSide], null]); i++; }
        else if (y && !y.kept) { out.push([null, y[targetSide]]); j++; }
        else { out.push([x[baseSide], x[targetSide]]); i++; j++; kept++; }
      }
      return { rows: out, moved: paired.length - kept };
    }

    // sectionOf reads a cell's section as written: its heading (number
    // and title), its link, and its text — paragraphs on lines of their
    // own, a table's cells parted by tabs — without the marks the page
    // adds (the gaps of "only differences").
    function sectionOf(cell) {
      if (!cell) return null;
      var link = cell.querySelector(".cmp-h"), text = [];
      var plain = function (el) {
        var copy = el.cloneNode(true);
        copy.querySelectorAll(".gap").forEach(function (g) { g.remove(); });
        return copy.textContent;
      };
      Array.prototype.forEach.call(cell.children, function (el) {
        if (el === link || el.classList.contains("none")) return;
        var table = el.tagName === "TABLE" ? el : el.querySelector("table");
        if (table) {
          Array.prototype.forEach.call(table.rows, function (tr) {
            text.push(Array.prototype.map.call(tr.cells, plain).join("\t"));
          });
          return;
        }
        text.push(plain(el));
      });
      return { head: link ? plain(link) : "", link: link, text: text.join("\n") };
    }
  }

  // wordByWord sets up the word-by-word view of a comparison table's rows,
  // ui.words its checkbox: in each row of two sections, the words only
  // the first says are struck through (<del>) and those only the second
  // says are underlined (<ins>), the shared passages' colours set aside.
  // Words are the browser's own (Intl.Segmenter, which knows Chinese
  // words); they are compared in full width, a side in 繁體 as its
  // 繁→简 toggle shows it, and the shortest edit between the two lists
  // is jsdiff's (static/jsdiff.min.js, loaded when first asked for). Rows are done a few at a time, so that
  // a long page stays responsive; a row too unlike to compare in 100 ms
  // is left as it is and counted. unfolded(cells, f) runs f with
  // traditional cells shown as written.
  function wordByWord(cmp, rows, ui, unfolded) {
    var box = ui.words, run = 0, made = [];
    var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    var both = rows.filter(function (r) {
      return !r.classList.contains("same") && r.querySelector(".cmp-a[id]") && r.querySelector(".cmp-b[id]");
    });
    box.addEventListener("change", function () {
      remember(box.checked);
      var mine = ++run;
      // Undo what an earlier run made, joining the text it cut.
      var parents = new Set();
      unfolded(Array.prototype.slice.call(cmp.querySelectorAll(".cmp-a, .cmp-b")), function () {
        made.forEach(function (w) {
          parents.add(w.parentNode);
          w.replaceWith.apply(w, Array.prototype.slice.call(w.childNodes));
        });
        parents.forEach(function (p) { p.normalize(); });
      });
      made = [];
      cmp.classList.toggle("words", box.checked);
      if (!box.checked) { ui.status.textContent = ""; return; }
      ui.status.textContent = "逐词比对中……";
      loadScript("jsdiff.min.js", "Diff").then(function (Diff) {
        var todo = both.slice(), dels = 0, inss = 0, skipped = 0;
        var step = function () {
          if (mine !== run) return;
          var until = performance.now() + 12;
          while (todo.length && performance.now() < until) {
            var r = todo.shift(), a = r.querySelector(".cmp-a"), b = r.querySelector(".cmp-b");
            unfolded([a, b], function () {
              // The heading's title and the text are compared apart.
              [".cmp-h", null].forEach(function (part) {
                var got = markWords(Diff, textNodes(a, part), textNodes(b, part));
                if (!got) { skipped++; return; }
                dels += got.dels.length;
                inss += got.inss.length;
                Array.prototype.push.apply(made, got.dels.concat(got.inss));
              });
            });
          }
          if (todo.length) { setTimeout(step, 0); return; }
          ui.status.textContent = "逐词比对：" + both.length + " 对有出入的条目中，删去 " + dels + " 处、增加 " + inss + " 处" +
            (skipped ? "；" + skipped + " 处差别过大，未逐词比对" : "") + "。";
        };
        step();
      }, function (err) {
        box.checked = false;
        cmp.classList.remove("words");
        ui.status.textContent = "无法逐词比对：" + err.message;
      });
    });

    // The view is in the address (?view=words), so that a link to a row
    // read word by word opens so.
    function remember(on) { inAddress("view", on ? "words" : null); }
    if (new URLSearchParams(location.search).get("view") === "words") {
      box.checked = true;
      box.dispatchEvent(new Event("change"));
    }
    return literalEdit;

    // literalEdit is the edit from text a to text b, word by word and
    // made readable as the view's, as [{op, text}]: op -1 for a's words
    // struck out, 1 for b's inserted, 0 for words both have. Unlike the
    // view it folds neither script nor width: a 修订稿 made of it gives b
    // as written when accepted and a when rejected. null when the two
    // are too unlike to compare in time.
    function literalEdit(Diff, a, b) {
      var A = cut(a, false, true), B = cut(b, false, true);
      var changes = Diff.diffArrays(A.keys, B.keys, { timeout: 100 });
      if (!changes) return null;
      var ops = [], ia = 0, ib = 0;
      readable(changes).forEach(function (c) {
        if (c.removed) { ops.push({ op: -1, text: a.slice(A.at[ia], A.at[ia + c.count]) }); ia += c.count; }
        else if (c.added) { ops.push({ op: 1, text: b.slice(B.at[ib], B.at[ib + c.count]) }); ib += c.count; }
        else { ops.push({ op: 0, text: b.slice(B.at[ib], B.at[ib + c.count]) }); ia += c.count; ib += c.count; }
      });
      return ops;
    }

    // textNodes lists the text nodes of a cell's heading title (part
    // ".cmp-h") or of its text (part null), in order, leaving out the
    // marker and the gap marks of "only differences".
    function textNodes(cell, part) {
      var out = [], walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        var el = n.parentElement;
        if (el.closest(".marker, .gap")) continue;
        if (!!el.closest(".cmp-h") === (part === ".cmp-h")) out.push(n);
      }
      return out;
    }

    // markWords wraps the words of nodesA that nodesB lacks in <del> and
    // those of nodesB that nodesA lacks in <ins>, and returns the new
    // elements; null when the two are too unlike to compare in time.
    function markWords(Diff, nodesA, nodesB) {
      var hant = ui.foldSide || "";
      var A = words(nodesA, hant.indexOf("a") >= 0), B = words(nodesB, hant.indexOf("b") >= 0);
      var changes = Diff.diffArrays(A.keys, B.keys, { timeout: 100 });
      if (!changes) return null;
      changes = readable(changes);
      var ia = 0, ib = 0, cutA = [], cutB = [];
      changes.forEach(function (c) {
        if (c.removed) { cutA.push([A.at[ia], A.at[ia + c.count]]); ia += c.count; }
        else if (c.added) { cutB.push([B.at[ib], B.at[ib + c.count]]); ib += c.count; }
        else { ia += c.count; ib += c.count; }
      });
      return { dels: wrap(nodesA, A.text, cutA, "del"), inss: wrap(nodesB, B.text, cutB, "ins") };
    }

    // readable makes jsdiff's shortest edit read as a redline does, by
    // diff-match-patch's semantic cleanup: a run of shared words no
    // longer than the edits on either side of it — a 质量 or a 发展
    // between two clauses written anew — is struck and added with them,
    // and the edits between two shared runs become one deletion and one
    // insertion. A sentence rewritten but for a word or two then reads
    // as one passage struck and one added, not as confetti; what the two
    // say alike at length stays unmarked. Lengths are in characters.
    function readable(changes) {
      var ops = changes.map(function (c) { return { op: c.added ? 1 : c.removed ? -1 : 0, keys: c.value }; });
      var size = function (keys) { return keys.join("").length; };
      var equal = [], last = null, ins1 = 0, del1 = 0, ins2 = 0, del2 = 0;
      for (var p = 0; p < ops.length; p++) {
        if (ops[p].op === 0) {
          equal.push(p);
          ins1 = ins2; del1 = del2; ins2 = 0; del2 = 0;
          last = ops[p].keys;
          continue;
        }
        if (ops[p].op === 1) ins2 += size(ops[p].keys); else del2 += size(ops[p].keys);
        if (last && size(last) <= Math.max(ins1, del1) && size(last) <= Math.max(ins2, del2)) {
          ops.splice(equal.pop(), 1, { op: -1, keys: last }, { op: 1, keys: last });
          // The shared run before it is weighed again, with the edits
          // it now borders.
          equal.pop();
          p = equal.length ? equal[equal.length - 1] : -1;
          ins1 = del1 = ins2 = del2 = 0;
          last = null;
        }
      }
      var out = [], dels = 0, inss = 0;
      var flush = function () {
        if (dels) out.push({ removed: true, count: dels });
        if (inss) out.push({ added: true, count: inss });
        dels = inss = 0;
      };
      ops.forEach(function (o) {
        if (o.op === -1) dels += o.keys.length;
        else if (o.op === 1) inss += o.keys.length;
        else { flush(); out.push({ count: o.keys.length }); }
      });
      flush();
      return out;
    }

    // words cuts the nodes' text into words: keys to compare, and where
    // each starts in the text (one more entry: the text's end).
    function words(nodes, trad) {
      return cut(nodes.map(function (n) { return n.nodeValue; }).join(""), trad, false);
    }

    // cut cuts text into words, keys folded 繁→简 (trad) and in width,
    // or as written (literal).
    function cut(text, trad, literal) {
      var keyText = trad && ui.simplify ? foldText(text) : text, keys = [], at = [];
      var key = function (w) { return literal ? w : w.normalize("NFKC"); };
      if (segmenter) {
        for (var seg of segmenter.segment(keyText)) { keys.push(key(seg.segment)); at.push(seg.index); }
      } else {
        for (var i = 0; i < keyText.length; i++) {
          var c = keyText.codePointAt(i), ch = String.fromCodePoint(c);
          keys.push(key(ch));
          at.push(i);
          if (c > 0xffff) i++;
        }
      }
      at.push(text.length);
      return { text: text, keys: keys, at: at };
    }

    // foldText converts text 繁→简 where a character's simplified form
    // is as long in UTF-16, so that offsets in it are offsets in text.
    function foldText(text) {
      var out = "", i = 0, f = ui.simplify(text);
      for (var ch of text) {
        out += f[i].length === ch.length ? f[i] : ch;
        i++;
      }
      return out;
    }

    // wrap wraps the UTF-16 ranges cuts of text, which nodes hold in
    // order, in elements named tag, one a node they cross, white space
    // alone left out; it returns the elements.
    function wrap(nodes, text, cuts, tag) {
      cuts = cuts.filter(function (c) { return /\S/.test(text.slice(c[0], c[1])); });
      var out = [], start = 0;
      nodes.forEach(function (n) {
        var len = n.nodeValue.length, end = start + len, pieces = [];
        cuts.forEach(function (c) {
          var s = Math.max(c[0], start), e = Math.min(c[1], end);
          if (s < e) pieces.push([s - start, e - start]);
        });
        // From the node's end back, so that the offsets before hold.
        for (var i = pieces.length - 1; i >= 0; i--) {
          if (pieces[i][1] < n.nodeValue.length) n.splitText(pieces[i][1]);
          var mid = pieces[i][0] > 0 ? n.splitText(pieces[i][0]) : n;
          var w = document.createElement(tag);
          w.className = "rl";
          mid.replaceWith(w);
          w.appendChild(mid);
          out.push(w);
        }
        start = end;
      });
      return out;
    }
  }

  // loadScript loads static/name, beside this script and with its
  // version, once, by a script element, which works from disk too, and
  // resolves to the global it defines, window[global].
  function loadScript(name, global) {
    if (window[global]) return Promise.resolve(window[global]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = staticDir + name + ownVersion;
        s.onload = function () { resolve(window[global]); };
        s.onerror = function () { loading[name] = null; reject(new Error("无法读取 " + name)); };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }
})();
