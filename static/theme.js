// Runs in the head, before the page is painted: applies the reader's
// saved colour scheme, and marks the page as one whose scripts run
// (class "js"), so that the stylesheet keeps the place of the controls
// those scripts will show at the end of the page — they would otherwise
// push down what the reader has begun to read.
document.documentElement.classList.add("js");
// A document's contents start shut on a narrow screen, unless the address
// leads into the text (static/site.js shuts them, by the same test): shut
// from the first paint, so that the text under them is not pulled up
// under the reader when that script runs.
try {
  if (window.matchMedia("(max-width: 64rem)").matches && !location.hash) document.documentElement.classList.add("toc-shut");
} catch (e) {}
try {
  var t = localStorage.getItem("tiaowen-theme");
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}
