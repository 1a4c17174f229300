"""The version of :mod:`deterrence` (read by the build backend and by checkpoints).

Examples
--------
>>> from deterrence.version import __version__
>>> __version__.count(".") >= 1
True
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
