// Progressive enhancements for the public site. Every feature also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();
