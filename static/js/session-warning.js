/* The warning before an idle staff session ends (accounts.sessions decides; this only tells).
   A little before the idle limit it asks the server how long is left, as activity in another tab
   counts too: that question is not activity. If little is left it shows the alert dialog and moves
   focus to "Stay signed in", which posts to the server and so starts the idle time again. When the
   time is up, it opens the sign-in page (the server has ended the session by then). */
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box || !window.fetch || !window.FormData) return;
  var statusUrl = box.getAttribute("data-status-url");
  var loginUrl = box.getAttribute("data-login-url");
  var idle = Number(box.getAttribute("data-idle-seconds"));
  var warning = Number(box.getAttribute("data-warning-seconds"));
  var form = box.querySelector("form");
  var button = box.querySelector("button");
  var timer = null;
  var focusBefore = null;

  function show() {
    if (!box.hidden) return;
    focusBefore = document.activeElement;
    box.hidden = false;
    button.focus();
  }

  function hide() {
    if (box.hidden) return;
    var hadFocus = box.contains(document.activeElement);
    box.hidden = true;
    if (hadFocus && focusBefore && focusBefore.focus) focusBefore.focus();
  }

  function leave() {
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search));
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    if (secondsLeft > warning) {
      hide();
      timer = window.setTimeout(check, (secondsLeft - warning) * 1000);
    } else if (secondsLeft > 0) {
      show();
      timer = window.setTimeout(check, secondsLeft * 1000 + 300);
    } else {
      leave();
    }
  }

  function answer(response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }

  function update(status) {
    if (status.signed_in) schedule(status.seconds_left);
    else leave();
  }

  function retrySoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 5000);
  }

  function check() {
    fetch(statusUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(answer)
      .then(update, retrySoon);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(statusUrl, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
      body: new FormData(form),
    })
      .then(answer)
      .then(update, retrySoon);
  });

  // Loading this page was activity: the idle time starts now.
  schedule(idle);
})();
