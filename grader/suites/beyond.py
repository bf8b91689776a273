"""The lab 0x08 extension (group `beyond`, stage 8 only; not part of labs
0x01-0x07): mmap, mprotect and munmap.

- `mmap_test` (anonymous demand-zero pages, a file mapping, a guard page,
  mprotect, partial munmap, MAP_FIXED, fork, every bad argument) passes;
- `tmmap`, newlib's newlib.elix/tmmap.c ported, passes;
- 1 GiB of anonymous mapping costs no frame until touched and one data
  frame per touched page after; the kernel's debug line on munmap counts
  the data frames and the page-table frames apart;
- every frame comes back ("Memory back": the `Memory :` line of `ps`
  exactly as before) when a program with mappings exits, and when it is
  killed.
"""
import re

from grader import markers, shell
from grader.esp import boot
from grader.registry import test
from grader.suites.sync import wait_until_pids

DEBUG = boot(conf={"log_level": "debug"})
MACHINE = "beyond"
PAGE = 4096
TOUCHED = 256  # mmap_big and mmap_hold: one page per 4 MiB of 1 GiB
ROUNDING = 0.01 * 1024 * 1024  # the Memory line's two decimals of MiB
ROW_ROUNDING = 0.1 * 1024 * 1024  # a row's one decimal
# Page tables 256 pages spread one per 4 MiB need: a P1 each, a P2, maybe a P3.
MAX_TABLES = TOUCHED + 2

MMAP_TEST_PASSED = re.compile(r"^mmap_test: all (\d+) checks passed" + markers.EOL, re.M)
TMMAP_PASSED = re.compile(r"^tmmap: passed" + markers.EOL, re.M)
MMAP_BIG_STEP = re.compile(r"^mmap_big: (before|mapped|touched|unmapped)" + markers.EOL, re.M)
UNMAPPED = re.compile(r"\[DEBUG\] Unmapped 0x[0-9a-f]+-0x[0-9a-f]+: (\d+) data frames, "
                      r"(\d+) page-table frames freed")
MMAP_HOLDING = re.compile(r"mmap_hold: holding (\d+) anonymous and (\d+) file pages"
                          + markers.EOL, re.M)


def passes(m, program, line, what):
    """`run program` exits 0 and prints `line`; ps shows the memory back."""
    before = shell.ps(m)
    result = shell.run_ok(m, program, 0)
    shell.expect_in(m, result, line, what)
    shell.expect_idle(m, before, f"after {program}")


@test("beyond", boot=DEBUG, machine=MACHINE)
def mmap_test_passes(m):
    """mmap_test: anonymous, file, guard page, mprotect, partial munmap, MAP_FIXED, fork, errors"""
    passes(m, "mmap_test", MMAP_TEST_PASSED, "`mmap_test: all N checks passed`")


@test("beyond", boot=DEBUG, machine=MACHINE)
def tmmap_passes(m):
    """tmmap (newlib's newlib.elix/tmmap.c ported): `tmmap: passed`, memory back"""
    passes(m, "tmmap", TMMAP_PASSED, "`tmmap: passed`")


def mmap_big_tables(m, result):
    """The four tables mmap_big prints, by step name."""
    steps = list(MMAP_BIG_STEP.finditer(m.log, result.start, result.end))
    if [s[1] for s in steps] != ["before", "mapped", "touched", "unmapped"]:
        m.fail(f"mmap_big printed the steps {[s[1] for s in steps]}, expected "
               "before, mapped, touched, unmapped")
    tables = {}
    for i, s in enumerate(steps):
        end = steps[i + 1].start() if i + 1 < len(steps) else result.end
        tables[s[1]] = shell.table(m, m.log[s.end():end], f"mmap_big's table `{s[1]}`")
    return tables, steps


def used(table):
    return table["memory"]["used"]


