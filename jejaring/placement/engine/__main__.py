"""``python -m jejaring.placement.engine INSTANCE.json -o RESULT.json [--stats]``."""

import sys

from .cli import main

sys.exit(main(prog="python -m jejaring.placement.engine"))
