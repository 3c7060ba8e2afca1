"""A tiny generated stand-in for a Unity WebGL build (tests and demo data; no Unity needed).

It has the shape of a Unity build (``index.html``, a loader script, ``Build/*.wasm.br`` and a
gzip-compressed data file). The loader instantiates the WebAssembly module, calls its ``answer``
export and posts ``{type: "vt-webgl-ready", answer: 42}`` to the parent page.
"""

import gzip
import io
import zipfile

import brotli

# (module (func (export "answer") (result i32) i32.const 42))
ANSWER_WASM = bytes.fromhex(
    "0061736d01000000"  # magic, version 1
    "010501600001"
    "7f"  # type section: () -> i32
    "03020100"  # function section: one function of type 0
    "070a0106616e737765720000"  # export section: "answer" = function 0
    "0a060104"
    "00412a0b"  # code section: no locals, i32.const 42, end
)

INDEX_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VT WebGL test bundle</title></head>
<body><canvas id="unity-canvas" width="320" height="200"></canvas>
<p id="state">loading</p>
<script src="TemplateData/loader.js"></script></body></html>
"""

LOADER_JS = """(function () {
  "use strict";
  var state = document.getElementById("state");
  fetch("Build/vt-test.wasm.br")
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.arrayBuffer();
    })
    .then(function (bytes) { return WebAssembly.instantiate(bytes); })
    .then(function (result) {
      var answer = result.instance.exports.answer();
      state.textContent = "ready " + answer;
      window.parent.postMessage({ type: "vt-webgl-ready", answer: answer }, window.location.origin);
    })
    .catch(function (error) {
      state.textContent = "error " + error.message;
      window.parent.postMessage({ type: "vt-webgl-error", message: String(error) }, window.location.origin);
    });
})();
"""


def make_bundle(folder=""):
    """The zip bytes; ``folder`` nests the build in a directory as "zip the output folder" does."""
    prefix = f"{folder.strip('/')}/" if folder else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(prefix + "index.html", INDEX_HTML)
        archive.writestr(prefix + "TemplateData/loader.js", LOADER_JS)
        archive.writestr(prefix + "Build/vt-test.wasm.br", brotli.compress(ANSWER_WASM))
        archive.writestr(prefix + "Build/vt-test.data.gz", gzip.compress(b"VT test data\n" * 64, mtime=0))
    return buffer.getvalue()
