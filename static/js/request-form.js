/* The request forms: move focus to the error summary so it is read out first, let its links
   focus the field they name, and ignore a second click on "Send" while the first is on its way
   (the server also recognises a form sent twice, so this only spares a second wait). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      var box = field.closest(".field") || field;
      box.scrollIntoView({ block: "center" });
    });
  }

  var form = document.querySelector(".request-form form");
  if (!form) return;
  var sending = false;
  form.addEventListener("submit", function (event) {
    var button = form.querySelector("[data-once]");
    if (sending) {
      event.preventDefault();
      return;
    }
    sending = true;
    if (button) button.setAttribute("aria-disabled", "true");
  });
  /* Coming back to the page (the browser's back button) makes the form usable again. */
  window.addEventListener("pageshow", function () {
    sending = false;
    var button = form.querySelector("[data-once]");
    if (button) button.removeAttribute("aria-disabled");
  });
})();
