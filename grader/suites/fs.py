"""Lab 6 (file system): `ls`, `cat` and `run` by path on the FAT16 disk QEMU
makes of the ESP.

The tests put their own files into the machine's copy of the ESP (a short
text with a few non-printable bytes, 1 MiB of seeded random bytes), so
`cat` can be checked byte for byte.  `ls /APP` is checked against the apps
in the ESP being graded, with the sizes the Rust `ls` prints.
"""
import collections
import random
import re
import zlib

from grader import markers, shell
from grader.check import CheckFailed
from grader.esp import boot
from grader.registry import test
from grader.stages import DISK_CONF
from grader.suites.usermode import one_line

TEXT_NAME = "GRADER.TXT"
TEXT = b"YSOS grader: cat test\nline 2 | 0123456789 abcdef\n\x00\x01\x7f\xfe\xff end\n"
BIG_NAME = "BIG.BIN"
BIG_SIZE = 1 << 20
BIG_SEED = 0x7953


def one_mib(_old):
    """1 MiB of reproducible random bytes."""
    return random.Random(BIG_SEED).randbytes(BIG_SIZE)


# A 254-character long name: `/` + it is a 255-character absolute path.
LONG_NAME = ("longest_path_" + "0123456789" * 25)[:250] + ".txt"
LONG_TEXT = b"the longest path\n"
# More than three of `cat`'s 3 KiB chunks, the last one short: its dump is
# checked byte for byte (the 1 MiB file is checked by `sum`).
MID_NAME = "MID.BIN"
MID_SIZE = 10000


def mid_bytes(_old):
    return random.Random(BIG_SEED + 1).randbytes(MID_SIZE)


# Programs and files come from the disk (load_apps=0), as from lab 6 on.
FILES = boot(conf=DISK_CONF, files={TEXT_NAME: TEXT, BIG_NAME: one_mib, LONG_NAME: LONG_TEXT,
                                    MID_NAME: mid_bytes})
SHORT_UNITS = ("B", "K", "M", "G")
# Nominal seconds to read 1 MiB through the disk and file system (`sum`).
BIG_SUM = 120
# One `cat` row: hex bytes (spaces between groups), " | ", the printable text.
HEX_ROW = re.compile(r"^ {4}((?:[0-9a-f]{2} ?)+?) *\| ", re.M)
ERRORS = re.compile(r"^(?:无法打开文件|读取文件失败|无法运行程序)", re.M)
FACTORIAL_10 = 3628800


def ls_size(size):
    """What the Rust `ls` prints for a size: `{:>5.1}` + B/K/M/G (÷1024)."""
    value, unit = float(size), 0
    while value >= 1024 and unit < len(SHORT_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:5.1f}{SHORT_UNITS[unit]}"


def dumped_bytes(m, output, what):
    """The bytes of a `cat` hex dump."""
    data = bytearray()
    for row in HEX_ROW.finditer(output):
        data += bytes.fromhex(row[1].replace(" ", ""))
    if not data and output.strip():
        m.fail(f"{what}: no hex rows in {output.strip()[:200]!r}")
    return bytes(data)


def cat(m, name, size, timeout=None):
    """`cat /NAME`: returns the dumped bytes after checking the count line."""
    path = "/" + name
    output = shell.command(m, f"cat {path}", timeout)
    if not markers.cat_total(size, path).search(output):
        last = output.strip().splitlines()[-1:] or [""]
        m.fail(f"`cat {path}`: no `    > Read {size} bytes from {path}.`; last line {last[0]!r}")
    return dumped_bytes(m, output, f"cat {path}")


def first_difference(a, b):
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def one_error(m, line):
    """`line` prints exactly one error line and no hex dump; the shell goes on."""
    output = shell.command(m, line)
    errors = ERRORS.findall(output)
    if len(errors) != 1 or HEX_ROW.search(output):
        m.fail(f"`{line}` printed {len(errors)} error lines: {output.strip()[:200]!r}")
    if shell.shell_row(shell.ps(m)) is None:
        m.fail(f"after `{line}`, `ps` shows no shell")
    return output


@test("6", boot=FILES)
def ls_apps(m):
    """`ls /APP` lists every app in esp/APP with the size Rust's `ls` prints"""
    folder = m.esp_dir / "APP"
    if not folder.is_dir():
        m.fail(f"no {folder} (this build has no programs)")
    apps = sorted(p for p in folder.iterdir() if p.is_file())
    if not apps:
        m.fail(f"no apps in {m.esp_dir / 'APP'} to look for")
    output = shell.command(m, "ls /APP")
    if not markers.LS_HEADER.search(output):
        m.fail("`ls /APP` printed no `  Size | Last Modified       | Name` header")
    rows = {r["name"].lower(): r for r in markers.LS_ROW.finditer(output)}
    for app in apps:
        r = rows.get(app.name.lower())
        if r is None:
            m.fail(f"`ls /APP` does not list {app.name}")
        shown, want = r["size"] + r["unit"], ls_size(app.stat().st_size)
        if shown != want or r["dir"]:
            m.fail(f"`ls /APP` shows {app.name} as {shown!r}{r['dir']}, expected {want!r} "
                   f"({app.stat().st_size} bytes)")


