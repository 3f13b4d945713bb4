"""Exporting a pack: JSON and the briefing PDF. No Qt."""
