"""Allow ``python -m cleaner`` (through the same front door as the ``cleaner`` script)."""

from cleaner.worker import run

run()
