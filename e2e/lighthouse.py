"""Lighthouse (npm, pinned in package.json) driving Debian's Chromium: one audit of one page.

Used by the browser test (accessibility, best practices, SEO: scores that do not depend on the
machine's speed) and by ``make bench`` (performance, which does)."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def audit(url, *, preset, categories, timeout=180):
    """Scores (0–100) of ``categories`` for ``url`` under ``preset`` ("mobile" or "desktop"), and the
    titles of the weighted audits that did not pass, per category."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make install` (npm ci)")
    with tempfile.TemporaryDirectory() as workdir:
        report = Path(workdir) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(categories)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": workdir}
        subprocess.run(command, check=True, timeout=timeout, env=env, capture_output=True)
        data = json.loads(report.read_text())
    scores, failing = {}, {}
    for name, category in data["categories"].items():
        scores[name] = round((category["score"] or 0) * 100)
        failing[name] = [
            data["audits"][ref["id"]]["title"]
            for ref in category["auditRefs"]
            if ref["weight"] > 0 and (data["audits"][ref["id"]]["score"] or 0) < 1
        ]
    return scores, failing
