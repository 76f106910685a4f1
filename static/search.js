// tiaowen full-text search. It reads the index that internal/search
// writes into search/data/ as script files — never fetch or XHR, which
// file:// forbids — loading only the shards a query needs, and makes no
// network requests. Document text is always inserted as text, never as
// HTML.
(function () {
  "use strict";
  var box = document.getElementById("search");
  // This script's address: static/docx.js is beside it, and its version
  // covers that file too (internal/site's assets.go).
  var ownSrc = document.currentScript ? document.currentScript.src : "";
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var dataDir = box.getAttribute("data-index") || "data/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var docSel = document.getElementById("search-doc");
  var themeSel = document.getElementById("search-theme");
  // The filters by a document's columns (level, year, script, status),
  // which the build writes with the corpus's values.
  var facetSels = Array.prototype.slice.call(document.querySelectorAll("#search-form select[data-facet]"));
  var sortSel = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var help = document.getElementById("search-none");
  // The documents whose title, number, issuer, preamble or closing
  // matter have the query (showHeads).
  var headsBox = document.getElementById("search-docs");
  var headsList = headsBox && headsBox.querySelector("ol");
  var headsCount = headsBox && headsBox.querySelector(".count");
  // The spread of the results, folded on a narrow screen, where it
  // would stand between the status and the results; its rows go in
  // spreadRows.
  var spread = document.getElementById("search-spread");
  var spreadRows = spread && spread.querySelector(".spread-rows");
  if (spread && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 64rem)");
    spread.open = wide.matches;
    // Beside the results it has no summary to open it by.
    if (wide.addEventListener) wide.addEventListener("change", function () { if (wide.matches) spread.open = true; });
  }
  var headerQ = document.getElementById("site-q");

  var PAGE = 20;         // results rendered at a time
  var DEBOUNCE = 150;    // ms after the last keystroke
  var TIERS = ["exact", "adjacent", "partial"];
  var TIER_LABEL = ["", "字字相连", "部分匹配"];
  var TIER_NAME = ["完全匹配", "字字相连", "部分匹配"];
  // A hit in a document not in force today says so (searchdata.js).
  var TERM_NAME = window.tiaowenTermName;

  // ---- The index (searchdata.js) ---------------------------------------

  var ix = window.tiaowenIndex(dataDir);
  var meta = null, secDoc = null, textStart = null; // set by start
  var gramShards = ix.gramShards, textShards = ix.textShards, themeLists = ix.themeLists,
    positionFiles = ix.positionFiles, load = ix.load, codePoints = ix.codePoints, isHan = ix.isHan,
    foldMap = ix.foldMap, toTrad = ix.toTrad, normalize = ix.normalize, key = ix.key,
    DIGIT = ix.DIGIT, varints = ix.varints, docStart = ix.docStart, docOf = ix.docOf,
    textShardOf = ix.textShardOf, section = ix.section;

  // ---- Queries -----------------------------------------------------------

  // parseQuery splits a query into terms: quoted phrases, which results
  // must contain exactly, and the words between them. A word or a quoted
  // phrase with a minus before it (-产品, -"质量提升", in either width),
  // as a web search engine reads it, is one that results must not
  // contain: it goes into excluded, each keeping its text as typed. A
  // term is cut at clause ends, across which nothing matches.
  var QUOTE_RE = /"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?/g, MINUS_RE = /^[-－](.+)$/, MINUS_END_RE = /(^|\s)[-－]$/;
  function parseQuery(q) {
    var terms = [], excluded = [];
    var add = function (raw, required, to) {
      var n = normalize(raw);
      var cur = [];
      for (var i = 0; i < n.cps.length; i++) {
        cur.push(n.cps[i]);
        // A number is found whole or not at all: 2025's parts (202,
        // 025) would find every year of the decade.
        if (n.brk[i]) { to.push({ cps: cur, required: required || cur.every(isDigit), text: raw }); cur = []; }
      }
    };
    var words = function (s) {
      s.split(/\s+/).forEach(function (w) {
        var m = MINUS_RE.exec(w);
        if (m) add(m[1], true, excluded);
        else add(w, false, terms);
      });
    };
    var last = 0, m;
    QUOTE_RE.lastIndex = 0;
    while ((m = QUOTE_RE.exec(q)) !== null) {
      var before = q.slice(last, m.index), minus = MINUS_END_RE.test(before);
      words(minus ? before.slice(0, -1) : before);
      add(m[1] || m[2] || m[3] || m[4] || "", true, minus ? excluded : terms);
      last = m.index + m[0].length;
    }
    words(q.slice(last));
    var some = function (t) { return t.cps.length > 0; };
    return { terms: terms.filter(some), excluded: excluded.filter(some) };
  }

  function isDigit(c) { return c >= 48 && c <= 57; }

  // parse returns the terms of a query that results are to contain.
  function parse(q) { return parseQuery(q).terms; }

  // shardOf returns the gram shard of the gram whose code points are g:
  // shards hold consecutive grams in code point order, and meta.js lists
  // the first gram of each (setupShards), so it is the last shard whose
  // first gram is not after g.
  var shardStarts = [];
  function setupShards() {
    shardStarts = meta.shards.split(" ").map(codePoints);
  }
  function compareGrams(x, y) {
    for (var i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  function shardOf(g) {
    var lo = 0, hi = shardStarts.length;
    while (hi - lo > 1) {
      var m = (lo + hi) >> 1;
      if (compareGrams(shardStarts[m], g) <= 0) lo = m; else hi = m;
    }
    return lo;
  }
  // filesOf returns the index files a query reads: the gram shards of
  // its characters and bigrams, but for its terms of three characters
  // or more, which chain them, a split bigram's own file, which holds
  // its whole list, instead of its shard, and the trigrams that an
  // extended bigram makes with its neighbours. The terms run together
  // (质量 强省 → 质量强省) are a phrase too.
  function filesOf(terms) {
    var need = {};
    var add = function (cps) {
      if (cps.length === 1) need["g" + shardOf(cps)] = true;
      for (var i = 0; i + 1 < cps.length; i++) {
        var g = String.fromCodePoint(cps[i], cps[i + 1]), k = cps.length < 3 ? undefined : splitIndex.get(g);
        if (k !== undefined) need["p" + k] = true;
        else need["g" + shardOf([cps[i], cps[i + 1]])] = true;
        if (cps.length < 3) continue;
        if (extendedSet.has(g)) {
          if (i > 0) need["g" + shardOf(cps.slice(i - 1, i + 2))] = true;
          if (i + 2 < cps.length) need["g" + shardOf(cps.slice(i, i + 3))] = true;
        }
      }
    };
    terms.forEach(function (t) { add(t.cps); });
    if (terms.length > 1) add([].concat.apply([], terms.map(function (t) { return t.cps; })));
    return Object.keys(need).map(function (f) { return f + ".js"; });
  }

  // splitIndex maps each bigram whose whole list has a file of its own
  // to the number of that file; extendedSet holds the bigrams whose
  // positions the trigrams that contain them give.
  var splitIndex = new Map(), extendedSet = new Set(), splitCount = [];
  function setupSplit() {
    var cps = codePoints(meta.split || ""), i;
    for (i = 0; i + 1 < cps.length; i += 2) splitIndex.set(String.fromCodePoint(cps[i], cps[i + 1]), i / 2);
    splitCount = varints(meta.splitn || "");
    cps = codePoints(meta.extended || "");
    for (i = 0; i + 1 < cps.length; i += 2) extendedSet.add(String.fromCodePoint(cps[i], cps[i + 1]));
  }

  // POP[d] is the number of bits set in the digit d, and BITS[6d…] which
  // they are, for reading dense lists a digit at a time.
  var POP = new Uint8Array(64), BITS = new Uint8Array(6 * 64);
  (function () {
    for (var d = 0; d < 64; d++) for (var b = 0; b < 6; b++) if (d & (1 << b)) BITS[6 * d + POP[d]++] = b;
  })();

  // postings returns the decoded list of the character a (b < 0) or the
  // bigram ab, or null when no section has it.
  function postings(a, b) { return gramList(b >= 0 ? [a, b] : [a]); }
  // gramList returns the decoded list of the gram whose code points are
  // cps (one, two or three), or null when no section has it. A split
  // bigram's list comes from its own file, with its positions, once
  // that is read, and from its shard, without, before.
  var decoded = new Map();
  // written returns the list of the gram whose code points are cps as
  // its gram shard writes it, or null when the shard has none.
  function written(cps) {
    var shard = gramShards[shardOf(cps)], g = String.fromCodePoint.apply(null, cps);
    return shard && Object.prototype.hasOwnProperty.call(shard, g) ? shard[g] : null;
  }
  function gramList(cps) {
    var g = String.fromCodePoint.apply(null, cps);
    if (decoded.has(g)) return decoded.get(g);
    var split = cps.length === 2 ? splitIndex.get(g) : undefined, extended = cps.length === 2 && extendedSet.has(g);
    var p;
    if (split !== undefined && positionFiles[split] !== undefined) {
      p = decode(positionFiles[split], true);
    } else {
      var s = written(cps);
      p = s === null ? null : decode(s, cps.length >= 2 && split === undefined && !extended);
    }
    if (p && split !== undefined) { p.split = split; p.g = g; }
    if (p && extended) p.extended = true;
    decoded.set(g, p);
    return p;
  }
  // positioned returns the list of the j-th bigram of the code points
  // cps, ready for positionsAt. An extended bigram's positions there are
  // those where it meets its neighbours in cps, which its trigrams have:
  // the only ones a chain through it can use (chainIn), and for a
  // section where it meets neither, being there is all that counts.
  function positioned(cps, j) {
    var l = postings(cps[j], cps[j + 1]);
    if (!l || !l.extended) return withPositions(l);
    // li and ri are where the last look-up stopped in each trigram list:
    // a term asks for sections in ascending order.
    return {
      n: l.n, sec: l.sec, title: l.title, extended: true,
      left: j > 0 ? gramList(cps.slice(j - 1, j + 2)) : null,
      right: j + 2 < cps.length ? gramList(cps.slice(j, j + 3)) : null,
      li: 0, ri: 0
    };
  }
  // withPositions returns the bigram list l ready for positionsAt: a
  // split bigram's list decoded from its shard, without positions, is
  // decoded again from its own file (which filesOf had the query read).
  function withPositions(l) {
    if (!l || l.at || l.split === undefined) return l;
    var s = positionFiles[l.split];
    if (s === undefined) throw new Error("无法读取检索索引 p" + l.split + ".js");
    var full = decode(s, true);
    full.split = l.split; full.g = l.g;
    decoded.set(l.g, full);
    return full;
  }
  // skipPositions returns the offset in s after the positions of one
  // section that start at i. It reads only each varint's first digit's
  // low bit, which says whether another position follows, and the
  // continuation flags.
  function skipPositions(s, i) {
    var d, more;
    do {
      d = DIGIT[s.charCodeAt(i++)];
      more = d & 1;
      while (d & 32) d = DIGIT[s.charCodeAt(i++)];
    } while (more);
    return i;
  }
  // decode reads a posting list (see internal/search): its sections and
  // title flags, and for a bigram where each section's positions start
  // in s. Positions are read only for the sections that need them
  // (positionsAt): a common bigram's list, such as 质量's, has hundreds
  // of thousands, of which a phrase needs few.
  function decode(s, bigram) {
    if (s.charCodeAt(0) === 33) return decodeDense(s);
    var n = s.length;
    var sec = new Int32Array(n), title = new Uint8Array(n), at = bigram ? new Int32Array(n) : null;
    var i = 0, k = 0, prev = -1, v, shift, d;
    while (i < n) {
      v = 0; shift = 0;
      do { d = DIGIT[s.charCodeAt(i++)]; v |= (d & 31) << shift; shift += 5; } while (d & 32);
      prev += 1 + (v >>> 1);
      sec[k] = prev; title[k] = v & 1;
      if (bigram) {
        at[k] = i;
        i = skipPositions(s, i);
      }
      k++;
    }
    return { n: k, sec: sec, title: title, at: at, s: s };
  }
  // decodeDense reads a list in the dense form ("!", a bitmap of six
  // sections to a digit, ".", the title sections' gaps or "!" and a
  // bitmap of the title entries), which a character or split bigram that
  // most sections have takes.
  function decodeDense(s) {
    var end = s.indexOf("."), n = 0, k, d, m, c, base;
    for (k = 1; k < end; k++) n += POP[DIGIT[s.charCodeAt(k)]];
    var sec = new Int32Array(n), title = new Uint8Array(n), i = 0;
    for (k = 1, base = 0; k < end; k++, base += 6) {
      d = DIGIT[s.charCodeAt(k)];
      for (m = 0, c = POP[d]; m < c; m++) sec[i++] = base + BITS[6 * d + m];
    }
    if (s.charCodeAt(end + 1) === 33) {
      for (k = end + 2, base = 0; k < s.length; k++, base += 6) {
        d = DIGIT[s.charCodeAt(k)];
        for (m = 0, c = POP[d]; m < c; m++) title[base + BITS[6 * d + m]] = 1;
      }
      return { n: n, sec: sec, title: title, at: null, s: null };
    }
    var j = end + 1, prev = -1, at = 0, v, shift;
    while (j < s.length) {
      v = 0; shift = 0;
      do { d = DIGIT[s.charCodeAt(j++)]; v |= (d & 31) << shift; shift += 5; } while (d & 32);
      prev += 1 + v;
      while (sec[at] < prev) at++;
      title[at] = 1;
    }
    return { n: n, sec: sec, title: title, at: null, s: null };
  }

  // positionsAt decodes the positions of entry k of the bigram list l
  // into scratch[j], which it grows as needed, and returns their number.
  var scratch = [];
  function positionsAt(l, k, j) {
    if (l.extended) return extendedPositionsAt(l, k, j);
    return readPositions(l.s, l.at[k], scratch, j, 0);
  }
  // readPositions decodes the positions that start at offset i of s,
  // each plus shift, into bufs[j], which it grows as needed, and returns
  // their number.
  function readPositions(s, i, bufs, j, shift0) {
    var out = bufs[j] || (bufs[j] = new Int32Array(64));
    var np = 0, last = -1, v, shift, d;
    do {
      v = 0; shift = 0;
      do { d = DIGIT[s.charCodeAt(i++)]; v |= (d & 31) << shift; shift += 5; } while (d & 32);
      last += 1 + (v >>> 1);
      if (np === out.length) {
        var grown = new Int32Array(2 * np);
        grown.set(out);
        out = bufs[j] = grown;
      }
      out[np++] = last + shift0;
    } while (v & 1);
    return np;
  }
  // extendedPositionsAt is positionsAt for an extended bigram (see
  // positioned): the positions of its left trigram, one on, merged with
  // those of its right trigram, in the section of entry k.
  var triBufs = [];
  function extendedPositionsAt(l, k, j) {
    var s = l.sec[k], na = 0, nb = 0, x;
    if (l.left) {
      x = l.li = seek(l.left, l.li < l.left.n && l.left.sec[l.li] <= s ? l.li : 0, s);
      if (x < l.left.n && l.left.sec[x] === s) na = readPositions(l.left.s, l.left.at[x], triBufs, 0, 1);
    }
    if (l.right) {
      x = l.ri = seek(l.right, l.ri < l.right.n && l.right.sec[l.ri] <= s ? l.ri : 0, s);
      if (x < l.right.n && l.right.sec[x] === s) nb = readPositions(l.right.s, l.right.at[x], triBufs, 1, 0);
    }
    var a = triBufs[0], b = triBufs[1], out = scratch[j];
    if (!out || out.length < na + nb) out = scratch[j] = new Int32Array(Math.max(64, 2 * (na + nb)));
    var i = 0, y = 0, np = 0;
    while (i < na || y < nb) {
      var p = y >= nb || (i < na && a[i] <= b[y]) ? a[i] : b[y];
      if (i < na && a[i] === p) i++;
      if (y < nb && b[y] === p) y++;
      out[np++] = p;
    }
    return np;
  }

  // minChain is how many characters of a term a partial match must have
  // in a row: two thirds of the term, at least two. Terms of one or two
  // characters match whole or not at all.
  function minChain(L) { return L <= 2 ? L : Math.max(2, Math.ceil(2 * L / 3)); }

  // Each term is matched against every section that has one of its
  // bigrams: the longest run of the term's characters in a row that the
  // section has (its chain), found by chaining positions bigram to
  // bigram, decides its level: 3 for the whole term (exact), 2 for every
  // bigram but not in one run (adjacent), 1 for a run of at least
  // minChain characters (partial).

  // chainIn returns the longest chain of section s, in characters. The
  // lists that s has are marked in here; runs[j][x] is the number of
  // bigrams in a row that start at the x-th position of bigram j in s,
  // computed from the last bigram back, and ones[j] says that all of
  // them are 1 without storing it.
  function chainIn(lists, cur, here, runs, ones, K) {
    var best = 0, count = chainCounts.length >= K ? chainCounts : (chainCounts = new Int32Array(2 * K));
    for (var j = 0; j < K; j++) if (here[j] && (here[j + 1] || (j > 0 && here[j - 1]))) count[j] = positionsAt(lists[j], cur[j], j);
    for (j = K - 1; j >= 0; j--) {
      if (!here[j]) continue;
      var next = j + 1 < K && here[j + 1];
      ones[j] = next ? 0 : 1;
      if (!next) {
        if (best < 1) best = 1;
        continue;
      }
      var pos = scratch[j], b = count[j], npos = scratch[j + 1], nb = count[j + 1], y = 0;
      var rj = runs[j], rn = runs[j + 1], nOnes = ones[j + 1];
      for (var x = 0; x < b; x++) {
        var r = 1, want = pos[x] + 1;
        while (y < nb && npos[y] < want) y++;
        if (y < nb && npos[y] === want) r = 1 + (nOnes ? 1 : rn[y]);
        rj[x] = r;
        if (r > best) best = r;
      }
    }
    return best + 1;
  }
  var chainCounts = new Int32Array(256);

  // seek returns the first entry of list l at or after i whose section
  // is at least s, galloping: the cost grows with the log of the skip.
  function seek(l, i, s) {
    if (i >= l.n || l.sec[i] >= s) return i;
    var step = 1, lo = i;
    while (lo + step < l.n && l.sec[lo + step] < s) { lo += step; step *= 2; }
    var hi = Math.min(lo + step, l.n);
    while (lo + 1 < hi) {
      var m = (lo + hi) >> 1;
      if (l.sec[m] < s) lo = m; else hi = m;
    }
    return hi;
  }

  // candidateLists returns the lists whose sections, together, are every
  // section that can match a term of K bigrams at some level, a partial
  // match needing need characters in a row: such a section has every
  // bigram of some run of need - 1 bigrams (a window), so the rarest
  // bigram of each window will do, or the rarest bigram that all
  // windows share, when its list is shorter. At 2000 documents 首负责任制
  // walks 首负 and 任制, under 7,600 sections, where the bigram all its
  // windows share, 责任, has 14,907. A window with a bigram that no
  // section has cannot match. With everyList set (for the tests) it
  // returns every list, which finds the same.
  var everyList = false;
  function candidateLists(lists, K, need) {
    var W = need - 1, out = [], sum = 0, j, r;
    if (everyList) {
      for (j = 0; j < K; j++) if (lists[j]) out.push(j);
      return out;
    }
    for (var w = 0; w + W <= K; w++) {
      for (r = -1, j = w; j < w + W; j++) {
        if (!lists[j]) { r = -1; break; }
        if (r < 0 || lists[j].n < lists[r].n) r = j;
      }
      if (r >= 0 && out.indexOf(r) < 0) { out.push(r); sum += lists[r].n; }
    }
    var mid = -1;
    for (j = Math.max(0, K - need + 1); j <= Math.min(K - 1, need - 2); j++) {
      if (lists[j] && (mid < 0 || lists[j].n < lists[mid].n)) mid = j;
    }
    return out.length && mid >= 0 && lists[mid].n < sum ? [mid] : out;
  }

  // evalTerm returns the sections that match a term at some level, in
  // section order, with their level, chain and whether the term is in
  // their title. With exact set it returns only the sections that have
  // the whole term, and then head, if given, narrows that further for
  // phraseHead: head.title keeps the sections that have every bigram in
  // their title, and head.limit stops at that many of the others;
  // head.first, if given, is called with the first section found.
  //
  // A partial match needs minChain characters in a row, so every section
  // it could be in has the bigrams in the middle of the term, which every
  // run that long covers: the rarest of them drives the walk, and the
  // other lists are searched by galloping. Only terms of three characters
  // have no such bigram (a run of two may be either pair), and walk the
  // union of their two lists.
  function evalTerm(t, exact, head) {
    var L = t.cps.length;
    if (L <= 2) {
      var u = L === 1 ? postings(t.cps[0], -1) : postings(t.cps[0], t.cps[1]);
      var n = u ? u.n : 0;
      var lv = new Uint8Array(n).fill(3);
      return { n: n, sec: u ? u.sec : new Int32Array(0), level: lv, chain: new Uint8Array(n).fill(L), title: u ? u.title : lv };
    }
    var K = L - 1, lists = [], cur = new Int32Array(K), here = new Uint8Array(K), ones = new Uint8Array(K), runs = [];
    var need = exact ? L : minChain(L), j, l;
    for (j = 0; j < K; j++) { lists.push(positioned(t.cps, j)); runs.push([]); }
    var drivers = candidateLists(lists, K, need), isDriver = new Uint8Array(K), cap = 0;
    if (!drivers.length) return { n: 0, sec: new Int32Array(0) };
    drivers.forEach(function (d) { isDriver[d] = 1; cap += lists[d].n; });
    var res = { n: 0, sec: new Int32Array(cap), level: new Uint8Array(cap), chain: new Uint8Array(cap), title: new Uint8Array(cap) };
    // An exact walk has one driver, the term's rarest bigram, which a
    // section with every bigram in its title has in its title too.
    var titleOnly = head && head.title ? lists[drivers[0]] : null;
    for (;;) {
      var s = 0x7fffffff, d;
      if (titleOnly) while (cur[drivers[0]] < titleOnly.n && !titleOnly.title[cur[drivers[0]]]) cur[drivers[0]]++;
      for (d = 0; d < drivers.length; d++) {
        l = lists[drivers[d]];
        if (cur[drivers[d]] < l.n && l.sec[cur[drivers[d]]] < s) s = l.sec[cur[drivers[d]]];
      }
      if (s === 0x7fffffff) break;
      for (j = 0; j < K; j++) if (lists[j] && !isDriver[j]) cur[j] = seek(lists[j], cur[j], s);
      var present = 0, allTitle = 1, run = 0, maxRun = 0;
      for (j = 0; j < K; j++) {
        l = lists[j];
        here[j] = l && cur[j] < l.n && l.sec[cur[j]] === s ? 1 : 0;
        if (here[j]) {
          present++; run++;
          if (run > maxRun) maxRun = run;
          if (!l.title[cur[j]]) allTitle = 0;
        } else run = 0;
      }
      // A section whose bigrams cannot chain far enough is passed over
      // without looking at positions.
      var chain = 0;
      if (present === K || maxRun + 1 >= need) chain = chainIn(lists, cur, here, runs, ones, K);
      for (d = 0; d < drivers.length; d++) if (here[drivers[d]]) cur[drivers[d]]++;
      var level = chain === L ? 3 : exact ? 0 : present === K ? 2 : chain >= need ? 1 : 0;
      if (level === 0) continue;
      var inTitle = allTitle && present === K ? 1 : 0;
      if (head && (head.title ? !inTitle : inTitle)) continue;
      var i = res.n++;
      res.sec[i] = s; res.level[i] = level; res.chain[i] = chain; res.title[i] = inTitle;
      if (head && head.first && res.n === 1) head.first(s);
      if (head && head.limit && res.n >= head.limit) break;
    }
    return res;
  }

  // eachInTheme calls f with each section of theme ti, in order, as
  // its list (th<ti>.js, read first) gives them.
  function eachInTheme(ti, f) {
    var s = themeLists[ti] || "", i = 0, prev = -1;
    while (i < s.length) {
      var v = 0, shift = 0, d;
      do { d = DIGIT[s.charCodeAt(i++)]; v |= (d & 31) << shift; shift += 5; } while (d & 32);
      prev += 1 + v;
      f(prev);
    }
  }

  function themeMask(ti) {
    var mask = new Uint8Array(meta.sections);
    eachInTheme(ti, function (sec) { mask[sec] = 1; });
    return mask;
  }

  // search ranks the sections for the parsed terms: exact phrase first,
  // then every pair of characters adjacent, then partial matches by how
  // many characters they have in a row; within a tier, matches in the
  // title first, then corpus order. A section must have every quoted
  // term exactly. Of a query of several terms, the exact phrase is the
  // terms run together as typed (质量 强省 → 质量强省): the sections that
  // have it come before those that have each term apart.
  function search(terms, docFilter, mask) {
    var lo = 0, hi = meta.sections;
    if (docFilter >= 0) { lo = docStart[docFilter]; hi = docStart[docFilter + 1]; }
    if (terms.length === 1 && terms[0].cps.length <= 2 && docFilter < 0 && !mask) return searchWord(terms[0]);
    var evals = terms.map(function (t) { return evalTerm(t, false); });
    var T = terms.length, cap = 0, t, s, k;
    evals.forEach(function (e) { cap += e.n; });
    if (T === 0) cap = hi - lo;
    var phrase = null, pi = 0;
    if (T > 1) {
      var all = [];
      terms.forEach(function (x) { all = all.concat(x.cps); });
      phrase = evalTerm({ cps: all }, true);
    }
    // Each candidate's bucket: 0 the whole phrase in the title, 1 the
    // whole phrase, 2 every term exact in the title, 3 every term exact,
    // 4 adjacent in the title, 5 adjacent, 6 partial, sorted by chain
    // and title.
    var cand = new Int32Array(cap), cls = new Uint8Array(cap), nc = 0;
    var count = new Int32Array(7), keys = [];
    var add = function (sec, minLevel, score, title) {
      if (sec < lo || sec >= hi || (mask && !mask[sec])) return;
      var b = minLevel === 3 ? (title ? 2 : 3) : minLevel === 2 ? (title ? 4 : 5) : 6;
      if (phrase && b <= 3) {
        // Sections come in ascending order: the phrase's list is walked once.
        while (pi < phrase.n && phrase.sec[pi] < sec) pi++;
        if (pi < phrase.n && phrase.sec[pi] === sec) b = phrase.title[pi] ? 0 : 1;
      } else if (!phrase && b <= 3) b -= 2;
      cand[nc] = sec; cls[nc++] = b; count[b]++;
      if (b === 6) keys.push((4095 - Math.min(score * 2 + (title ? 1 : 0), 4095)) * 2097152 + sec);
    };
    if (T === 0) {
      for (s = lo; s < hi; s++) add(s, 3, 0, false);
    } else if (T === 1) {
      var e = evals[0];
      for (k = 0; k < e.n; k++) {
        if (terms[0].required && e.level[k] < 3) continue;
        add(e.sec[k], e.level[k], e.chain[k], e.title[k]);
      }
    } else {
      var idx = new Int32Array(T);
      for (;;) {
        var sec = 0x7fffffff;
        for (t = 0; t < T; t++) if (idx[t] < evals[t].n && evals[t].sec[idx[t]] < sec) sec = evals[t].sec[idx[t]];
        if (sec === 0x7fffffff) break;
        var minLevel = 3, ok = true, score = 0, title = false;
        for (t = 0; t < T; t++) {
          var ev = evals[t], lv = 0;
          if (idx[t] < ev.n && ev.sec[idx[t]] === sec) {
            lv = ev.level[idx[t]]; score += ev.chain[idx[t]];
            if (ev.title[idx[t]]) title = true;
            idx[t]++;
          }
          if (terms[t].required && lv < 3) ok = false;
          if (lv < minLevel) minLevel = lv;
        }
        if (ok) add(sec, minLevel, score, title);
      }
    }
    var n = nc, out = new Int32Array(n), tiers = new Uint8Array(n), off = new Int32Array(7);
    for (var b = 1; b < 7; b++) off[b] = off[b - 1] + count[b - 1];
    for (b = 0; b < 7; b++) tiers.fill(b < 4 ? 0 : b < 6 ? 1 : 2, off[b], off[b] + count[b]);
    for (k = 0; k < nc; k++) if (cls[k] < 6) out[off[cls[k]]++] = cand[k];
    var partial = Float64Array.from(keys).sort();
    for (k = 0; k < partial.length; k++) out[off[6] + k] = partial[k] % 2097152;
    return { secs: out, tiers: tiers };
  }

  // wordHead returns the first k sections of searchWord's answer for a
  // term whose list is dense, read from the list as written, without
  // decoding the rest, or null for any other list: the commonest
  // words have the longest lists, which a first query takes tens of
  // milliseconds to decode, and the text of the first results can be
  // asked for meanwhile (prepare).
  function wordHead(t, k) {
    var s = written(t.cps);
    if (s === null || s.charCodeAt(0) !== 33) return null;
    var end = s.indexOf("."), out = [], i, d, m, c, e, v, shift;
    if (s.charCodeAt(end + 1) === 33) {
      // The title entries as a bitmap: walk it beside the sections'.
      for (i = 1, e = 0; i < end && out.length < k; i++) {
        d = DIGIT[s.charCodeAt(i)];
        for (m = 0, c = POP[d]; m < c && out.length < k; m++, e++) {
          if (DIGIT[s.charCodeAt(end + 2 + ((e / 6) | 0))] & (1 << (e % 6))) out.push(6 * (i - 1) + BITS[6 * d + m]);
        }
      }
    } else {
      for (i = end + 1, v = -1; i < s.length && out.length < k;) {
        var x = 0;
        shift = 0;
        do { d = DIGIT[s.charCodeAt(i++)]; x |= (d & 31) << shift; shift += 5; } while (d & 32);
        v += 1 + x;
        out.push(v);
      }
    }
    // Fewer title sections than k: the others follow in corpus order.
    var titles = out.length;
    for (i = 1; i < end && out.length < k; i++) {
      d = DIGIT[s.charCodeAt(i)];
      for (m = 0, c = POP[d]; m < c && out.length < k; m++) {
        var sec = 6 * (i - 1) + BITS[6 * d + m];
        if (titles === 0 || out.lastIndexOf(sec, titles - 1) < 0) out.push(sec);
      }
    }
    return out;
  }

  // phraseHead returns the first k sections of search's answer for a
  // query of one term of three characters or more, unfiltered, as far
  // as they are exact matches — those come first, those with every
  // bigram in their title before the others, each in corpus order —
  // without looking at every section that has part of the term, as the
  // ranking must: a first query runs before the browser has compiled
  // the ranking, which takes it tens of milliseconds, and the text of
  // the first results can be asked for meanwhile. first, if given, is
  // called with the first section as soon as it is found, while the
  // others are looked for. It returns null for any other query.
  function phraseHead(terms, k, first) {
    if (terms.length !== 1 || terms[0].cps.length < 3) return null;
    var titled = evalTerm(terms[0], true, { title: true, first: first }), out = [], i;
    for (i = 0; i < titled.n && out.length < k; i++) out.push(titled.sec[i]);
    if (out.length < k) {
      var rest = evalTerm(terms[0], true, { limit: k - out.length, first: out.length ? null : first });
      for (i = 0; i < rest.n; i++) out.push(rest.sec[i]);
    }
    return out;
  }

  // searchWord is search for a query of one term of one or two
  // characters, unfiltered: the commonest query, whose list may hold
  // most sections. Every section it has matches exactly; those with the
  // term in their title come first. Two plain passes, where search's
  // general walk costs a call per section, which a first query pays
  // before the browser compiles it.
  function searchWord(t) {
    var l = t.cps.length === 1 ? postings(t.cps[0], -1) : postings(t.cps[0], t.cps[1]);
    var n = l ? l.n : 0, out = new Int32Array(n), o = 0, k;
    if (l) {
      var sec = l.sec, title = l.title;
      for (k = 0; k < n; k++) if (title[k]) out[o++] = sec[k];
      for (k = 0; k < n; k++) if (!title[k]) out[o++] = sec[k];
    }
    return { secs: out, tiers: new Uint8Array(n) };
  }

  // ---- Highlighting ------------------------------------------------------

  // marks returns the UTF-16 ranges of s to highlight: each term's
  // occurrences, or for a term that s lacks, its longest parts that s has.
  function marks(s, terms) {
    var n = normalize(s), found = [];
    var taken = new Uint8Array(n.cps.length);
    terms.forEach(function (t) {
      var L = t.cps.length;
      for (var len = L; len >= Math.min(L, 2); len--) {
        var any = false;
        for (var from = 0; from + len <= L; from++) {
          for (var i = 0; i + len <= n.cps.length; i++) {
            var j = 0;
            while (j < len && n.cps[i + j] === t.cps[from + j] && !taken[i + j] && (j === len - 1 || !n.brk[i + j])) j++;
            if (j < len) continue;
            for (j = 0; j < len; j++) taken[i + j] = 1;
            found.push([n.start[i], n.end[i + len - 1]]);
            any = true;
            i += len - 1;
          }
        }
        if (any) break;
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    return found;
  }

  // highlightQuery is what a hit's link asks its section's page to
  // mark (site.js): the passages the hit marks, as the section writes
  // them, each once, in the order of the text — so that the page need
  // not fold scripts, widths and punctuation as the index does —, a
  // few at most; "" for none.
  var HIGHLIGHTS = 8;
  function highlightQuery(s, ranges) {
    var seen = [];
    ranges.forEach(function (r) {
      var passage = s.slice(r[0], r[1]);
      if (seen.length < HIGHLIGHTS && seen.indexOf(passage) < 0) seen.push(passage);
    });
    return seen.length ? "?" + seen.map(function (p) { return "hl=" + encodeURIComponent(p); }).join("&") : "";
  }

  // appendMarked appends s[from:to] to el as text, with the ranges in
  // <mark>, and ellipses where it was cut.
  function appendMarked(el, s, from, to, ranges) {
    if (from > 0) el.appendChild(document.createTextNode("…"));
    var at = from;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], from), b = Math.min(r[1], to);
      if (a >= b || a < at) return;
      if (a > at) el.appendChild(document.createTextNode(s.slice(at, a)));
      var m = document.createElement("mark");
      m.textContent = s.slice(a, b);
      el.appendChild(m);
      at = b;
    });
    if (at < to) el.appendChild(document.createTextNode(s.slice(at, to)));
    if (to < s.length) el.appendChild(document.createTextNode("…"));
  }

  function snap(s, i) { // never cut a surrogate pair
    if (i > 0 && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00) i--;
    return i;
  }

  // cellsApart is section x's text with the tabs between a table's cells
  // made sep, one character for one; the layout tells a table's rows
  // from code, whose tabs stay.
  function cellsApart(x, sep) {
    return !x.layout ? x.text : x.text.split("\n").map(function (line, i) {
      var kind = x.layout.charAt(i);
      return kind === "T" || kind === "t" ? line.replace(/\t/g, sep) : line;
    }).join("\n");
  }
  // searchable is section x's title and text as the index reads them: a
  // line end between the two, and between a table's cells, across which
  // no phrase runs (internal/search's cellsApart).
  function searchable(x) {
    return x.title + "\n" + cellsApart(x, "\n");
  }

  function renderHit(sec, tier, terms, dayOf) {
    var x = section(sec), text = searchable(x);
    var ranges = marks(text, terms);
    var tl = x.title.length, textAt = tl + 1;
    var titleRanges = [], textRanges = [];
    ranges.forEach(function (r) {
      if (r[1] <= tl) titleRanges.push(r);
      else if (r[0] >= textAt) textRanges.push([r[0] - textAt, r[1] - textAt]);
    });
    var li = document.createElement("li");
    li.className = "hit";
    li.setAttribute("data-tier", TIERS[tier]);
    li.setAttribute("data-doc", x.docID);
    li.setAttribute("data-eid", x.eid);
    li.lang = x.lang;
    var a = document.createElement("a");
    a.href = root + "docs/" + encodeURIComponent(x.docID) + "/" + encodeURIComponent(x.eid) + "/index.html" + highlightQuery(text, ranges);
    var docEl = document.createElement("span");
    docEl.className = "hit-doc";
    docEl.textContent = x.docLabel;
    var mark = function (className, text) {
      var el = document.createElement("span");
      el.className = className;
      el.lang = "zh-Hans";
      el.textContent = text;
      docEl.appendChild(el);
    };
    // A hit in a 征求意见稿 or an old edition says so: its newer version
    // may read otherwise. A hit in a preview's draft says the published
    // site will not have it.
    if (x.newer) mark("hit-superseded", "已被取代");
    if (x.draft) mark("hit-draft", "未发布");
    if (TERM_NAME[x.term]) mark("hit-term", TERM_NAME[x.term]);
    // Results by date give each one's date, the order's reason.
    if (dayOf && dayOf(sec)) mark("hit-date", dayOf(sec));
    a.appendChild(docEl);
    if (TIER_LABEL[tier]) {
      var badge = document.createElement("span");
      badge.className = "hit-tier";
      badge.textContent = TIER_LABEL[tier];
      a.appendChild(badge);
    }
    var head = document.createElement("span");
    head.className = "hit-head";
    var cite = document.createElement("span");
    cite.className = "hit-cite";
    cite.textContent = x.cite;
    head.appendChild(cite);
    var title = document.createElement("span");
    title.className = "hit-title";
    appendMarked(title, x.title, 0, x.title.length, titleRanges);
    head.appendChild(title);
    a.appendChild(head);
    var snip = document.createElement("span");
    snip.className = "hit-snippet";
    // The snippet is a window on the paragraph of the first match, and
    // a second on that of the first passage it leaves out — another
    // word of the query, most often —, so that each is read in its
    // context. A table's cells, joined by tabs in the text, are shown
    // apart, as a theme's passages show them (one character for one:
    // the ranges hold).
    var t = cellsApart(x, "｜");
    var windowOn = function (r, width) {
      var at = r ? r[0] : 0, atEnd = r ? r[1] : 0;
      var pStart = at > 0 ? t.lastIndexOf("\n", at - 1) + 1 : 0;
      var pEnd = t.indexOf("\n", atEnd);
      if (pEnd < 0) pEnd = t.length;
      var w = { from: snap(t, Math.max(pStart, at - 30)) };
      w.to = snap(t, Math.min(pEnd, Math.max(w.from + width, atEnd)));
      textRanges.forEach(function (q) { if (q[0] < w.to && q[1] > w.to) w.to = q[1]; });
      return w;
    };
    var first = windowOn(textRanges[0], 120), shown = {};
    textRanges.forEach(function (r) { if (r[1] <= first.to) shown[t.slice(r[0], r[1])] = true; });
    var left = textRanges.filter(function (r) { return r[0] >= first.to && !shown[t.slice(r[0], r[1])]; })[0];
    var second = left ? windowOn(left, 60) : null;
    if (second && second.from <= first.to) { first.to = second.to; second = null; }
    appendMarked(snip, t, first.from, first.to, textRanges);
    if (second) appendMarked(snip, t, second.from, second.to, textRanges);
    a.appendChild(snip);
    li.appendChild(a);
    return li;
  }

  // ---- The page ----------------------------------------------------------

  var seq = 0;       // the current query; older ones stop when they see it changed
  var current = null; // {terms, result, shown}

  function setStatus(text) { status.textContent = text; }

  function params() {
    var p = { q: input.value, doc: docSel.value, theme: themeSel.value, facets: {}, sort: sortSel ? sortSel.value : "" };
    facetSels.forEach(function (sel) { if (sel.value) p.facets[sel.name] = sel.value; });
    return p;
  }
  function urlFor(p) {
    var u = new URLSearchParams();
    if (p.q) u.set("q", p.q);
    if (p.doc) u.set("doc", p.doc);
    if (p.theme) u.set("theme", p.theme);
    facetSels.forEach(function (sel) { if (p.facets && p.facets[sel.name]) u.set(sel.name, p.facets[sel.name]); });
    if (p.sort) u.set("sort", p.sort);
    var s = u.toString();
    return "index.html" + (s ? "?" + s : "");
  }
  function remember(p) {
    try { history.replaceState(null, "", urlFor(p)); } catch (e) { /* some browsers refuse on file:// */ }
  }

  // queryOf reads a query's terms and filters from the page's parameters.
  function queryOf(p) {
    var docFilter = -1, themeIdx = -1;
    if (p.doc) meta.docs.forEach(function (d, i) { if (d[0] === p.doc) docFilter = i; });
    if (p.theme) meta.themes.forEach(function (t, i) { if (t[0] === p.theme) themeIdx = i; });
    var docs = docsKept(p.facets), parsed = parseQuery(p.q);
    return { key: urlFor(p), q: p.q, terms: parsed.terms, excluded: parsed.excluded, docFilter: docFilter, themeIdx: themeIdx, docs: docs,
      filtered: docFilter >= 0 || themeIdx >= 0 || docs !== null || parsed.excluded.length > 0 };
  }

  // docsKept marks the documents that the column filters keep, or gives
  // null when none is set. A document is [id, title, lang, sections,
  // level, year, status, the id of its newer version or "", what tells
  // it apart from others of its title or "", whether it is a draft a
  // preview shows, the days it takes effect and expires or "", its
  // region] (meta.js; a row stops short of the columns it leaves empty).
  var FACET_VALUE = { level: function (d) { return d[4]; }, year: function (d) { return d[5]; },
    script: function (d) { return d[2]; }, status: function (d) { return d[6]; },
    version: function (d) { return d[7] ? "superseded" : "current"; }, term: function (d) { return window.tiaowenTerm(d[10], d[11]); },
    region: function (d) { return d[12] || ""; } };
  function docsKept(facets) {
    var names = Object.keys(facets || {});
    if (!names.length) return null;
    var keeps = {};
    names.forEach(function (n) { keeps[n] = facetKeeps(n, facets[n]); });
    return Uint8Array.from(meta.docs, function (d) {
      return names.every(function (n) { return FACET_VALUE[n] && keeps[n].indexOf(FACET_VALUE[n](d)) >= 0; }) ? 1 : 0;
    });
  }

  // facetKeeps is the values of FACET_VALUE's column that choosing
  // value in its filter keeps: value itself, or for a region the
  // regions inside it too, as the documents write them (its option's
  // data-covers).
  function facetKeeps(name, value) {
    var o = facetOption(name, value);
    var covers = o && o.getAttribute("data-covers");
    return covers ? JSON.parse(covers) : [value];
  }
  function facetOption(name, value) {
    var sel = facetSels.filter(function (f) { return f.name === name; })[0];
    return sel && Array.prototype.filter.call(sel.options, function (o) { return o.value === value; })[0];
  }

  // facetDepth is how deep a region's option lies among the regions
  // (广东省 0, 广州市 1, 陆河县 2), as its indent shows it.
  function facetDepth(o) { return /^\u3000*/.exec(o.textContent)[0].length; }

  // maskOf is the sections a filtered query may find, or null for all
  // (but the one document of docFilter, which search bounds itself): a
  // section that has an excluded term exactly is not among them.
  function maskOf(qq) {
    var mask = qq.themeIdx >= 0 ? themeMask(qq.themeIdx) : null;
    if (qq.docs) {
      var kept = new Uint8Array(meta.sections);
      for (var d = 0; d < meta.docs.length; d++) {
        if (!qq.docs[d]) continue;
        for (var sec = docStart[d]; sec < docStart[d + 1]; sec++) kept[sec] = mask ? mask[sec] : 1;
      }
      mask = kept;
    }
    if (qq.excluded.length && !mask) mask = new Uint8Array(meta.sections).fill(1);
    qq.excluded.forEach(function (t) {
      var e = evalTerm(t, true);
      for (var k = 0; k < e.n; k++) mask[e.sec[k]] = 0;
    });
    return mask;
  }

  // headOf returns the first sections of the answer to the query qq
  // that are known before the ranking (wordHead, phraseHead), or null;
  // first is called with the first of them as soon as it is known.
  function headOf(qq, first) {
    if (qq.filtered || qq.terms.length !== 1) return null;
    var t = qq.terms[0];
    return t.cps.length <= 2 ? wordHead(t, PAGE) : phraseHead(qq.terms, PAGE, first);
  }

  // phraseOf returns the term of the query qq when it is one term of
  // three characters or more, unfiltered: the queries whose head is a
  // phrase's exact matches (phraseHead); or null.
  function phraseOf(qq) {
    if (qq.filtered || qq.terms.length !== 1 || qq.terms[0].cps.length < 3) return null;
    return qq.terms[0];
  }

  // leadOf returns the first section of the answer to a query whose
  // term is the phrase t, where a walk can stop at it, before the rest
  // of the head is looked for: the first exact match with every bigram
  // in its title or else the first in corpus order (phraseHead); or -1.
  function leadOf(t) {
    var r = evalTerm(t, true, { title: true, limit: 1 });
    if (!r.n) r = evalTerm(t, true, { limit: 1 });
    return r.n ? r.sec[0] : -1;
  }

  // LEAD_TRIES is how many sections of each kind leadByText reads
  // before it leaves the lead to leadOf.
  var LEAD_TRIES = 4;

  // leadSkips returns which bigrams of the term t a lead is looked for
  // without (leadByText): all but the rarest, as meta.js says (a bigram
  // that is not split has a short list; a split one, its count; an
  // extended one is the commonest). The others' lists tell little
  // more and each is a file to read — at 2000 documents 首负责任制's
  // lead reads 首负's and 任制's shards, 29 KB, not 负责's and 责任's
  // as well (65 KB) — and a candidate's text says whether it has them
  // in its title (titleHas).
  var LEAD_GRAMS = 2;
  function leadSkips(t) {
    var K = t.cps.length - 1, skip = new Uint8Array(K).fill(1), cost = [], order = [], j;
    for (j = 0; j < K; j++) {
      var g = String.fromCodePoint(t.cps[j], t.cps[j + 1]), k = splitIndex.get(g);
      cost.push(extendedSet.has(g) ? Infinity : k === undefined ? 0 : splitCount[k] || 0);
      order.push(j);
    }
    order.sort(function (a, b) { return cost[a] - cost[b] || a - b; });
    // Every bigram that is not split is read (its list is short, and
    // how short meta.js does not say), and the rarest split ones until
    // there are two; an extended bigram only when every one is.
    for (j = 0; j < K; j++) {
      var c = cost[order[j]];
      if (c === 0 || j < LEAD_GRAMS && (j === 0 || c !== Infinity)) skip[order[j]] = 0;
    }
    return skip;
  }

  // shardFilesOf returns the gram shards of the bigrams of the term t
  // that a lead is looked for with, which hold, without positions for
  // the longest, their sections.
  function shardFilesOf(t) {
    var need = {}, skip = leadSkips(t);
    for (var i = 0; i + 1 < t.cps.length; i++) if (!skip[i]) need["g" + shardOf([t.cps[i], t.cps[i + 1]]) + ".js"] = true;
    return Object.keys(need);
  }

  // phraseCandidates returns the first max sections, in corpus order,
  // that have every bigram of the term t but those skip marks (leadSkips)
  // in their title (titled), and the first max that have every such
  // bigram (all), as the lists in the gram shards say (shardFilesOf),
  // and whether each is all of them: a section with the phrase is among
  // them, and one with every bigram mostly has it. A list written
  // densely is read as written (denseView), not decoded: the bigrams of
  // a common phrase are common, and a first query decodes a dense list
  // mostly uncompiled (at 2000 documents, 10–25 ms for 质量's).
  function phraseCandidates(t, max, skip) {
    var K = t.cps.length - 1, lists = [], views = [], j, r = -1, l;
    var c = { titled: [], all: [], allTitled: true, allAll: true };
    for (j = 0; j < K; j++) {
      if (skip[j]) continue;
      var pair = [t.cps[j], t.cps[j + 1]];
      var s = decoded.has(String.fromCodePoint(pair[0], pair[1])) ? null : written(pair);
      if (s !== null && s.charCodeAt(0) === 33) {
        views[j] = denseView(s);
        continue;
      }
      if (!(l = postings(pair[0], pair[1]))) return c;
      lists[j] = l;
      if (r < 0 || l.n < lists[r].n) r = j;
    }
    // Every list dense: the first drives the walk, decoded.
    if (r < 0) {
      for (r = 0; skip[r];) r++;
      lists[r] = postings(t.cps[r], t.cps[r + 1]);
      views[r] = null;
    }
    var cur = new Int32Array(K), d = lists[r];
    for (var k = 0; k < d.n; k++) {
      var sec = d.sec[k], all = true, title = d.title[k] === 1;
      for (j = 0; j < K && all; j++) {
        if (j === r || skip[j]) continue;
        if (views[j]) {
          if (!denseHas(views[j], sec)) all = false;
          else if (title && !denseTitle(views[j], sec)) title = false;
          continue;
        }
        l = lists[j];
        cur[j] = seek(l, cur[j], sec);
        if (cur[j] >= l.n || l.sec[cur[j]] !== sec) all = false;
        else if (!l.title[cur[j]]) title = false;
      }
      if (!all) continue;
      if (title && c.titled.length < max) c.titled.push(sec);
      else if (title) c.allTitled = false;
      if (c.all.length < max) c.all.push(sec);
      else c.allAll = false;
      if (!c.allTitled && !c.allAll) break;
    }
    return c;
  }

  // denseView returns a reader of the dense list s (see decodeDense):
  // which sections it has, and which in their title, asked in ascending
  // order of section, reading the list only as far as asked.
  var denseViews = 0; // for the tests: how many were made
  function denseView(s) {
    var end = s.indexOf(".");
    denseViews++;
    return { s: s, end: end, bits: s.charCodeAt(end + 1) === 33, di: 1, rank: 0, j: end + 1, t: -1 };
  }
  function denseHas(v, x) {
    var i = 1 + ((x / 6) | 0);
    return i < v.end && ((DIGIT[v.s.charCodeAt(i)] >> (x % 6)) & 1) === 1;
  }
  // denseTitle says whether section x, which the list has, has the gram
  // in its title. Title entries are written as their sections' gaps, or
  // as a bitmap of the list's entries, whose numbers the sections'
  // bitmap gives: rank counts the entries before digit di.
  function denseTitle(v, x) {
    var s = v.s;
    if (v.bits) {
      for (var dx = 1 + ((x / 6) | 0); v.di < dx; v.di++) v.rank += POP[DIGIT[s.charCodeAt(v.di)]];
      var e = v.rank + POP[DIGIT[s.charCodeAt(dx)] & ((1 << (x % 6)) - 1)];
      return ((DIGIT[s.charCodeAt(v.end + 2 + ((e / 6) | 0))] >> (e % 6)) & 1) === 1;
    }
    while (v.t < x && v.j < s.length) {
      var n = 0, shift = 0, d;
      do { d = DIGIT[s.charCodeAt(v.j++)]; n |= (d & 31) << shift; shift += 5; } while (d & 32);
      v.t += 1 + n;
    }
    return v.t === x;
  }

  // hasPhrase says whether section sec, whose text is read, has the
  // term t as the index finds it: its characters in a row in the
  // section's normalised title and text, within a clause.
  function hasPhrase(sec, t) {
    var x = section(sec);
    return hasRun(normalize(searchable(x)), t.cps, 0, t.cps.length);
  }
  // hasRun says whether the normalised text n has the len code points
  // of cps from from, in a row within a clause, as the index finds a
  // bigram or a chain of them.
  function hasRun(n, cps, from, len) {
    next: for (var i = 0; i + len <= n.cps.length; i++) {
      for (var j = 0; j < len; j++) if (n.cps[i + j] !== cps[from + j] || (j < len - 1 && n.brk[i + j])) continue next;
      return true;
    }
    return false;
  }

  // titleHas says whether section sec, whose text is read, has in its
  // title every bigram of the term t that skip marks, as the index's
  // title flags say: within a clause of the normalised title.
  function titleHas(sec, t, skip) {
    var n = null;
    for (var j = 0; j < skip.length; j++) {
      if (!skip[j]) continue;
      n = n || normalize(section(sec).title);
      if (!hasRun(n, t.cps, j, 2)) return false;
    }
    return true;
  }

  // leadByText resolves to leadOf's answer for the phrase t, found
  // from its bigrams' gram shards (read) and the text of the sections
  // that they say may have it, read one after another, until one has
  // it, without the phrase's positions files: at 2000 documents
  // 质量基础设施's shards (质量's left out, leadSkips) are 97 KB, its
  // positions files, trigram and 质量's shard 0.46 MB. The sections
  // with every bigram in their title come first; if none has the phrase
  // there, the first with it anywhere. Past LEAD_TRIES sections of a
  // kind, it reads the files (ready, a promise of them) and asks
  // leadOf. It gives up, with -1, once live says that the query is no
  // longer wanted.
  function leadByText(t, ready, live) {
    var skip = leadSkips(t), c = phraseCandidates(t, LEAD_TRIES, skip), titled = true, tries = c.titled, i = 0;
    var step = function () {
      if (i === tries.length) {
        if (titled && c.allTitled) {
          titled = false;
          tries = c.all;
          i = 0;
          return step();
        }
        return !titled && c.allAll ? -1 : ready().then(function () { return leadOf(t); });
      }
      if (!live()) return -1;
      var sec = tries[i++];
      return load("t" + textShardOf(sec) + ".js").then(function () {
        return hasPhrase(sec, t) && (!titled || titleHas(sec, t, skip)) ? sec : step();
      });
    };
    return Promise.resolve(step());
  }

  function noop() {}
  // nextTask resolves in a task of its own, after the page has handled
  // what arrived meanwhile.
  function nextTask() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  // prepare answers a query without showing it: it reads the query's
  // shards, finds the head of the answer where it can (headOf), reads
  // the text of the head's first section, ranks the sections and starts
  // reading the text of the first page. A phrase's first section (leadOf)
  // is found before the rest of its head, and its text read before the
  // rest is looked for: the page takes in an arriving file between
  // tasks, so that a walk that goes on holds the file back (at 2000
  // documents, 质量基础设施's first text arrived 30–45 ms after it was
  // asked for, behind the rest of the head). Typing calls it at every
  // keystroke, so that by the time the typing pauses and run shows the
  // answer, the files are read and the ranking done; a prepared query
  // that the typing has moved past stops after its files are read. It
  // returns the query, with three promises: lead, of the lead (-1
  // without one), as soon as the files are read; first, of the head
  // (null without one); answer, of {result,
  // loadMs, rankMs, rankedAt}. The ranking waits for the head's first
  // text and a turn of the event loop, in which run shows it: the
  // ranking holds the page, and a first query's ranking, before the
  // browser has compiled it, takes longer than reading a file.
  var prepared = null;
  function prepare(p) {
    if (prepared && prepared.key === urlFor(p)) return prepared;
    var qq = queryOf(p), t0 = performance.now();
    prepared = qq;
    var files = filesOf(qq.terms);
    qq.excluded.forEach(function (t) { files = files.concat(filesOf([t])); });
    if (qq.themeIdx >= 0) files.push("th" + qq.themeIdx + ".js");
    var live = function () { return prepared === qq || qq.wanted; };
    var phrase = phraseOf(qq), read = null;
    var ready = function () { return read || (read = Promise.all(files.map(load))); };
    // A phrase's lead is found before its positions files are read
    // (leadByText), which are asked for once its text is: files that
    // arrive meanwhile would hold that text back.
    qq.lead = Promise.all((phrase ? shardFilesOf(phrase) : files).map(load)).then(function () {
      qq.loadMs = performance.now() - t0;
      if (!live() || !phrase) return -1;
      return leadByText(phrase, ready, live);
    });
    qq.first = qq.lead.then(function (lead) {
      if (!live()) return null;
      var rest = function () { return live() ? headOf(qq) : null; };
      // The first result's text is asked for as soon as it is known.
      if (lead < 0) return ready().then(function () { return headOf(qq, function (sec) { load("t" + textShardOf(sec) + ".js").catch(noop); }); });
      return load("t" + textShardOf(lead) + ".js").then(nextTask, nextTask).then(ready).then(rest);
    });
    qq.answer = qq.first.then(function (head) {
      if (!live()) return null;
      var ready = null;
      if (head && head.length) {
        loadTexts(head, noop).catch(noop);
        ready = load("t" + textShardOf(head[0]) + ".js").then(nextTask, nextTask);
      }
      return Promise.resolve(ready).then(function () {
        if (!live()) return null;
        var t1 = performance.now();
        var result = search(qq.terms, qq.docFilter, maskOf(qq));
        var answer = function (result) {
          loadTexts(result.secs.subarray(0, PAGE), noop).catch(noop);
          var t2 = performance.now();
          return { result: result, loadMs: qq.loadMs, rankMs: t2 - t1, rankedAt: t2 };
        };
        if (!p.sort) return answer(result);
        return docList().then(function (facts) { return answer(byDate(result, facts, p.sort === "old")); });
      });
    });
    qq.answer.catch(function () { if (prepared === qq) prepared = null; });
    return qq;
  }

  // byDate is result in the order of its documents' dates (facts
  // docList's), the newest first or, oldest, the oldest first; results
  // of one day keep their order, the best first, and those of
  // documents without a date come last. Its dayOf(sec) gives a
  // section's date, for the hits to show.
  function byDate(result, facts, oldest) {
    var n = result.secs.length, order = new Array(n), day = {};
    var dayOf = function (sec) {
      var d = secDoc[sec];
      if (!(d in day)) day[d] = (facts[meta.docs[d][0]] || [])[1] || "";
      return day[d];
    };
    for (var k = 0; k < n; k++) order[k] = k;
    order.sort(function (x, y) {
      var a = dayOf(result.secs[x]), b = dayOf(result.secs[y]);
      if (a === b) return x - y;
      if (!a || !b) return a ? -1 : 1;
      return (a < b) === oldest ? -1 : 1;
    });
    return { secs: Int32Array.from(order, function (k) { return result.secs[k]; }),
      tiers: Uint8Array.from(order, function (k) { return result.tiers[k]; }), dayOf: dayOf };
  }

  // run shows the answer to the current query, its first page rendered
  // as the text of each result arrives: the head, where prepare finds
  // one, before the ranking is done, then the rest. It resolves to a
  // summary, which the tests and the benchmark read, once the page is
  // complete.
  function run() {
    var my = ++seq;
    var t0 = performance.now();
    box.setAttribute("data-state", "busy");
    var p = params();
    if (headerQ && headerQ !== input && headerQ.value !== p.q) headerQ.value = p.q;
    var qq = queryOf(p);
    [csvButton, wordButton].forEach(function (b) {
      if (b) { b.hidden = true; b.disarm(); }
    });
    if (spread) spread.hidden = true;
    if (headsBox) headsBox.hidden = true;
    if (qq.terms.length === 0 && !qq.filtered) {
      list.textContent = ""; help.hidden = true; more.hidden = true;
      setStatus(p.q.trim() ? "请输入要检索的文字。" : "");
      current = null;
      box.setAttribute("data-q", p.q);
      box.setAttribute("data-state", "done");
      return Promise.resolve(summary(t0, null));
    }
    qq = prepare(p);
    qq.wanted = true;
    var firstShown = function () { current.firstMs = performance.now() - t0; };
    var head = null, lead = -1;
    var begin = function (secs) {
      current = { terms: qq.terms, result: { secs: secs, tiers: new Uint8Array(secs.length) }, shown: 0, q: p.q, firstMs: 0 };
      list.textContent = ""; help.hidden = true;
      setStatus("正在检索…");
      return showMore(my, firstShown);
    };
    // The lead is shown as soon as its text is read, the rest of the head
    // after it once found — by relevance: results by date wait for all.
    var leadShown = qq.lead.then(function (l) {
      if (my !== seq || l < 0 || p.sort) return;
      lead = l;
      return begin(Int32Array.of(l));
    });
    var headShown = Promise.all([qq.first, leadShown]).then(function (v) {
      var h = v[0];
      if (my !== seq || !h || !h.length || p.sort) return;
      head = h;
      if (lead < 0 || h[0] !== lead || current.shown !== 1) return begin(Int32Array.from(h));
      current.result = { secs: Int32Array.from(h), tiers: new Uint8Array(h.length) };
      return showMore(my, null);
    });
    return Promise.all([qq.answer, headShown]).then(function (v) {
      var a = v[0];
      if (my !== seq || !a) return null;
      var shown = head ? current.shown : 0, firstMs = head ? current.firstMs : 0;
      // The head is the answer's beginning by construction; should it
      // ever not be, the page starts again rather than show a wrong order.
      for (var i = 0; i < shown; i++) if (a.result.secs[i] !== head[i]) shown = 0;
      if (!shown) { list.textContent = ""; firstMs = 0; }
      current = { terms: qq.terms, result: a.result, shown: shown, q: p.q, loadMs: a.loadMs, rankMs: a.rankMs, rankEndMs: a.rankedAt - t0, firstMs: firstMs };
      describe(a.result, p, qq.terms, qq.excluded);
      // The documents' heads are searched once the sections are shown,
      // so that they never hold the first results back; the status
      // then counts them too.
      return showMore(my, shown ? null : firstShown, PAGE).then(function () {
        if (my !== seq) return null;
        if (!a.result.secs.length) current.firstMs = performance.now() - t0;
        return searchHeads(qq);
      }).then(function (heads) {
        if (my !== seq || !heads) return null;
        showHeads(heads, qq.terms, a.result.secs.length);
        if (heads.length) {
          setStatus(statusOf(a.result, p, qq.terms, qq.excluded, heads.length));
          help.hidden = true; // what a query with no result is offered: the documents listed answer it
        }
        var sum = summary(t0, a.result);
        box.setAttribute("data-ms", sum.ms.toFixed(1));
        box.setAttribute("data-q", p.q);
        box.setAttribute("data-state", "done");
        box.dispatchEvent(new CustomEvent("tiaowen:results", { detail: sum }));
        return sum;
      });
    }).catch(function (err) {
      if (my !== seq) return null;
      setStatus(err.message);
      box.setAttribute("data-state", "error");
      return null;
    });
  }

  function summary(t0, result) {
    var ms = performance.now() - t0;
    var hits = [];
    list.querySelectorAll("li.hit").forEach(function (li) {
      hits.push({ doc: li.getAttribute("data-doc"), eid: li.getAttribute("data-eid"), tier: li.getAttribute("data-tier") });
    });
    return {
      ms: ms, firstMs: current ? current.firstMs : ms, loadMs: current ? current.loadMs : 0, rankMs: current ? current.rankMs : 0,
      rankEndMs: current ? current.rankEndMs : 0,
      total: result ? result.secs.length : 0, docs: result ? docsOf(result).map(function (d) { return meta.docs[d][0]; }).sort() : [],
      shown: hits
    };
  }

  // docsOf returns the documents that a result's sections are in.
  function docsOf(result) {
    var seen = new Uint8Array(meta.docs.length), out = [];
    for (var i = 0; i < result.secs.length; i++) {
      var d = secDoc[result.secs[i]];
      if (!seen[d]) { seen[d] = 1; out.push(d); }
    }
    return out;
  }

  // textsOf returns the text shards that hold the sections secs.
  function textsOf(secs) {
    var need = [];
    for (var i = 0; i < secs.length; i++) {
      var n = textShardOf(secs[i]);
      if (need.indexOf(n) < 0) need.push(n);
    }
    return need;
  }

  // loadTexts reads the text shards of the sections secs, calling each
  // as each arrives. The first section's shard is read alone, and the
  // others after it: files asked for together arrive together (from
  // file:// Chrome reads them one after another, ~5 ms each, and runs
  // them at the end), so the first result would otherwise wait for the
  // last of up to twenty shards.
  function loadTexts(secs, each) {
    var need = textsOf(secs);
    if (!need.length) return Promise.resolve();
    var one = function (n) { return load("t" + n + ".js").then(each); };
    return one(need[0]).then(function () { return Promise.all(need.slice(1).map(one)); });
  }

  // showMore renders the next page of results. A page's sections lie in
  // as many text shards as it has documents, which the browser reads one
  // after another: each result is shown as soon as it and those before
  // it are read, so the first results do not wait for the last. first
  // is called when the first result is on the page; upto, if given, is
  // where the page ends in the answer (by default a page on). While a
  // page is being read, the button for more waits: a second press would
  // read the same page again.
  function showMore(my, first, upto) {
    var c = current;
    if (c.loading) return c.loading;
    var page = c.result.secs.slice(c.shown, upto === undefined ? c.shown + PAGE : upto), at = c.shown, next = 0;
    c.shown += page.length;
    if (at === 0) more.hidden = true;
    more.disabled = true;
    var flush = function () {
      if (my !== seq) return;
      var frag = document.createDocumentFragment();
      while (next < page.length && textShards[textShardOf(page[next])]) {
        frag.appendChild(renderHit(page[next], c.result.tiers[at + next], c.terms, c.result.dayOf));
        next++;
      }
      if (!frag.firstChild) return;
      list.appendChild(frag);
      if (first) { first(); first = null; }
    };
    var done = function () {
      c.loading = null;
      if (my !== seq) return;
      more.disabled = false;
      more.hidden = c.shown >= c.result.secs.length;
    };
    c.loading = loadTexts(page, flush).then(function () {
      flush();
      done();
    }, function (err) {
      c.shown = at;
      done();
      throw err;
    });
    return c.loading;
  }

  // describe says in the status how many sections were found in how
  // many documents, of which tiers, without which terms, in what order.
  function describe(result, p, terms, excluded) {
    var n = result.secs.length;
    if (csvButton) csvButton.hidden = n === 0;
    if (wordButton) wordButton.hidden = n === 0;
    showSpread(result, p);
    setStatus(statusOf(result, p, terms, excluded, 0));
    if (n === 0) noResults(p, terms);
    else help.hidden = true;
  }

  // statusOf is what the status says of a result, and of the heads
  // documents found for the query (showHeads), listed under it, above
  // the sections.
  function statusOf(result, p, terms, excluded, heads) {
    var n = result.secs.length;
    var inHeads = heads ? heads + " 个文件的标题、文号或前言中有" + (n ? "检索词" : "") + "，列在下面。" : "";
    if (n === 0) {
      var what = p.q.trim() ? "“" + p.q.trim() + "”" : "符合条件的条目";
      return heads ? "条目中没有找到" + what + "，但 " + inHeads : "没有找到" + what + "。";
    }
    var counts = [0, 0, 0];
    for (var i = 0; i < n; i++) counts[result.tiers[i]]++;
    var parts = [];
    if (terms.length > 1 && counts[0] && counts[2]) {
      // Of several words, the sections that have every one are said
      // first: 质量 首负责任制 found 119,649 at 2000 documents, of which
      // 1,899 had both, and the first number alone was read as the answer.
      parts.push("含全部检索词的 " + counts[0] + " 条在前");
      if (counts[1]) parts.push("字字相连 " + counts[1] + " 条其次");
      parts.push("只含部分文字的 " + counts[2] + " 条在后");
    } else {
      if (counts[0]) parts.push("完全匹配 " + counts[0]);
      if (counts[1]) parts.push("字字相连 " + counts[1]);
      if (counts[2]) parts.push("部分匹配 " + counts[2]);
    }
    var without = excluded.map(function (t) { return "“" + t.text + "”"; }).filter(function (w, i, all) { return all.indexOf(w) === i; });
    return "找到 " + n + " 条，分属 " + docsOf(result).length + " 个文件" +
      (terms.length && parts.length > 1 ? "（" + parts.join("，") + "）" : "") +
      (without.length ? "，均不含" + without.join("、") : "") + "。" +
      (heads ? "另有 " + inHeads : "") +
      (p.sort ? "按日期排列，" + (p.sort === "old" ? "旧" : "新") + "的在前。" : "");
  }

  // ---- Documents' heads --------------------------------------------------

  // A document's title, number (文号), issuer, preamble and closing
  // matter are in no section, yet readers search by them: by a 文号, by
  // the notice that issues a plan, by the words that say which national
  // plan a local one carries out. heads.js holds them; searchHeads finds
  // the documents whose head has every term of the query as typed
  // (folded as the index folds) and no excluded one, among those the
  // filters keep. A head has no themes: with a theme chosen, none is
  // found. Each head is folded once, when a query first needs it, into
  // strings with a line break at each clause end, in which a term is
  // found by the browser's own indexOf: at 2000 documents the heads are
  // 1.3 MB, scanned again by every query.
  var HEAD_PART = ["标题", "文号", "发文机关", "前言", "文末"];
  var HEAD_ANCHOR = ["", "", "", "#preamble", "#trailing"];
  var HEADS_SHOWN = 100;
  var headTexts = null;
  function searchHeads(qq) {
    if (!headsBox || !qq.terms.length || qq.themeIdx >= 0) return [];
    return ix.heads().then(function (d) {
      if (!headTexts) headTexts = d.map(function (h, i) { return { parts: [meta.docs[i][1]].concat(h), folded: null }; });
      var keys = qq.terms.map(termKey), out = qq.excluded.map(termKey);
      var found = [], inTitle = [];
      headTexts.forEach(function (h, i) {
        if ((qq.docFilter >= 0 && i !== qq.docFilter) || (qq.docs && !qq.docs[i])) return;
        if (!h.folded) h.folded = h.parts.map(foldedKey);
        var partOf = function (key) {
          for (var k = 0; k < h.folded.length; k++) if (h.folded[k].indexOf(key) >= 0) return k;
          return -1;
        };
        if (out.some(function (key) { return partOf(key) >= 0; })) return;
        var parts = keys.map(partOf);
        if (parts.indexOf(-1) >= 0) return;
        // The part shown under the title: the first beside it that has a
        // term; a document whose title has them all is listed first.
        var beside = parts.filter(function (k) { return k > 0; });
        var hit = { doc: i, part: beside.length ? Math.min.apply(null, beside) : 0 };
        (beside.length ? found : inTitle).push(hit);
      });
      return inTitle.concat(found);
    }, function () { return []; });
  }

  // foldedKey is s folded as the index folds it, a line break after
  // each clause, which no term holds: a term found in it lies within a
  // clause.
  function foldedKey(s) {
    var n = normalize(s), out = [];
    for (var i = 0; i < n.cps.length; i++) {
      out.push(String.fromCodePoint(n.cps[i]));
      if (n.brk[i]) out.push("\n");
    }
    return out.join("");
  }
  function termKey(t) { return String.fromCodePoint.apply(null, t.cps); }

  // showHeads lists the documents searchHeads found, open when they are
  // the only answer or a few: a word that most titles have would
  // otherwise push the sections found below the fold.
  function showHeads(hits, terms, sections) {
    if (!headsBox) return;
    headsList.textContent = "";
    headsBox.hidden = !hits.length;
    if (!hits.length) return;
    headsCount.textContent = hits.length;
    headsBox.open = !sections || hits.length <= 3;
    var frag = document.createDocumentFragment();
    hits.slice(0, HEADS_SHOWN).forEach(function (hit) {
      var doc = meta.docs[hit.doc], h = headTexts[hit.doc];
      var li = document.createElement("li");
      li.className = "hit";
      li.setAttribute("data-doc", doc[0]);
      li.setAttribute("data-part", HEAD_PART[hit.part]);
      li.lang = doc[2];
      var a = document.createElement("a");
      var title = h.parts[0], titleRanges = marks(title, terms);
      var shown = hit.part ? h.parts[hit.part] : title;
      var ranges = hit.part ? marks(shown, terms) : titleRanges;
      a.href = root + "docs/" + encodeURIComponent(doc[0]) + "/index.html" + highlightQuery(shown, ranges) + HEAD_ANCHOR[hit.part];
      var head = document.createElement("span");
      head.className = "hit-head";
      head.appendChild(document.createTextNode("《"));
      appendMarked(head, title, 0, title.length, titleRanges);
      head.appendChild(document.createTextNode("》"));
      a.appendChild(head);
      if (hit.part) {
        var snip = document.createElement("span");
        snip.className = "hit-snippet";
        var label = document.createElement("span");
        label.className = "hit-cite";
        label.lang = "zh-Hans";
        label.textContent = HEAD_PART[hit.part] + "：";
        snip.appendChild(label);
        var at = ranges.length ? ranges[0][0] : 0;
        var from = snap(shown, Math.max(shown.lastIndexOf("\n", at - 1) + 1, at - 30));
        var end = shown.indexOf("\n", at);
        var to = snap(shown, Math.min(end < 0 ? shown.length : end, from + 120));
        ranges.forEach(function (r) { if (r[0] < to && r[1] > to) to = r[1]; });
        appendMarked(snip, shown, from, to, ranges);
        a.appendChild(snip);
      }
      li.appendChild(a);
      frag.appendChild(li);
    });
    headsList.appendChild(frag);
    if (hits.length > HEADS_SHOWN) {
      var rest = document.createElement("li");
      rest.className = "heads-rest";
      rest.textContent = "另有 " + (hits.length - HEADS_SHOWN) + " 个文件未列出；可加检索词或按文件、级别等筛选。";
      headsList.appendChild(rest);
    }
  }

  // showSpread says how the results spread over the documents, the
  // themes (themesRow) and each column a filter chooses by (level,
  // year, script, status …):
  // for each that is not chosen already and that the results differ in,
  // its values with how many results each has — the documents most
  // found first, a few of them; a column's values in its filter's
  // order —, each a button that chooses it, as its filter does. Which
  // documents say a thing, and how often, is often the question itself.
  var SPREAD_DOCS = 8;
  function showSpread(result, p) {
    if (!spread) return;
    spreadRows.textContent = "";
    var n = result.secs.length, perDoc = new Int32Array(meta.docs.length), d;
    for (var i = 0; i < n; i++) perDoc[secDoc[result.secs[i]]]++;
    var rows = [];
    // row makes a row of buttons, if items has two or more, and gives it
    // to put (by default, the rows shown below). With limit, it shows
    // that many and a button for all of them, which makes the row again
    // in its place.
    var row = function (label, items, rest, put, limit) {
      if (items.length < 2) return;
      var all = items;
      if (limit && items.length > limit) items = items.slice(0, limit);
      var el = document.createElement("p");
      var name = document.createElement("span");
      name.className = "spread-name";
      name.textContent = label;
      el.appendChild(name);
      items.forEach(function (x) {
        var b = document.createElement("button");
        b.type = "button";
        b.setAttribute("data-name", x.name);
        b.setAttribute("data-value", x.value);
        if (x.lang) b.lang = x.lang;
        b.appendChild(document.createTextNode(x.label));
        var c = document.createElement("span");
        c.className = "count";
        c.textContent = x.count;
        b.appendChild(c);
        b.addEventListener("click", function () {
          var sel = x.name === "doc" ? docSel : x.name === "theme" ? themeSel : facetSels.filter(function (f) { return f.name === x.name; })[0];
          sel.value = x.value;
          remember(params());
          run();
        });
        el.appendChild(b);
      });
      if (rest) {
        var restEl = document.createElement("span");
        restEl.className = "spread-rest";
        restEl.textContent = rest;
        el.appendChild(restEl);
      }
      if (items !== all) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "spread-more";
        more.textContent = "全部 " + all.length + " 个" + label;
        more.addEventListener("click", function () {
          row(label, all, rest, function (made) {
            el.replaceWith(made);
            var first = made.querySelector("button:nth-of-type(" + (items.length + 1) + ")");
            if (first) first.focus();
          });
        });
        el.appendChild(more);
      }
      (put || function (made) { rows.push(made); })(el);
    };
    var docRow = null;
    if (!p.doc) {
      var found = [];
      for (d = 0; d < meta.docs.length; d++) if (perDoc[d]) found.push(d);
      found.sort(function (x, y) { return perDoc[y] - perDoc[x] || x - y; });
      row("文件", found.map(function (d) {
        var doc = meta.docs[d];
        return { name: "doc", value: doc[0], label: window.tiaowenDocLabel(doc), count: perDoc[d], lang: doc[2] !== document.documentElement.lang ? doc[2] : "" };
      }), "", function (made) { docRow = made; rows.push(made); }, SPREAD_DOCS);
    }
    facetSels.forEach(function (sel) {
      var of = FACET_VALUE[sel.name];
      if (!of) return;
      var count = {};
      for (d = 0; d < meta.docs.length; d++) if (perDoc[d]) count[of(meta.docs[d])] = (count[of(meta.docs[d])] || 0) + perDoc[d];
      var label = sel.parentNode.firstChild.textContent.trim(), listed = 0;
      var options = spreadOptions(sel);
      if (!options) return;
      var items = options.map(function (o) {
        var c = facetKeeps(sel.name, o.value).reduce(function (sum, v) { return sum + (count[v] || 0); }, 0);
        listed += c;
        return { name: sel.name, value: o.value, label: o.textContent.trim(), count: c };
      }).filter(function (x) { return x.count; });
      // Results whose document the column says nothing of (no date,
      // say) are counted apart: the filter cannot choose them; so are,
      // under a region chosen, those of the region's own documents.
      row(label, items, listed < n ? (sel.value ? "本级 " : "未注明 ") + (n - listed) : "");
    });
    rows.forEach(function (el) { spreadRows.appendChild(el); });
    spread.hidden = !rows.length;
    if (!p.theme && n && meta.themes.length > 1) themesRow(result, docRow, row);
  }

  // spreadOptions is the options of a column's filter that its row of
  // the spread counts the results by: all of them while none is chosen,
  // but of the regions only the outermost; under a region chosen, the
  // regions directly inside it, so that a reader goes down from a
  // province to its cities and counties; nothing under another choice.
  function spreadOptions(sel) {
    var all = Array.prototype.slice.call(sel.options, 1);
    if (sel.name !== "region") return sel.value ? null : all;
    var at = sel.value ? facetDepth(sel.options[sel.selectedIndex]) + 1 : 0, inside = !sel.value;
    return all.filter(function (o) {
      if (o.value === sel.value) inside = true;
      else if (facetDepth(o) < at) inside = false;
      return inside && facetDepth(o) === at;
    });
  }

  // themesRow adds the themes' row to the spread of result, after the
  // documents' row (docRow) if there is one: the themes most found
  // first, a few of them, each counting the results it has. It needs
  // every theme's list, a file each, which a query does not otherwise
  // read (at 10000 documents most of a megabyte in all): until they are
  // read, the row is a button that reads them, and once read they stay,
  // for every later query's spread; a reader who asked once is not asked
  // again, on this page or another (the browser keeps the files). A
  // later query's spread forgets a row still waiting for them.
  var SPREAD_THEMES = 8, THEMES_ASKED = "tiaowen-spread-themes";
  function themesRow(result, docRow, row) {
    var my = seq, ask = null, asked = false;
    try { asked = localStorage.getItem(THEMES_ASKED) === "1"; } catch (e) {}
    var place = function (el) {
      if (ask) spreadRows.replaceChild(el, ask);
      else spreadRows.insertBefore(el, docRow ? docRow.nextSibling : spreadRows.firstChild);
      spread.hidden = false;
    };
    if (meta.themes.every(function (t, i) { return i in themeLists; })) {
      countThemes(result, row, place);
      return;
    }
    var waiting = document.createElement("p");
    var name = document.createElement("span");
    name.className = "spread-name";
    name.textContent = "主题";
    var b = document.createElement("button");
    b.type = "button";
    b.className = "spread-ask";
    b.textContent = "统计各主题的条目数";
    var count = function () {
      b.disabled = true;
      try { localStorage.setItem(THEMES_ASKED, "1"); } catch (e) {}
      Promise.all(meta.themes.map(function (t, i) { return load("th" + i + ".js"); })).then(function () {
        if (my !== seq) return;
        countThemes(result, row, place);
        if (waiting.parentNode) waiting.remove(); // fewer than two themes have results
      }, function (err) {
        b.disabled = false;
        b.title = err.message;
      });
    };
    b.addEventListener("click", count);
    waiting.appendChild(name);
    waiting.appendChild(b);
    place(waiting);
    ask = waiting; // the row the counted one replaces
    if (asked) count();
  }

  // countThemes makes the themes' row of result's spread by row, and
  // gives it to place, when two themes or more have results.
  function countThemes(result, row, place) {
    var inResult = new Uint8Array(meta.sections), count = [], found = [];
    for (var i = 0; i < result.secs.length; i++) inResult[result.secs[i]] = 1;
    meta.themes.forEach(function (t, ti) {
      count[ti] = 0;
      eachInTheme(ti, function (sec) { count[ti] += inResult[sec]; });
      if (count[ti]) found.push(ti);
    });
    found.sort(function (x, y) { return count[y] - count[x] || x - y; });
    row("主题", found.map(function (ti) {
      return { name: "theme", value: meta.themes[ti][0], label: meta.themes[ti][1], count: count[ti] };
    }), "", place, SPREAD_THEMES);
  }


  // otherScript converts a query to the other script: traditional
  // characters to simplified, or simplified to the traditional forms the
  // corpus uses. It returns "" when nothing changes.
  function otherScript(q) {
    var cps = codePoints(q), trad = false;
    cps.forEach(function (c) { var f = foldMap.get(c); if (f !== undefined && f !== c && isHan(c) && isHan(f)) trad = true; });
    var out = cps.map(function (c) {
      if (trad) { var f = foldMap.get(c); return f !== undefined && isHan(c) && isHan(f) ? f : c; }
      var t = toTrad.get(c);
      return t !== undefined ? t : c;
    });
    var s = String.fromCodePoint.apply(null, out);
    return s === q ? "" : { text: s, label: trad ? "简体" : "繁體" };
  }

  // closeMatches are the longest parts of each term that some section
  // has whole, longest first.
  function closeMatches(terms) {
    var out = [];
    terms.forEach(function (t) {
      var L = t.cps.length;
      for (var len = L - 1; len >= 2 && out.length < 6; len--) {
        var found = false;
        for (var j = 0; j + len <= L; j++) {
          var sub = t.cps.slice(j, j + len);
          if (evalTerm({ cps: sub }, true).n === 0) continue;
          var s = String.fromCodePoint.apply(null, sub);
          if (out.indexOf(s) < 0) out.push(s);
          found = true;
        }
        if (found) break;
      }
    });
    return out.slice(0, 6);
  }

  function noResults(p, terms) {
    help.textContent = "";
    var link = function (q) {
      var a = document.createElement("a");
      a.href = urlFor({ q: q, doc: p.doc, theme: p.theme, facets: p.facets });
      a.textContent = q;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        input.value = q;
        remember(params());
        run();
      });
      return a;
    };
    var other = otherScript(p.q.trim());
    if (other) {
      var para = document.createElement("p");
      para.className = "search-other";
      para.appendChild(document.createTextNode(other.label + "写法："));
      para.appendChild(link(other.text));
      help.appendChild(para);
    }
    var close = closeMatches(terms);
    if (close.length) {
      var para2 = document.createElement("p");
      para2.className = "search-close";
      para2.appendChild(document.createTextNode("相近的词："));
      close.forEach(function (s, i) {
        if (i) para2.appendChild(document.createTextNode("、"));
        para2.appendChild(link(s));
      });
      help.appendChild(para2);
    }
    if (p.doc || p.theme || Object.keys(p.facets || {}).length) {
      var para3 = document.createElement("p");
      para3.textContent = "已按文件、主题或级别等筛选；可改为在全部文件中检索。";
      help.appendChild(para3);
    }
    help.hidden = !help.firstChild;
  }

  // warmUp answers a query of the site's own, its first theme's name,
  // without showing it, once, when the reader starts composing in the
  // box with an input method. A first query otherwise runs code that the
  // browser has not compiled yet (ranking 3362 sections at 2000
  // documents: ~90 ms so, ~7 ms compiled), and composing a word takes
  // longer than this. It gives way as soon as the reader's own query is
  // being prepared, and forgets the lists it decoded: what it leaves is
  // compiled code and the files it read.
  var warmed = false;
  function warmTerm() { return meta.themes.length ? meta.themes[0][1] : ""; }
  function warmUp() {
    if (warmed || !warmTerm()) return;
    warmed = true;
    var name = warmTerm(), terms = parse(name);
    Promise.all(filesOf(terms).map(load)).then(function () {
      if (prepared) return null;
      var r = search(terms, -1, null);
      search(parse(name.slice(0, 2)), -1, null);
      decoded.clear();
      var page = Array.prototype.slice.call(r.secs.subarray(0, 2));
      return loadTexts(page, noop).then(function () {
        if (prepared) return;
        var frag = document.createDocumentFragment();
        page.forEach(function (sec, i) { frag.appendChild(renderHit(sec, r.tiers[i], terms)); });
      });
    }).catch(noop);
  }

  var timer = 0;
  // schedule shows the query's answer once the typing pauses, and
  // meanwhile prepares it, so that the pause hides reading and ranking.
  function schedule() {
    prepare(params()).answer.catch(noop);
    clearTimeout(timer);
    timer = setTimeout(function () { remember(params()); run(); }, DEBOUNCE);
  }

  function setupFilters() {
    meta.docs.forEach(function (d) {
      var o = document.createElement("option");
      o.value = d[0];
      o.textContent = window.tiaowenDocLabel(d);
      // A 繁體 title says so: screen readers, and the reader's choice of
      // 简体 (site.js), go by it.
      if (d[2] !== document.documentElement.lang) o.lang = d[2];
      docSel.appendChild(o);
    });
    // The box beside the documents' select keeps those whose title —
    // normalised as the search is, so that 简体 finds 繁體 — or id holds
    // every word typed: a select of thousands is not otherwise
    // searchable. The chosen one stays. The titles are normalised at the
    // first use, not while the page's first query waits.
    var box = document.getElementById("search-doc-filter");
    if (box) {
      var options = null;
      box.hidden = false;
      box.addEventListener("input", function () {
        options = options || Array.prototype.slice.call(docSel.options, 1).map(function (o, i) {
          var d = meta.docs[i];
          return { option: o, text: key(d[1]) + " " + d[0].toLowerCase() };
        });
        var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
        options.forEach(function (x) {
          var keep = x.option.selected || words.every(function (w) { return x.text.indexOf(w) >= 0 || x.text.indexOf(key(w)) >= 0; });
          if (keep && !x.option.parentNode) docSel.appendChild(x.option);
          if (!keep && x.option.parentNode) docSel.removeChild(x.option);
        });
        // Back in corpus order after any were put back.
        options.forEach(function (x) { if (x.option.parentNode) docSel.appendChild(x.option); });
      });
    }
    meta.themes.forEach(function (t) {
      var o = document.createElement("option");
      o.value = t[0];
      o.textContent = t[1];
      themeSel.appendChild(o);
    });
  }

  function hitLinks() { return Array.prototype.slice.call(list.querySelectorAll("li.hit > a")); }

  // setupExport adds the button that saves every result of the query,
  // not only those shown, as a CSV file (static/csv.js), for a
  // spreadsheet: a line a section, in the results' order, with its
  // document's id, title, issuer, date and number (from api/docs.js, the
  // home page's list, read as a script so that it loads from disk too),
  // its eId, number and title, its text as written, its permalink and
  // how it matched, and its document's level and region. The text
  // shards of every result are read first: at thousands of results, a
  // while.
  var csvButton = null;
  // How many results each export saves without asking first: a Word
  // 摘编 of a thousand whole sections runs to hundreds of pages; a
  // spreadsheet takes more rows, but tens of thousands of sections are
  // tens of megabytes read first.
  var CSV_ASKS_ABOVE = 20000, WORD_ASKS_ABOVE = 1000;
  function setupExport() {
    if (!window.tiaowenCSV || !window.Blob || !window.URL || !URL.createObjectURL) return;
    csvButton = exportButton("search-csv", "下载全部结果（CSV）", spread || status, CSV_ASKS_ABOVE, noop, function (c, facts) {
      var secs = c.result.secs;
      var lines = [["文件编号", "文件", "发布机关", "日期", "文号", "状态", "条目编号", "条目", "标题", "文字", "链接", "匹配", "级别", "地区"]];
      for (var i = 0; i < secs.length; i++) {
        var x = section(secs[i]), f = facts[x.docID] || ["", "", "", "", "", ""];
        // The status as the home page's list gives it: a draft or an
        // old edition says so, as its hit does.
        var state = x.newer ? (f[3] ? f[3] + " · " : "") + "已被取代" : f[3];
        if (x.draft) state = (state ? state + " · " : "") + "未发布";
        if (TERM_NAME[x.term]) state = (state ? state + " · " : "") + TERM_NAME[x.term];
        lines.push([x.docID, x.docTitle, f[0], f[1], f[2], state, x.eid, x.cite, x.title, x.text, permalink(x.docID, x.eid),
          c.terms.length ? TIER_NAME[c.result.tiers[i]] : "", f[4], f[5]]);
      }
      window.tiaowenCSV.save(fileName(c, ".csv"), lines);
    });
  }

  // exportButton adds, after the element after, a hidden button (id,
  // labelled text) that saves every result of the query shown: it reads
  // their texts, the documents' particulars and what more() promises,
  // saying so while it does, then calls save(c, facts), c the query and
  // facts docList's. Of more results than above, the first press only
  // asks: the button then names how many it would save and the note
  // beside it says what that costs and how to narrow the query, and a
  // second press saves. (Not a modal confirm, which would stop the page:
  // the question goes with the next query, as disarm() takes it back.)
  function exportButton(id, text, after, above, more, save) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = "search-csv";
    button.textContent = text;
    button.hidden = true;
    after.after(button);
    var note = document.createElement("span");
    note.className = "note export-note";
    note.setAttribute("role", "status");
    note.hidden = true;
    button.after(note);
    var asked = null; // the query the button has asked about
    button.disarm = function () {
      asked = null;
      note.hidden = true;
      note.textContent = "";
      button.textContent = text;
    };
    button.addEventListener("click", function () {
      var c = current;
      if (!c || !c.result.secs.length) return;
      var n = c.result.secs.length;
      if (n > above && asked !== c) {
        asked = c;
        button.textContent = "确认导出全部 " + n + " 条";
        note.textContent = "共 " + n + " 条结果，每条全文照录，文件会很大，读取也要一些时间；" +
          "可先按文件、主题等缩小检索范围。仍要全部导出，请再按一次。";
        note.hidden = false;
        return;
      }
      button.disabled = true;
      note.hidden = true;
      button.textContent = "正在读取 " + n + " 条……";
      Promise.all([loadTexts(c.result.secs, noop), docList(), more()]).then(function (v) {
        save(c, v[1]);
      }).catch(function (err) {
        setStatus(err.message);
      }).then(function () {
        button.disabled = false;
        button.disarm();
      });
    });
    return button;
  }

  // fileName names a file saved from query c's results: 检索, the query
  // as a file may be named, and ext.
  function fileName(c, ext) {
    var name = c.q.trim().replace(/[\\\/:*?"<>|\s]+/g, "_").slice(0, 40);
    return "检索" + (name ? "-" + name : "") + ext;
  }

  // permalink is the address of document id's page, or of its section
  // eid's: the canonical one, as a citation gives it; a site without a
  // base URL gives its pages' own addresses.
  function permalink(id, eid) {
    var canonical = document.querySelector("link[rel=canonical]");
    var at = "docs/" + encodeURIComponent(id) + "/" + (eid ? encodeURIComponent(eid) + "/" : "");
    return canonical ? canonical.href.replace(/search\/[^\/]*$/, "") + at : new URL(root + at + "index.html", location.href).href;
  }

  // setupWord adds the button that saves every result of the query as a
  // Word document (static/docx.js, beside this script and covered by its
  // version, loaded when first asked for), a 摘编 as a theme's page saves
  // one: each document's sections together under its title and date,
  // the documents in the order of their first result and each one's
  // sections in its own order, every heading linked to its permalink
  // and every section's whole text quoted, a paragraph a line, what
  // matched shaded.
  var wordButton = null;
  function setupWord() {
    if (!window.Blob || !window.URL || !URL.createObjectURL || !window.TextEncoder || !window.DataView) return;
    var docxSrc = ownSrc.replace(/[?#].*$/, "").replace(/[^\/]*$/, "docx.js") + ((ownSrc.match(/\?[^#]*/) || [""])[0]);
    var loading = null;
    var loadWord = function () {
      if (window.tiaowenDocx) return Promise.resolve();
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = docxSrc;
          s.onload = resolve;
          s.onerror = function () { loading = null; reject(new Error("无法读取 docx.js")); };
          document.head.appendChild(s);
        });
      }
      return loading;
    };
    wordButton = exportButton("search-docx", "下载全部结果（Word）", csvButton || spread || status, WORD_ASKS_ABOVE, loadWord, function (c, facts) {
      var secs = c.result.secs, byDoc = new Map();
      secs.forEach(function (sec) {
        var id = section(sec).docID;
        if (!byDoc.has(id)) byDoc.set(id, []);
        byDoc.get(id).push(sec);
      });
      var el = function (tag, className, text) {
        var e = document.createElement(tag);
        if (className) e.className = className;
        if (text) e.textContent = text;
        return e;
      };
      // Laid out as a theme's page lays out its documents' passages.
      var sections = [];
      byDoc.forEach(function (list, id) {
        // A document's sections are numbered in its order.
        list.sort(function (x, y) { return x - y; });
        var first = section(list[0]), box = el("section", "theme-doc"), h = el("h2"), title = el("a", "", first.docTitle);
        box.lang = first.lang;
        title.setAttribute("data-href", permalink(id, ""));
        h.appendChild(title);
        // Its date and, when it is not the final text, its status, as a
        // theme's page gives them (docInfo.Dated).
        var fact = facts[id] || [], dated = [fact[1], fact[3] === "正式" ? "" : fact[3]].filter(Boolean).join(" · ");
        if (dated) h.appendChild(el("span", "dated", dated));
        box.appendChild(h);
        var ol = el("ol", "passages");
        list.forEach(function (sec) {
          var x = section(sec), li = el("li"), where = el("a", "where", x.cite);
          where.setAttribute("data-href", permalink(id, x.eid));
          var ranges = marks(searchable(x), c.terms), tl = x.title.length;
          var within = function (from, to) {
            return ranges.filter(function (r) { return r[0] >= from && r[1] <= to; }).map(function (r) { return [r[0] - from, r[1] - from]; });
          };
          appendMarked(where, x.title, 0, tl, within(0, tl));
          li.appendChild(where);
          var at = tl + 1;
          x.text.split("\n").forEach(function (line) {
            if (line) {
              var q = el("blockquote");
              appendMarked(q, line, 0, line.length, within(at, at + line.length));
              li.appendChild(q);
            }
            at += line.length + 1;
          });
          ol.appendChild(li);
        });
        box.appendChild(ol);
        sections.push(box);
      });
      var today = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
      var q = c.q.trim();
      window.tiaowenDocx.saveExcerpts(fileName(c, ".docx"), {
        title: (q ? "「" + q + "」" : "") + "检索结果摘编",
        lines: [status.textContent, "共 " + secs.length + " 个条目，出自 " + byDoc.size + " 份文件；各条全文照录，标出所检索的文字。"],
        sections: sections,
        source: "导出自：" + location.href + "（" + today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()) + "）",
        href: function (a) { return a.getAttribute("data-href"); }
      });
    });
  }

  // docList reads api/docs.js once and resolves to each document's
  // issuer, date, number and status, by id.
  var docFacts = null;
  function docList() {
    if (!docFacts) {
      docFacts = new Promise(function (resolve, reject) {
        var done = function () {
          var data = window.TIAOWEN_DOCS, out = {};
          if (!data) { reject(new Error("无法读取 api/docs.js")); return; }
          var col = function (name) { return data.fields.indexOf(name); };
          var issuer = col("issuer"), date = col("date"), number = col("number"), status = col("status"), level = col("level"), region = col("region");
          var levels = data.levels || {};
          data.docs.forEach(function (d) { out[d[0]] = [d[issuer], d[date], d[number], d[status], levels[d[level]] || "", d[region] || ""]; });
          resolve(out);
        };
        if (window.TIAOWEN_DOCS) { done(); return; }
        var s = document.createElement("script");
        s.src = box.getAttribute("data-docs") || root + "api/docs.js";
        s.onload = done;
        s.onerror = function () { docFacts = null; reject(new Error("无法读取 api/docs.js")); };
        document.head.appendChild(s);
      });
    }
    return docFacts;
  }

  function setupEvents() {
    input.addEventListener("input", function (e) { if (!e.isComposing) schedule(); });
    input.addEventListener("compositionend", schedule);
    input.addEventListener("compositionstart", warmUp);
    docSel.addEventListener("change", function () { remember(params()); run(); });
    themeSel.addEventListener("change", function () { remember(params()); run(); });
    facetSels.forEach(function (sel) { sel.addEventListener("change", function () { remember(params()); run(); }); });
    if (sortSel) sortSel.addEventListener("change", function () { remember(params()); run(); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      remember(params());
      run();
    });
    more.addEventListener("click", function () {
      if (current) showMore(seq).catch(function (err) { setStatus(err.message); });
    });
    // On this page the header's box is a second way into the same search:
    // typing there searches as the page's box does, without a reload.
    if (headerQ && headerQ.form) {
      headerQ.addEventListener("input", function (e) {
        input.value = headerQ.value;
        if (!e.isComposing) schedule();
      });
      headerQ.addEventListener("compositionend", function () { input.value = headerQ.value; schedule(); });
      headerQ.addEventListener("compositionstart", warmUp);
      headerQ.form.addEventListener("submit", function (e) {
        e.preventDefault();
        input.value = headerQ.value;
        clearTimeout(timer);
        remember(params());
        run();
      });
    }
    // Arrow keys move from the box through the results and back.
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var links = hitLinks();
        if (links.length) { e.preventDefault(); links[0].focus(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      var links = hitLinks(), i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });
    // On this page "/" goes to the search box of the page, not the header's.
    window.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var el = document.activeElement;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)) return;
      e.preventDefault();
      e.stopPropagation();
      input.focus();
      input.select();
    }, true);
  }

  function start() {
    var u = new URLSearchParams(location.search);
    input.value = u.get("q") || "";
    meta = ix.meta;
    secDoc = ix.secDoc;
    textStart = ix.textStart;
    setupSplit();
    setupShards();
    setupFilters();
    if (u.get("doc")) docSel.value = u.get("doc");
    if (u.get("theme")) themeSel.value = u.get("theme");
    facetSels.forEach(function (sel) { if (u.get(sel.name)) sel.value = u.get(sel.name); });
    if (sortSel && u.get("sort")) sortSel.value = u.get("sort");
    setupEvents();
    setupExport();
    setupWord();
    box.setAttribute("data-state", "ready");
    if (input.value || docSel.value || themeSel.value || facetSels.some(function (sel) { return sel.value; })) return run();
    return Promise.resolve(null);
  }

  // For tests and benchmarks: the page's own query path, and textnorm.
  window.tiaowenSearch = {
    run: function (q, doc, theme) {
      input.value = q;
      docSel.value = doc || "";
      themeSel.value = theme || "";
      remember(params());
      return run();
    },
    // forget drops the answer prepared last, so that running the same
    // query again ranks it again: the benchmark's warm queries.
    forget: function () { prepared = null; },
    // The query warmUp runs, and the index files a query reads.
    warmTerm: function () { return warmTerm(); },
    filesOf: function (q) { return filesOf(parse(q)); },
    // head is what headOf finds of a query's first page before the
    // ranking (wordHead, phraseHead), for comparison with rank's answer.
    head: function (q) {
      var qq = queryOf({ q: q, doc: "", theme: "" });
      return Promise.all(filesOf(qq.terms).map(load)).then(function () {
        return headOf(qq) || [];
      });
    },
    // lead is what a first query finds of a phrase's first result from
    // the text (leadByText), with no list decoded yet, -1 for none or
    // for any other query; whether the text settled it or leadOf had to;
    // and how many dense lists it read as written.
    lead: function (q) {
      var qq = queryOf({ q: q, doc: "", theme: "" }), t = phraseOf(qq), fell = false, views = denseViews;
      if (!t) return Promise.resolve({ lead: -1, byText: false, views: 0 });
      var ready = function () { fell = true; return Promise.all(filesOf(qq.terms).map(load)); };
      return Promise.all(shardFilesOf(t).map(load)).then(function () {
        decoded.clear();
        return leadByText(t, ready, function () { return true; });
      }).then(function (lead) { return { lead: lead, byText: !fell, views: denseViews - views }; });
    },
    // candidates is phraseCandidates's answer for a phrase query twice:
    // with its dense lists read as written, as a first query reads them,
    // and with every list decoded.
    candidates: function (q) {
      var t = phraseOf(queryOf({ q: q, doc: "", theme: "" }));
      if (!t) return Promise.resolve(null);
      return Promise.all(shardFilesOf(t).map(load)).then(function () {
        decoded.clear();
        var views = phraseCandidates(t, LEAD_TRIES, leadSkips(t));
        for (var j = 0; j + 1 < t.cps.length; j++) postings(t.cps[j], t.cps[j + 1]);
        return [views, phraseCandidates(t, LEAD_TRIES, leadSkips(t))];
      });
    },
    // denseLists reads every dense list of the index as a first query's
    // lead does (denseView) and as decoding does (decodeDense), and
    // returns the grams where the two differ, and how many lists of
    // each form of title entries it read: [differ, gaps, bitmap].
    denseLists: function () {
      var files = [];
      for (var i = 0; i < shardStarts.length; i++) files.push("g" + i + ".js");
      return Promise.all(files.map(load)).then(function () {
        var differ = [], forms = [0, 0];
        Object.keys(gramShards).forEach(function (n) {
          Object.keys(gramShards[n]).forEach(function (g) {
            var s = gramShards[n][g];
            if (s.charCodeAt(0) !== 33) return;
            var v = denseView(s), l = decodeDense(s), k = 0;
            forms[v.bits ? 1 : 0]++;
            for (var x = 0; x < meta.sections; x++) {
              var has = k < l.n && l.sec[k] === x;
              if (denseHas(v, x) !== has || (has && denseTitle(v, x) !== (l.title[k] === 1))) {
                differ.push(g);
                return;
              }
              if (has) k++;
            }
          });
        });
        return [differ, forms[0], forms[1]];
      });
    },
    // titleFlags compares, for every extended bigram, what each
    // section's text says of the bigram in its title (titleHas) with the
    // list's title flag, for the sections that the list has, and returns
    // the bigrams where they differ and how many sections it compared.
    titleFlags: function () {
      var grams = [], cps = codePoints(meta.extended || ""), files = {}, i;
      for (i = 0; i + 1 < cps.length; i += 2) grams.push([cps[i], cps[i + 1]]);
      grams.forEach(function (g) { files["g" + shardOf(g) + ".js"] = true; });
      for (i = 0; i < textStart.length; i++) files["t" + i + ".js"] = true;
      return Promise.all(Object.keys(files).map(load)).then(function () {
        var differ = [], n = 0;
        grams.forEach(function (g) {
          var l = postings(g[0], g[1]);
          for (var k = 0; l && k < l.n; k++, n++) {
            if (titleHas(l.sec[k], { cps: g }, [1]) !== (l.title[k] === 1)) {
              differ.push(String.fromCodePoint(g[0], g[1]) + "@" + l.sec[k]);
              break;
            }
          }
        });
        return [differ, n];
      });
    },
    // rank answers a query without showing it: every section found, in
    // order, with its tier (0 exact, 1 adjacent, 2 partial). With every
    // set, it looks at every section that has one of the query's bigrams
    // (candidateLists).
    rank: function (q, every) {
      var terms = parse(q);
      return Promise.all(filesOf(terms).map(load)).then(function () {
        everyList = !!every;
        try {
          var r = search(terms, -1, null);
          return { secs: Array.from(r.secs), tiers: Array.from(r.tiers) };
        } finally {
          everyList = false;
        }
      });
    },
    key: key,
    shardOf: function (g) { return shardOf(codePoints(g)); },
    ready: null
  };

  box.setAttribute("data-state", "loading");
  window.tiaowenSearch.ready = ix.ready().then(start, function (err) {
    setStatus("检索索引未能加载：" + err.message);
    box.setAttribute("data-state", "error");
  });
})();
