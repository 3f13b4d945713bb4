"""User settings as JSON in the platform config folder (``MEMBERPACK_CONFIG_DIR`` overrides it).

Annotations never live here: they belong to the pack.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def config_dir() -> Path:
    override = os.environ.get("MEMBERPACK_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "memberpack"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "memberpack"
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "memberpack"


def _file() -> Path:
    return config_dir() / "settings.json"


def load() -> dict:
    """The saved settings, or an empty dict when there are none or the file is unreadable."""
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(values: dict) -> None:
    """Merge ``values`` into the saved settings (written atomically)."""
    data = load() | values
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(path)
