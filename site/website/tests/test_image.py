"""The Docker image, built from the Dockerfile and run against the real services (`scripts/image-smoke`)."""

import subprocess
from pathlib import Path

import pytest

# A first build on a fresh machine downloads Debian and the Python dependencies: minutes, not seconds.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(3600)]
ROOT = Path(__file__).resolve().parents[3]


def test_the_image_builds_migrates_bootstraps_and_serves_as_the_non_root_user():
    # Its own database, index prefix and port: nothing it does touches the test database.
    result = subprocess.run(
        [ROOT / "scripts/image-smoke"], cwd=ROOT, capture_output=True, text=True, timeout=3500
    )
    assert result.returncode == 0, result.stderr[-6000:]
    assert "gunicorn runs as uid 10001 (vt)" in result.stderr
