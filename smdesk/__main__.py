"""`python -m smdesk` runs the same entry point as the `smdesk` command."""

import sys

from smdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
