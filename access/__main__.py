"""``python -m access users …``: manage accounts from the command line (:mod:`access.cli`)."""

from __future__ import annotations

import sys

from access.cli import run

if __name__ == "__main__":
    sys.exit(run())
