// The 404 page, served by a web host at whatever address was missing:
// when the address is a document's or a section's, say what is there —
// the document, whose section is not, or the documents whose ids are
// nearest to the one asked for — from api/docs.js; when it is a pair
// page the build did not write, offer the two documents compared in the
// browser; when it is a theme's, the theme or those whose ids are
// nearest, and when a region's, the region or the one it lies in, from
// the lists the page carries. The page's <base> is the
// site's root; the offline bundle's copy has none and is opened only by
// name, so there is no address to explain.
(function () {
  "use strict";
  var help = document.getElementById("nf-help");
  if (!help || !document.querySelector("base")) return;
  var root = document.baseURI;
  if (location.href.indexOf(root) !== 0) return;
  var rest = location.href.slice(root.length).replace(/[?#].*$/, "");
  var m = /^docs\/([^\/]+)(?:\/([^\/]+))?/.exec(rest);
  var pair = /^compare\/([^\/]+--[^\/]+)/.exec(rest);
  var theme = /^themes\/([^\/]+)/.exec(rest);
  if (theme && theme[1] !== "index.html") {
    explainTheme(theme[1]);
    return;
  }
  var region = /^regions\/([^\/]+)/.exec(rest);
  if (region && region[1] !== "index.html") {
    explainRegion(region[1]);
    return;
  }
  if (!m && !pair) return;
  var id, eid;
  try {
    if (pair) pair = decodeURIComponent(pair[1]);
    else { id = decodeURIComponent(m[1]); eid = m[2] && m[2] !== "index.html" ? decodeURIComponent(m[2]) : ""; }
  } catch (e) { return; }

  // explainTheme says what is there of the theme whose id is raw (as
  // the address has it): the theme, whose page asked for is not, or the
  // themes whose ids are nearest.
  function explainTheme(raw) {
    var list = document.getElementById("nf-themes"), id;
    try { id = decodeURIComponent(raw); } catch (e) { return; }
    if (!list) return;
    var themes = JSON.parse(list.textContent).map(function (t) { return { id: t[0], name: t[1] }; });
    var to = function (t) { return a("themes/" + encodeURIComponent(t.id) + "/index.html", t.name); };
    var found = themes.filter(function (t) { return t.id === id; })[0];
    if (found) {
      say(["主题", to(found), "在这里。"]);
      return;
    }
    suggest("主题", id, nearest(themes, id), to, ["没有编号为 " + id + " 的主题，见", a("themes/index.html", "全部主题"), "。"]);
  }

  // explainRegion says what is there of the division whose code is raw
  // (as the address has it): its page, whose later page asked for is
  // not; or the division it lies in that has documents here — a code's
  // first two digits are its province's, its first four its
  // prefecture's (GB/T 2260) —; or that none has.
  function explainRegion(raw) {
    var list = document.getElementById("nf-regions"), code;
    try { code = decodeURIComponent(raw); } catch (e) { return; }
    if (!list) return;
    var names = {};
    JSON.parse(list.textContent).forEach(function (r) { names[r[0]] = r[1]; });
    var to = function (c) { return a("regions/" + c + "/index.html", names[c]); };
    var all = a("regions/index.html", "全部地区");
    if (names[code]) {
      say(["地区", to(code), "在这里。"]);
      return;
    }
    var within = /^\d{6}$/.test(code) ? [code.slice(0, 4) + "00", code.slice(0, 2) + "0000"].filter(function (c) {
      return c !== code && names[c];
    }) : [];
    if (within.length) {
      say(["本站没有区划代码为 " + code + " 的地区的文件；它所在的", to(within[0]), "有，另见", all, "。"]);
      return;
    }
    say(["本站没有区划代码为 " + code + " 的地区的文件，见", all, "。"]);
  }

  function a(href, text) {
    var el = document.createElement("a");
    el.href = href;
    el.textContent = text;
    return el;
  }

  // suggest says that there is no <what> numbered id and offers the near
  // ones, each linked by linkOf; or, when none is near, says none.
  function suggest(what, id, near, linkOf, none) {
    if (!near.length) {
      say(none);
      return;
    }
    var nodes = ["没有编号为 " + id + " 的" + what + "。您要找的也许是："];
    near.forEach(function (x, i) {
      if (i) nodes.push("、");
      nodes.push(linkOf(x));
    });
    nodes.push("。");
    say(nodes);
  }

  // nearest returns the items (with ids) whose ids are within a few
  // edits of id, nearest first, at most five.
  function nearest(items, id) {
    return items.map(function (d) { return { d: d, k: distance(id, d.id) }; })
      .filter(function (x) { return x.k <= Math.max(2, Math.floor(id.length / 4)); })
      .sort(function (x, y) { return x.k - y.k; })
      .slice(0, 5)
      .map(function (x) { return x.d; });
  }

  // distance is the edit distance of two ids, which a mistyped or
  // mis-copied one is a little way from.
  function distance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      prev = cur;
    }
    return prev[b.length];
  }
  var link = function (d) {
    var a = document.createElement("a");
    a.href = "docs/" + encodeURIComponent(d.id) + "/index.html";
    a.lang = d.lang;
    // A title in running text is set off as everywhere on the site.
    a.textContent = "《" + d.title + "》";
    return a;
  };
  function say(nodes) {
    var p = document.createElement("p");
    nodes.forEach(function (n) { p.appendChild(typeof n === "string" ? document.createTextNode(n) : n); });
    help.appendChild(p);
    help.hidden = false;
  }

  var s = document.createElement("script");
  s.src = help.getAttribute("data-docs") || "api/docs.js";
  s.onload = function () {
    var data = window.TIAOWEN_DOCS;
    if (!data) return;
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    var docs = data.docs.map(function (r) { return { id: r[f.id], title: r[f.title], lang: r[f.lang] }; });
    var byID = {};
    docs.forEach(function (d) { byID[d.id] = d; });
    if (pair) {
      // Two documents the build did not compare side by side: the
      // chooser compares them in the browser. Ids have no "--" of their
      // own, which the pair's address puts between them.
      var cut = pair.indexOf("--"), a = pair.slice(0, cut), b = pair.slice(cut + 2);
      if (!byID[a] || !byID[b]) {
        id = byID[a] ? b : a;
      } else {
        var go = document.createElement("a");
        go.href = "compare/index.html?" + new URLSearchParams({ a: a < b ? a : b, b: a < b ? b : a }).toString();
        go.textContent = "在浏览器中逐条对照这两份文件";
        say(["这里没有", link(byID[a]), "和", link(byID[b]), "的逐条对照页：", go, "。"]);
        return;
      }
    }
    var found = byID[id];
    if (found) {
      say(eid ? ["文件", link(found), "中没有编号为 " + eid + " 的条目；条目编号见该文件的目录。"]
        : ["文件", link(found), "在这里。"]);
      return;
    }
    suggest("文件", id, nearest(docs, id), link, ["没有编号为 " + id + " 的文件。"]);
  };
  document.head.appendChild(s);
})();
