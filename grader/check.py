"""How a test says it failed.

A check raises CheckFailed with a one-line reason (printed on the FAIL line)
and optional details (printed under it: what was expected, the last lines
the machine printed).  Anything else a test raises is reported as a grader
error with its traceback.
"""


class CheckFailed(Exception):
    def __init__(self, reason, details=""):
        super().__init__(reason)
        self.reason = reason
        self.details = details


class Stopping(Exception):
    """The grader is shutting down (SIGINT/SIGTERM): no new machines."""
