"""Parse the shell's `ps` output (SPEC section 7).

    当前运行的进程列表:
      PID | PPID | Process Name |  Ticks  |   Memory  | Status
     #  1 | #  0 | kernel       |   23526 |   2.0 MiB | Ready
     #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running
    Memory :   1.08 MiB /  44.37 MiB ( 2.43%)
    Queue  : [1]
    CPUs   : [0: 2]

parse_ps() is lenient about spacing (the lab report's transcripts were
reflowed by a PDF converter) and returns sizes in bytes.  format_errors()
is the strict side: it lists the lines that differ from the exact printf
formats the SPEC gives, for checks that want the format itself.
"""
import re

UNITS = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}

# The SPEC's formats, in Python's printf dialect (same meaning as C's).
HEADER = "  PID | PPID | Process Name |  Ticks  |   Memory  | Status"
ROW_FORMAT = " #%3d | #%3d | %-12s | %7d | %5.1f %s | %s"
MEMORY_FORMAT = "%-6s : %6.2f %3s / %6.2f %3s (%5.2f%%)"

_SIZE = r"(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)"
_ROW = re.compile(
    r"^\s*#\s*(?P<pid>\d+)\s*\|\s*#\s*(?P<ppid>\d+)\s*\|\s*(?P<name>.*?)\s*\|"
    r"\s*(?P<ticks>\d+)\s*\|\s*" + _SIZE + r"\s*\|\s*(?P<status>\S.*?)\s*$"
)
_HEADER = re.compile(
    r"^\s*PID\s*\|\s*PPID\s*\|\s*Process Name\s*\|\s*Ticks\s*\|\s*Memory\s*\|\s*Status\s*$"
)
_MEMORY = re.compile(
    r"^\s*Memory\s*:\s*" + _SIZE + r"\s*/\s*" + _SIZE + r"\s*\(\s*(\d+(?:\.\d+)?)%\)\s*$"
)
# The kernel heap (the guide's lab 0x03 TODO "print memory usage of kernel
# heap"; the Rust reference's format_usage("Kernel", used, size)).
_KERNEL_HEAP = re.compile(
    r"^\s*Kernel\s*:\s*" + _SIZE + r"\s*/\s*" + _SIZE + r"\s*\(\s*(\d+(?:\.\d+)?)%\)\s*$"
)
_QUEUE = re.compile(r"^\s*Queue\s*:\s*\[(.*)\]\s*$")
_CPUS = re.compile(r"^\s*CPUs\s*:\s*\[(.*)\]\s*$")


def to_bytes(value, unit):
    """'40.0', 'KiB' -> 40960.  Rounded: the table shows 1-2 decimals only."""
    return round(float(value) * UNITS[unit])


def _row(m):
    return {
        "pid": int(m["pid"]),
        "ppid": int(m["ppid"]),
        "name": m["name"],
        "ticks": int(m["ticks"]),
        "memory": to_bytes(m[5], m[6]),
        "memory_shown": (float(m[5]), m[6]),  # as printed, for format checks
        "status": m["status"],
    }


def _memory(m):
    return {
        "used": to_bytes(m[1], m[2]),
        "total": to_bytes(m[3], m[4]),
        "percent": float(m[5]),
        "shown": (float(m[1]), m[2], float(m[3]), m[4]),
    }


def _int_list(text):
    return [int(x) for x in re.findall(r"\d+", text)]


def _cpus(text):
    """'0: 2' -> {0: 2} (CPU id -> pid running on it)."""
    return {int(cpu): int(pid) for cpu, pid in re.findall(r"(\d+)\s*:\s*(\d+)", text)}


def parse_ps(text):
    """Parse a `ps` transcript.

    Returns {"processes": [row, ...], "memory": {...} or None, "kernel_heap": (as memory),
             "queue": [pid, ...] or None, "cpus": {cpu: pid} or None}
    where a row is {"pid", "ppid", "name", "ticks", "memory" (bytes),
    "memory_shown" ((value, unit) as printed), "status"} and memory is
    {"used", "total" (bytes), "percent", "shown"}.  Other lines are ignored.
    """
    table = {"processes": [], "memory": None, "kernel_heap": None, "queue": None, "cpus": None}
    for line in text.splitlines():
        if m := _ROW.match(line):
            table["processes"].append(_row(m))
        elif m := _MEMORY.match(line):
            table["memory"] = _memory(m)
        elif m := _KERNEL_HEAP.match(line):
            table["kernel_heap"] = _memory(m)
        elif m := _QUEUE.match(line):
            table["queue"] = _int_list(m[1])
        elif m := _CPUS.match(line):
            table["cpus"] = _cpus(m[1])
    return table


def format_row(row):
    """A parsed row printed back with the SPEC's exact row format."""
    value, unit = row["memory_shown"]
    fields = (row["pid"], row["ppid"], row["name"], row["ticks"], value, unit, row["status"])
    return ROW_FORMAT % fields


def format_memory(memory):
    used, used_unit, total, total_unit = memory["shown"]
    return MEMORY_FORMAT % ("Memory", used, used_unit, total, total_unit, memory["percent"])


def format_errors(text):
    """Lines of a `ps` transcript that are not in the SPEC's exact format.

    The header, each process row and the memory line are parsed and printed
    back with the SPEC's formats; any difference is reported as
    (line as seen, line as the SPEC would print it).
    """
    errors = []
    for line in text.splitlines():
        if _HEADER.match(line):
            expected = HEADER
        elif m := _ROW.match(line):
            expected = format_row(_row(m))
        elif m := _MEMORY.match(line):
            expected = format_memory(_memory(m))
        else:
            continue
        if line != expected:
            errors.append((line, expected))
    return errors
