"""`python -m smdesk.app [FILE...] [--sandbox]` opens the desktop app."""

import sys

from smdesk.app.main import main

if __name__ == "__main__":
    sys.exit(main())