@test("6", boot=FILES)
def run_short_name(m):
    """`run APP/FACTOR~1` (8.3 name, relative) computes 10! = 3628800"""
    result = shell.run_ok(m, "APP/FACTOR~1", 0, [(markers.FACTORIAL_PROMPT, "10")])
    shell.expect_in(m, result, markers.factorial_result(10, FACTORIAL_10), "10! = 3628800")


@test("6", boot=FILES)
def run_lowercase_path(m):
    """`run /app/factorial` (long name, lower case, absolute) computes 10!"""
    result = shell.run_ok(m, "/app/factorial", 0, [(markers.FACTORIAL_PROMPT, "10")])
    shell.expect_in(m, result, markers.factorial_result(10, FACTORIAL_10), "10! = 3628800")


@test("6", boot=FILES)
def cat_text_file(m):
    """`cat` of a short text file placed in the ESP: every byte in the dump and the count"""
    data = cat(m, TEXT_NAME, len(TEXT))
    if data != TEXT:
        m.fail(f"`cat` dumped {data!r}, the file holds {TEXT!r}")


@test("6", boot=FILES)
def cat_one_mib(m):
    """`sum` of a 1 MiB file: its CRC-32, first and last rows and `Read 1048576 bytes` as
    the file's; `cat` of a 10 000-byte file (four chunks): the same bytes as the file"""
    want = one_mib(b"")
    path = "/" + BIG_NAME
    output = shell.command(m, f"sum {path}", timeout=BIG_SUM)
    found = markers.sum_total(path).search(output)
    if found is None:
        last = output.strip().splitlines()[-1:] or [""]
        m.fail(f"`sum {path}`: no `    > Read N bytes from {path}, CRC-32 XXXXXXXX.`; "
               f"last line {last[0]!r}")
    count, crc = int(found[1]), int(found[2], 16)
    if count != BIG_SIZE:
        m.fail(f"`sum {path}` read {count} bytes, the file holds {BIG_SIZE}")
    rows = dumped_bytes(m, output, f"sum {path}")
    first, last = want[:24], want[-(BIG_SIZE % 24 or 24):]
    if rows != first + last:
        m.fail(f"`sum {path}`: first and last rows {rows.hex()}, the file's are "
               f"{first.hex()} and {last.hex()}")
    if crc != zlib.crc32(want):
        m.fail(f"`sum {path}`: CRC-32 {crc:08x}, the file's is {zlib.crc32(want):08x}: "
               "bytes read differ from the file")
    data = cat(m, MID_NAME, MID_SIZE)
    want = mid_bytes(b"")
    if data != want:
        at = first_difference(data, want)
        m.fail(f"`cat` dumped {len(data)} bytes; they differ from the file at byte {at}")


@test("6", boot=FILES)
def cat_missing_file(m):
    """`cat` of a missing file: one `无法打开文件` line, the shell goes on"""
    output = one_error(m, "cat /NOSUCH.TXT")
    if not markers.cannot_open("/NOSUCH.TXT").search(output):
        m.fail(f"expected `无法打开文件: /NOSUCH.TXT`, got {output.strip()[:200]!r}")


@test("6", boot=FILES)
def cat_directory(m):
    """`cat /APP` (a directory): one error line, no dump, the shell goes on"""
    one_error(m, "cat /APP")


def run_not_elf(m, memory):
    """`run` of a text file: `无法运行程序`, no process left (and, with
    `memory`, the same Memory line)."""
    before = shell.ps(m)
    output = one_error(m, f"run /{TEXT_NAME}")
    if not markers.cannot_run(f"/{TEXT_NAME}").search(output):
        m.fail(f"expected `无法运行程序 '/{TEXT_NAME}': ...`, got {output.strip()[:200]!r}")
    shell.expect_idle(m, before, "after running a text file", memory=memory)


@test("6", boot=FILES, name="run_not_elf")
def run_not_elf_refused(m):
    """`run` of a text file: `无法运行程序`, no process left"""
    run_not_elf(m, memory=False)


@test("6", boot=FILES)
def cat_longest_path(m):
    """`cat` of a 255-character absolute path (a 254-character long name) dumps the file"""
    data = cat(m, LONG_NAME.upper(), len(LONG_TEXT))
    if data != LONG_TEXT:
        m.fail(f"`cat` dumped {data!r}, the file holds {LONG_TEXT!r}")


