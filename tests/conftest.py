"""Shared fixtures: settings in a temporary folder, Qt offscreen, a fresh demo pack."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


@pytest.fixture(autouse=True)
def _settings_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MEMBERPACK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def demo_pack_master(tmp_path_factory):
    from memberpack.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.mpack")


@pytest.fixture
def demo_pack(demo_pack_master, tmp_path):
    """A private copy of the demo pack, so a test may write to it."""
    return shutil.copy(demo_pack_master, tmp_path / "demo.mpack")
