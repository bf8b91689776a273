"""Lab 7 (memory management): the lab report's transcripts replayed, the
user heap (brk), recycling of every frame a program used, and the kernel
stack growing on demand.

"Memory back to what it was" compares the `Memory :` line of `ps` as
printed: used, total and percentage (the percentage moves with about one
4 KiB frame, the used column with 10 KiB).  The leak check runs a warm-up
round first, so one-time growth (the kernel heap, the kernel stack) is not
counted, then `[grader] leak_rounds` rounds (config.toml, default 20, or
--leak-rounds) that must each end with exactly the same line.
"""
import re

from grader import markers, ps, shell
from grader.esp import boot
from grader.registry import test
from grader.suites import ctrl_c, fs, usermode
from grader.suites.sync import wait_until_pids

MIB = 1024 * 1024
# The shipped boot.conf's auto-grow: the lab 7 machine boots with it explicitly.
LAB7 = boot(conf={"kernel_stack_auto_grow": "8"})
DEBUG = boot(conf={"log_level": "debug"})  # shared with lab 2's log_level_debug

FACT_N, FACT_RESULT = 999999, 128233642
FACT_PEAK_MIN = 10 * MIB
FACT_TIMEOUT = 300  # nominal seconds: 16 MiB of stack grown page by page

HEAP_START = 0x200000000000
HEAP_SIZE = 4 << 30
BRK_GROW = 4 * MIB
# Page tables the kernel may keep after a shrink, and the 2-decimal rounding
# of the Memory line (0.005 MiB each side).
PAGE_TABLE_SLACK = 64 * 1024
ROUNDING = 0.01 * MIB
ROW_ROUNDING = 0.1 * MIB  # rows are printed with one decimal
ALLOC_TIMEOUT = 300


def factorial_mod(n):
    result = 1
    for i in range(2, n + 1):
        result = result * i % markers.FACTORIAL_MOD
    return result


# One round of the leak check: (program, answers, exit code, line to see).
LEAK_ROUND = (
    ("factorial", ((markers.FACTORIAL_PROMPT, "1000"),), 0,
     markers.factorial_result(1000, factorial_mod(1000))),
    ("fork_test", (), markers.FORK_TEST_EXIT, None),
    ("counter", (), 0, re.compile(r"^COUNTER result: 800" + markers.EOL, re.M)),
    ("brk_alloc_test", (), 0, markers.BRK_ALLOC_PASSED),
)


@test("7", boot=LAB7)
def factorial_report(m):
    """report: factorial 999999 = 128233642, its row >= 10 MiB at the peak, `PS`, memory back"""
    before = shell.ps(m)
    result = shell.run_ok(m, "APP/FACTOR~1", 0, [(markers.FACTORIAL_PROMPT, str(FACT_N))],
                          timeout=FACT_TIMEOUT)
    shell.expect_in(m, result, markers.factorial_result(FACT_N, FACT_RESULT),
                    f"`The factorial of {FACT_N} ... is {FACT_RESULT}.`")
    parts = result.output.split(markers.FACTORIAL_AFTER)
    if len(parts) != 2:
        m.fail(f"factorial did not print `{markers.FACTORIAL_AFTER}` once")
    peak = shell.row(shell.table(m, parts[1], "the table after calculating"), result.pid)
    if peak is None or peak["memory"] < FACT_PEAK_MIN:
        shown = peak and " ".join(map(str, peak["memory_shown"]))
        m.fail(f"factorial's row after calculating shows {shown}, expected >= 10 MiB")
    if not markers.unknown_command("PS").search(shell.command(m, "PS")):
        m.fail("`PS` was not answered with `未知命令: 'PS'`")
    shell.expect_idle(m, before, "after factorial 999999")


@test("7", boot=LAB7)
def brk_test_passes(m):
    """brk_test: the report's six brk steps pass (grow, write, shrink to 0x...800)"""
    result = shell.run_ok(m, "brk_test", 0)
    shell.expect_in(m, result, markers.BRK_TEST_PASSED, "the brk_test success line")


