// Two documents compared in the browser. Past 30 documents the build
// writes pair pages only for each document's ten most similar — at 2,000
// documents about one pair in a hundred — yet a reader may want any two
// side by side: a province's plan beside a county's that follows it
// loosely. This script reads the two documents' sections from the search
// index's text shards (searchdata.js), so it works from a server and from
// the offline bundle alike, and aligns them as internal/align does:
// sections by the cosine of their rarity-weighted character bigrams
// (title a quarter), headings by their titles and the pairs below them,
// each section with at most one counterpart by the pairing of greatest
// total score, and shared passages by the same greedy string tiling,
// whose passages are those of align.SharedPassages exactly. Bigrams are
// weighed by their rarity in the whole corpus, from the counts the build
// writes beside the index (rarity.js, internal/align's Rarity), so the
// pairing is the one a pair page of the two would show
// (TestBrowserAdhocAgrees). Text is inserted as text, never as HTML.
(function () {
  "use strict";

  // internal/align's parameters (index.go, shared.go).
  var THRESHOLD = 0.12, RECIPROCAL = 0.07, HEADING = 0.2, TITLE_WEIGHT = 0.25;
  var MIN_SHARED = 8, MAX_REPEATS = 16;

  // tiaowenLiveCompare fills view (the chooser's #adhoc) with documents
  // a and b compared; partners(id) lists the ids that document id has a
  // pair page with. It returns a promise that resolves when the view is
  // drawn, to the sides in traditional script ("a", "b", "ab" or "") and the
  // entries of the corpus's 繁→简 conversion (for the page's toggle), or
  // to null when it shows an error instead; view's data-state says which.
  window.tiaowenLiveCompare = function (view, a, b, partners) {
    var root = view.getAttribute("data-root") || "";
    var ix = window.tiaowenIndex(view.getAttribute("data-index"));
    var note = document.getElementById("adhoc-note");
    view.hidden = false;
    describe(root, null);
    // The documents' facts load beside the index, not after it: they
    // are drawn with the comparison, so that nothing moves once it shows.
    var facts = docFacts(view);
    view.setAttribute("data-state", "loading");
    note.textContent = "正在读取两份文件……";
    var fail = function (msg) {
      note.textContent = msg;
      view.setAttribute("data-state", "error");
      return null;
    };
    return ix.ready().then(function () {
      var da = docIndex(ix, a), db = docIndex(ix, b);
      if (da < 0 || db < 0) return fail("找不到文件“" + (da < 0 ? a : b) + "”：请在上方另选。");
      if (da === db) return fail("请选择两份不同的文件。");
      // A side in 繁體 brings the 繁→简 toggle, whose entries load beside
      // the rest.
      var hant = ix.meta.docs[da][2] === "zh-Hant" || ix.meta.docs[db][2] === "zh-Hant";
      return Promise.all([sectionsOf(ix, da), sectionsOf(ix, db), corpusCounts(ix), facts,
        hant ? ix.simplified() : null]).then(function (secs) {
        var docA = ix.meta.docs[da], docB = ix.meta.docs[db];
        var al = align(secs[0], secs[1], ix.normalize, secs[2]);
        var placed = draw(view, root, docA, docB, secs[0], secs[1], al, ix.normalize);
        describe(root, secs[3], a, b);
        offerPartners(docA, partners(a), ix);
        view.setAttribute("data-state", "done");
        // A shared address may name a row (#a-<eId>, as the overview
        // strip's entries do): the row was not there when the browser
        // looked for it, so the page goes to it now.
        var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (target && view.contains(target)) target.scrollIntoView();
        themeRows(ix, placed, document.getElementById("adhoc-theme"));
        var foldSide = (docA[2] === "zh-Hant" ? "a" : "") + (docB[2] === "zh-Hant" ? "b" : "");
        return { foldSide: foldSide, foldMap: foldSide ? secs[4] : null };
      });
    }).catch(function (err) { fail("未能读取检索索引，无法对照：" + err.message); });
  };

  // corpusCounts resolves to the corpus's counts of grams, once:
  // {sections, df: Map from a gram's key (as grams makes them) to in how
  // many sections it is found, 0 for a gram too common to count}.
  var counts = null;
  function corpusCounts(ix) {
    if (!counts) counts = ix.rarity().then(function (r) {
      var df = new Map();
      // Grams of one character (a title or text that short) and bigrams:
      // the alignment's grams are bigrams.
      r.g.slice(0, 2).forEach(function (grams, i) {
        var cps = ix.codePoints(grams), n = ix.varints(r.n[i]), len = i + 1;
        for (var j = 0; j * len < cps.length; j++) {
          df.set(len === 1 ? -1 - cps[j] : gramKey(cps, j * len), n[j]);
        }
      });
      return { sections: r.sections, df: df };
    });
    return counts;
  }

  function docIndex(ix, id) {
    for (var i = 0; i < ix.meta.docs.length; i++) if (ix.meta.docs[i][0] === id) return i;
    return -1;
  }

  // sectionsOf loads the text shards of document d and returns its
  // sections in document order, each with its parent's index or -1.
  function sectionsOf(ix, d) {
    var first = ix.docStart[d], end = ix.docStart[d + 1], files = {};
    for (var sec = first; sec < end; sec++) files["t" + ix.textShardOf(sec) + ".js"] = true;
    return Promise.all(Object.keys(files).map(ix.load)).then(function () {
      var out = [];
      for (var sec = first; sec < end; sec++) {
        var s = ix.section(sec);
        var x = { sec: sec, eid: s.eid, cite: s.cite, title: s.title, text: s.text, layout: s.layout, parent: s.parent < 0 ? -1 : s.parent - first, children: 0 };
        if (x.parent >= 0) out[x.parent].children++;
        out.push(x);
      }
      return out;
    });
  }

  // ---- Section vectors -----------------------------------------------------

  // grams counts the bigrams of the normalised text into m; a text
  // shorter than a bigram counts as one gram of its own.
  function grams(m, text, normalize) {
    if (!text) return;
    var c = normalize(text).cps, k, i;
    if (c.length === 0) return;
    if (c.length === 1) { k = -1 - c[0]; m.set(k, (m.get(k) || 0) + 1); return; }
    for (i = 0; i + 1 < c.length; i++) {
      k = gramKey(c, i);
      m.set(k, (m.get(k) || 0) + 1);
    }
  }
  // gramKey is the key of the bigram at c[i], c[i+1] (code points).
  function gramKey(c, i) { return c[i] * 0x110000 + c[i + 1]; }
  function tfWeight(tf) { return tf <= 1 ? 1 : 1 + Math.log(tf); }

  // vectors weighs each section's title-and-text bigrams and its title's
  // (as sparse vectors, Map gram → weight, with their norms), by the
  // rarity of each bigram among the corpus's sections (corpus, from
  // corpusCounts), as internal/align does: a bigram the counts leave out
  // is in one section; one they count 0 is too common to tell sections
  // apart, and dropped.
  function vectors(all, normalize, corpus) {
    all.forEach(function (s) {
      s.fullTF = new Map();
      s.titleTF = new Map();
      grams(s.fullTF, s.title, normalize);
      grams(s.titleTF, s.title, normalize);
      grams(s.fullTF, s.text, normalize);
    });
    var df = corpus.df, n = corpus.sections;
    var weigh = function (tf) {
      var v = new Map(), sq = 0;
      tf.forEach(function (c, k) {
        var f = df.has(k) ? df.get(k) : 1;
        if (f === 0) return;
        var w = tfWeight(c) * Math.log(1 + n / f);
        v.set(k, w);
        sq += w * w;
      });
      return { v: v, norm: Math.sqrt(sq) };
    };
    all.forEach(function (s) {
      s.full = weigh(s.fullTF);
      s.tvec = weigh(s.titleTF);
    });
  }

  function cosine(x, y) {
    if (x.norm === 0 || y.norm === 0) return 0;
    var small = x.v.size <= y.v.size ? x : y, big = small === x ? y : x, dot = 0;
    small.v.forEach(function (w, k) { var o = big.v.get(k); if (o !== undefined) dot += w * o; });
    return dot / (x.norm * y.norm);
  }

  // ---- Pairing ---------------------------------------------------------------

  // align pairs the sections of A and B: sections with text first, then
  // headings (sections with children and no text of their own). It
  // returns, for each section of A, the index of its counterpart in B or
  // -1, the pairs' scores, and each pair's shared passages.
  function align(A, B, normalize, corpus) {
    vectors(A.concat(B), normalize, corpus);
    var isHead = function (s) { return s.children > 0 && s.text === ""; };
    var toB = A.map(function () { return -1; }), toA = B.map(function () { return -1; });
    var score = A.map(function () { return 0; });

    // Sections with text: a candidate scores at least THRESHOLD, or at
    // least RECIPROCAL where each is the other's best.
    var edges = [], bestA = A.map(function () { return 0; }), bestB = B.map(function () { return 0; });
    A.forEach(function (sa, i) {
      if (isHead(sa)) return;
      B.forEach(function (sb, j) {
        if (isHead(sb)) return;
        var sc = cosine(sa.full, sb.full);
        if (sc === 0) return;
        if (sa.title && sb.title) sc = TITLE_WEIGHT * cosine(sa.tvec, sb.tvec) + (1 - TITLE_WEIGHT) * sc;
        if (sc < RECIPROCAL) return;
        edges.push({ i: i, j: j, s: sc });
        bestA[i] = Math.max(bestA[i], sc);
        bestB[j] = Math.max(bestB[j], sc);
      });
    });
    pairBest(edges.filter(function (e) {
      return e.s >= THRESHOLD || (e.s === bestA[e.i] && e.s === bestB[e.j]);
    }), toB, toA, score);

    // Headings: the mean of their titles' similarity and the share of
    // the text sections below them that are paired with each other.
    var headsAbove = function (secs, i) {
      var out = [];
      for (var p = secs[i].parent; p >= 0; p = secs[p].parent) if (isHead(secs[p])) out.push(p);
      return out;
    };
    var textBelow = function (secs) {
      var n = secs.map(function () { return 0; });
      secs.forEach(function (s, i) { if (!isHead(s)) headsAbove(secs, i).forEach(function (h) { n[h]++; }); });
      return n;
    };
    var below = new Map();
    toB.forEach(function (j, i) {
      if (j < 0) return;
      var hb = headsAbove(B, j);
      headsAbove(A, i).forEach(function (ha) {
        hb.forEach(function (h) { var k = ha * B.length + h; below.set(k, (below.get(k) || 0) + 1); });
      });
    });
    var nA = textBelow(A), nB = textBelow(B), headEdges = [];
    A.forEach(function (sa, i) {
      if (!isHead(sa)) return;
      B.forEach(function (sb, j) {
        if (!isHead(sb)) return;
        var n = below.get(i * B.length + j) || 0;
        var share = n > 0 ? 2 * n / (nA[i] + nB[j]) : 0;
        var sc = (cosine(sa.full, sb.full) + share) / 2;
        if (sc >= HEADING) headEdges.push({ i: i, j: j, s: sc });
      });
    });
    pairBest(headEdges, toB, toA, score);

    var shared = toB.map(function (j, i) { return j >= 0 ? sharedPassages(A[i].text, B[j].text, normalize) : []; });
    // Scores to four places, as the build writes them (align's round4),
    // so that a percentage rounds the same way on both.
    score = score.map(function (f) { return Math.round(f * 1e4) / 1e4; });
    return { toB: toB, toA: toA, score: score, shared: shared };
  }

  // pairBest chooses, among the candidate edges, the one-to-one pairing
  // of greatest total score, as internal/align/matching.go does: the
  // candidate graph split into connected components, each solved by the
  // Hungarian method on integer weights (millionths), so that the cost
  // is that of the largest component, not of the whole documents.
  function pairBest(edges, toB, toA, score) {
    var root = new Map();
    var find = function (x) {
      while (root.has(x) && root.get(x) !== x) x = root.get(x);
      return x;
    };
    // Nodes: A's sections as "a" + i, B's as "b" + j.
    edges.forEach(function (e) {
      var ra = find("a" + e.i), rb = find("b" + e.j);
      if (ra !== rb) root.set(rb, ra);
    });
    var comps = new Map();
    edges.forEach(function (e) {
      var r = find("a" + e.i);
      if (!comps.has(r)) comps.set(r, []);
      comps.get(r).push(e);
    });
    comps.forEach(function (es) { solveComponent(es, toB, toA, score); });
  }

  function solveComponent(edges, toB, toA, score) {
    var rows = [], cols = [], rowAt = new Map(), colAt = new Map();
    edges.forEach(function (e) {
      if (!rowAt.has(e.i)) { rowAt.set(e.i, rows.length); rows.push(e.i); }
      if (!colAt.has(e.j)) { colAt.set(e.j, cols.length); cols.push(e.j); }
    });
    // Columns in document order, as matching.go has them.
    cols.sort(function (x, y) { return x - y; });
    cols.forEach(function (j, k) { colAt.set(j, k); });
    var transpose = rows.length > cols.length;
    var n = transpose ? cols.length : rows.length, m = transpose ? rows.length : cols.length;
    var w = [], sc = [], r;
    for (r = 0; r < n; r++) { w.push(new Float64Array(m)); sc.push(new Float64Array(m)); }
    edges.forEach(function (e) {
      var i = rowAt.get(e.i), j = colAt.get(e.j);
      if (transpose) { var t = i; i = j; j = t; }
      w[i][j] = Math.round(e.s * 1e6);
      sc[i][j] = e.s;
    });
    hungarian(w, m).forEach(function (j, i) {
      if (j < 0 || w[i][j] === 0) return;
      var a = transpose ? rows[j] : rows[i], b = transpose ? cols[i] : cols[j];
      toB[a] = b;
      toA[b] = a;
      score[a] = sc[i][j];
    });
  }

  // hungarian solves the assignment problem for the n×m weights w, n ≤
  // m, maximising the total; it returns the column of each row. It is
  // the shortest-augmenting-path form with potentials of matching.go.
  function hungarian(w, m) {
    var n = w.length, INF = Infinity, i, j;
    var u = new Float64Array(n + 1), v = new Float64Array(m + 1);
    var p = new Int32Array(m + 1), way = new Int32Array(m + 1);
    var minv = new Float64Array(m + 1), used = new Uint8Array(m + 1);
    for (i = 1; i <= n; i++) {
      p[0] = i;
      var j0 = 0;
      minv.fill(INF);
      used.fill(0);
      do {
        used[j0] = 1;
        var i0 = p[j0], delta = INF, j1 = 0;
        for (j = 1; j <= m; j++) {
          if (used[j]) continue;
          var cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
          if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
          if (minv[j] < delta) { delta = minv[j]; j1 = j; }
        }
        for (j = 0; j <= m; j++) {
          if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else { minv[j] -= delta; }
        }
        j0 = j1;
      } while (p[j0] !== 0);
      do { var j2 = way[j0]; p[j0] = p[j2]; j0 = j2; } while (j0 !== 0);
    }
    var out = [];
    for (i = 0; i < n; i++) out.push(-1);
    for (j = 1; j <= m; j++) if (p[j] !== 0) out[p[j] - 1] = j - 1;
    return out;
  }

  // ---- Shared passages: align.SharedPassages ---------------------------------

  // sharedPassages returns the passages of at least MIN_SHARED normalised
  // characters that texts a and b have in common, as {a: [start, end],
  // b: [start, end]} in UTF-16 offsets of each text, in the order of a:
  // greedy string tiling, longest first, round after round, as
  // internal/align/shared.go finds them.
  function sharedPassages(a, b, normalize) {
    if (!a || !b) return [];
    var na = normalize(a), nb = normalize(b);
    return tile(na.cps, nb.cps, MIN_SHARED).map(function (r) {
      return { a: [na.start[r.a], na.end[r.a + r.n - 1]], b: [nb.start[r.b], nb.end[r.b + r.n - 1]] };
    });
  }

  function tile(a, b, k) {
    var out = [];
    if (a.length < k || b.length < k) return out;
    if (a.length === b.length && a.every(function (c, i) { return c === b[i]; })) return [{ a: 0, b: 0, n: a.length }];
    var win = function (s, i) { return String.fromCodePoint.apply(null, s.slice(i, i + k)); };
    // places[w] lists the starts of b's windows w, last first, as the
    // chained table of shared.go visits them.
    var places = new Map(), j, i, w;
    for (j = 0; j + k <= b.length; j++) {
      w = win(b, j);
      var l = places.get(w);
      if (l) l.unshift(j); else places.set(w, [j]);
    }
    var ma = new Uint8Array(a.length), mb = new Uint8Array(b.length), marked = false;
    var free = function (m, at, n) { for (var d = 0; d < n; d++) if (m[at + d]) return false; return true; };
    for (;;) {
      var found = [], capped = false;
      for (i = 0; i + k <= a.length; i++) {
        if (marked && !free(ma, i, k)) continue;
        var at = places.get(win(a, i));
        if (!at) continue;
        var seen = 0;
        for (var x = 0; x < at.length; x++) {
          j = at[x];
          if (marked && !free(mb, j, k)) continue;
          if (seen === MAX_REPEATS) { capped = true; break; }
          seen++;
          // Only runs that cannot be extended to the left: the others
          // are the tails of runs found already.
          if (i > 0 && j > 0 && !ma[i - 1] && !mb[j - 1] && a[i - 1] === b[j - 1]) continue;
          var n = k;
          while (i + n < a.length && j + n < b.length && !ma[i + n] && !mb[j + n] && a[i + n] === b[j + n]) n++;
          found.push({ a: i, b: j, n: n });
        }
      }
      if (found.length === 0) break;
      found.sort(function (x, y) { return y.n - x.n || x.a - y.a || x.b - y.b; });
      var collided = false;
      found.forEach(function (r) {
        if (free(ma, r.a, r.n) && free(mb, r.b, r.n)) {
          ma.fill(1, r.a, r.a + r.n);
          mb.fill(1, r.b, r.b + r.n);
          out.push(r);
        } else {
          collided = true;
        }
      });
      marked = true;
      if (!collided && !capped) break;
    }
    return out.sort(function (x, y) { return x.a - y.a; });
  }

  // ---- Drawing ---------------------------------------------------------------

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // codePointsIn counts the code points of s[from:to].
  function codePointsIn(s, from, to) {
    var n = 0;
    for (var i = from; i < to; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }

  // covered counts the code points of text inside the ranges, each once.
  function covered(text, ranges) {
    var sorted = ranges.slice().sort(function (x, y) { return x[0] - y[0]; }), n = 0, last = 0;
    sorted.forEach(function (r) {
      var from = Math.max(r[0], last);
      if (r[1] > from) { n += codePointsIn(text, from, r[1]); last = r[1]; }
    });
    return n;
  }

  function percent(part, whole) { return whole > 0 ? Math.round(100 * part / whole) : 0; }

  // allShared reports whether every character of text that
  // normalisation keeps lies in the ranges (UTF-16).
  function allShared(text, ranges, normalize) {
    if (ranges.length === 0) return false;
    var n = normalize(text);
    return n.start.every(function (at) {
      return ranges.some(function (r) { return r[0] <= at && at < r[1]; });
    });
  }

  // same reports whether a row's two texts say the same, as the build's
  // rows() judges it: each wholly in shared passages, or both short
  // (under 48 UTF-8 bytes, where a passage of 8 characters may not fit)
  // and equal once normalised.
  function same(ta, tb, ra, rb, normalize) {
    if (!ta) return false;
    if (allShared(ta, ra, normalize) && allShared(tb, rb, normalize)) return true;
    var key = function (t) { return normalize(t).cps.join(","); };
    return new TextEncoder().encode(ta).length < 6 * MIN_SHARED && key(ta) === key(tb);
  }

  function draw(view, root, docA, docB, A, B, al, normalize) {
    var pageLang = document.documentElement.lang;
    var h = document.getElementById("adhoc-h");
    h.textContent = "";
    h.appendChild(titled("span", docA));
    h.appendChild(el("span", "x", " × "));
    h.appendChild(titled("span", docB));
    // The window's title names the two, as a pair page's does, for the
    // reader's tabs, history and bookmarks.
    var site = document.title.indexOf(" · ");
    document.title = window.tiaowenDocLabel(docA) + " × " + window.tiaowenDocLabel(docB) + (site >= 0 ? document.title.slice(site) : "");

    // Rows: A's sections in order, each B section without a counterpart
    // after the row of its nearest paired predecessor in B.
    var after = {}, prevA = -1;
    B.forEach(function (sb, j) {
      if (al.toA[j] >= 0) { prevA = al.toA[j]; return; }
      (after[prevA] = after[prevA] || []).push(j);
    });
    var table = view.querySelector(".cmp");
    table.textContent = "";
    var head = el("div", "cmp-row cmp-head");
    head.setAttribute("role", "row");
    [titled("div", docA), el("div", "score", "相似"), titled("div", docB)].forEach(function (c) {
      c.setAttribute("role", "columnheader");
      head.appendChild(c);
    });
    table.appendChild(head);
    var sharedA = 0, sharedB = 0, pairs = 0;
    var placeInB = new Map(B.map(function (sb, j) { return [sb, j]; }));
    var addB = function (i) {
      (after[i] || []).forEach(function (j) { put(row(null, B[j], -1, [], []), null, B[j], 0); });
    };
    var row = function (sa, sb, sc, ka, kb) {
      var r = el("div", "cmp-row" + (sa && sb && same(sa.text, sb.text, ka, kb, normalize) ? " same" : "") +
        (sa ? "" : " only-b") + (sb ? "" : " only-a"));
      r.setAttribute("role", "row");
      r.appendChild(cell("a", sa, docA, ka));
      var s = el("div", "score");
      s.setAttribute("role", "cell");
      if (sa && sb) {
        var badge = el("span", "badge h" + Math.min(5, Math.floor(sc * 6)), Math.round(sc * 100) + "%");
        badge.title = "相似度";
        s.appendChild(badge);
      }
      r.appendChild(s);
      r.appendChild(cell("b", sb, docB, kb));
      return r;
    };
    var cell = function (side, sec, doc, ranges) {
      var c = el("div", "cmp-" + side);
      c.setAttribute("role", "cell");
      if (!sec) {
        c.appendChild(el("p", "none", "（无对应条目）"));
        return c;
      }
      c.id = side + "-" + sec.eid;
      if (doc[2] !== pageLang) c.lang = doc[2];
      // Where a b section stands in its document, as a pair page's
      // cells say it (compare.js reads b's order from it).
      if (side === "b") c.setAttribute("data-n", placeInB.get(sec));
      var link = el("a", "cmp-h");
      link.href = root + "docs/" + encodeURIComponent(doc[0]) + "/" + encodeURIComponent(sec.eid) + "/index.html";
      // A marker that ends in a word (第二章, 附件1; not 附件2：) is set
      // apart from the title, as the build's pages set it
      // (corpus.Section.MarkerApart): the eId's last part names the kind.
      var apart = /^(bk|ch|sec|art|annex)\d*$/.test(sec.eid.split("-").pop()) && !/\p{P}$/u.test(sec.cite);
      link.appendChild(el("span", apart ? "marker apart" : "marker", sec.cite));
      link.appendChild(document.createTextNode(sec.title));
      c.appendChild(link);
      if (sec.text) paragraphs(c, sec.text, ranges, sec.layout);
      return c;
    };
    var placed = [];
    var put = function (r, sa, sb, sc) {
      table.appendChild(r);
      placed.push({ row: r, a: sa, b: sb, score: sc });
    };
    addB(-1);
    A.forEach(function (sa, i) {
      var j = al.toB[i];
      if (j < 0) {
        put(row(sa, null, 0, [], []), sa, null, 0);
      } else {
        pairs++;
        var ra = al.shared[i].map(function (p) { return p.a; }), rb = al.shared[i].map(function (p) { return p.b; });
        sharedA += covered(sa.text, ra);
        sharedB += covered(B[j].text, rb);
        put(row(sa, B[j], al.score[i], ra, rb), sa, B[j], al.score[i]);
      }
      addB(i);
    });
    // The overview strip: an entry a row, shaded by its score, named by
    // the rows' citations, as writeOverview draws a pair page's.
    var strip = view.querySelector(".overview");
    if (strip) {
      strip.textContent = "";
      placed.forEach(function (p) {
        var o = el("a", "ov h" + Math.min(5, Math.floor(p.score * 6)) + (p.a ? "" : " only-b") + (p.b ? "" : " only-a"));
        o.href = "#" + (p.a ? "a-" + p.a.eid : "b-" + p.b.eid);
        o.title = (p.a ? p.a.cite : "") + (p.a && p.b ? " ↔ " : "") + (p.b ? p.b.cite : "");
        strip.appendChild(o);
      });
    }
    var total = function (secs) { return secs.reduce(function (n, s) { return n + codePointsIn(s.text, 0, s.text.length); }, 0); };
    document.getElementById("adhoc-note").textContent =
      "构建时只为每份文件与最相近的若干份文件生成逐条对照页，这两份不在其中；下表由浏览器按同样的方法即时计算。" +
      pairs + " 对相互对应的条目；同色标记为两侧共有的语句（不计简繁与标点），占前者文字的 " +
      percent(sharedA, total(A)) + "%、后者的 " + percent(sharedB, total(B)) + "%。";
    return placed;
  }

  // themeRows reads the search index's list of each theme's sections and
  // gives each placed row ({row, a, b}) the themes of its sections, as
  // data-themes, as a pair page's rows have them; then offers the themes
  // the rows have in select, with how many rows have each, in the
  // corpus's order of themes. Its filtering is compare.js's.
  function themeRows(ix, placed, select) {
    if (!select) return Promise.resolve();
    var themes = ix.meta.themes || [], bySec = new Map();
    placed.forEach(function (p) {
      [p.a, p.b].forEach(function (s) { if (s) bySec.set(s.sec, []); });
    });
    return Promise.all(themes.map(function (_, n) { return ix.load("th" + n + ".js"); })).then(function () {
      themes.forEach(function (t, n) {
        var sec = -1;
        ix.varints(ix.themeLists[n] || "").forEach(function (gap) {
          sec += 1 + gap;
          var on = bySec.get(sec);
          if (on) on.push(n);
        });
      });
      var rows = themes.map(function () { return 0; });
      placed.forEach(function (p) {
        var ns = [];
        [p.a, p.b].forEach(function (s) { if (s) bySec.get(s.sec).forEach(function (n) { if (ns.indexOf(n) < 0) ns.push(n); }); });
        ns.forEach(function (n) { rows[n]++; });
        if (ns.length) p.row.setAttribute("data-themes", ns.map(function (n) { return themes[n][0]; }).sort().join(" "));
      });
      themes.forEach(function (t, n) {
        if (rows[n] === 0) return;
        var o = el("option", "", t[1] + "（" + rows[n] + "）");
        o.value = t[0];
        select.appendChild(o);
      });
      select.closest("label").hidden = select.options.length < 2;
    }, function () { /* without the lists, no theme filter */ });
  }

  // titled makes an element holding a document's title, told apart from
  // others of its title, in its language.
  function titled(name, doc) {
    var e = el(name, "", window.tiaowenDocLabel(doc));
    e.lang = doc[2];
    return e;
  }

  // paragraphs appends text to c with the shared passages (UTF-16
  // ranges; the k-th is passage k) marked, as the build's pair pages draw
  // a section: each line a <p>, but where layout (corpus.Section.Layout, a
  // letter a line) says a table starts (T) or goes on (t) a table, its
  // first row the header and its cells parted by tabs, and where it says
  // code (C, c) a <pre>. A passage that crosses a paragraph's end or a
  // cell's is marked on each side.
  function paragraphs(c, text, ranges, layout) {
    var marks = ranges.map(function (r, k) { return { s: r[0], e: r[1], k: k }; })
      .filter(function (m) { return m.s < m.e; })
      .sort(function (x, y) { return x.s - y.s; });
    var kept = [], last = 0;
    marks.forEach(function (m) {
      if (m.e <= last) return;
      kept.push({ s: Math.max(m.s, last), e: m.e, k: m.k });
      last = m.e;
    });
    var next = 0;
    // put appends text[from, to) to parent, the passages in it marked.
    var put = function (parent, from, to) {
      while (next < kept.length && kept[next].e <= from) next++;
      var at = from;
      for (var i = next; i < kept.length && kept[i].s < to; i++) {
        var s = Math.max(kept[i].s, at), e = Math.min(kept[i].e, to);
        if (s > at) parent.appendChild(document.createTextNode(text.slice(at, s)));
        var m = el("mark", "sh s" + (kept[i].k % 6), text.slice(s, e));
        m.setAttribute("data-k", String(kept[i].k));
        parent.appendChild(m);
        at = e;
      }
      if (to > at) parent.appendChild(document.createTextNode(text.slice(at, to)));
    };
    // The lines gathered into blocks: a paragraph, a table, a code block.
    var blocks = [], pos = 0;
    text.split("\n").forEach(function (line, i) {
      var kind = layout.charAt(i) || "p", last = blocks[blocks.length - 1];
      if ((kind === "t" || kind === "c") && last && last.kind === kind.toUpperCase()) {
        last.lines.push(line);
        last.to = pos + line.length;
      } else {
        blocks.push({ kind: kind, from: pos, to: pos + line.length, lines: [line] });
      }
      pos += line.length + 1;
    });
    blocks.forEach(function (b) {
      if (b.kind === "C") {
        var pre = el("pre"), code = el("code");
        pre.appendChild(code);
        c.appendChild(pre);
        put(code, b.from, b.to);
        return;
      }
      if (b.kind !== "T") {
        var p = el("p");
        c.appendChild(p);
        put(p, b.from, b.to);
        return;
      }
      // The <tbody> is the one a parser puts in a page's table.
      var wrap = el("div", "table-wrap"), table = el("table"), body = el("tbody"), from = b.from;
      wrap.tabIndex = 0;
      table.appendChild(body);
      wrap.appendChild(table);
      c.appendChild(wrap);
      b.lines.forEach(function (line, row) {
        var tr = el("tr");
        body.appendChild(tr);
        line.split("\t").forEach(function (cell) {
          var td = el(row ? "td" : "th");
          tr.appendChild(td);
          put(td, from, from + cell.length);
          from += cell.length + 1;
        });
      });
    });
  }

  // docFacts loads, once, the list of documents the home page's finder
  // reads (api/docs.js, a script, so that it loads from disk too): each
  // document's date, level, issuer, number and status, and the places
  // where it names another. It resolves to null when the list cannot be
  // read; the comparison stands without it.
  var docsLoading = null;
  function docFacts(view) {
    if (docsLoading) return docsLoading;
    docsLoading = new Promise(function (resolve) {
      var done = function () {
        var data = window.TIAOWEN_DOCS;
        if (!data) return resolve(null);
        var byID = {};
        data.docs.forEach(function (r) {
          var d = {};
          data.fields.forEach(function (name, i) { d[name] = r[i]; });
          byID[d.id] = d;
        });
        resolve({ byID: byID, levels: data.levels || {} });
      };
      if (window.TIAOWEN_DOCS) return done();
      var s = document.createElement("script");
      s.src = view.getAttribute("data-docs");
      s.onload = done;
      s.onerror = function () { resolve(null); };
      document.head.appendChild(s);
    });
    return docsLoading;
  }

  // describe says above the comparison what a pair page says above its
  // own: each document's date, level, issuer, number and status, whether
  // it is not yet or no longer in force, and where either names the
  // other. With facts null it says nothing.
  function describe(root, facts, a, b) {
    var list = document.getElementById("adhoc-meta"), named = document.getElementById("adhoc-named");
    list.textContent = "";
    named.textContent = "";
    named.hidden = true;
    var A = facts && facts.byID[a], B = facts && facts.byID[b];
    list.hidden = !(A && B);
    if (list.hidden) return;
    [["前者", A], ["后者", B]].forEach(function (side) {
      var d = side[1], li = el("li"), span = el("span");
      li.appendChild(el("span", "side", side[0]));
      li.appendChild(document.createTextNode(" "));
      span.lang = d.lang;
      if (d.date) {
        var t = el("time", "", d.date);
        t.dateTime = d.date;
        span.appendChild(t);
      } else {
        span.appendChild(document.createTextNode("未注明日期"));
      }
      [facts.levels[d.level], d.issuer, d.number, d.status !== "正式" && d.status,
        window.tiaowenTermName[window.tiaowenTerm(d.effective, d.expires)]].forEach(function (f) {
        if (f) span.appendChild(document.createTextNode(" · " + f));
      });
      li.appendChild(span);
      list.appendChild(li);
    });
    [[A, B, "前者", "后者"], [B, A, "后者", "前者"]].forEach(function (n) {
      var places = (n[0].names || []).filter(function (m) { return m[0] === n[1].id; });
      if (places.length === 0) return;
      var p = el("p", "note named-note", n[2] + "在");
      places.forEach(function (m, i) {
        if (i > 0) p.appendChild(document.createTextNode("、"));
        var link = el("a", "", m[1]);
        link.href = root + m[2];
        p.appendChild(link);
      });
      p.appendChild(document.createTextNode("提及" + n[3] + "。"));
      named.appendChild(p);
      named.hidden = false;
    });
  }

  // offerPartners lists the pairs with a page that doc has.
  function offerPartners(doc, ids, ix) {
    var more = document.getElementById("adhoc-more");
    more.textContent = "";
    if (ids.length === 0) return;
    more.appendChild(document.createTextNode("构建时已对照的" + window.tiaowenDocLabel(doc, true) + "组合："));
    ids.slice(0, 10).forEach(function (id, n) {
      var other = ix.meta.docs[docIndex(ix, id)], link = el("a", "", window.tiaowenDocLabel(other, true));
      link.href = (doc[0] < id ? doc[0] + "--" + id : id + "--" + doc[0]) + "/index.html";
      if (n > 0) more.appendChild(document.createTextNode("、"));
      more.appendChild(link);
    });
  }
})();
