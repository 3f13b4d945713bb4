"""A dark palette (for screenshots and tests of a dark desktop) and the contrast of two colours.

The app takes its colours from the palette, so on a dark desktop it reads as well as on a light
one; text must keep a WCAG contrast of at least 4.5:1 against what is behind it in both (a chart's
lines and bars 3:1, :data:`memberpack.model.charts.MIN_CONTRAST`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

MIN_CONTRAST = 4.5
_DARK = {
    QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#33363a",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#3a3d41",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#3d3a26", QPalette.ColorRole.ToolTipText: "#f2f2f2",
    QPalette.ColorRole.Highlight: "#3d6fb4", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.PlaceholderText: "#a0a4a8",
    QPalette.ColorRole.Light: "#505357", QPalette.ColorRole.Midlight: "#45484c", QPalette.ColorRole.Mid: "#3a3d41",
    QPalette.ColorRole.Dark: "#202124", QPalette.ColorRole.Shadow: "#000000",
}


def is_dark() -> bool:
    """True when the application's base colour is dark (a dark desktop theme)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8c9096"))
    return palette


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    from memberpack.model.charts import contrast as colour_contrast  # noqa: PLC0415 - the charts' model, off the start path

    return colour_contrast(a.name(), b.name())
