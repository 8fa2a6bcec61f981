/* Find a Doctor: apply a filter as soon as it changes (the page also works without this, with the
   Apply button), and after such a reload put focus on the result count so screen-reader and
   keyboard users hear how many doctors match and carry on from there. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-submit]");
  if (!form) return;
  var FLAG = "directory-filter-changed";

  // The address carries only what was chosen: "?specialty=cardiology", not "?q=&specialty=cardiology&
  // language=..." (the server redirects such an address too, for a browser without this script).
  form.addEventListener("formdata", function (event) {
    var data = event.formData, kept = [];
    data.forEach(function (value, name) { if (value !== "") kept.push([name, value]); });
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) { data.delete(name); });
    kept.forEach(function (entry) { data.append(entry[0], entry[1]); });
  });

  function apply(name) {
    try { sessionStorage.setItem(FLAG, name); } catch (e) { /* private mode */ }
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  // A list chosen from with the keyboard (arrows, letters) changes at every key: it applies on
  // Enter or with the button, so nobody is moved off the page while still choosing.
  var keyed = null;
  form.addEventListener("keydown", function (event) {
    if (!event.target.matches("select")) return;
    if (event.key === "Enter") {
      event.preventDefault();
      apply(event.target.name);
    } else if (event.key !== "Tab") {
      keyed = event.target;
    }
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    // Typing a search or a ZIP code waits for Enter or the button; a click on a choice applies it.
    if (target.matches("input[type=checkbox]") || (target.matches("select") && keyed !== target)) {
      apply(target.name);
    }
  });
  form.addEventListener("focusout", function (event) {
    if (event.target === keyed) keyed = null;
  });

  // The filters fold away on phones, so results come first; wide screens have room to show them.
  var filters = form.querySelector("details[data-open-wide]");
  var wide = window.matchMedia("(min-width: 48rem)").matches;
  if (filters && wide) filters.open = true;

  var changed = null;
  try { changed = sessionStorage.getItem(FLAG); sessionStorage.removeItem(FLAG); } catch (e) { /* ignore */ }
  if (!changed) return;
  var count = document.getElementById("results-heading");
  var control = form.elements.namedItem(changed);
  if (filters && !wide && control) {
    // On a phone, a patient picking several filters stays in the open panel, on the list just
    // used; the new count is announced (it is further down the page).
    filters.open = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(status);
    (control.length && !control.tagName ? control[0] : control).focus();
    if (count) setTimeout(function () { status.textContent = count.textContent.trim(); }, 100);
  } else if (count) {
    count.focus();
  }
})();
