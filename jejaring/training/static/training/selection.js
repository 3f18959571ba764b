/* Selection page: one box ticks or clears every applicant shown. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var all = event.target.closest("input[data-check-all]");
    if (!all) {
      return;
    }
    var boxes = document.querySelectorAll("input[name='" + all.getAttribute("data-check-all") + "']");
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();