@test("7", boot=LAB7)
def brk_alloc_test_passes(m):
    """brk_alloc_test: `所有 brk_alloc 分配器测试通过！`"""
    result = shell.run_ok(m, "brk_alloc_test", 0)
    shell.expect_in(m, result, markers.BRK_ALLOC_PASSED, "the brk_alloc_test success line")


def brk_line(m, line):
    """Type `line` at the brk app's `$ ` prompt; its output up to the next one."""
    start = m.position
    m.send_line(line)
    prompt = m.expect(markers.BRK_PROMPT)
    return m.log[start : prompt.start()]


def brk_to(m, pid, addr, succeed):
    """`brk ADDR`: must succeed with exactly ADDR (or fail); returns the
    table printed after it (succeed) or None."""
    output = brk_line(m, f"brk 0x{addr:x}")
    found = markers.brk_result(addr).search(output)
    if found is None:
        m.fail(f"`brk 0x{addr:x}` printed no `Brk to 0x{addr:x} ...` line")
    new = found[1] and int(found[1], 16)
    if succeed and new != addr:
        m.fail(f"`brk 0x{addr:x}` {'gave 0x%x' % new if new else 'failed'}, expected 0x{addr:x}")
    if not succeed and new is not None:
        m.fail(f"`brk 0x{addr:x}` (outside the heap) succeeded")
    if not succeed:
        return None
    table = shell.table(m, output, f"the table after `brk 0x{addr:x}`")
    if shell.row(table, pid) is None:
        m.fail(f"the table after `brk 0x{addr:x}` has no row for brk (pid {pid})")
    return table


def current_break(m):
    found = markers.BRK_CURRENT.search(brk_line(m, "cur"))
    if found is None:
        m.fail("`cur` printed no `Current brk addr: 0x...`")
    return int(found[1], 16)


def check_between(m, what, value, lo, hi):
    if not lo <= value <= hi:
        m.fail(f"{what}: {value / MIB:.3f} MiB, expected {lo / MIB:.3f} .. {hi / MIB:.3f} MiB")


@test("7", boot=LAB7)
def brk_grow_shrink(m):
    """brk app: grow 4 MiB (row and Memory +4 MiB), shrink back, out-of-range refused"""
    before = shell.ps(m)
    pid = shell.start(m, "brk")
    m.expect(markers.BRK_PROMPT)
    start = current_break(m)
    base = brk_to(m, pid, start, True)
    grown = brk_to(m, pid, start + BRK_GROW, True)
    row_delta = shell.row(grown, pid)["memory"] - shell.row(base, pid)["memory"]
    check_between(m, "brk row after growing 4 MiB, growth", row_delta,
                  BRK_GROW - ROW_ROUNDING, BRK_GROW + ROW_ROUNDING)
    used_delta = grown["memory"]["used"] - base["memory"]["used"]
    check_between(m, "Memory used after growing 4 MiB, growth", used_delta,
                  BRK_GROW - ROUNDING, BRK_GROW + PAGE_TABLE_SLACK + ROUNDING)
    shrunk = brk_to(m, pid, start, True)
    if shell.row(shrunk, pid)["memory_shown"] != shell.row(base, pid)["memory_shown"]:
        m.fail("brk row after shrinking back differs from before growing")
    check_between(m, "Memory used after shrinking back, change", shrunk["memory"]["used"] -
                  base["memory"]["used"], -ROUNDING, PAGE_TABLE_SLACK + ROUNDING)
    brk_to(m, pid, HEAP_START - 0x1000, False)
    brk_to(m, pid, HEAP_START + HEAP_SIZE, False)
    if current_break(m) != start:
        m.fail("a refused brk moved the break")
    m.send_line("exit")
    result = shell.finish(m, "brk", pid)
    if result.code != 0:
        m.fail(f"brk exited with {result.code}")
    shell.expect_idle(m, before, "after the brk app")


def leak_round(m):
    for path, answers, code, line in LEAK_ROUND:
        result = shell.run_ok(m, path, code, answers, timeout=FACT_TIMEOUT)
        if line is not None:
            shell.expect_in(m, result, line, f"{path}'s result")


