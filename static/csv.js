// Saving a table as a CSV file, for a spreadsheet: a comparison's rows
// (compare.js) and a search's results (search.js). UTF-8 with a byte
// order mark, which Excel needs to read Chinese; lines end in CR LF and
// a field is quoted where it holds a comma, a quote or a line end, as
// RFC 4180 has them. The file is made in the page, from disk too.
(function () {
  "use strict";
  var field = function (v) {
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  };
  window.tiaowenCSV = {
    // save offers lines, arrays of fields with the header first, as a
    // file called name.
    save: function (name, lines) {
      var csv = "\uFEFF" + lines.map(function (l) { return l.map(field).join(","); }).join("\r\n") + "\r\n";
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    }
  };
})();