def expect_cwd_root(m, after):
    """`ls` still lists the root (its APP/ folder): the directory did not change."""
    output = shell.command(m, "ls")
    rows = {r["name"].upper() + r["dir"] for r in markers.LS_ROW.finditer(output)}
    if "APP/" not in rows:
        m.fail(f"after {after}, `ls` does not list the root's APP/: {output.strip()[:200]!r}")


def cd_refused(m, path):
    """`cd PATH` is refused in one line naming PATH; returns the reason given."""
    found = markers.CD_REFUSED.search(one_line(m, f"cd {path}"))
    if found is None or found[1] != path:
        m.fail(f"`cd {path}` did not answer `无法切换目录 '{path}': ...`")
    expect_cwd_root(m, f"`cd {path}`")
    return found[2]


@test("6", boot=FILES)
def cd_refuses_file_and_missing(m):
    """`cd /APP/HELLO` (a file) and `cd /no/such/dir` each say why in one line; cwd stays /"""
    not_dir = cd_refused(m, "/APP/HELLO")
    missing = cd_refused(m, "/no/such/dir")
    if not_dir == missing:
        m.fail(f"`cd` gives the same reason {not_dir!r} for a file and for a missing path")


# ---- a damaged volume (a raw disk, see disk.py) -----------------------------
# The kernel reports each damage in one `corrupt file system` line and the
# command ends at once: no chain is followed past a cluster seen before.

LOOP_DIR, LOOP_FILE, ZERO_DIR = "LOOP", "LOOP.BIN", "ZERO"
# Seconds for a command on the damaged volume; a sound `ls` takes well under one.
CORRUPT_TIMEOUT = 20


def loop_entry_name(i):
    return f"F{i:07d}TXT".encode()  # 8.3 without the dot: F0000002.TXT ...


def damaged_volume(vol):
    """/LOOP: a directory whose only cluster is full of entries and is its
    own successor; /LOOP.BIN: three clusters, the last followed by the
    first; /ZERO: a directory entry pointing at cluster 0."""
    vol.mkdir(LOOP_DIR)
    vol.fill_dir(LOOP_DIR, loop_entry_name)
    first = vol.first_cluster(LOOP_DIR)
    vol.set_fat(first, first)
    vol.write(LOOP_FILE, bytes(3 * vol.cluster_bytes))
    chain = vol.chain(vol.first_cluster(LOOP_FILE))
    vol.set_fat(chain[-1], chain[0])
    vol.mkdir(ZERO_DIR)
    vol.set_first_cluster(ZERO_DIR, 0)


DAMAGED = boot(conf=DISK_CONF, disk=damaged_volume)


def corrupt_command(m, line):
    """Output of `line` on the damaged volume: it ends in CORRUPT_TIMEOUT
    seconds with exactly one `corrupt file system` line."""
    try:
        output = shell.command(m, line, timeout=CORRUPT_TIMEOUT)
    except CheckFailed as e:
        raise CheckFailed(f"`{line}` did not end within {CORRUPT_TIMEOUT} s ({e.reason})",
                          e.details) from None
    found = markers.CORRUPT_FS.findall(output)
    if len(found) != 1:
        m.fail(f"`{line}` printed {len(found)} `corrupt file system` lines, expected one: "
               f"{output.strip()[:200]!r}")
    return output


@test("6", boot=DAMAGED)
def ls_looping_directory(m):
    """`ls` of a directory whose cluster chain loops: each entry once, one `corrupt file system`"""
    output = corrupt_command(m, f"ls /{LOOP_DIR}")
    names = collections.Counter(r["name"] for r in markers.LS_ROW.finditer(output))
    twice = sorted(name for name, count in names.items() if count > 1)
    if twice:
        m.fail(f"`ls /{LOOP_DIR}` listed {len(twice)} entries more than once, e.g. "
               f"{twice[0]} {names[twice[0]]} times")


@test("6", boot=DAMAGED)
def cat_looping_file(m):
    """`cat` of a file whose cluster chain loops: one `corrupt file system`, one error, no dump"""
    output = corrupt_command(m, f"cat /{LOOP_FILE}")
    if len(ERRORS.findall(output)) != 1 or HEX_ROW.search(output):
        m.fail(f"`cat /{LOOP_FILE}` did not give exactly one error line and no dump: "
               f"{output.strip()[:200]!r}")


@test("6", boot=DAMAGED)
def ls_cluster_zero_directory(m):
    """an entry pointing at cluster 0 is corrupt, not the root: `ls`, `cat` through it refused"""
    output = corrupt_command(m, f"ls /{ZERO_DIR}")
    if markers.LS_ROW.search(output):
        m.fail(f"`ls /{ZERO_DIR}` listed entries (the root's?): {output.strip()[:200]!r}")
    output = corrupt_command(m, f"cat /{ZERO_DIR}/{LOOP_FILE}")
    if HEX_ROW.search(output):
        m.fail(f"`cat /{ZERO_DIR}/{LOOP_FILE}` dumped the root's {LOOP_FILE}")
