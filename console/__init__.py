"""hoinghi's domain core: plain Python, never imports Textual.

Every action a screen offers is a function here first; the CLI and the tests
call the same functions.
"""



def __getattr__(name: str):
    """`console.__version__`, read from the installed metadata (written once, in pyproject.toml);
    looked up only when asked, so every `hoinghi` command does not pay for importlib.metadata."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hoinghi")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"
