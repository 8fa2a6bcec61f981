/* Suggestions for the header's search box: an ARIA 1.2 combobox with a listbox popup.
   Without this script the box is a plain search field that submits to the results page.
   Arrow keys move through the suggestions, Enter opens one, Escape closes the list (and a
   second Escape clears the box); the number of suggestions is announced politely. */
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  var status = document.querySelector("[data-suggest-status]");
  if (!input || !list || !input.dataset.suggestUrl || !window.fetch) return;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var items = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function choose(index) {
    var item = items[index];
    if (!item) return;
    if (item.url) {
      window.location.assign(item.url);
    } else {
      input.value = item.label;
      close();
      input.form.submit();
    }
  }

  function show(suggestions) {
    items = suggestions;
    list.textContent = "";
    suggestions.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "site-search__option";
      var label = document.createElement("span");
      label.textContent = item.label;
      var kind = document.createElement("span");
      kind.className = "site-search__kind";
      kind.textContent = item.kind;
      option.appendChild(label);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); /* keep focus in the box */
        choose(i);
      });
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (status) {
      status.textContent = open ? suggestions.length + " " + (list.dataset.available || "suggestions") : "";
    }
  }

  function load() {
    var query = input.value.trim();
    if (query.length < 2) {
      show([]);
      return;
    }
    var ticket = ++latest;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
      .catch(function () { /* suggestions are a help, not a need */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) { load(); return; }
      setActive(active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      /* A search field clears itself on Escape: only do that once the list is closed. */
      if (open) { event.preventDefault(); close(); } else { input.value = ""; }
    } else if (event.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
