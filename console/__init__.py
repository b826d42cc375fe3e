"""hoinghi's domain core: plain Python, never imports Textual.

Every action a screen offers is a function here first; the CLI and the tests
call the same functions.
"""

__version__ = "0.1.0"
