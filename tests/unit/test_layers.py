"""The core layers run without Qt: import them with PySide6 and pyqtgraph made unimportable."""

import subprocess
import sys

CORE = ["memberpack.model.values", "memberpack.model.periods", "memberpack.model.metrics", "memberpack.store",
        "memberpack.importers", "memberpack.analysis.checks", "memberpack.export.json_export", "memberpack.cli"]


def test_core_imports_without_qt():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in this test: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import {m}\n" for m in CORE)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
