/* Direct-to-S3 multipart upload of a simulator build from the Wagtail admin.
   The file never passes through our server: parts go to S3 with presigned PUT URLs, the SHA-256 is
   computed part by part on the way, and the upload id is kept in localStorage so a dropped
   connection or a reload resumes with the parts S3 already has. */
(function () {
  "use strict";
  var form = document.getElementById("build-upload");
  if (!form) return;
  var api = form.dataset.api;
  var progress = document.getElementById("upload-progress");
  var statusEl = document.getElementById("upload-status");
  var errorEl = document.getElementById("upload-error");
  var publishButton = document.getElementById("upload-publish");
  var abortButton = document.getElementById("upload-abort");
  var submitButton = form.querySelector("[type=submit]");
  var msg = form.dataset;
  var current = null;
  var MAX_RETRIES = 4;

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : form.querySelector("[name=csrfmiddlewaretoken]").value;
  }

  function say(text) { statusEl.textContent = text; }
  function fail(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    submitButton.disabled = false;
  }

  function errorText(body, fallback) {
    if (!body || !body.error) return fallback;
    var parts = [body.error.message];
    Object.keys(body.error.fields || {}).forEach(function (name) {
      parts.push(name + ": " + [].concat(body.error.fields[name]).join(" "));
    });
    return parts.join(" ");
  }

  function call(method, url, data) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json" },
      body: data ? JSON.stringify(data) : undefined
    }).then(function (response) {
      if (response.status === 204) return null;
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(errorText(body, msg.msgServer + " (" + response.status + ")"));
          error.status = response.status;
          throw error;
        }
        return body;
      });
    }, function () { throw new Error(msg.msgNetwork); });
  }

  function putPart(url, blob, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("PUT", url);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = function (event) { onProgress(event.loaded); };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader("ETag") || "");
        else reject(new Error(msg.msgStorage + " (" + xhr.status + ")"));
      };
      xhr.onerror = function () { reject(new Error(msg.msgNetwork)); };
      xhr.send(blob);
    });
  }

  function withRetries(fn) {
    var attempt = 0;
    function run() {
      return fn().catch(function (error) {
        attempt += 1;
        if (attempt > MAX_RETRIES) throw error;
        say(msg.msgRetry);
        return new Promise(function (resolve) { setTimeout(resolve, 1000 * attempt * attempt); }).then(run);
      });
    }
    return run();
  }

  function storageKey(file) {
    return "vt-build-upload:" + [file.name, file.size, file.lastModified, form.trainer.value, form.version.value, form.platform.value].join(":");
  }

  function showProgress(done, total) {
    progress.max = total;
    progress.value = done;
    progress.hidden = false;
    progress.setAttribute("aria-valuenow", String(Math.round((100 * done) / total)));
    say(msg.msgProgress.replace("%(percent)s", String(Math.floor((100 * done) / total))));
  }

  function start(file) {
    var key = storageKey(file);
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved) {
      say(msg.msgResuming);
      return call("GET", api + "/" + saved.build + "/parts").then(function (parts) {
        return { key: key, build: saved.build, partSize: saved.partSize, partCount: saved.partCount, parts: parts };
      }, function (error) {
        if (error.status === 404 || error.status === 409) {
          localStorage.removeItem(key);
          return start(file);
        }
        throw error;
      });
    }
    return call("POST", api, {
      trainer: form.trainer.value,
      version: form.version.value.trim(),
      platform: form.platform.value,
      kind: form.kind.value,
      filename: file.name,
      size: file.size,
      is_public_demo: form.is_public_demo.checked
    }).then(function (body) {
      var state = { build: body.build.id, partSize: body.part_size, partCount: body.part_count };
      localStorage.setItem(key, JSON.stringify(state));
      return { key: key, build: state.build, partSize: state.partSize, partCount: state.partCount, parts: [] };
    });
  }

  function upload(file, state) {
    current = state;
    abortButton.hidden = false;
    var have = {};
    state.parts.forEach(function (part) { have[part.part_number] = part.size; });
    var hasher = new window.VtSha256();
    var sent = 0;
    var number = 0;
    function next() {
      number += 1;
      if (number > state.partCount) return Promise.resolve();
      var begin = (number - 1) * state.partSize;
      var blob = file.slice(begin, Math.min(begin + state.partSize, file.size));
      return blob.arrayBuffer().then(function (buffer) {
        hasher.update(buffer);
        if (have[number] === blob.size) {
          sent += blob.size;
          showProgress(sent, file.size);
          return next();
        }
        var n = number;
        return withRetries(function () {
          return call("POST", api + "/" + state.build + "/parts", { part_numbers: [n] }).then(function (body) {
            return putPart(body.urls[n], blob, function (loaded) { showProgress(sent + loaded, file.size); });
          });
        }).then(function () {
          sent += blob.size;
          showProgress(sent, file.size);
          return next();
        });
      });
    }
    return next().then(function () {
      say(msg.msgVerifying);
      return call("POST", api + "/" + state.build + "/complete", { sha256: hasher.hex() });
    }).then(function () {
      localStorage.removeItem(state.key);
      abortButton.hidden = true;
      return poll(state.build);
    });
  }

  function poll(build) {
    return call("GET", form.dataset.buildApi.replace(/0$/, build)).then(function (body) {
      if (body.status === "uploading") {
        return new Promise(function (resolve) { setTimeout(resolve, 1500); }).then(function () { return poll(build); });
      }
      if (body.status === "failed") throw new Error(body.status_message || msg.msgFailed);
      say(msg.msgVerified);
      publishButton.hidden = false;
      publishButton.dataset.build = build;
      return body;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorEl.hidden = true;
    publishButton.hidden = true;
    var file = form.file.files[0];
    if (!file) { fail(msg.msgNoFile); return; }
    submitButton.disabled = true;
    start(file).then(function (state) { return upload(file, state); }).catch(function (error) {
      fail(error.message + " " + msg.msgCanResume);
    });
  });

  abortButton.addEventListener("click", function () {
    if (!current) return;
    call("DELETE", api + "/" + current.build).then(function () {
      localStorage.removeItem(current.key);
      current = null;
      abortButton.hidden = true;
      progress.hidden = true;
      say(msg.msgAborted);
      submitButton.disabled = false;
    }, function (error) { fail(error.message); });
  });

  publishButton.addEventListener("click", function () {
    var url = form.dataset.buildApi.replace(/0$/, publishButton.dataset.build) + "/publish";
    call("POST", url).then(function (body) {
      publishButton.hidden = true;
      say(msg.msgPublished.replace("%(version)s", body.version));
      submitButton.disabled = false;
    }, function (error) { fail(error.message); });
  });
})();
