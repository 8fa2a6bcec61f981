/* The small menu button on narrow screens: a disclosure (button + aria-expanded) that
   works with the keyboard and closes with Escape, returning focus to the button. */
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  document.documentElement.classList.add("js");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });

  /* The skip link's target is <main tabindex="-1">; move focus there explicitly so every
     browser (and screen reader) starts reading from the main content. */
  var skip = document.querySelector(".skip-link");
  var main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      main.focus();
      main.scrollIntoView();
    });
  }
})();

/* The language a visitor picks in the switcher is remembered (Django's language cookie), so the
   bare address of the site opens in it next time. Set here rather than by the server, so the
   pages themselves never set a cookie and stay cacheable by browsers and a CDN. */
(function () {
  "use strict";
  document.querySelectorAll(".lang-switch a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      document.cookie = "django_language=" + link.hreflang + ";path=/;max-age=31536000;samesite=lax" +
        (location.protocol === "https:" ? ";secure" : "");
    });
  });
})();