@test("7", boot=LAB7)
def leak_check(m):
    """a warm-up round (factorial 1000, fork_test, counter, brk_alloc_test), N more: same Memory"""
    leak_round(m)
    baseline = shell.ps(m)
    rounds = m.settings.leak_rounds
    for i in range(1, rounds + 1):
        leak_round(m)
        shell.expect_idle(m, baseline, f"round {i} of {rounds} (after the warm-up)")


def stack_grow_test(pages, fault_required):
    def check(m):
        start = m.expect_boot(markers.STACK_GROW_START)
        done = m.expect_boot(markers.STACK_GROW_DONE, after=start.end())
        if fault_required and not markers.KERNEL_STACK_FAULT.search(m.log, 0, done.start()):
            m.fail(f"no `Page fault on kernel at 0x...` before `Stack grow test done.` "
                   f"with {pages} pages mapped")
        if shell.shell_row(shell.ps(m)) is None:
            m.fail("no shell in `ps`")

    fault = ", a kernel page fault grows it" if fault_required else ""
    check.__doc__ = (f"kernel_stack_auto_grow={pages}: `Test stack grow.` ... `Stack grow test "
                     f"done.`{fault}, shell up")
    return check


test("7", boot=LAB7, name="stack_grow_8")(stack_grow_test(8, False))
for _pages in (1, 4):
    test("7", boot=boot(conf={"kernel_stack_auto_grow": str(_pages)}),
         name=f"stack_grow_{_pages}")(stack_grow_test(_pages, True))


@test("7", boot=DEBUG)
def debug_recycled_line(m):
    """log_level=debug: `Recycled N(x.xxx MiB) frames, M(y.yyy MiB) frames in total.` after a run"""
    shell.at_prompt(m)
    start = m.position
    shell.run_ok(m, "hello", markers.HELLO_EXIT)
    found = markers.RECYCLED.search(m.log, start, m.position)
    if found is None:
        m.fail("no `[DEBUG] Recycled N(x.xxx MiB) frames, ...` line while hello ran and exited")
    count, count_mib, total, total_mib = int(found[1]), float(found[2]), int(found[3]), float(
        found[4])
    for frames, mib in ((count, count_mib), (total, total_mib)):
        if abs(frames * 4 / 1024 - mib) > 0.0005 + 1e-9:
            m.fail(f"{found.group(0).strip()!r}: {frames} frames are not {mib:.3f} MiB")
    if count == 0 or total < count:
        m.fail(f"{found.group(0).strip()!r}: expected 0 < N <= M")


@test("7", boot=LAB7)
def alloc_until_null(m):
    """alloc_until_null: malloc until NULL, free all, exit 0; memory back, shell alive"""
    before = shell.ps(m)
    result = shell.run_ok(m, "alloc_until_null", 0, timeout=ALLOC_TIMEOUT)
    got = shell.expect_in(m, result, markers.ALLOC_GOT_NULL, "the `NULL after N blocks` line")
    freed = shell.expect_in(m, result, markers.ALLOC_FREED, "the `freed N blocks` line")
    if int(got[1]) == 0 or freed[1] != got[1]:
        m.fail(f"allocated {got[1]} blocks, freed {freed[1]}")
    shell.expect_idle(m, before, "after alloc_until_null")


def alloc_all(m):
    """`run alloc_all`: (blocks it got, bytes not zero in them)."""
    result = shell.run_ok(m, "alloc_all", 0)
    found = shell.expect_in(m, result, markers.ALLOC_ALL, "the `alloc_all: N blocks` line")
    return int(found[1]), int(found[2])


