"""`python -m shapelint`: the same command line as the `shapelint` script.

Under `-m`, Python puts the current folder first on `sys.path`; a `click.py`,
`libcst.py` or `numpy.py` in the folder being linted would then be imported
(and run) instead of the real package. The static analyzer never runs the
code it checks, so that entry is replaced before anything else is imported,
by what the `shapelint` script has there: the folder of the interpreter's
scripts (`shapelint run` then puts the script's own folder in that slot).
"""

import os
import sys

if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
    sys.path[0] = os.path.dirname(os.path.abspath(sys.executable))

from shapelint.cli import main  # noqa: E402

if __name__ == "__main__":
    main(prog_name="shapelint")
