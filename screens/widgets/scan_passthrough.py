"""A scan that lands in a dialog's field is handed back to the desk, not swallowed.

pretixSCAN's users met "a leftover dialog swallowing the next scan": here a
dialog whose field ends with a complete badge token closes and returns
`ScanArrived`, and the desk checks that person in as if the dialog were not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from console.door.tokens import ALPHABET, LEGACY_TOKEN_LEN, PREFIX, TOKEN_LEN

# The current 20-character form first, so a badge printed before it (18) is not read from its middle.
_TAIL = re.compile(rf"{PREFIX}[{ALPHABET}]{{{TOKEN_LEN - len(PREFIX)}}}$|{PREFIX}[{ALPHABET}]{{{LEGACY_TOKEN_LEN - len(PREFIX)}}}$",
                   re.IGNORECASE)


@dataclass(frozen=True)
class ScanArrived:
    payload: str
    rest: str  # what was in the field before the scanner typed


def scan_in(text: str) -> ScanArrived | None:
    m = _TAIL.search(text.strip())
    if m is None:
        return None
    return ScanArrived(m.group(0), text.strip()[: m.start()])
