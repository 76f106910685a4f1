// tiaowen serve: live reload. Injected by the development server into
// every page it serves, never into a built site. It listens to the
// server's event stream and reloads the page when it changes (keeping the
// scroll position), swaps style sheets when only they change, and shows
// build errors over the page until they are fixed.
(function () {
  "use strict";
  if (window.__tiaowenLive) return;
  var me = document.currentScript;
  var version = (me && me.getAttribute("data-v")) || "";
  var key = "tiaowen-serve-scroll";
  var live = window.__tiaowenLive = { connected: false, reloads: 0 };

  // Come back to where the reader was before the reload.
  try {
    var saved = JSON.parse(sessionStorage.getItem(key) || "null");
    if (saved && saved.path === location.pathname) {
      sessionStorage.removeItem(key);
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      var restore = function () { window.scrollTo(saved.x, saved.y); };
      restore();
      if (document.readyState !== "complete") window.addEventListener("load", restore);
    }
  } catch (e) {}

  function reload() {
    live.reloads++;
    try {
      sessionStorage.setItem(key, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    } catch (e) {}
    location.reload();
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("tiaowen-reload", String(Date.now()));
      links[i].href = url.pathname + url.search;
    }
  }

  var host = null;
  function hideProblems() {
    if (host) { host.remove(); host = null; }
  }
  function showProblems(problems) {
    hideProblems();
    host = document.createElement("div");
    host.id = "tiaowen-overlay";
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial}" +
      ".bg{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.72);overflow:auto;padding:4vh 4vw;font:14px/1.5 system-ui,sans-serif}" +
      ".box{max-width:60rem;margin:0 auto;background:#fff;color:#111;border-top:6px solid #c62828;border-radius:6px;padding:1rem 1.5rem;box-shadow:0 8px 32px rgba(0,0,0,.4)}" +
      "h2{margin:.2rem 0 .8rem;font-size:1.15rem;color:#b71c1c}" +
      ".p{margin:0 0 1rem}.pos{font:600 13px/1.4 ui-monospace,monospace;color:#333;word-break:break-all}" +
      ".msg{margin:.2rem 0;font-size:15px}.hint{color:#555}" +
      "pre{margin:.4rem 0 0;padding:.5rem .7rem;background:#f6f6f6;border-radius:4px;overflow:auto;font:13px/1.45 ui-monospace,monospace}" +
      ".hl{background:#ffebee;display:block}.note{color:#555;font-size:13px;margin:.5rem 0 0}" +
      "button{float:right;font:inherit;border:0;background:none;font-size:1.4rem;line-height:1;cursor:pointer;color:#555}";
    root.appendChild(style);
    var bg = document.createElement("div");
    bg.className = "bg";
    var box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "t");
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "关闭");
    close.textContent = "×";
    close.addEventListener("click", hideProblems);
    box.appendChild(close);
    var h = document.createElement("h2");
    h.id = "t";
    h.textContent = "构建失败 · Build failed";
    box.appendChild(h);
    problems.forEach(function (p) {
      var d = document.createElement("div");
      d.className = "p";
      var pos = document.createElement("div");
      pos.className = "pos";
      pos.textContent = p.pos;
      d.appendChild(pos);
      var msg = document.createElement("div");
      msg.className = "msg";
      msg.textContent = p.msg;
      if (p.hint) {
        var hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = "（" + p.hint + "）";
        msg.appendChild(hint);
      }
      d.appendChild(msg);
      if (p.lines && p.lines.length) {
        var pre = document.createElement("pre");
        p.lines.forEach(function (l) {
          var span = document.createElement("span");
          span.textContent = String(l.n).padStart(5) + "  " + l.text + "\n";
          if (l.n === p.line) span.className = "hl";
          pre.appendChild(span);
        });
        d.appendChild(pre);
      }
      box.appendChild(d);
    });
    var note = document.createElement("p");
    note.className = "note";
    note.textContent = "页面仍为上次成功构建的版本；修正后自动更新。The last good site is still served; it updates when the error is fixed.";
    box.appendChild(note);
    bg.appendChild(box);
    root.appendChild(bg);
    document.documentElement.appendChild(host);
  }

  var url = "/__tiaowen/events?path=" + encodeURIComponent(location.pathname) + "&v=" + encodeURIComponent(version);
  var es = new EventSource(url);
  es.addEventListener("open", function () { live.connected = true; });
  es.addEventListener("error", function () { live.connected = false; });
  es.addEventListener("reload", function () { es.close(); reload(); });
  // serve --navigateToChanged: the page of the document just edited.
  es.addEventListener("navigate", function (e) {
    es.close();
    live.reloads++;
    location.href = JSON.parse(e.data).path;
  });
  es.addEventListener("css", swapStylesheets);
  es.addEventListener("problems", function (e) {
    try { showProblems(JSON.parse(e.data)); } catch (err) {}
  });
  es.addEventListener("ok", hideProblems);
  window.addEventListener("pagehide", function () { es.close(); });
})();
