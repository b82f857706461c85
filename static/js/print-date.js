// The print date on paper: filled in when the page is printed (the HTML may be cached).
// Without JavaScript the printout still carries the release's address.
(function () {
  "use strict";
  var slot = document.querySelector("[data-print-date]");
  if (!slot) return;
  function stamp() {
    var lang = document.documentElement.lang || "de";
    var date = new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    slot.textContent = " · " + slot.getAttribute("data-label") + " " + date;
  }
  window.addEventListener("beforeprint", stamp);
  stamp();
})();
