"""`python -m console.bench` — the same as `hoinghi bench`."""

import sys

from console.cli import main

sys.exit(main(["bench", *sys.argv[1:]]))
