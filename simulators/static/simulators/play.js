/* WebGL player: check the device, then load the build full-screen in a same-origin iframe.
   The build posts {type: "vt-webgl-ready"} to this page once it has started. */
(function () {
  "use strict";
  var root = document.querySelector(".player");
  if (!root) return;
  var verdict = document.getElementById("player-verdict");
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
  mark("memory", memoryOk, memory === undefined ? text.unknown : memory + " GB");

  var ua = navigator.userAgent;
  var browserOk = /(Chrome|Chromium|Firefox|Edg|Safari)\//.test(ua) && !/(MSIE|Trident)/.test(ua);
  mark("browser", browserOk ? true : null, browserOk ? text.supported : text.unsupported);

  var allOk = webgl2 && memoryOk !== false && browserOk;
  verdict.textContent = !webgl2 ? text.fail : allOk ? text.ok : text.warn;
  launch.disabled = false;

  function start() {
    launch.disabled = true;
    stage.hidden = false;
    status.textContent = root.dataset.msgLoading;
    frame.src = root.dataset.src;
    if (stage.requestFullscreen && document.fullscreenEnabled) {
      stage.requestFullscreen().catch(function () { stage.classList.add("is-maximised"); });
    } else {
      stage.classList.add("is-maximised");
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.type !== "vt-webgl-ready") return;
    status.textContent = root.dataset.msgReady;
    root.classList.add("is-ready");
  });

  launch.addEventListener("click", start);
  document.getElementById("player-fullscreen").addEventListener("click", function () {
    if (stage.requestFullscreen) stage.requestFullscreen().catch(function () { stage.classList.add("is-maximised"); });
  });
  if (allOk) start();
})();
