// Translations side by side (issue 15): the German source on the left, one
// target language on the right, chosen with buttons named by language.
// Without JavaScript every language stays in the form, one below the other,
// each labelled with its language name (core/admin_fields.py).
"use strict";
// Media scripts load in <head>: wait for the form.
function startTranslations() {
  var list = document.getElementById("jc-languages");
  if (!list) return;
  var form = list.closest("form");
  var languages = Array.prototype.map.call(list.querySelectorAll("li"), function (item) {
    return { code: item.dataset.code, name: item.textContent.trim() };
  });
  var targets = languages.filter(function (lang) { return lang.code !== "de"; });
  var pairs = [];

  form.querySelectorAll(".form-row[class*='_de']").forEach(function (source) {
    var match = /\bfield-([a-z0-9_]+)_de\b/.exec(source.className);
    if (!match || source.closest(".inline-group")) return;
    var name = match[1];
    var rows = {};
    targets.forEach(function (lang) {
      var row = form.querySelector(".form-row.field-" + name + "_" + lang.code);
      if (row) rows[lang.code] = row;
    });
    if (!Object.keys(rows).length) return;
    var pair = document.createElement("div");
    pair.className = "jc-pair";
    source.before(pair);
    pair.append(source);
    Object.keys(rows).forEach(function (code) { pair.append(rows[code]); });
    pairs.push(rows);
  });
  if (!pairs.length) return;

  var bar = document.createElement("div");
  bar.className = "jc-language-bar";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", list.dataset.label);
  var intro = document.createElement("span");
  intro.textContent = list.dataset.label + ":";
  bar.append(intro);
  var buttons = targets.map(function (lang) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = lang.name;
    button.lang = "de";
    button.addEventListener("click", function () { show(lang.code); });
    bar.append(button);
    return { code: lang.code, el: button };
  });
  var first = form.querySelector(".jc-pair").closest("fieldset") || form;
  first.before(bar);

  function show(code) {
    pairs.forEach(function (rows) {
      Object.keys(rows).forEach(function (other) { rows[other].hidden = other !== code; });
    });
    buttons.forEach(function (b) { b.el.setAttribute("aria-pressed", String(b.code === code)); });
    try { sessionStorage.setItem("jc-target-language", code); } catch (e) { /* private mode */ }
  }
  var stored = null;
  try { stored = sessionStorage.getItem("jc-target-language"); } catch (e) { stored = null; }
  show(targets.some(function (l) { return l.code === stored; }) ? stored : targets[0].code);
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startTranslations);
} else {
  startTranslations();
}
