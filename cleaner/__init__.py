"""cleaner: find and fix garbled machine-translated English in news articles."""

__version__ = "0.1.0"
