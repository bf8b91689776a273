"""The `ps` parser on the SPEC's transcript (exact format) and on the lab 7
report's transcripts (real output, spacing mangled by a PDF converter)."""
from grader.ps import format_errors, parse_ps, to_bytes

KIB, MIB = 1024, 1024 * 1024

# SPEC section 7, verbatim.
SPEC = """ysos> ps
当前运行的进程列表:
  PID | PPID | Process Name |  Ticks  |   Memory  | Status
 #  1 | #  0 | kernel       |   23526 |   2.0 MiB | Ready
 #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running
Memory :   1.08 MiB /  44.37 MiB ( 2.43%)
Queue  : [1]
CPUs   : [0: 2]
ysos> """

# seeds/lab7-report-transcripts.txt, "Before calculating factorial".
REPORT_FACTORIAL = """Before calculating factorial:
  PID | PPID | Process Name | Ticks | Memory | Status
  # 1 | # 0 | kernel       | 36002 | 2.0 MiB | Ready
  # 2 | # 1 | shell        | 35934 | 40.0 KiB | Ready
  # 3 | # 2 | factor~1     | 2804 | 32.0 KiB | Running
Memory : 1.14 MiB / 44.37 MiB ( 2.56%)
Queue  : [2, 1]
CPUs    : [0: 3]
"""

# Same report, brk section: indentation lost entirely.
REPORT_FLAT = """PID | PPID | Process Name | Ticks | Memory | Status
# 1 | # 0 | kernel | 374381 | 8.4 MiB | Ready
# 2 | # 1 | shell | 374314 | 48.0 KiB | Ready
# 3 | # 2 | factor~1 | 3919 | 15.3 MiB | Running
Memory : 23.78 MiB / 46.19 MiB (51.48%)
Queue : [2, 1]
CPUs : [0: 3]
"""


def test_spec_transcript():
    table = parse_ps(SPEC)
    assert table["processes"] == [
        {"pid": 1, "ppid": 0, "name": "kernel", "ticks": 23526, "memory": 2 * MIB,
         "memory_shown": (2.0, "MiB"), "status": "Ready"},
        {"pid": 2, "ppid": 1, "name": "shell", "ticks": 23458, "memory": 40 * KIB,
         "memory_shown": (40.0, "KiB"), "status": "Running"},
    ]
    assert table["memory"]["used"] == round(1.08 * MIB)
    assert table["memory"]["total"] == round(44.37 * MIB)
    assert table["memory"]["percent"] == 2.43
    assert table["queue"] == [1]
    assert table["cpus"] == {0: 2}


def test_report_transcript_with_three_processes():
    table = parse_ps(REPORT_FACTORIAL)
    assert [(p["pid"], p["ppid"], p["name"]) for p in table["processes"]] == [
        (1, 0, "kernel"), (2, 1, "shell"), (3, 2, "factor~1")]
    assert table["processes"][2]["memory"] == 32 * KIB
    assert table["processes"][2]["ticks"] == 2804
    assert table["queue"] == [2, 1]
    assert table["cpus"] == {0: 3}


def test_report_transcript_without_indentation():
    table = parse_ps(REPORT_FLAT)
    assert [p["memory"] for p in table["processes"]] == [
        round(8.4 * MIB), 48 * KIB, round(15.3 * MIB)]
    assert table["memory"]["percent"] == 51.48
    assert table["memory"]["used"] == round(23.78 * MIB)


def test_sizes_in_bytes():
    assert to_bytes("1", "B") == 1
    assert to_bytes("1.5", "KiB") == 1536
    assert to_bytes("2.0", "GiB") == 2 * 1024**3


def test_other_lines_are_ignored():
    table = parse_ps("[INFO ] Tick! @42\nysos> ps\nrandom | text\n")
    assert table == {"processes": [], "memory": None, "kernel_heap": None, "queue": None,
                     "cpus": None}


def test_the_kernel_heap_line():
    table = parse_ps("Kernel : 134.05 KiB / 136.00 KiB (98.56%)\n")
    assert table["kernel_heap"]["used"] == round(134.05 * 1024)
    assert table["kernel_heap"]["total"] == 136 * 1024


def test_spec_transcript_is_in_the_exact_format():
    assert format_errors(SPEC) == []


def test_loose_transcripts_are_not():
    errors = format_errors(REPORT_FACTORIAL)
    assert [seen for seen, _ in errors] == REPORT_FACTORIAL.splitlines()[1:6]
    assert errors[1] == ("  # 1 | # 0 | kernel       | 36002 | 2.0 MiB | Ready",
                         " #  1 | #  0 | kernel       |   36002 |   2.0 MiB | Ready")
    assert errors[4][1] == "Memory :   1.14 MiB /  44.37 MiB ( 2.56%)"
