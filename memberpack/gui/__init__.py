"""The PySide6 desktop app. The only layer that imports Qt or pyqtgraph."""

import os

# pyqtgraph picks PyQt6 over PySide6 unless told, and it reads this once, on import.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
