// Office finder: suggestions as an ARIA 1.2 combobox (list autocomplete).
// Progressive enhancement only: without this file the form submits as usual.
"use strict";

(function () {
  function enhance(form) {
    const input = form.querySelector("input[name=q]");
    const list = form.querySelector("[role=listbox]");
    const status = form.querySelector("[data-status]");
    if (!input || !list || !window.fetch) return;
    let options = [];
    let active = -1;
    let timer = null;
    let controller = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      options.forEach(function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(li) {
      input.value = li.dataset.value;
      close();
      form.submit();
    }

    function render(suggestions) {
      list.replaceChildren();
      options = suggestions.map(function (s, i) {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.value = s.value;
        li.textContent = s.label;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
          choose(li);
        });
        list.appendChild(li);
        return li;
      });
      active = -1;
      const open = options.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      status.textContent = open
        ? form.dataset.count.replace("%(count)s", options.length)
        : form.dataset.none;
    }

    function load() {
      const q = input.value.trim();
      if (!q) { close(); status.textContent = ""; return; }
      if (controller) controller.abort();
      controller = new AbortController();
      const url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(q);
      fetch(url, { signal: controller.signal, credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { render(data.suggestions || []); })
        .catch(function () { /* offline or aborted: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    });
    input.addEventListener("keydown", function (event) {
      const open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form.finder-form").forEach(enhance);

  // After a search the page opens at #antwort (no JS needed); move focus there
  // too, so a screen reader starts reading the answer. Errors focus the field
  // (which names the error): browsers ignore `autofocus` when the URL has a
  // fragment and focus the fragment's target (or the page) once it has loaded,
  // so the field is focused after that.
  const answer = document.getElementById("antwort");
  const invalid = document.querySelector("input[autofocus]");
  if (location.hash === "#antwort" && invalid) {
    // Now, and again once loaded in case the fragment scroll took it away.
    invalid.focus();
    window.addEventListener("load", function () {
      if (document.activeElement !== invalid) {
        requestAnimationFrame(function () { invalid.focus(); });
      }
    });
  } else if (answer && location.hash === "#antwort" && answer.hasAttribute("tabindex")) {
    answer.focus();
  }
})();
