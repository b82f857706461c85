// Lossless editing in the admin (see jobcenter_site/staff/drafts.py):
// - every 15 s the form's fields go to the server while they changed (autosave);
// - two minutes before the session ends a notice offers "Sitzung verlängern";
// - leaving the page with unsaved changes asks first.
// Without JavaScript nothing is lost either: an expired session's POST is kept.
"use strict";
// Media scripts load in <head>: wait for the form.
function startEditing() {
  var config = document.getElementById("jc-editing");
  if (!config) return;
  var form = config.closest("form");
  var data = config.dataset;
  var sessionMs = parseInt(data.sessionSeconds, 10) * 1000;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var submitting = false;
  var initial = serialize();
  var lastSent = initial;
  var everyMs = (parseInt(data.autosaveSeconds, 10) || 15) * 1000;
  var expiresAt = Date.now() + sessionMs;

  var status = document.createElement("p");
  status.className = "jc-editing-status";
  status.setAttribute("role", "status");
  var warning = document.createElement("div");
  warning.className = "jc-session-warning";
  warning.setAttribute("role", "alert");
  warning.hidden = true;
  var warningText = document.createElement("p");
  var extend = document.createElement("button");
  extend.type = "button";
  extend.className = "button";
  extend.textContent = data.extendLabel;
  warning.append(warningText, extend);
  form.prepend(warning, status);

  // A two-box picker (Django's SelectFilter: Themen, Städte) keeps the chosen
  // entries unselected in its "_to" box until the form is submitted, and renames
  // the original list "<name>_old": read what is chosen, as a submit would send
  // it, or an untouched release would autosave without its topics and towns.
  function serialize() {
    var fields = {};
    var pickers = form.querySelectorAll("select.filtered[id$='_to'][name]");
    var picked = {};
    pickers.forEach(function (box) { picked[box.name] = true; });
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken") return;
      if (picked[name] || picked[name.replace(/_old$/, "")]) return;
      (fields[name] = fields[name] || []).push(value);
    });
    pickers.forEach(function (box) {
      fields[box.name] = Array.prototype.map.call(box.options, function (o) { return o.value; });
    });
    // Order carries no meaning (the picker sorts its entries by name), and the
    // pickers' fields come last once they are set up: compare sorted.
    var sorted = {};
    Object.keys(fields).sort().forEach(function (name) { sorted[name] = fields[name].sort(); });
    return JSON.stringify(sorted);
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
      body: body,
      redirect: "manual",
    });
  }

  function autosave() {
    var now = serialize();
    if (now === lastSent || submitting) return;
    var body = '{"path":' + JSON.stringify(data.path) + ',"data":' + now + "}";
    post(data.autosaveUrl, body).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (answer) {
      lastSent = now;
      status.textContent = data.savedLabel + " " + answer.saved_at + " Uhr";
    }).catch(function () {
      status.textContent = data.failedLabel;
    });
  }

  function tick() {
    var left = expiresAt - Date.now();
    if (left <= 0) {
      warningText.textContent = data.expiredLabel;
      extend.hidden = true;
      warning.hidden = false;
    } else if (left <= 120000) {
      warningText.textContent = data.warningLabel;
      warning.hidden = false;
    }
  }

  extend.addEventListener("click", function () {
    post(data.extendUrl, "{}").then(function (response) {
      if (!response.ok) throw new Error(response.status);
      expiresAt = Date.now() + sessionMs;
      warning.hidden = true;
      status.textContent = data.extendedLabel;
    }).catch(function () {
      expiresAt = 0;
      tick();
    });
  });

  form.addEventListener("submit", function () { submitting = true; });
  // Some scripts submit with form.submit(), which fires no submit event.
  form.addEventListener("click", function (event) {
    if (event.target.type === "submit") submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    // Compared, not tracked by events: the prose editor writes into its
    // textarea without an input event.
    if (submitting || serialize() === initial) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // Length counters instead of the browser's silent cut (core/admin_fields.py).
  form.querySelectorAll("[data-max-chars]").forEach(function (input) {
    var max = parseInt(input.dataset.maxChars, 10);
    var counter = document.createElement("span");
    counter.className = "jc-counter";
    counter.id = input.id + "-counter";
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    function count() {
      var n = input.value.length;
      counter.textContent = n + " " + data.ofLabel + " " + max + " " + data.charsLabel;
      counter.classList.toggle("jc-over", n > max);
    }
    input.addEventListener("input", count);
    count();
    input.after(counter);
  });

  // The editor's toolbar titles are English in the package and never pass
  // through gettext (its dialogs do, via the admin's JavaScript catalog).
  var GERMAN = {
    "bold": "Fett", "italic": "Kursiv", "underline": "Unterstrichen",
    "strike": "Durchgestrichen", "unordered list": "Aufzählung",
    "ordered list": "Nummerierte Liste", "blockquote": "Zitat",
    "insert link": "Link einfügen", "remove link": "Link entfernen",
    "undo": "Rückgängig", "redo": "Wiederholen", "paragraph": "Absatz",
    "horizontal rule": "Trennlinie", "Toggle fullscreen": "Vollbild ein/aus",
    "edit HTML": "HTML bearbeiten", "Block style": "Absatzformat"
  };
  function germanTitle(button) {
    var title = button.getAttribute("title") || "";
    var heading = /^heading (\d)$/i.exec(title);
    var german = heading ? "Überschrift " + heading[1] : GERMAN[title];
    if (!german) return;
    button.setAttribute("title", german);
    button.setAttribute("aria-label", german);
  }
  // The block-style picker's entries ("Heading 2", "Paragraph") are text.
  var OPTIONS = { "paragraph": "Absatz" };
  function germanOption(option) {
    var name = option.dataset.name || "";
    var heading = /^heading(\d)$/.exec(name);
    var german = heading ? "Überschrift " + heading[1] : OPTIONS[name];
    var label = option.firstElementChild || option;
    if (german && label.textContent !== german) label.textContent = german;
  }
  function germanMenu(wrapper) {
    wrapper.querySelectorAll(".prose-menubar button[title]").forEach(germanTitle);
    wrapper.querySelectorAll(".prose-menubar__option[data-name]").forEach(germanOption);
  }

  // The rich-text editor: spell check on, and the language/direction of its
  // textarea (Arabic is right-to-left). Set once per editor, and only what
  // differs: ProseMirror watches its root's attributes, and rewriting them on
  // every DOM change would make the editor and this script feed each other.
  function setOnce(element, name, value) {
    if (value && element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
  function tuneEditors() {
    var pending = 0;
    form.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var area = wrapper.querySelector("textarea");
      // The editable one: the block-style picker in the menu bar is a
      // ".ProseMirror" too (a preview), and comes first.
      var editable = wrapper.querySelector(".ProseMirror[contenteditable]");
      if (!area) return;
      if (!editable) { pending += 1; return; }
      if (wrapper.dataset.jcTuned) return;
      wrapper.dataset.jcTuned = "1";
      setOnce(editable, "spellcheck", "true");
      setOnce(editable, "lang", area.lang);
      setOnce(editable, "dir", area.dir);
      // The menu bar fills after the editable appears (and the picker redraws):
      // translate whenever its buttons change. Only the menu's titles and texts
      // are touched, never the editable, so this cannot feed ProseMirror.
      germanMenu(wrapper);
      new MutationObserver(function () { germanMenu(wrapper); }).observe(wrapper, {
        childList: true, subtree: true
      });
    });
    return pending;
  }
  // The editors start asynchronously (a module script): look again a few times.
  var tries = 0;
  (function tuneLater() {
    if ((tuneEditors() > 0 || !form.querySelector(".prose-editor")) && tries++ < 20) {
      setTimeout(tuneLater, 250);
    }
  })();

  // "Link kopieren" next to an embargo link (pressroom/admin_embargo.py).
  form.querySelectorAll("button[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { button.hidden = true; return; }
    var label = button.textContent;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      navigator.clipboard.writeText(source.value).then(function () {
        button.textContent = button.dataset.copiedLabel;
        status.textContent = button.dataset.copiedLabel;
        setTimeout(function () { button.textContent = label; }, 3000);
      });
    });
  });

  setInterval(autosave, everyMs);
  setInterval(tick, 5000);
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startEditing);
} else {
  startEditing();
}
