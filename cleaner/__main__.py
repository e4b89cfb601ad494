"""Allow ``python -m cleaner``."""

from cleaner.cli import main

raise SystemExit(main())
