// Progressive enhancements for the public site. Every feature also works without JavaScript.
(function () {
  "use strict";

  // A disclosure button (menu, catalogue filters) shows or hides the element named by aria-controls.
  // Without JavaScript no-script.css hides the buttons and keeps what they fold open.
  function wireDisclosure(button) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      target.classList.toggle("is-open", open);
    });
  }

  document.querySelectorAll("[data-disclosure]").forEach(wireDisclosure);
})();
