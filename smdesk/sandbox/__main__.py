"""`python -m smdesk.sandbox`: run the sandbox server until Ctrl-C."""

import argparse

from smdesk.sandbox import add_arguments, options_from_args, serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m smdesk.sandbox", description=__doc__)
    add_arguments(parser)
    serve(options_from_args(parser.parse_args()))


if __name__ == "__main__":
    main()
