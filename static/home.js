// The home page's document finder: filter the documents by words and by
// level, region, year, script, status and version, and sort them by a column — over the
// whole corpus, not only the page's share of it. Its order at first is
// the build's, the newest first. The list comes from
// api/docs.js, loaded at the first use with the search's tables
// (search/data/meta.js), by which words match in either script. The state is kept in the
// address (?filter=…&level=province&sort=date-desc), so that a filtered
// list can be bookmarked and shared. Without this script the table and
// its pages are as the build wrote them.
(function () {
  "use strict";
  var form = document.getElementById("doc-finder");
  var table = document.querySelector("table.docs");
  // The words typed match as the search's do (searchdata.js, loaded
  // before this script; a home page of a site's own templates that
  // leaves it out keeps the build's table).
  if (!form || !table || !window.tiaowenWordFilter) return;
  var root = form.getAttribute("data-root");
  var match = window.tiaowenWordFilter(form.getAttribute("data-index") || root + "search/data/");
  var tbody = table.tBodies[0];
  var pageRows = tbody; // the build's rows, put back when nothing is chosen
  var section = form.closest("section");
  var paging = section.querySelectorAll(".page-note, nav.pager");
  var status = document.getElementById("finder-status");
  // A page's worth of matches is drawn at a time: drawing all 2,000
  // documents' rows took 0.2–0.5 s a keystroke.
  var perPage = Math.max(1, parseInt(form.getAttribute("data-per-page"), 10) || 100);
  var moreButton = document.getElementById("finder-more");
  var more = moreButton && moreButton.parentNode;
  var pending = []; // the matches not drawn yet
  var facets = Array.prototype.slice.call(form.querySelectorAll("select"));
  var words = form.elements.filter;
  var docs = null, levelNames = {}, loading = false;
  // The build lists the newest first (undated last, each date's by id,
  // which is the order of api/docs.js), as the date column sorts them.
  var defaultSort = { key: "date", desc: true };
  var sort = defaultSort; // {key, desc}
  var isDefault = function (o) { return o.key === defaultSort.key && o.desc === defaultSort.desc; };

  // Columns that sort, and their first direction: newest and longest first.
  var sortFirstDesc = { title: false, issuer: false, date: true, sections: true };
  var sortNames = { title: "标题", issuer: "发布机关", date: "日期", sections: "条目数" };
  var termNames = { "not-yet": "尚未施行", expired: "已失效" }; // in force goes without saying
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var heads = {};
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "sort";
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    heads[key] = th;
    b.addEventListener("click", function () {
      sort = sort.key === key ? { key: key, desc: !sort.desc } : { key: key, desc: sortFirstDesc[key] };
      update(true);
    });
  });

  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-Hans-CN") : null;
  var compareText = function (x, y) {
    if (x === y) return 0;
    if (!x) return 1; // empty cells last, either way
    if (!y) return -1;
    return collator ? collator.compare(x, y) : (x < y ? -1 : 1);
  };

  // Each document as the finder reads it.
  var read = function (data) {
    levelNames = data.levels || {};
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    return data.docs.map(function (r, i) {
      var d = { index: i };
      data.fields.forEach(function (name) { d[name] = r[f[name]]; });
      // The selects' values are the API's: script is the language.
      d.year = d.date ? d.date.slice(0, 4) : "";
      d.script = d.lang;
      d.version = d.newer ? "superseded" : "current";
      // Whether it is in force is for today (site.js's term notes).
      d.term = !d.effective && !d.expires ? "none" : d.effective && today < d.effective ? "not-yet"
        : d.expires && today > d.expires ? "expired" : "in-force";
      d.text = match.text([d.title, d.issuer, d.number, d.id, d.folded]);
      return d;
    });
  };

  // waiting marks the table's rows as not yet the answer (dimmed, and
  // busy for assistive technology), or as the answer again.
  var waiting = function (on) {
    table.classList.toggle("pending", on);
    if (on) table.setAttribute("aria-busy", "true");
    else table.removeAttribute("aria-busy");
  };

  var load = function () {
    if (docs || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-docs");
    // The list is read once the search's tables, which load beside it,
    // have come (or failed to: then it matches as written, but for
    // case).
    s.onload = function () {
      match.ready().then(function () {
        if (window.TIAOWEN_DOCS) docs = read(window.TIAOWEN_DOCS);
        loading = false;
        update(false);
      });
    };
    s.onerror = function () {
      loading = false;
      waiting(false);
      status.textContent = "文件列表未能载入，只能浏览本页。";
    };
    document.head.appendChild(s);
    match.ready(); // the tables, beside the list
  };

  var chosen = function () {
    var c = { words: match.words(words.value) };
    facets.forEach(function (sel) { if (sel.value) c[sel.name] = sel.value; });
    return c;
  };
  // chosenValues is the values of a column that its select's choice
  // keeps: a region's option keeps the regions inside it too, as the
  // documents write them (data-covers).
  var chosenValues = function (sel) {
    var covers = sel.options[sel.selectedIndex].getAttribute("data-covers");
    return covers ? JSON.parse(covers) : [sel.value];
  };
  var active = function (c) {
    return c.words.length > 0 || facets.some(function (sel) { return sel.value; }) || !isDefault(sort);
  };

  var cell = function (tr, tag, text, lang) {
    var el = document.createElement(tag);
    if (lang) el.lang = lang;
    if (text !== undefined) el.textContent = text;
    tr.appendChild(el);
    return el;
  };
  // row draws a document as the build draws it in templates/home.html.
  var row = function (d) {
    var tr = document.createElement("tr");
    var th = cell(tr, "th");
    th.scope = "row";
    var a = document.createElement("a");
    a.href = root + "docs/" + encodeURIComponent(d.id) + "/index.html";
    a.lang = d.lang;
    a.textContent = d.title;
    th.appendChild(a);
    cell(tr, "td", d.issuer, d.lang);
    var date = cell(tr, "td");
    if (d.date) {
      var t = document.createElement("time");
      t.dateTime = d.date;
      t.textContent = d.date;
      date.appendChild(t);
    }
    cell(tr, "td", d.number, d.lang);
    cell(tr, "td", levelNames[d.level] || "");
    cell(tr, "td", d.lang === "zh-Hant" ? "繁體" : "简体");
    var state = d.newer ? (d.status ? d.status + " · " : "") + "已被取代" : d.status;
    if (d.draft) state = (state ? state + " · " : "") + "未发布";
    if (termNames[d.term]) state = (state ? state + " · " : "") + termNames[d.term];
    cell(tr, "td", state);
    cell(tr, "td", String(d.sections)).className = "num";
    return tr;
  };

  var describe = function (n, c) {
    var filtered = c.words.length > 0 || facets.some(function (sel) { return sel.value; });
    var s = filtered ? "符合条件的文件 " + n + " 份" : "全部 " + n + " 份文件";
    if (n < 2) return s + "。";
    return s + "，按" + sortNames[sort.key] + (sort.key === "date" ? (sort.desc ? "从新到旧" : "从旧到新")
      : sort.key === "sections" ? (sort.desc ? "从多到少" : "从少到多") : (sort.desc ? "逆序" : "排序")) + "。";
  };

  // remember writes the state into the address; a page opened from disk
  // may refuse, which costs only the bookmark.
  var remember = function (c) {
    var q = [];
    if (words.value.trim()) q.push("filter=" + encodeURIComponent(words.value.trim()));
    facets.forEach(function (sel) { if (sel.value) q.push(sel.name + "=" + encodeURIComponent(sel.value)); });
    if (!isDefault(sort)) q.push("sort=" + sort.key + (sort.desc ? "-desc" : ""));
    try {
      history.replaceState(null, "", (q.length ? "?" + q.join("&") : location.pathname.replace(/^.*\//, "") || "./") + location.hash);
    } catch (e) {}
  };

  var update = function (fromUser) {
    var c = chosen();
    Object.keys(heads).forEach(function (k) {
      if (sort.key === k) heads[k].setAttribute("aria-sort", sort.desc ? "descending" : "ascending");
      else heads[k].removeAttribute("aria-sort");
    });
    if (fromUser) remember(c);
    if (!active(c)) {
      waiting(false);
      if (tbody !== pageRows) { table.replaceChild(pageRows, tbody); tbody = pageRows; }
      Array.prototype.forEach.call(paging, function (el) { el.hidden = false; });
      status.textContent = "";
      pending = [];
      if (more) more.hidden = true;
      return;
    }
    // Until the list has come, the rows shown are the build's, not the
    // answer: a shared address's filter, opened cold, took 2 s on a
    // 2,000-document site, the rows it does not keep shown as if kept.
    if (!docs) { status.textContent = "正在载入文件列表……"; waiting(true); load(); return; }
    waiting(false);
    var wants = facets.filter(function (sel) { return sel.value; }).map(function (sel) { return { name: sel.name, values: chosenValues(sel) }; });
    var kept = docs.filter(function (d) {
      if (!match.has(d.text, c.words)) return false;
      return wants.every(function (w) { return w.values.indexOf(d[w.name]) >= 0; });
    });
    var k = sort.key, sign = sort.desc ? -1 : 1;
    kept.sort(function (x, y) {
      var r = k === "sections" ? x.sections - y.sections
        : k === "date" ? (x.date === y.date ? 0 : !x.date ? 1 : !y.date ? -1 : x.date < y.date ? -1 : 1)
        : compareText(x[k], y[k]);
      if (k !== "sections" && (!x[k] || !y[k])) return r || x.index - y.index; // empty cells stay last
      return sign * r || x.index - y.index;
    });
    var body = document.createElement("tbody");
    table.replaceChild(body, tbody);
    tbody = body;
    pending = kept;
    drawMore();
    Array.prototype.forEach.call(paging, function (el) { el.hidden = true; });
    status.textContent = describe(kept.length, c) + (pending.length ? "先列出前 " + perPage + " 份。" : "");
  };

  // drawMore draws the next page's worth of the matches, and offers the
  // rest.
  var drawMore = function () {
    var next = pending.slice(0, perPage);
    pending = pending.slice(next.length);
    next.forEach(function (d) { tbody.appendChild(row(d)); });
    if (!more) return;
    more.hidden = pending.length === 0;
    var shown = tbody.rows.length;
    moreButton.textContent = "再列出 " + Math.min(perPage, pending.length) + " 份（已列出 " + shown + " 份，共 " + (shown + pending.length) + " 份）";
  };
  if (moreButton) moreButton.addEventListener("click", function () {
    var first = tbody.rows.length;
    drawMore();
    // The button goes once the last are drawn: the reader goes on from
    // the first new row.
    var a = tbody.rows[first] && tbody.rows[first].querySelector("a");
    if (a && more.hidden) a.focus();
  });

  // The state a shared address carries.
  var params = {};
  location.search.replace(/^\?/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i > 0) {
      try { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) {}
    }
  });
  if (params.filter) words.value = params.filter;
  facets.forEach(function (sel) {
    if (params[sel.name] && Array.prototype.some.call(sel.options, function (o) { return o.value === params[sel.name]; })) {
      sel.value = params[sel.name];
    }
  });
  if (params.sort) {
    var m = /^(title|issuer|date|sections)(-desc)?$/.exec(params.sort);
    if (m && heads[m[1]]) sort = { key: m[1], desc: !!m[2] };
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  words.addEventListener("focus", load);
  words.addEventListener("input", function () { update(true); });
  facets.forEach(function (sel) { sel.addEventListener("change", function () { update(true); }); });
  form.addEventListener("reset", function () {
    sort = defaultSort;
    // The form's own reset clears the fields after this event.
    setTimeout(function () { update(true); }, 0);
  });
  update(false);
})();
