// Collects browser details for the fault report and shows them before sending (the form works without it).
(function () {
  "use strict";
  var form = document.getElementById("fault-report-form");
  if (!form) { return; }
  var field = form.querySelector("input[name=environment]");
  var box = document.getElementById("support-env");
  var list = document.getElementById("support-env-list");
  if (!field || !box || !list) { return; }

  function hasContext(name) {
    try {
      var canvas = document.createElement("canvas");
      return !!(canvas.getContext(name));
    } catch (e) {
      return false;
    }
  }

  function detectOs(ua) {
    var rules = [["Windows", /Windows NT/], ["Android", /Android/], ["iOS", /iPhone|iPad|iPod/],
      ["macOS", /Mac OS X/], ["Linux", /Linux/]];
    for (var i = 0; i < rules.length; i++) { if (rules[i][1].test(ua)) { return rules[i][0]; } }
    return "";
  }

  function detectBrowser(ua) {
    var rules = [["Edge", /Edg\/([\d.]+)/], ["YaBrowser", /YaBrowser\/([\d.]+)/], ["Opera", /OPR\/([\d.]+)/],
      ["Chrome", /Chrome\/([\d.]+)/], ["Firefox", /Firefox\/([\d.]+)/], ["Safari", /Version\/([\d.]+).*Safari/]];
    for (var i = 0; i < rules.length; i++) {
      var m = ua.match(rules[i][1]);
      if (m) { return rules[i][0] + " " + m[1].split(".")[0]; }
    }
    return "";
  }

  var ua = navigator.userAgent || "";
  var details = {
    os: detectOs(ua),
    browser: detectBrowser(ua),
    webgl: hasContext("webgl") || hasContext("experimental-webgl"),
    webgl2: hasContext("webgl2"),
    screen: window.screen ? window.screen.width + "x" + window.screen.height : "",
    language: navigator.language || "",
    user_agent: ua.slice(0, 300)
  };
  field.value = JSON.stringify(details);

  // A headset's own browser names its model in the user agent; a deep link's value is kept.
  var device = form.querySelector("input[name=device_model]");
  var headset = ua.match(/(Quest(?: Pro| \d)?|Pico(?: Neo)? ?\d\w*|Vive \w+|Vision Pro)/);
  if (device && !device.value && headset) { device.value = headset[1]; }

  var labels = {
    os: box.dataset.labelOs || "OS", browser: box.dataset.labelBrowser || "Browser",
    webgl: "WebGL", webgl2: "WebGL 2", screen: box.dataset.labelScreen || "Screen"
  };
  Object.keys(labels).forEach(function (key) {
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = labels[key];
    var value = details[key];
    dd.textContent = value === true ? "✓" : value === false ? "✗" : (value || "—");
    list.appendChild(dt);
    list.appendChild(dd);
  });
  box.hidden = false;
})();
