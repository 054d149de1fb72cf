"""shapelint: find numpy shape bugs before the code runs."""

__version__ = "0.1.0"


def load_ipython_extension(shell: object) -> None:
    """`%load_ext shapelint`: check every cell run afterwards (shapelint.runtime.extension)."""
    from .runtime.extension import load_ipython_extension

    load_ipython_extension(shell)


def unload_ipython_extension(shell: object) -> None:
    """`%unload_ext shapelint`: the shell as it was before."""
    from .runtime.extension import unload_ipython_extension

    unload_ipython_extension(shell)
