"""memberpack: council briefing packs for elected members."""

__version__ = "0.1.0"
