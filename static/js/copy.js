// "Copy credit line": adds a button next to each credit line. Without
// JavaScript the credit stays plain, selectable text (CSS selects it whole).
"use strict";
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".credit-line").forEach(function (line) {
    var text = line.querySelector(".credit-text");
    var button = document.createElement("button");
    var label = line.dataset.copyLabel;
    button.type = "button";
    button.className = "copy-button";
    button.textContent = label;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        button.textContent = line.dataset.copiedLabel;
        status.textContent = line.dataset.copiedLabel;
        setTimeout(function () { button.textContent = label; status.textContent = ""; }, 3000);
      });
    });
    line.append(" ", button, status);
  });
})();
