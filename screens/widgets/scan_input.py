"""The desk's one input: Enter takes the value at that very key, then clears it.

Textual's Input submits through a key binding that runs after the keys already
queued, so when a scanner sends two badges back to back the first Submitted
would carry both. Here Enter is handled in key order: the value typed so far
is posted and the field emptied before the next character is inserted, so
bursts never run together.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class ScanInput(Input):
    is_scan_path = True  # the app-wide burst check lets its keys straight through (Enter here scans)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            # Submitted before the Changed("") of the clearing, so the desk still
            # sees the search hit that was highlighted when Enter came.
            self.post_message(self.Submitted(self, self.value, None))
            self.value = ""
            return
        await super()._on_key(event)
