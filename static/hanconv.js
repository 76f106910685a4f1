// 繁→简 for reading: a page's text converted as internal/hanconv converts
// it, by the entries of its tables that the page's documents use (a pair
// page's #fold-map, or search/data/t2s.js). Used by the 繁→简 toggles of
// comparisons (compare.js) and by every page once the reader has chosen
// 简体 (site.js).
(function () {
  "use strict";

  // simplifier returns a function that converts a text 繁→简 by entries
  // (internal/hanconv's Entries: phrases and characters, each to as
  // many code points) as hanconv.Simplify does, to the array of the
  // result's code points: at each character the longest phrase that
  // starts there, else the character's own entry, else the character.
  function simplifier(entries) {
    var map = new Map(), longest = new Map();
    Object.keys(entries).forEach(function (k) {
      var cps = Array.from(k);
      map.set(k, Array.from(entries[k]));
      if (cps.length > 1) longest.set(cps[0], Math.max(longest.get(cps[0]) || 0, cps.length));
    });
    return function (text) {
      var cps = Array.from(text), out = [];
      for (var i = 0; i < cps.length;) {
        var n = Math.min(longest.get(cps[i]) || 1, cps.length - i), to = null;
        for (; n > 1; n--) {
          to = map.get(cps.slice(i, i + n).join(""));
          if (to) break;
        }
        if (n > 1) {
          Array.prototype.push.apply(out, to);
          i += n;
          continue;
        }
        to = map.get(cps[i]);
        out.push(to ? to[0] : cps[i]);
        i++;
      }
      return out;
    };
  }

  // BLOCKS are the elements whose text is converted as one: a heading, a
  // paragraph, a quoted passage, an item, a table's cell, a block of
  // code, a comparison cell's heading.
  var BLOCKS = ".cmp-h, h1, h2, h3, h4, h5, h6, p, blockquote, li, dt, dd, td, th, pre, caption, figcaption";

  // convertText shows the text under el converted by convert (a
  // simplifier's function), on, or as written, off; originals keeps
  // what each changed text node said, for turning it off. A block is
  // converted whole, so that a phrase that an element cuts (a shared
  // passage's mark: 顯|著) is still one; each of its text nodes takes
  // back its own code points.
  function convertText(el, convert, originals, on) {
    var blocks = new Map(), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (originals.has(n)) { n.nodeValue = originals.get(n); originals.delete(n); }
      var block = n.parentElement.closest(BLOCKS);
      if (!block || !el.contains(block)) block = el;
      if (!blocks.has(block)) blocks.set(block, []);
      blocks.get(block).push(n);
    }
    if (!on) return;
    blocks.forEach(function (nodes) {
      var out = convert(nodes.map(function (n) { return n.nodeValue; }).join("")), at = 0;
      nodes.forEach(function (n) {
        var t = n.nodeValue, len = Array.from(t).length, f = out.slice(at, at + len).join("");
        at += len;
        if (f !== t) { originals.set(n, t); n.nodeValue = f; }
      });
    });
  }

  window.tiaowenHanconv = { simplifier: simplifier, convertText: convertText };
})();
