/* Lists on a narrow screen. Every page works without this file; with it:
 *  - a table wider than its frame (.table-wrap) gets a "geser" hint above it, and the
 *    frame becomes a named, focusable region, so it can be scrolled from the keyboard;
 * The hint's words come from <body data-scroll-hint>, translated by the template.
 * Loaded with `defer`; no inline handlers (the CSP forbids them). */
(function () {
  "use strict";

  var hintText = document.body.getAttribute("data-scroll-hint") || "";

  function caption(wrap) {
    var table = wrap.querySelector("table");
    var named = table && table.querySelector("caption");
    if (named) {
      return named.textContent.trim();
    }
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) {
      heading = heading.previousElementSibling;
    }
    return heading ? heading.textContent.trim() : document.title;
  }

  function mark(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = wrap.previousElementSibling;
    var hasHint = hint && hint.classList.contains("scroll-hint");
    wrap.classList.toggle("is-scrollable", scrolls);
    if (scrolls) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label")) {
        wrap.setAttribute("aria-label", caption(wrap));
      }
      if (!hasHint && hintText) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = hintText;
        wrap.parentNode.insertBefore(hint, wrap);
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      if (hasHint) {
        hint.remove();
      }
    }
  }

  function markAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), mark);
  }

  markAll();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markAll, 100);
  });
  // Tables that htmx swaps in.
  document.body.addEventListener("htmx:afterSettle", markAll);
})();
