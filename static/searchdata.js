// The search index that internal/search writes into search/data/, as
// pages read it: its files loaded as scripts — never fetch or XHR, which
// file:// forbids — textnorm's normalisation from the tables in meta.js,
// and each section's text as written. The search page (search.js) and
// the comparison of two documents that have no page of their own
// (compare.js) share it.
(function () {
  "use strict";
  var made = null;

  // tiaowenIndex returns the reader of the index at where: the address
  // of its meta.js with the version the build gave it
  // ("../search/data/meta.js?v=…", the pages' data-index), or, from a
  // site's own older template, its folder (a URL ending in "/"). A page
  // has one: the index's scripts report to one global.
  window.tiaowenIndex = function (where) {
    if (!made) {
      var path = where.replace(/[?#].*$/, "");
      var dir = path.replace(/[^\/]*$/, "");
      made = reader(dir, path === dir ? "" : where);
    }
    return made;
  };

  // tiaowenDocLabel is a document of meta.js's "docs" as a list names it:
  // its title, and what tells it apart when another document has the
  // same title (a 征求意见稿 and its final text), as the build's lists do;
  // quoted, the title in 《》.
  window.tiaowenDocLabel = function (doc, quoted) {
    return (quoted ? "《" + doc[1] + "》" : doc[1]) + (doc[8] ? "（" + doc[8] + "）" : "");
  };

  // tiaowenTerm is whether a document is in force today, the day the
  // page is read, by the days its term gives (as site.js's notes say):
  // "in-force", "not-yet", "expired", or "none" where it gives none.
  // tiaowenTermName names the two a list marks.
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  window.tiaowenTerm = function (effective, expires) {
    if (!effective && !expires) return "none";
    if (effective && today < effective) return "not-yet";
    if (expires && today > expires) return "expired";
    return "in-force";
  };
  window.tiaowenTermName = { "not-yet": "尚未施行", expired: "已失效" };

  // tiaowenWordFilter is how the boxes that filter a list of documents
  // by the words typed (the home page's finder, the compare page's
  // chooser) match: folded as the search folds, by the index's tables
  // in dataDir, so that a word finds a title in the other script (質量
  // finds 质量, and 质量 finds 質量), in the other width or with other
  // punctuation, as the search would. ready() loads the tables, once,
  // and resolves when text and words fold with them; until then, or
  // when they cannot be read, they fold case alone, and a list folded
  // before is to be folded again. text(fields) is what a document is
  // matched in, each field folded alone so that no word is found across
  // two; words(typed) the words, folded; has(text, words) whether text
  // holds every one.
  window.tiaowenWordFilter = function (where) {
    var ix = window.tiaowenIndex(where), ready = null;
    var fold = function (s) { return s.toLowerCase(); };
    return {
      ready: function () {
        if (!ready) ready = ix.ready().then(function () { fold = ix.key; }, function () {});
        return ready;
      },
      text: function (fields) {
        return fields.map(function (f) { return fold(f ? String(f) : ""); }).join("\n");
      },
      words: function (typed) {
        return typed.split(/\s+/).map(fold).filter(Boolean);
      },
      has: function (text, words) {
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      }
    };
  };

  // reader reads the index in dataDir; metaURL is its meta.js's address
  // with the version the build gave it, or "".
  function reader(dataDir, metaURL) {
    // ---- Loading the index -------------------------------------------------

    var meta = null;
    var gramShards = {};   // shard number → {gram: posting string}
    var textShards = {};   // shard number → [eId, citation, title, text, …]
    var textLayouts = {};  // shard number → {place in shard: layout}, for sections with tables or code
    var themeLists = {};   // theme index → posting string
    var positionFiles = {}; // split bigram's number → its whole list
    var rarity = null;     // rarity.js's object, once loaded
    var heads = null;      // heads.js's strings, once loaded
    var loads = {};        // file name → Promise

    function receive(o) {
      if (!o || typeof o !== "object") return;
      if (o.k === "meta") meta = o;
      else if (o.k === "g") gramShards[o.n] = o.d;
      else if (o.k === "t") { textShards[o.n] = o.d; textLayouts[o.n] = o.b || {}; }
      else if (o.k === "th") themeLists[o.n] = o.d;
      else if (o.k === "p") positionFiles[o.n] = o.d;
      else if (o.k === "rarity") rarity = o;
      else if (o.k === "heads") heads = o.d;
    }
    var early = window.TIAOWEN_SEARCH;
    window.TIAOWEN_SEARCH = { push: receive };
    if (early && early.length) early.forEach(receive);

    // load inserts a script for an index file once, and resolves when it
    // has run: its data has then reached receive.
    function load(name) {
      if (loads[name]) return loads[name];
      loads[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        // The shards carry the hash of the build that meta.js names, and
        // meta.js the fingerprint of what the index was built from, which
        // the page was given: a browser never mixes a cached file of one
        // build with those of another. (Without one, this page's date.)
        s.src = name === "meta.js" && metaURL ? metaURL :
          dataDir + name + "?v=" + encodeURIComponent(meta ? meta.v : document.lastModified);
        s.async = true;
        // A script inserted by a script is fetched at low priority, and
        // every query waits for its files: at 2000 documents, six cold
        // runs in turn, a first result came 25 ms after the query for
        // 质量 instead of 40, 49 instead of 56 for 首负责任制 (medians).
        s.fetchPriority = "high";
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loads[name]; reject(new Error("无法读取检索索引 " + name)); };
        document.head.appendChild(s);
      });
      return loads[name];
    }

    // ---- Normalisation: textnorm's, from the tables in meta.js ------------

    var foldMap = new Map(), dropSet = new Set(), keepSet = new Set(), endSet = new Set();
    var toTrad = new Map(); // simplified → the traditional form the corpus uses, or the first
    var DROP_RE = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}\p{Variation_Selector}]/u;

    function codePoints(s) {
      var out = [];
      for (var i = 0; i < s.length; i++) {
        var c = s.codePointAt(i);
        out.push(c);
        if (c > 0xffff) i++;
      }
      return out;
    }
    function isHan(c) {
      return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
        (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x323af);
    }
    function setupFold() {
      var f = codePoints(meta.fold);
      for (var i = 0; i + 1 < f.length; i += 2) {
        foldMap.set(f[i], f[i + 1]);
        if (isHan(f[i]) && isHan(f[i + 1]) && !toTrad.has(f[i + 1])) toTrad.set(f[i + 1], f[i]);
      }
      codePoints(meta.drop).forEach(function (c) { dropSet.add(c); });
      codePoints(meta.keep).forEach(function (c) { keepSet.add(c); });
      codePoints(meta.ends).forEach(function (c) { endSet.add(c); });
      // The same tables for the Basic Multilingual Plane as one array,
      // read once a character: every snippet is normalised to find its
      // matches, before the browser has compiled this code.
      keepSet.forEach(function (c) { if (c < 0x10000) bmpFold[c] = c + 1; });
      dropSet.forEach(function (c) { if (c < 0x10000) bmpFold[c] = -1; });
      foldMap.forEach(function (t, c) { if (c < 0x10000) bmpFold[c] = t + 1; });
    }
    // bmpFold[c] is, for a character c of the tables, 1 + what it becomes,
    // or -1 if normalisation drops it; 0 for the others.
    var bmpFold = new Int32Array(0x10000);
    // Characters the corpus does not have follow textnorm's general rules,
    // less 繁→简 folding, which only matters for characters the corpus has.
    function generic(c) {
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
        if (c >= 65 && c <= 90) return c + 32;
        return -1;
      }
      if (c >= 0xff01 && c <= 0xff5e) return generic(c - 0xff01 + 0x21);
      if (DROP_RE.test(String.fromCodePoint(c))) return -1;
      return c;
    }
    // foldChar is what normalisation makes of c, or -1 if it drops it.
    function foldChar(c) {
      if (c < 0x10000) {
        var b = bmpFold[c];
        if (b !== 0) return b > 0 ? b - 1 : -1;
      }
      var f = foldMap.get(c);
      if (f !== undefined) return f;
      if (dropSet.has(c)) return -1;
      if (keepSet.has(c)) return c;
      return generic(c);
    }
    // normalize folds s and keeps, for each kept character, where it was in
    // s (UTF-16 offsets, start and end), and whether a clause end lies
    // between it and the next kept character.
    function normalize(s) {
      var cps = [], start = [], end = [], brk = [];
      var pendingBreak = false;
      for (var i = 0; i < s.length; i++) {
        var c = s.codePointAt(i), w = c > 0xffff ? 2 : 1;
        var f = foldChar(c);
        if (f >= 0) {
          if (cps.length) brk[cps.length - 1] = pendingBreak;
          cps.push(f); start.push(i); end.push(i + w);
          pendingBreak = false;
        } else if (endSet.has(c)) {
          pendingBreak = true;
        }
        i += w - 1;
      }
      if (cps.length) brk[cps.length - 1] = true;
      return { cps: cps, start: start, end: end, brk: brk };
    }
    function key(s) {
      return normalize(s).cps.map(function (c) { return String.fromCodePoint(c); }).join("");
    }


    // DIGIT[c] is the value of the character c in the lists' alphabet.
    var DIGIT = new Int8Array(128).fill(-1);
    (function () {
      var a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (var i = 0; i < a.length; i++) DIGIT[a.charCodeAt(i)] = i;
    })();

    // varints returns the varints of s, in the lists' alphabet, as they
    // are: for meta.js's short strings, read once (the lists' decoders,
    // run on hundreds of thousands, read theirs inline).
    function varints(s) {
      var out = [], i = 0, v, shift, d;
      while (i < s.length) {
        v = 0; shift = 0;
        do { d = DIGIT[s.charCodeAt(i++)]; v |= (d & 31) << shift; shift += 5; } while (d & 32);
        out.push(v);
      }
      return out;
    }

    // ---- Documents and sections --------------------------------------------

    var docStart = [];   // docStart[d] is the number of d's first section
    var secDoc = null;   // section → document
    var textStart = null; // textStart[n] is the number of text shard n's first section
    function setupDocs() {
      var n = 0;
      meta.docs.forEach(function (d) {
        docStart.push(n);
        n += d[3];
      });
      docStart.push(n);
      secDoc = new Int32Array(n);
      for (var i = 0; i < meta.docs.length; i++) secDoc.fill(i, docStart[i], docStart[i + 1]);
      var prev = -1;
      textStart = Int32Array.from(varints(meta.texts), function (gap) { return (prev += 1 + gap); });
    }
    function docOf(sec) { return secDoc[sec]; }
    // textShardOf returns the text shard that holds section sec.
    function textShardOf(sec) {
      var lo = 0, hi = textStart.length;
      while (hi - lo > 1) {
        var m = (lo + hi) >> 1;
        if (textStart[m] <= sec) lo = m; else hi = m;
      }
      return lo;
    }
    // section returns what the text shard holds for section sec (loaded).
    function section(sec) {
      var doc = meta.docs[docOf(sec)], n = textShardOf(sec), shard = textShards[n];
      var off = 5 * (sec - textStart[n]);
      return {
        docID: doc[0], docTitle: doc[1], docLabel: window.tiaowenDocLabel(doc), lang: doc[2], newer: doc[7] || "", draft: doc[9] === true, term: window.tiaowenTerm(doc[10], doc[11]), eid: shard[off], cite: shard[off + 1],
        title: shard[off + 2], text: shard[off + 3],
        // What each line of text is (corpus.Section.Layout): "" when each
        // is a paragraph.
        layout: textLayouts[n][sec - textStart[n]] || "",
        // The section of the same document that holds it, or -1.
        parent: shard[off + 4] ? sec - Number(shard[off + 4]) : -1
      };
    }

    var ready = null;
    var ix = {
      gramShards: gramShards, textShards: textShards, themeLists: themeLists, positionFiles: positionFiles,
      load: load, codePoints: codePoints, isHan: isHan, foldMap: foldMap, toTrad: toTrad,
      normalize: normalize, key: key, DIGIT: DIGIT, varints: varints,
      docStart: docStart, docOf: docOf, textShardOf: textShardOf, section: section,
      // meta, secDoc and textStart are set when ready has resolved.
      meta: null, secDoc: null, textStart: null,
      // rarity loads rarity.js and resolves to its object: in how many
      // sections each gram is found, as internal/align counts them.
      rarity: function () {
        return load("rarity.js").then(function () { return rarity; });
      },
      // heads loads heads.js and resolves to what each document says
      // outside its sections: [number, issuer, preamble, closing
      // matter], in corpus order.
      heads: function () {
        return load("heads.js").then(function () { return heads; });
      },
      // simplified loads t2s.js and resolves to its entries: what the
      // corpus's documents in 繁體 use of internal/hanconv's 繁→简
      // tables, phrases and characters, each to what it becomes.
      simplified: function () {
        return load("t2s.js").then(function () { return window.TIAOWEN_T2S; });
      },
      // ready loads meta.js, once, and resolves when its tables are set up.
      ready: function () {
        if (!ready) {
          ready = load("meta.js").then(function () {
            setupFold();
            setupDocs();
            ix.meta = meta;
            ix.secDoc = secDoc;
            ix.textStart = textStart;
            return ix;
          });
        }
        return ready;
      }
    };
    return ix;
  }
})();
