"""Node packages the benchmarks measure with, installed from npm into a throwaway folder."""

import subprocess
from pathlib import Path


def npm_install(folder: Path, package: str) -> None:
    """Install one package (`name@version`) into `folder`'s node_modules, quietly."""
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", package], cwd=folder, check=True
    )
