// Progressive enhancements for the public site. Every feature also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // A disclosure button (menu, catalogue filters) shows or hides the element named by aria-controls.
  // The button ships hidden so that, without JavaScript, the content it controls stays visible.
  function wireDisclosure(button) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      target.classList.toggle("is-open", open);
    });
  }

  document.querySelectorAll("[data-disclosure]").forEach(wireDisclosure);
})();
