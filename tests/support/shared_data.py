"""Where the shared development data lives: ``$CLEANER_SHARED_DATA``, else ``../shared/data`` beside the clone.

CI checks the repository out beside the shared folder; a git worktree elsewhere (or any
other layout) names the folder with the environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "CLEANER_SHARED_DATA"
REPO = Path(__file__).resolve().parents[2]


def shared_data_folder() -> Path:
    """``$CLEANER_SHARED_DATA`` when set, else the ``shared/data`` folder beside the repository."""
    return Path(os.environ.get(DATA_ENV) or REPO.parent / "shared" / "data")
