// Accessible names Django's stock admin widgets lack (axe, WCAG 4.1.2 / 1.3.1):
// - tabular inlines label their cells only with the column heading: each
//   control gets that heading as its name (rows added later too);
// - the filter widget's search icon carries aria-label on a plain span;
// - the rich-text editor's editable is named by its field's label.
// Names only; nothing here changes what the form sends.
"use strict";
(function () {
  function nameTabularCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = table.querySelectorAll("thead th");
      var deleteHeading = headings.length ? headings[headings.length - 1] : null;
      table.querySelectorAll("tbody td").forEach(function (cell) {
        var column = Array.prototype.find.call(cell.classList, function (name) {
          return name.indexOf("field-") === 0;
        });
        var heading = column
          ? table.querySelector("thead th.column-" + column.slice(6))
          : (cell.classList.contains("delete") ? deleteHeading : null);
        if (!heading) return;
        var name = heading.textContent.trim();
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
          var labelled = control.labels && control.labels.length;
          if (name && !labelled && !control.hasAttribute("aria-label")) {
            control.setAttribute("aria-label", name);
          }
        });
      });
    });
  }

  function fixFilterIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameEditors(root) {
    root.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var area = wrapper.querySelector("textarea");
      var editable = wrapper.querySelector(".ProseMirror[contenteditable]");
      var label = area && area.id ? document.querySelector("label[for='" + area.id + "']") : null;
      if (!editable || !label || editable.hasAttribute("aria-labelledby")) return;
      if (!label.id) label.id = area.id + "-label";
      editable.setAttribute("aria-labelledby", label.id);
    });
  }

  function run() {
    nameTabularCells(document);
    fixFilterIcons(document);
    nameEditors(document);
  }
  // SelectFilter2 and the editors build their parts on "load" and later.
  document.addEventListener("formset:added", run);
  window.addEventListener("load", function () {
    run();
    var tries = 0;
    (function again() {
      run();
      if (tries++ < 20) setTimeout(again, 250);
    })();
  });
})();
