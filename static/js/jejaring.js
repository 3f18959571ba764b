/* Jejaring progressive enhancement. Every page works without this file; with it:
 *  - data-confirm="Question?" on a form, button or link asks before going on;
 *  - a form error summary (partials/form.html) gets the focus when the page loads.
 * The header menu's behaviour is in menu.js.
 * Loaded with `defer`; no inline handlers (the CSP forbids them). */
(function () {
  "use strict";

  function ask(element) {
    var question = element.getAttribute("data-confirm");
    return !question || window.confirm(question);
  }

  function stop(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  // Capture phase, so a refusal also stops htmx's own listeners on the element.
  document.addEventListener("click", function (event) {
    var control = event.target.closest("button[data-confirm], input[data-confirm], a[data-confirm]");
    if (control && !ask(control)) {
      stop(event);
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("data-confirm")) {
      return; // already asked on click
    }
    if (form.hasAttribute("data-confirm") && !ask(form)) {
      stop(event);
    }
  }, true);

  // After a failed submit, start at the error summary (it links to each field).
  var summary = document.querySelector(".form-errors");
  if (summary) {
    summary.focus();
  }
})();
