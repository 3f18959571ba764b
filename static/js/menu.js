/* The header menu (templates/base.html, templates/partials/nav.html). The menu works
 * without this file; with it:
 *  - the whole menu (a <details>) is always open on wide screens, folded on phones, and
 *    on phones closes after a link is chosen, on Escape, or on a click outside it;
 *  - a section's dropdown (a <details name="site-nav">) closes on Escape, on a click
 *    outside it and when a link in it is chosen; browsers without the `name` attribute
 *    also close the other sections when one opens;
 *  - on phones, opening the menu unfolds the section of the current page.
 * Loaded with `defer`; no inline handlers (the CSP forbids them). */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 64rem)");

  function siteMenu() {
    return document.querySelector("[data-site-menu]");
  }

  function sections() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-nav-section]"));
  }

  function closeSections(except) {
    sections().forEach(function (section) {
      if (section !== except && section.open) {
        section.open = false;
      }
    });
  }

  function fitMenuToScreen() {
    var menu = siteMenu();
    if (menu) {
      menu.open = WIDE.matches;
    }
    closeSections(null);
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

  // "toggle" does not bubble; listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-nav-section") && target.open) {
      closeSections(target);
    } else if (target === siteMenu() && target.open && !WIDE.matches) {
      var current = document.querySelector("[data-nav-section][data-active]");
      if (current) {
        current.open = true;
      }
    }
  }, true);

  document.addEventListener("click", function (event) {
    var menu = siteMenu();
    var section = event.target.closest("[data-nav-section]");
    if (event.target.closest(".site-nav a")) {
      closeSections(null);
      closeMenu(false);
      return;
    }
    if (WIDE.matches) {
      closeSections(section);
    }
    if (menu && !menu.contains(event.target)) {
      closeMenu(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var section = document.activeElement && document.activeElement.closest("[data-nav-section]");
    if (section && section.open) {
      section.open = false;
      section.querySelector("summary").focus();
      return;
    }
    var menu = siteMenu();
    if (menu && menu.contains(document.activeElement)) {
      closeMenu(true);
    }
  });

  WIDE.addEventListener("change", fitMenuToScreen);
  fitMenuToScreen();
})();
