"""Robustness: the system survives what a careless or hostile user does.

- 500 random lines typed at the shell (seeded, so a failure can be
  replayed): no panic, the prompt always comes back;
- the syscall_fuzz app: 10 000 seeded syscalls with random numbers and
  arguments (everything but the calls that would end or block it);
- 200 `run hello` in a row.
Each ends with `ps`: the shell alive, nothing left over, memory back to what
it was before.
"""
import random
import re

from grader import markers, shell
from grader.check import CheckFailed
from grader.registry import test

POOL = "robust"
SEED = 20240607
LINES = 500
FUZZ_CALLS = 10000
FUZZ_TIMEOUT = 300
HELLO_RUNS = 200

# Typed at the shell: printable ASCII, some Chinese, editing keys (DEL,
# Backspace, Tab), Ctrl-C, and complete escape sequences (arrows, Delete,
# Home).  Never Ctrl-D (leaves the shell on an empty line), Ctrl-A (QEMU's
# console escape), CR/LF (Enter ends every line anyway) or a lone ESC.
PRINTABLE = [chr(c) for c in range(0x20, 0x7F)] + list("中文测试进程")
EDIT_KEYS = ["\x7f", "\x08", "\t", "\x03", "\x00", "\x02", "\x07", "\x0b", "\x0c", "\x15"]
ESCAPES = ["\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[3~", "\x1b[H", "\x1bOF"]
COMMANDS = ["help", "ps", "ls", "cat", "cd", "run", "nohup", "kill", "clear", "echo", "PS", "rm"]
WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./~_-*?"


def random_word(rng, apps):
    """A path-like word that is not one of the apps (no program waits for input)."""
    while True:
        word = "".join(rng.choice(WORD_CHARS) for _ in range(rng.randint(1, 12)))
        name = word.rstrip("/").rsplit("/", 1)[-1].lower()
        if name not in apps:
            return word


def random_line(rng, apps, shell_pid):
    """One line: a command with junk arguments, or junk with keys mixed in."""
    if rng.random() < 0.5:
        cmd = rng.choice(COMMANDS)
        args = [random_word(rng, apps) for _ in range(rng.randint(0, 3))]
        if cmd == "kill":
            # Never the shell itself; 1 (the kernel) must be refused.
            pid = rng.choice([1, 0, rng.randint(shell_pid + 1, 65535), 70000])
            args = [str(pid)] if rng.random() < 0.7 else args
        line = " ".join([cmd] + args)
    else:
        line = "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(0, 40)))
    keys = list(line)  # insert whole keys: never inside an escape sequence
    for _ in range(rng.randint(0, 3)):
        keys.insert(rng.randint(0, len(keys)), rng.choice(EDIT_KEYS + ESCAPES))
    return "".join(keys)


def app_names(m):
    """Names a random word must avoid: every app, long and 8.3 (FACTOR~1)."""
    names = set()
    for p in (m.esp_dir / "APP").iterdir():
        names |= {p.name.lower(), p.name.lower()[:6] + "~1"}
    return names


@test("robust", machine=POOL)
def random_lines(m):
    """500 seeded random lines at the shell: no panic, a prompt after each, `ps` still works"""
    before = shell.ps(m)
    rng = random.Random(SEED)
    apps = app_names(m)
    prompt = re.escape(m.settings.prompt)
    for i in range(1, LINES + 1):
        line = random_line(rng, apps, shell.shell_row(before)["pid"])
        m.send_line(line)
        # Ctrl-C ends the line early and gives a prompt of its own.
        for _ in range(1 + line.count("\x03")):
            try:
                m.expect(prompt)
            except CheckFailed as e:
                raise CheckFailed(f"line {i} of seed {SEED} ({line!r}): {e.reason}",
                                  e.details) from None
    shell.command(m, "cd /")
    after = shell.ps(m)
    if shell.shell_row(after) is None or shell.pids(after) != shell.pids(before):
        m.fail(f"after the random lines `ps` lists {shell.pids(after)}, before "
               f"{shell.pids(before)}")


@test("robust", machine=POOL)
def syscall_fuzz(m):
    """syscall_fuzz: 10 000 seeded random syscalls, no contract violation; memory back"""
    before = shell.ps(m)
    answer = f"{SEED} {FUZZ_CALLS}"
    result = shell.run(m, "syscall_fuzz", [(markers.FUZZ_PROMPT, answer)], timeout=FUZZ_TIMEOUT)
    done = shell.expect_in(m, result, markers.FUZZ_DONE, "the `syscall_fuzz: done` line")
    if (int(done[1]), int(done[2]), result.code) != (FUZZ_CALLS, 0, 0):
        m.fail(f"syscall_fuzz (seed {SEED}): {done[1]} calls, {done[2]} contract violations, "
               f"exit code {result.code}")
    shell.expect_idle(m, before, f"after syscall_fuzz (seed {SEED})")


@test("robust", machine=POOL)
def hello_200_times(m):
    """200 `run hello` in a row: each exits 233; memory back"""
    before = shell.ps(m)
    for i in range(1, HELLO_RUNS + 1):
        result = shell.run(m, "hello")
        if result.code != markers.HELLO_EXIT:
            m.fail(f"run {i} of hello exited with {result.code}")
    shell.expect_idle(m, before, f"after {HELLO_RUNS} runs of hello")
