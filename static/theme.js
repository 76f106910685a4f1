// Applies the reader's saved colour scheme before the page is painted.
try {
  var t = localStorage.getItem("tiaowen-theme");
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}
