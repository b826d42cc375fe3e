"""The Textual UI: one screen per module, its .tcss beside it. No business rules here."""

import os

# A screen is drawn again at most every 1/TEXTUAL_FPS s after a change (nothing is drawn while
# nothing changes). At Textual's 60 the answer to a scan waited up to 17 ms for its frame
# (Enter → frame p95 39 ms at 5,000 delegates); at 120, 22 ms. Read by Textual when it is first
# imported, so set here, before any screen imports it; a value in the environment wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
