/* Header search autocomplete: an ARIA 1.2 combobox on #site-search-q fed by /api/v1/search/suggest.
   Self-initialising; without JavaScript the form simply submits to the results page. */
(function () {
  "use strict";
  var DEBOUNCE_MS = 150;
  var MIN_CHARS = 2;

  function init() {
    var input = document.getElementById("site-search-q");
    if (!input || input.dataset.suggestReady) { return; }
    input.dataset.suggestReady = "1";
    var form = input.form;
    var endpoint = (form && form.getAttribute("data-suggest-url")) || "/api/v1/search/suggest";
    // The page's language; without one the API answers in the site's default language.
    var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2);
    var list = document.createElement("ul");
    list.id = "site-search-suggestions";
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    // Styled through the CSSOM (allowed by the strict CSP) so that every page works with only this script.
    Object.assign(list.style, {
      position: "absolute", zIndex: "50", left: "0", right: "0", top: "100%", margin: "0", padding: "0",
      listStyle: "none", background: "#fff", color: "#1f2328", border: "1px solid #d0d7de",
      maxHeight: "20rem", overflowY: "auto", textAlign: "left"
    });
    input.parentNode.style.position = "relative";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var timer = null;
    var active = -1;
    var items = [];
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        var selected = i === active;
        option.setAttribute("aria-selected", selected ? "true" : "false");
        option.style.background = selected ? "#0b5cab" : "";
        option.style.color = selected ? "#fff" : "";
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      active = -1;
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = "site-search-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "search-suggest__option";
        li.style.padding = "0.6rem 0.75rem";
        li.style.cursor = "pointer";
        li.dataset.url = item.url;
        li.textContent = item.title;
        li.addEventListener("pointerdown", function (event) {
          // pointerdown (mouse and touch) fires before the input blurs and closes the list.
          event.preventDefault();
          go(i);
        });
        li.addEventListener("pointermove", function () { setActive(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function go(index) {
      var item = items[index];
      if (item && item.url) { window.location.assign(item.url); }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < MIN_CHARS) { render([]); return; }
      if (q === lastQuery && !list.hidden) { return; }
      lastQuery = q;
      if (controller) { controller.abort(); }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var params = lang ? { q: q, locale: lang } : { q: q };
      var url = endpoint + "?" + new URLSearchParams(params).toString();
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) { render(data.suggestions || []); } })
        .catch(function () { /* aborted or offline: keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) { fetchSuggestions(); return; }
        event.preventDefault();
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        if (list.hidden) { return; }
        event.preventDefault();
        setActive(active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
