"""Entry point for ``python -m kiosk``."""

from __future__ import annotations

import sys

from kiosk.app import main

sys.exit(main())
