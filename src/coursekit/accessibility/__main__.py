"""`python -m coursekit.accessibility`: run the lint (see `cli`) and exit with its status."""

import sys

from .cli import main

sys.exit(main())