@test("7", boot=LAB7)
def allocate_owned_and_zeroed(m):
    """Allocate: blocks come back when their owner exits or is killed, and arrive zeroed; memory back"""
    before = shell.ps(m)
    first = alloc_all(m)
    second = alloc_all(m)
    at = m.position
    started = markers.nohup_started("alloc_hold").search(shell.command(m, "nohup alloc_hold"))
    if not started:
        m.fail("`nohup alloc_hold` did not start it")
    held = int(m.expect_logged(markers.ALLOC_HOLDING, m.settings.command_timeout, after=at)[1])
    shell.command(m, f"kill {started[1]}")
    wait_until_pids(m, shell.pids(before), m.settings.command_timeout)
    third = alloc_all(m)
    runs = (("alloc_all", first), ("alloc_all after it", second),
            ("alloc_all after alloc_hold was killed", third))
    if first[0] == 0 or any(r != (first[0], 0) for _, r in runs) or held != first[0]:
        m.fail("; ".join(f"{what}: {n} blocks, {dirty} bytes not zero" for what, (n, dirty) in runs)
               + f"; alloc_hold held {held} blocks")
    shell.expect_idle(m, before, "after alloc_all and alloc_hold")


# ---- memory back after a process is killed or cannot start -----------------
# Lab 4 checks that a faulting or Ctrl-C'd program dies alone; that every
# frame it had comes back is lab 0x07's (recycling on exit).


@test("7", boot=LAB7)
def crash_memory_back(m):
    """every `crash` case: killed alone, and `ps` shows exactly the Memory line of before"""
    for case in usermode.CRASH_CASES:
        usermode.crash(m, case, memory=True)


@test("7", boot=LAB7)
def ctrl_c_memory_back(m):
    """Ctrl-C ends `spin` (spinning, on a semaphore, in WaitPid with its child): memory back"""
    for case, what in (("loop", "spin spinning"), ("sem", "spin on a semaphore"),
                       ("wait", "spin in WaitPid with its child")):
        ctrl_c.ctrl_c_spin(m, case, f"`{what}` (case {case})", memory=True)


@test("7", boot=fs.FILES)
def run_not_elf_memory_back(m):
    """`run` of a text file is refused and leaves exactly the Memory line of before"""
    fs.run_not_elf(m, memory=True)


PAGE = 4096


def load_bytes(path):
    """Bytes of the whole pages the PT_LOAD segments of the ELF at `path`
    cover: what the loader maps for its code and data, the `code` part of
    a process's Memory in `ps` (lab 0x07's "内核的内存统计")."""
    data = path.read_bytes()
    phoff = int.from_bytes(data[32:40], "little")
    entsize = int.from_bytes(data[54:56], "little")
    total = 0
    for i in range(int.from_bytes(data[56:58], "little")):
        ph = data[phoff + i * entsize: phoff + (i + 1) * entsize]
        if int.from_bytes(ph[0:4], "little") != 1:  # PT_LOAD
            continue
        start = int.from_bytes(ph[16:24], "little")
        end = start + int.from_bytes(ph[40:48], "little")
        total += (end + PAGE - 1) // PAGE * PAGE - start // PAGE * PAGE
    return total


def check_counts_code(m, row, who, path):
    if not path.is_file():
        m.fail(f"no {path} to compare {who}'s row with")
    code = load_bytes(path)
    value, unit = row["memory_shown"]
    if row["memory"] + 0.05 * ps.UNITS[unit] < code:  # one decimal is printed
        shown = " ".join(map(str, row["memory_shown"]))
        m.fail(f"{who}'s row shows {shown}, less than the {code // 1024} KiB of its "
               f"loaded segments ({path.name}): its code is not counted")


@test("7", boot=LAB7)
def ps_counts_code(m):
    """`ps` counts code: the kernel's row and a program's own row cover their ELF's loaded pages"""
    table = shell.ps(m)
    kernel = shell.row(table, 1)
    if kernel is None:
        m.fail("`ps` has no row for the kernel (pid 1)")
    check_counts_code(m, kernel, "the kernel", m.esp_dir / "KERNEL.ELF")
    result = shell.run_ok(m, "factorial", 0, [(markers.FACTORIAL_PROMPT, "10")])
    text = result.output.split(markers.FACTORIAL_AFTER)[0]
    me = shell.row(shell.table(m, text, "factorial's table before calculating"), result.pid)
    if me is None:
        m.fail(f"factorial's table has no row for its pid {result.pid}")
    check_counts_code(m, me, "factorial", m.esp_dir / "APP" / "factorial")
