/* WebGL player: check the device first; the build loads in a same-origin iframe only when the
   learner clicks Start, and full screen is requested only from the learner's click (browsers refuse
   it without a user gesture). The build posts {type: "vt-webgl-ready"} to this page once started. */
(function () {
  "use strict";
  var root = document.querySelector(".player");
  if (!root) return;
  var check = document.getElementById("player-check");
  var verdict = document.getElementById("player-verdict");
  var help = document.getElementById("player-help");
  var launch = document.getElementById("player-launch");
  var stage = document.getElementById("player-stage");
  var frame = document.getElementById("player-frame");
  var status = document.getElementById("player-status");
  var text = verdict.dataset;

  function mark(name, ok, label) {
    var item = document.querySelector('[data-check="' + name + '"]');
    item.classList.add(ok === true ? "is-ok" : ok === false ? "is-fail" : "is-warn");
    item.querySelector("[data-result]").textContent = label;
  }

  function hasWebgl2() {
    try {
      var canvas = document.createElement("canvas");
      return !!(window.WebGL2RenderingContext && canvas.getContext("webgl2"));
    } catch (e) {
      return false;
    }
  }

  var webgl2 = hasWebgl2();
  mark("webgl2", webgl2, webgl2 ? text.yes : text.no);

  var memory = navigator.deviceMemory;
  var memoryOk = memory === undefined ? null : memory >= 4;
  mark("memory", memoryOk, memory === undefined ? text.unknown : memory + " " + text.gb);

  var ua = navigator.userAgent;
  var browserOk = /(Chrome|Chromium|Firefox|Edg|Safari)\//.test(ua) && !/(MSIE|Trident)/.test(ua);
  mark("browser", browserOk ? true : null, browserOk ? text.supported : text.unsupported);

  var allOk = webgl2 && memoryOk !== false && browserOk;
  verdict.textContent = !webgl2 ? text.fail : allOk ? text.ok : text.warn;
  verdict.className = !webgl2 ? "is-fail" : allOk ? "is-ok" : "is-warn";
  // A warning still lets the learner try; only a missing WebGL 2 makes starting pointless.
  launch.disabled = !webgl2;
  help.hidden = webgl2;

  function start() {
    check.hidden = true;
    stage.hidden = false;
    root.classList.remove("is-ready");
    status.textContent = root.dataset.msgLoading;
    frame.src = root.dataset.src;
  }

  function exit() {
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    // Dropping the src unloads the build and frees its memory; a new Start loads it afresh.
    frame.removeAttribute("src");
    stage.hidden = true;
    check.hidden = false;
    status.textContent = "";
    launch.focus();
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.type !== "vt-webgl-ready") return;
    status.textContent = root.dataset.msgReady;
    root.classList.add("is-ready");
  });

  launch.addEventListener("click", start);
  document.getElementById("player-exit").addEventListener("click", exit);
  document.getElementById("player-fullscreen").addEventListener("click", function () {
    // The whole stage goes full screen, so its bar with Exit stays reachable there.
    if (stage.requestFullscreen && document.fullscreenEnabled) stage.requestFullscreen().catch(function () {});
  });
})();
