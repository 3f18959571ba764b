/* "Pilih semua di halaman ini" (templates/partials/select_page.html): ticking the box
 * ticks every row box of its list, clearing it clears them, and clearing one row box
 * clears the box. The list works without this file: the server reads the page's ids
 * from the hidden fields when the box is ticked. Loaded with `defer`, once per page. */
(function () {
  "use strict";
  if (window.jejaringSelectPage) {
    return;
  }
  window.jejaringSelectPage = true;

  function rowBoxes(all) {
    var name = all.getAttribute("data-select-page");
    var owner = all.form;
    var boxes = owner ? Array.prototype.slice.call(owner.elements) : [];
    return boxes.filter(function (box) {
      return box.type === "checkbox" && box.name === name;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement) || target.type !== "checkbox") {
      return;
    }
    if (target.hasAttribute("data-select-page")) {
      rowBoxes(target).forEach(function (box) {
        box.checked = target.checked;
      });
      return;
    }
    if (target.checked || !target.form) {
      return;
    }
    Array.prototype.forEach.call(target.form.elements, function (all) {
      if (all.getAttribute && all.getAttribute("data-select-page") === target.name) {
        all.checked = false;
      }
    });
  });
})();
