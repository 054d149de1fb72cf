"""`python -m shapelint`: the same command line as the `shapelint` script."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="shapelint")
