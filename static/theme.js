// Runs in the head, before the page is painted: applies the reader's
// saved colour scheme, and marks the page as one whose scripts run
// (class "js"), so that the stylesheet keeps the place of the controls
// those scripts will show at the end of the page — they would otherwise
// push down what the reader has begun to read.
document.documentElement.classList.add("js");
try {
  var t = localStorage.getItem("tiaowen-theme");
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}
