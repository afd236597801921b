// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  function ready() {
    // Move focus to the error summary so screen readers announce it (GOV.UK pattern).
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
    // A form marked data-once cannot be sent twice by a double click; the server's
    // idempotency key is what guarantees a reply goes once.
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          window.setTimeout(function () { button.disabled = true; }, 0);
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
