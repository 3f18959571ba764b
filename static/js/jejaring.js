/* Jejaring progressive enhancement. Every page works without this file; with it:
 *  - data-confirm="Question?" on a form, button or link asks before going on;
 *  - the header menu (a <details>) is always open on wide screens, and on phones closes
 *    after a link is chosen, on Escape, or on a click outside it;
 *  - a form error summary (partials/form.html) gets the focus when the page loads.
 * Loaded with `defer`; no inline handlers (the CSP forbids them). */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 64rem)");

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

  function siteMenu() {
    return document.querySelector("[data-site-menu]");
  }

  function fitMenuToScreen() {
    var menu = siteMenu();
    if (menu) {
      menu.open = WIDE.matches;
    }
  }

  function closeMenu(returnFocus) {
    var menu = siteMenu();
    if (!menu || WIDE.matches || !menu.open) {
      return;
    }
    menu.open = false;
    if (returnFocus) {
      menu.querySelector("summary").focus();
    }
  }

  document.addEventListener("click", function (event) {
    var menu = siteMenu();
    if (!menu) {
      return;
    }
    if (!menu.contains(event.target) || event.target.closest(".site-nav a")) {
      closeMenu(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    var menu = siteMenu();
    if (event.key === "Escape" && menu && menu.contains(document.activeElement)) {
      closeMenu(true);
    }
  });

  WIDE.addEventListener("change", fitMenuToScreen);
  fitMenuToScreen();

  // After a failed submit, start at the error summary (it links to each field).
  var summary = document.querySelector(".form-errors");
  if (summary) {
    summary.focus();
  }
})();
