"""The deployment files in docs/deploy/ are valid for the programs that read them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from app import ROOT

DEPLOY = ROOT / "docs" / "deploy"


@pytest.mark.skipif(shutil.which("caddy") is None, reason="needs caddy (apt-get install caddy)")
def test_the_caddyfile_is_valid():
    result = subprocess.run(
        ["caddy", "validate", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_unit_is_valid(tmp_path):
    # Pointed at this checkout: systemd checks that the program it starts exists.
    unit = (DEPLOY / "scholarsite.service").read_text()
    unit = unit.replace("/srv/scholarsite/.venv/bin", str(Path(sys.executable).parent))
    unit = unit.replace("/srv/scholarsite", str(ROOT)).replace("=scholarsite", "=root")
    (tmp_path / "scholarsite.service").write_text(unit)

    result = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "scholarsite.service")],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_the_github_pages_workflow_freezes_and_publishes():
    workflow = yaml.safe_load((DEPLOY / "github-pages.yml").read_text())

    steps = workflow["jobs"]["publish"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "flask --app app freeze site --base-url" in commands
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in steps)
