"""A resident worker (``cleaner serve``) and the front door that hands ``lint`` and ``fix`` to it.

The front door (:func:`main`, the ``cleaner`` console script) imports only
the standard library before it knows whether a worker will answer; the
worker itself keeps compiled rules, configuration code and checkers loaded.
"""

from cleaner.worker.client import main, run

__all__ = ["main", "run"]
