"""What the browser tests share: where Chromium and axe-core are, and the window sizes."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
# Flags for a quiet, offline, container-friendly Chromium.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
