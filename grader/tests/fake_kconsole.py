"""The fake console's kernel console (pkg/kernel/src/kconsole.c): what the
kernel runs at stages 2 and 3, and later when the ESP has no APP/shell.

Prompt `> `, get_line with echo (0x08 and 0x7F erase with "\\b \\b"), then
`You said: LINE` and `The counter value is N`; at stage 3 and later also
`ps` (the kernel's table), `test` (a thread `#N_test` printing
`\\rN => Tick!` now and then) and `stack` (16 lines `0x000 == 0x000` ...).
Broken behaviours (fake_qemu.BREAKS, `kc-...`) are switched on by name.
"""
import os
import threading
import time

from fake_kernel import Proc

TICK_SECONDS = 0.02  # between two Tick lines of one test thread
HZ = 100


class KernelConsole:
    def __init__(self, kernel, console, stage):
        self.kernel, self.console, self.stage = kernel, console, stage
        self.broken = kernel.broken
        self.started = time.monotonic()
        self.threads = 0
        with kernel.lock:  # no shell: the kernel itself runs, alone
            kernel.procs = {1: kernel.procs[1]}
            kernel.procs[1].status = "Running"

    def counter(self):
        if self.broken("kc-frozen-counter"):
            return 42
        return int((time.monotonic() - self.started) * HZ)

    def read_line(self):
        buf = ""
        while True:
            byte = self.console.read_byte()
            if byte is None:
                os._exit(0)
            if byte in (b"\r", b"\n"):
                self.console.write("\n")
                return buf
            if byte in (b"\x7f", b"\x08") and not self.broken("kc-no-backspace"):
                if buf:
                    buf = buf[:-1]
                    self.console.write("\b \b")
                continue
            char = byte.decode(errors="replace")
            buf += char
            if not self.broken("kc-no-echo"):
                self.console.write(char)

    def loop(self):
        self.console.say("[+] YatSenOS ready.")
        while True:
            self.console.write("> ")
            line = self.read_line().strip()
            if line == "exit" and not self.broken("kc-exit-ignored"):
                os._exit(0)
            if self.stage >= 3 and self.command(line):
                continue
            self.console.say(f"You said: {line}")
            self.console.say(f"The counter value is {self.counter()}")

    def command(self, line):
        if line == "ps":
            self.kernel.stat()
        elif line == "test":
            self.spawn_test()
        elif line == "stack":
            lines = 15 if self.broken("kc-stack-short") else 16
            for i in range(lines):
                self.console.say(f"{i * 256:#05x} == {i * 256:#05x}")
        else:
            return False
        return True

    def spawn_test(self):
        """A kernel thread `#N_test` in the table, ticking in the background."""
        n = self.threads
        self.threads += 1
        with self.kernel.lock:
            proc = Proc(self.kernel.next_pid, 1, f"#{n}_test", code_pages=0)
            proc.born = self.kernel.tick
            self.kernel.next_pid += 1
            self.kernel.procs[proc.pid] = proc
        if self.broken("kc-one-thread") and n > 0:
            return
        threading.Thread(target=self.ticking, args=(n,), daemon=True).start()

    def ticking(self, n):
        while True:
            time.sleep(TICK_SECONDS)
            self.console.write(f"\r{n:<6} => Tick!")
