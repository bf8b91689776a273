"""Clean the serial stream for matching and for the saved logs.

OVMF paints its screen with VT100 escape sequences (clear screen, cursor
moves, colours) and the kernel may colour its log; every line ends in CR LF.
Checks are easier to write, and logs easier to read, without them.  Output
arrives in arbitrary chunks, so an escape sequence cut in half at the end of
one chunk is held back until the next one completes it.
"""
import re

# CSI (ESC [ params final), OSC (ESC ] ... BEL/ST), charset selection
# (ESC ( B) and the two-byte forms (ESC 7, ESC =, ...).
_COMPLETE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[()][0-9A-Za-z]"
    r"|\x1b[@-Z\\^_=>0-9a-z]"
)
# Longest unfinished sequence worth waiting for; longer is garbage, let it through.
_MAX_HELD = 64
# What an unfinished sequence at the very end of a chunk can look like.
_UNFINISHED = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[()])?\Z")


class AnsiFilter:
    def __init__(self):
        self._held = ""

    def feed(self, text):
        """Return `text` (plus anything held back) without escape codes or CRs."""
        text = self._held + text
        self._held = ""
        tail = _UNFINISHED.search(text)
        if tail and len(text) - tail.start() <= _MAX_HELD:
            self._held = text[tail.start() :]
            text = text[: tail.start()]
        text = _COMPLETE.sub("", text)
        return text.replace("\x1b", "").replace("\r", "")
