// The maintenance subscription form: the trainer and service lists only when "only the chosen" is picked,
// and a filter over it (groups with a match open, the others hide). Without JavaScript the whole
// grouped list stays visible and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector(".subscribe-form");
  var choice = form && form.querySelector("[data-trainer-choice]");
  if (!choice) return;

  function fold(text) {
    return text.toLowerCase().replace(/ё/g, "е");
  }

  function syncScope() {
    var picked = form.querySelector('input[name="all_trainers"]:checked');
    var chosen = picked && picked.value === "0";
    choice.hidden = !chosen;
    form.querySelectorAll("[data-scope-choice]").forEach(function (fieldset) {
      fieldset.hidden = !chosen;
    });
  }
  form.querySelectorAll('input[name="all_trainers"]').forEach(function (radio) {
    radio.addEventListener("change", syncScope);
  });
  syncScope();

  var filter = choice.querySelector("[data-trainer-filter]");
  var input = filter.querySelector("input");
  var nothing = choice.querySelector("[data-trainer-nothing]");
  filter.hidden = false;
  input.addEventListener("input", function () {
    var query = fold(input.value.trim());
    var found = 0;
    choice.querySelectorAll(".choice-group").forEach(function (group) {
      var shown = 0;
      group.querySelectorAll(".choice").forEach(function (label) {
        var match = !query || fold(label.textContent).indexOf(query) !== -1;
        label.hidden = !match;
        if (match) shown += 1;
      });
      group.hidden = shown === 0;
      if (query) group.open = shown > 0;
      found += shown;
    });
    nothing.hidden = found > 0;
  });
})();
