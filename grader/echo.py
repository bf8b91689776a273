"""-v: stream the machines' serial output to the terminal.

With one machine at a time the output is passed through as it arrives.
With several (-j > 1), whole lines are printed, each prefixed with the
machine's name, so the interleaved streams stay readable.
"""
import sys
import threading


class SerialEcho:
    def __init__(self, prefixed, out=sys.stdout):
        self._prefixed = prefixed
        self._out = out
        self._partial = {}  # machine name -> unfinished line
        self._lock = threading.Lock()

    def __call__(self, machine, text):
        with self._lock:
            if not self._prefixed:
                self._out.write(text)
            else:
                lines = (self._partial.pop(machine.name, "") + text).split("\n")
                if lines[-1]:
                    self._partial[machine.name] = lines[-1]
                for line in lines[:-1]:
                    self._out.write(f"[{machine.name}] {line}\n")
            self._out.flush()
