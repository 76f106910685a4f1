// tiaowen page behaviour. Everything works without it except the copy
// buttons; it makes no network requests.
(function () {
  "use strict";
  var root = document.documentElement;
  // The folder this script was loaded from, static/, and its address's
  // version, which covers the static files it loads (internal/site's
  // assets.go).
  var ownSrc = document.currentScript ? document.currentScript.src : "";
  var staticDir = ownSrc.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
  var ownVersion = (ownSrc.match(/\?[^#]*/) || [""])[0];
  // asWritten runs f with the page's text as written: a 繁體 document
  // shown in 简体 (below) is shown as written while f runs.
  var asWritten = function (f) { f(); };

  // Dark mode toggle, remembered across pages.
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var dark = function () {
      var t = root.getAttribute("data-theme");
      if (t) return t === "dark";
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    };
    var sync = function () {
      toggle.setAttribute("aria-pressed", dark() ? "true" : "false");
      toggle.title = dark() ? "切换到浅色模式" : "切换到深色模式";
    };
    toggle.hidden = false;
    sync();
    toggle.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("tiaowen-theme", next); } catch (e) {}
      sync();
    });
  }

  // A page with a <base> (404.html, served at whatever address was
  // asked for) would send a link to a place of its own (#main, the skip
  // link) to that place on the base's page, the home page: such links
  // are made to point at this page.
  if (document.querySelector("base[href]")) {
    // This page's address as the base resolves it: relative when the
    // page lies under the base, as every link of the site is.
    var baseDir = document.baseURI.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
    var here = location.href.replace(/#.*$/, "");
    if (here.indexOf(baseDir) === 0) here = here.slice(baseDir.length);
    document.querySelectorAll('a[href^="#"]').forEach(function (a) {
      a.setAttribute("href", here + a.getAttribute("href"));
    });
  }

  // "/" focuses the search box.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var el = document.activeElement;
    if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable)) return;
    var q = document.getElementById("site-q");
    if (q) { e.preventDefault(); q.focus(); }
  });

  // On a section's page ← and → go to the section before and after, as
  // its 上一条 and 下一条 links do, unless a control or a box that
  // scrolls sideways has the keys.
  var prevNext = {
    ArrowLeft: document.querySelector(".prevnext a[rel=prev]"),
    ArrowRight: document.querySelector(".prevnext a[rel=next]")
  };
  if (prevNext.ArrowLeft || prevNext.ArrowRight) {
    document.addEventListener("keydown", function (e) {
      var link = prevNext[e.key];
      if (!link || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
      var el = document.activeElement;
      if (el && el !== document.body && el.closest("input, select, textarea, button, [contenteditable], .table-wrap, pre")) return;
      e.preventDefault();
      link.click();
    });
  }

  // Citation: the access date of GB/T 7714 is the day of copying.
  var today = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  document.querySelectorAll(".cite-date").forEach(function (el) { el.textContent = iso; });

  // A document's term: its pages give the days it takes effect and
  // expires, and whether it is in force is for today, the day the page
  // is read, not the day it was built. A note above the text says so
  // when it is not yet or no longer in force, and the 时效 row of the
  // document's details says which, in force too.
  var termState = function (effective, expires) {
    if (effective && iso < effective) return { name: "尚未施行", note: "本文件自 " + effective + " 起施行，目前尚未施行。" };
    if (expires && iso > expires) return { name: "已失效", note: "本文件有效期至 " + expires + "，已届满失效。" };
    return { name: "现行有效", note: "" };
  };
  document.querySelectorAll(".term-note, .term-state, .term-mark").forEach(function (el) {
    var st = termState(el.getAttribute("data-effective"), el.getAttribute("data-expires"));
    if (el.classList.contains("term-state")) {
      el.querySelector("dd").textContent = st.name;
      el.hidden = false;
    } else if (el.classList.contains("term-mark")) {
      // In a list's 状态 cell, after what the cell says already.
      if (st.note) el.textContent = (el.parentNode.textContent.trim() ? " · " : "") + st.name;
    } else if (st.note) {
      el.textContent = st.note;
      el.hidden = false;
    }
  });

  // Word documents are written by static/docx.js, beside this script
  // and covered by its version, loaded when a reader first asks for one.
  var canSaveWord = !!(window.Blob && window.URL && URL.createObjectURL && window.TextEncoder && window.DataView);
  var wordLoading = null;
  var loadWord = function () {
    if (!window.tiaowenDocx && !wordLoading) {
      wordLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = staticDir + "docx.js" + ownVersion;
        s.onload = resolve;
        s.onerror = function () { wordLoading = null; reject(new Error("无法读取 docx.js")); };
        document.head.appendChild(s);
      });
    }
    return Promise.resolve(wordLoading);
  };
  // plainText is el's text on one line, without what is hidden and
  // without the links a reader follows from it (pair-link).
  var plainText = function (el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".pair-link, [hidden]").forEach(function (x) { x.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  };

  // A document's page saves its text as a Word document: its title, its
  // particulars and notes, its text with each section's heading of its
  // level and linked to its permalink — canonical on the web, the
  // page's own from disk.
  var wordRow = document.querySelector(".docx-save");
  if (wordRow && canSaveWord) {
    wordRow.hidden = false;
    var wordButton = wordRow.querySelector("button");
    wordButton.addEventListener("click", function () {
      loadWord().then(function () {
        // The text as written, as a citation quotes it.
        asWritten(function () {
          var lines = [];
          document.querySelectorAll(".doc-header .version-note, .doc-header .term-note:not([hidden])").forEach(function (n) { lines.push(plainText(n)); });
          document.querySelectorAll(".doc-header dl.meta > div:not([hidden])").forEach(function (row) {
            var dt = row.querySelector("dt");
            if (row === wordRow || !dt || ["条目", "数据", "引用"].indexOf(dt.textContent) >= 0) return;
            // A source that is a web page is saved as its whole address.
            lines.push(dt.textContent + "：" + Array.prototype.map.call(row.querySelectorAll("dd"), function (dd) {
              var a = row.classList.contains("source") && dd.querySelector("a[href]");
              return a ? a.href : plainText(dd);
            }).join("；"));
          });
          var canonical = document.querySelector("link[rel=canonical]");
          var id = (document.querySelector(".doc-search input[name=doc]") || { value: "document" }).value;
          // A draft's title says what it is, as its citations do
          // (《…（征求意见稿）》): the kicker above the title has it.
          var title = plainText(document.querySelector(".doc-header h1")), status = document.querySelector(".doc-header .kicker .status");
          if (status && title.indexOf(status.textContent) < 0) title += "（" + status.textContent + "）";
          window.tiaowenDocx.saveText(id + ".docx", {
            title: title,
            lines: lines,
            text: document.querySelector(".doc-text"),
            source: "导出自：" + (canonical ? canonical.href : location.href.replace(/[?#].*$/, "")) + "（" + iso + "）",
            href: function (sec) {
              if (!sec) return "";
              if (canonical) return canonical.href + sec.id + "/";
              var a = sec.querySelector(".permalink");
              return a ? a.href : "";
            }
          });
        });
      }, function (e) {
        wordButton.textContent = e.message;
      });
    });
  }

  // A theme's page saves its passages as a Word document, the 摘编 an
  // office compiles of what documents say on a matter: the theme's name
  // and terms, then each document that mentions it, its title linked,
  // and under it each section's heading, linked to its permalink, with
  // the passages quoted as the page quotes them, the terms shaded. A
  // theme listed over several pages is saved whole: the others are
  // fetched, which a page opened from disk may not do — it saves its own
  // documents, and says which they are.
  var excerptsRow = document.querySelector(".excerpts-save");
  if (excerptsRow && canSaveWord && window.DOMParser) {
    excerptsRow.hidden = false;
    var excerptsButton = excerptsRow.querySelector("button"), themeMain = excerptsRow.closest("main");
    // A page and the address its relative links are read from: its
    // canonical one, so that links lead to the site on the web.
    var pageOf = function (doc, url) {
      var canonical = doc.querySelector("link[rel=canonical]");
      return { doc: doc, base: canonical ? canonical.href : url };
    };
    var fetchPage = function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.text();
      }).then(function (html) {
        return pageOf(new DOMParser().parseFromString(html, "text/html"), url);
      });
    };
    // allPages resolves to the theme's pages in order, from the first,
    // following each one's link to the next.
    var allPages = function () {
      var pager = themeMain.querySelector(".pager");
      if (!pager) return Promise.resolve([pageOf(document, location.href)]);
      // A page opened from disk may not read another.
      if (!/^https?:$/.test(location.protocol)) return Promise.reject(new Error(location.protocol));
      var first = pager.querySelector("a:not([rel])");
      var pages = [], seen = {};
      var from = function (url) {
        seen[url] = true;
        return fetchPage(url).then(function (p) {
          pages.push(p);
          var next = p.doc.querySelector(".pager a[rel=next]");
          next = next && new URL(next.getAttribute("href"), url).href;
          return next && !seen[next] ? from(next) : pages;
        });
      };
      return from(first ? first.href : location.href);
    };
    excerptsButton.addEventListener("click", function () {
      var whole = true;
      Promise.all([loadWord(), allPages().catch(function () { whole = false; return null; })]).then(function (got) {
        asWritten(function () {
          var pages = got[1] || [pageOf(document, location.href)];
          var link = function (a) {
            var page = pages.filter(function (p) { return p.doc === a.ownerDocument; })[0];
            var url = new URL(a.getAttribute("href"), page ? page.base : location.href).href;
            // A permalink, without what the link asks the page to mark.
            url = url.replace(/\?[^#]*/, "");
            // A page's address on the web is its folder's.
            return /^https?:/.test(url) ? url.replace(/index\.html(#|$)/, "$1") : url;
          };
          var sections = [];
          pages.forEach(function (p) {
            Array.prototype.push.apply(sections, p.doc.querySelectorAll("main section.theme-doc"));
          });
          var passages = sections.reduce(function (n, s) { return n + s.querySelectorAll(".passages > li").length; }, 0);
          var terms = themeMain.querySelector("h1 ~ p.note").cloneNode(true);
          terms.querySelectorAll("a").forEach(function (a) { a.remove(); });
          var lines = [plainText(themeMain.querySelector("p.intro")), plainText(terms)];
          lines.push("收录提及此主题的文件 " + sections.length + " 份、条目 " + passages + " 个。");
          if (!whole) {
            var shown = themeMain.querySelector(".excerpts-save ~ p.note");
            lines.push((shown ? plainText(shown) : "") + "本文件只收录本页所列文件：" +
              (location.protocol === "file:" ? "从磁盘打开的页面读不到其余各页" : "其余各页未能读取") + "，请在各页分别下载，或在网站上下载全部。");
          }
          var canonical = document.querySelector("link[rel=canonical]");
          window.tiaowenDocx.saveExcerpts(excerptsRow.getAttribute("data-theme") + ".docx", {
            title: "「" + plainText(themeMain.querySelector("h1")) + "」条文摘编",
            lines: lines,
            sections: sections,
            source: "导出自：" + (canonical ? canonical.href : location.href.replace(/[?#].*$/, "")) + "（" + iso + "）",
            href: link
          });
        });
      }, function (e) {
        excerptsButton.textContent = e.message;
      });
    });
  }

  // Copy buttons.
  document.querySelectorAll("button.copy").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var src = document.getElementById(b.getAttribute("data-copy"));
      if (!src) return;
      var text = src.textContent.trim();
      var done = function () {
        b.classList.add("done");
        b.textContent = "已复制";
        setTimeout(function () { b.classList.remove("done"); b.textContent = "复制"; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    });
  });
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand("copy"); } catch (e) {}
    document.body.removeChild(ta);
  }

  // A box that scrolls sideways — a wide table, the header's links on a
  // phone — fades at its right edge while there is more beyond it, which
  // a hidden or thin scroll bar does not say. Boxes drawn after the page
  // loads (the comparison computed in the browser draws tables) are
  // found as they are added.
  var scrollers = ".table-wrap, .site-nav";
  var hinted = new WeakSet();
  var hint = function (box) {
    if (hinted.has(box)) return;
    hinted.add(box);
    var update = function () {
      box.classList.toggle("more-right", box.scrollLeft < box.scrollWidth - box.clientWidth - 1);
    };
    box.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) {
      // The box's own size changes with the window and when it is shown;
      // its content's, when a table is filled after the box is placed.
      var sizes = new ResizeObserver(update);
      sizes.observe(box);
      if (box.firstElementChild) sizes.observe(box.firstElementChild);
    } else {
      window.addEventListener("resize", update);
    }
    update();
  };
  document.querySelectorAll(scrollers).forEach(hint);
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.matches(scrollers)) hint(node);
          node.querySelectorAll(scrollers).forEach(hint);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // On a narrow screen the table of contents starts folded, so that the
  // text comes first; without JavaScript it stays open. The stylesheet
  // has shown it folded since the first paint (toc-shut, static/theme.js,
  // by the same test); from here it is folded in fact.
  var tocDetails = document.querySelector(".toc details");
  if (tocDetails && window.matchMedia && window.matchMedia("(max-width: 64rem)").matches && !location.hash) {
    tocDetails.open = false;
  }
  root.classList.remove("toc-shut");

  // The table of contents marks the section being read: the last one
  // whose heading has scrolled past the top fifth of the window.
  var toc = document.querySelector(".toc");
  if (toc) {
    var links = {};
    toc.querySelectorAll("a[data-eid]").forEach(function (a) { links[a.getAttribute("data-eid")] = a; });
    var heads = Array.prototype.slice.call(document.querySelectorAll("section.sec[id]"));
    var current = null, pending = false;
    var update = function () {
      pending = false;
      var line = window.innerHeight / 5, found = null;
      for (var i = 0; i < heads.length; i++) {
        if (heads[i].getBoundingClientRect().top <= line) found = heads[i]; else break;
      }
      var a = found ? links[found.id] : null;
      if (a === current) return;
      if (current) current.removeAttribute("aria-current");
      if (a) {
        a.setAttribute("aria-current", "location");
        var box = toc.getBoundingClientRect(), r = a.getBoundingClientRect();
        // Keep the current entry in view, unless the reader is using the
        // table of contents itself.
        if (getComputedStyle(toc).position === "sticky" && !toc.matches(":hover, :focus-within") &&
            (r.top < box.top || r.bottom > box.bottom)) {
          toc.scrollTop += r.top - box.top - box.height / 3;
        }
      }
      current = a;
    };
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }

  // A search hit's link asks its section's page to mark what the hit
  // marks (?hl=…, each passage as the section writes it: search.js's
  // highlightQuery), and the section's page asks its document's, at the
  // section, the same. Every place the section's own text — not the
  // sections under it — has one of them is marked, the longest first
  // where two begin alike, across the links of its terms; the first is
  // scrolled to when the window does not show it, and a note counts
  // them and takes them away: above the text of a section's page, at
  // the foot of the window on a document's, which opens at the section.
  // The address then drops the passages: it is the permalink again, to
  // copy and cite.
  (function () {
    var params = new URLSearchParams(location.search), wanted = params.getAll("hl").filter(function (p) { return p; });
    var own = document.querySelector("article.section-page > section.sec");
    var at = null;
    try {
      at = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (e) { /* an address no link of the site makes */ }
    var sec = own || (at && at.matches("article.doc section.sec") ? at : null);
    if (!wanted.length || !sec) return;
    var up = own && document.querySelector("a.up");
    if (up) {
      var asked = new URLSearchParams();
      wanted.forEach(function (p) { asked.append("hl", p); });
      up.href = up.href.replace(/[?#].*$/, "") + "?" + asked + up.hash;
    }
    var nodes = [], starts = [], text = "";
    var walker = document.createTreeWalker(sec, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("section.sec") === sec ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      starts.push(text.length);
      text += n.data;
    }
    var places = [];
    wanted.forEach(function (p) {
      for (var i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) places.push([i, i + p.length]);
    });
    places.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var kept = [], end = 0;
    places.forEach(function (r) { if (r[0] >= end) { kept.push(r); end = r[1]; } });
    // Last first: splitting a text node keeps its start where it was,
    // so the places before stay where they were found.
    var marks = [];
    for (var k = kept.length - 1; k >= 0; k--) {
      for (var i = nodes.length - 1; i >= 0; i--) {
        var a = Math.max(kept[k][0] - starts[i], 0), b = Math.min(kept[k][1] - starts[i], nodes[i].data.length);
        if (a >= b) continue;
        if (b < nodes[i].data.length) nodes[i].splitText(b);
        var piece = a > 0 ? nodes[i].splitText(a) : nodes[i];
        var m = document.createElement("mark");
        m.className = "found";
        piece.parentNode.replaceChild(m, piece);
        m.appendChild(piece);
        marks.unshift(m);
      }
    }
    params.delete("hl");
    try {
      history.replaceState(history.state, "", location.pathname + (params.toString() ? "?" + params : "") + location.hash);
    } catch (e) { /* some browsers refuse on file:// */ }
    var note = document.createElement("p");
    note.className = "found-note";
    note.setAttribute("role", "status");
    var shown = {};
    marks.forEach(function (m) { shown[m.textContent] = true; });
    note.textContent = marks.length ? "已标出检索词「" + Object.keys(shown).slice(0, 4).join("」「") + "」" + (Object.keys(shown).length > 4 ? "等" : "") + "，共 " + marks.length + " 处。" : "检索词在本条的文字中未见。";
    if (marks.length) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = "取消标出";
      clear.addEventListener("click", function () {
        // The marks' text stays as it is, node by node: the 繁→简
        // conversion below knows its nodes.
        marks.forEach(function (m) { m.replaceWith.apply(m, Array.prototype.slice.call(m.childNodes)); });
        note.remove();
      });
      note.appendChild(document.createTextNode(" "));
      note.appendChild(clear);
    }
    if (own) sec.parentNode.parentNode.insertBefore(note, sec.parentNode);
    else {
      note.classList.add("afloat");
      document.body.appendChild(note);
    }
    if (marks.length && !location.hash) {
      var box = marks[0].getBoundingClientRect();
      if (box.bottom > window.innerHeight || box.top < 0) marks[0].scrollIntoView({ block: "center" });
    }
  })();

  // 繁體 documents' text in 简体, at the reader's choice, remembered
  // across pages: a 繁體 document's pages and a theme's with passages of
  // one have a "以简体阅读" button above the text; with 简体 chosen, there
  // or with a pair page's 繁→简 toggle (compare.js), every page shows the
  // text of 繁體 documents — a document's, its contents, the way there
  // and on, lists and search results drawn later — converted phrase by
  // phrase as a pair page converts it (static/hanconv.js, by the entries
  // the corpus's 繁體 documents use, search/data/t2s.js; both read when
  // first needed, from disk too), and so are the lists of documents to
  // choose from (a select's options) and, on a 繁體 document's page, its
  // title in the window's title bar and tab. Left as written: a
  // citation, which quotes the document; comparisons, which have their
  // own toggle; what a reader types.
  var main = document.querySelector("main");
  var HANT = "main [lang=zh-Hant]", LEAVE = ".cite, .cmp, input, textarea";
  var titleWritten = document.title, hantPage = document.documentElement.lang === "zh-Hant";
  // hantParts lists the elements under el (el too) in 繁體 to convert:
  // the outermost, leaving LEAVE alone.
  var hantParts = function (el) {
    var found = Array.prototype.slice.call(el.querySelectorAll(HANT));
    if (el.matches(HANT)) found.unshift(el);
    return found.filter(function (x) {
      return !x.closest(LEAVE) && !(x.parentElement && x.parentElement.closest(HANT));
    });
  };
  var scriptChosen = false;
  try { scriptChosen = localStorage.getItem("tiaowen-script") === "zh-Hans"; } catch (e) {}
  var hantText = main && main.querySelector("article[lang=zh-Hant], .theme-doc[lang=zh-Hant]");
  var scriptButton = null;
  if (hantText) {
    // The build writes the button, hidden, above the text — a
    // document's, or a theme's first document's — so that its place is
    // kept; a page from a template of the site's own may leave it out.
    var scriptBox = main.querySelector(".script-switch");
    if (scriptBox) {
      scriptButton = scriptBox.querySelector("button");
    } else {
      scriptBox = document.createElement("p");
      scriptButton = document.createElement("button");
      scriptBox.className = "script-switch";
      scriptButton.type = "button";
      scriptButton.textContent = "以简体阅读";
      scriptButton.setAttribute("aria-pressed", "false");
      scriptBox.appendChild(scriptButton);
      var place = hantText.matches("article") ? hantText : main.querySelector(".theme-doc");
      place.parentNode.insertBefore(scriptBox, place);
    }
    scriptBox.hidden = false;
  }
  if (main && (hantText || scriptChosen)) {
    var originals = new Map(), converted = [], convert = null, loading = null, busy = false, shown = false;
    var loadScript = function (src) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(s);
      });
    };
    var conversion = function () {
      if (!loading) {
        loading = Promise.all([
          window.tiaowenHanconv ? null : loadScript(staticDir + "hanconv.js" + ownVersion),
          // The corpus's, so its version is this page's date, as
          // searchdata.js asks for the index's files before meta.js: a
          // page a build wrote reads the file that build wrote, never a
          // copy cached from before, and a page left unchanged reads
          // one that holds what its text needs. A version of the file's
          // own would change every page whenever a document does.
          window.TIAOWEN_T2S ? null : loadScript(staticDir + "../search/data/t2s.js?v=" + encodeURIComponent(document.lastModified))
        ]).then(function () {
          if (!window.TIAOWEN_T2S || !window.tiaowenHanconv) throw new Error("t2s.js");
          convert = window.tiaowenHanconv.simplifier(window.TIAOWEN_T2S);
        });
        loading.catch(function () { loading = null; });
      }
      return loading;
    };
    var simplify = function (parts) {
      parts.forEach(function (el) {
        window.tiaowenHanconv.convertText(el, convert, originals, true);
        el.setAttribute("lang", "zh-Hans");
        converted.push(el);
      });
    };
    var show = function (on) {
      shown = on;
      if (scriptButton) scriptButton.setAttribute("aria-pressed", on ? "true" : "false");
      if (hantPage) document.title = on ? convert(titleWritten).join("") : titleWritten;
      if (on) { simplify(hantParts(main)); return; }
      converted.forEach(function (el) {
        window.tiaowenHanconv.convertText(el, convert, originals, false);
        el.setAttribute("lang", "zh-Hant");
      });
      converted = [];
    };
    asWritten = function (f) {
      var was = shown;
      if (was) show(false);
      try { f(); } finally { if (was) show(true); }
    };
    var setScript = function (on) {
      try {
        if (on) localStorage.setItem("tiaowen-script", "zh-Hans"); else localStorage.removeItem("tiaowen-script");
      } catch (e) {}
      if (!on) { if (convert) show(false); return; }
      busy = true;
      conversion().then(function () {
        busy = false;
        if (scriptButton) scriptButton.removeAttribute("title");
        show(true);
      }, function () {
        busy = false;
        if (scriptButton) scriptButton.title = "无法读取繁简转换表";
      });
    };
    if (scriptButton) scriptButton.addEventListener("click", function () {
      if (!busy) setScript(scriptButton.getAttribute("aria-pressed") !== "true");
    });
    // What a page draws later (the finder's rows, search results) in
    // 繁體 is converted as it comes.
    if (window.MutationObserver) new MutationObserver(function (changes) {
      if (!shown) return;
      changes.forEach(function (c) {
        c.addedNodes.forEach(function (n) { if (n.nodeType === 1) simplify(hantParts(n)); });
      });
    }).observe(main, { childList: true, subtree: true });
    if (scriptChosen && (hantText || hantParts(main).length)) setScript(true);
    else if (scriptChosen) {
      // Nothing in 繁體 yet: the first that comes loads the conversion.
      var waiting = new MutationObserver(function () {
        if (!hantParts(main).length) return;
        waiting.disconnect();
        setScript(true);
      });
      waiting.observe(main, { childList: true, subtree: true });
    }
  }
})();
