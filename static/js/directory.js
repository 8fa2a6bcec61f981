/* Find a Doctor: apply a filter as soon as it changes (the page also works without this, with the
   Apply button), and after such a reload put focus on the result count so screen-reader and
   keyboard users hear how many doctors match and carry on from there. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-submit]");
  if (!form) return;
  var FLAG = "directory-filter-changed";

  form.addEventListener("change", function (event) {
    var target = event.target;
    // Typing a search or a ZIP code waits for Enter or the button; choices apply at once.
    if (target.matches("select, input[type=checkbox]")) {
      try { sessionStorage.setItem(FLAG, target.name); } catch (e) { /* private mode */ }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });

  // The filters fold away on phones, so results come first; wide screens have room to show them.
  var filters = form.querySelector("details[data-open-wide]");
  if (filters && window.matchMedia("(min-width: 48rem)").matches) filters.open = true;

  var changed = null;
  try { changed = sessionStorage.getItem(FLAG); sessionStorage.removeItem(FLAG); } catch (e) { /* ignore */ }
  if (changed) {
    var count = document.getElementById("results-heading");
    if (count) count.focus();
  }
})();
