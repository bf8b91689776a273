"""A boot.conf being edited for one test machine.

Tests change keys (`log_level=warn`) or add unknown ones, and then check the
loader's warnings, which name the line ("boot.conf line 12: ...").  So edits
keep every other line where it was: a key that exists is rewritten in place,
a new key goes at the end, and line_of() tells the check which line it is.
"""
import re

_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def _unquote(value):
    """`"info"` and `'info'` mean `info`; a trailing ` # comment` is not part of it."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"\s+#.*$", "", value)


class BootConf:
    def __init__(self, text=""):
        self.lines = text.splitlines()

    def _index(self, key):
        for i, line in enumerate(self.lines):
            m = _ASSIGNMENT.match(line)
            if m and not line.lstrip().startswith("#") and m.group(1) == key:
                return i
        return None

    def set(self, key, value):
        """Make `key=value` the setting, in place when the key is already there."""
        line = f"{key}={value}"
        i = self._index(key)
        if i is None:
            self.lines.append(line)
        else:
            self.lines[i] = line

    def remove(self, key):
        """Blank the key's line (keeps the other line numbers)."""
        i = self._index(key)
        if i is not None:
            self.lines[i] = ""

    def line_of(self, key):
        """1-based line number of `key`, as the loader counts them."""
        i = self._index(key)
        if i is None:
            raise KeyError(key)
        return i + 1

    def items(self):
        """(key, value) of every setting, in file order, values unquoted."""
        out = []
        for line in self.lines:
            m = _ASSIGNMENT.match(line)
            if m and not line.lstrip().startswith("#"):
                out.append((m.group(1), _unquote(m.group(2))))
        return out

    def get(self, key, default=None):
        return dict(self.items()).get(key, default)

    def render(self):
        return "\n".join(self.lines) + "\n"