@test("beyond", boot=DEBUG, machine=MACHINE)
def mmap_gib_frames(m):
    """1 GiB mapped: 0 frames; 256 touched: 256 data frames (page tables apart); memory back after exit"""
    before = shell.ps(m)
    result = shell.run_ok(m, "mmap_big", 0, timeout=120)
    tables, steps = mmap_big_tables(m, result)
    pid = result.pid
    row = {k: shell.row(t, pid) for k, t in tables.items()}
    if any(r is None for r in row.values()):
        m.fail(f"a table of mmap_big has no row for pid {pid}")
    if shell.memory_shown(tables["mapped"]) != shell.memory_shown(tables["before"]) or \
            row["mapped"]["memory_shown"] != row["before"]["memory_shown"]:
        m.fail(f"mapping 1 GiB changed Memory from {shell.memory_shown(tables['before'])} to "
               f"{shell.memory_shown(tables['mapped'])} (row {row['before']['memory_shown']} -> "
               f"{row['mapped']['memory_shown']}): frames were taken before any touch")
    row_delta = row["touched"]["memory"] - row["mapped"]["memory"]
    if abs(row_delta - TOUCHED * PAGE) > ROW_ROUNDING:
        m.fail(f"mmap_big's row grew by {row_delta} bytes after touching {TOUCHED} pages, "
               f"expected {TOUCHED * PAGE}")
    freed = UNMAPPED.search(m.log, steps[2].end(), steps[3].start())
    if freed is None:
        m.fail("no `[DEBUG] Unmapped ...: N data frames, M page-table frames freed` line "
               "for mmap_big's munmap")
    data, tables_freed = int(freed[1]), int(freed[2])
    if data != TOUCHED or not TOUCHED <= tables_freed <= MAX_TABLES:
        m.fail(f"munmap of mmap_big's 1 GiB freed {data} data frames and {tables_freed} page "
               f"tables, expected exactly {TOUCHED} and {TOUCHED}..{MAX_TABLES}")
    used_delta = used(tables["touched"]) - used(tables["mapped"])
    want = (TOUCHED + tables_freed) * PAGE
    if abs(used_delta - want) > ROUNDING + PAGE:  # + a P3 munmap keeps
        m.fail(f"Memory grew by {used_delta} bytes after touching {TOUCHED} pages, expected "
               f"{want} ({TOUCHED} data frames + {tables_freed} page tables)")
    if used(tables["unmapped"]) - used(tables["mapped"]) > ROUNDING + PAGE or \
            row["unmapped"]["memory_shown"] != row["mapped"]["memory_shown"]:
        m.fail(f"after munmap Memory is {shell.memory_shown(tables['unmapped'])} (row "
               f"{row['unmapped']['memory_shown']}), after mmap it was "
               f"{shell.memory_shown(tables['mapped'])} (row {row['mapped']['memory_shown']})")
    shell.expect_idle(m, before, "after mmap_big exited with 256 mapped pages touched")


@test("beyond", boot=DEBUG, machine=MACHINE)
def mmap_memory_back_after_kill(m):
    """mmap_hold (1 GiB mapped, 256 + 4 file pages touched) killed: every frame back"""
    before = shell.ps(m)
    at = m.position
    started = markers.nohup_started("mmap_hold").search(shell.command(m, "nohup mmap_hold"))
    if not started:
        m.fail("`nohup mmap_hold` did not start it")
    held = m.expect_logged(MMAP_HOLDING, m.settings.command_timeout, after=at)
    if int(held[1]) != TOUCHED:
        m.fail(f"mmap_hold holds {held[1]} anonymous pages, expected {TOUCHED}")
    table = shell.ps(m)
    row = shell.row(table, int(started[1]))
    if row is None or row["memory"] < (TOUCHED + int(held[2])) * PAGE - ROW_ROUNDING:
        m.fail(f"mmap_hold's row is {row and row['memory_shown']}, expected its "
               f"{TOUCHED + int(held[2])} touched pages in it")
    shell.command(m, f"kill {started[1]}")
    wait_until_pids(m, shell.pids(before), m.settings.command_timeout)
    shell.expect_idle(m, before, "after mmap_hold was killed")
