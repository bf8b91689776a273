"""One YSOS machine: QEMU (or a stand-in) under pexpect, on a serial console.

A test talks to it like a person at the terminal:

    m.expect(r"YatSenOS initialized")     wait for new output to match
    m.expect_logged(r"parse log_level")   ...or for a match anywhere since boot
    m.send_line("ps")                     type a line (Enter = CR by default)
    out = m.run_command("ps")             output of one shell command
    table = m.ps()                        the `ps` table, parsed (ps.py)

Waiting is always "until this output appears or the timeout expires", never
"sleep, then look".  While waiting, a kernel panic or a machine reset (the
firmware starting a boot entry a second time, or the loader or the kernel
banner printed again) fails the wait at once instead of after the timeout.
A wait for a boot line or the first prompt (`boot=True`) also fails once the
machine halts: nothing new for IDLE seconds after the kernel's banner.  When
such a wait fails before any prompt came, the boot is dead (`m.dead` holds
the reason): the runner fails every later test of the same BootSpec at once
instead of booting it again.  Every failure carries the expected pattern and the
last 40 lines of output, which is what a student needs to see.

The whole (cleaned) output is kept in `m.log`; the runner saves it when a
test fails.
"""
import os
import re
import shlex
import shutil
import signal
import time

import pexpect

from grader import cleanup, disk, esp, markers
from grader.ansi import AnsiFilter
from grader.check import CheckFailed
from grader.ps import parse_ps
from grader.settings import default_boot_conf

QEMU = "qemu-system-x86_64"
LAST_LINES = 40
# How far back _wait looks again after new output (see _wait).
RESCAN_WINDOW = 64 * 1024
# Nominal seconds without output, once the kernel's banner is out, after
# which a machine waiting for a boot line or its first prompt counts as
# halted (scaled by --timeout-scale, at least MIN_IDLE).  The firmware's
# silent seconds come before the banner and do not count.  Measured on a
# loaded 2-core host: banner to shell prompt 0.15 s, longest gap 0.05 s.
IDLE = 3.0
MIN_IDLE = 0.5
# The same for a loader that has started (its first line is out) but has
# not started a kernel: a loader that stopped on an error, or one whose
# stub holes leave it nowhere to go. Longer: reading the kernel and the
# programs through vvfat is slower than the kernel's own boot.
LOADER_IDLE = 10.0
# `TODO(lab 0x05): proc_fork is not implemented`: a stub of an unfilled hole.
TODO_LINE = re.compile(r"TODO\(lab 0x0(\d)\): (\S(?:[^\n]*?\S)?) is not implemented")


def _compile(pattern):
    return pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.M)


class Machine:
    """A machine booting `esp_dir` changed by `boot` (an esp.BootSpec).

    settings:      grader.settings.Settings (timeouts, prompt, QEMU args)
    timeout_scale: every timeout is multiplied by it (slow hosts, self-tests)
    echo:          echo(machine, text) is called with each cleaned chunk of
                   output (-v)
    qemu_cmd:      command line replacing `qemu-system-x86_64` (self-tests run
                   a scripted fake console this way); QEMU's arguments follow.
    wrap:          wrap(argv, workdir) -> the argv to start instead (batch
                   grading runs QEMU sandboxed: sandbox.for_machine).
    """

    def __init__(self, settings, esp_dir, boot=esp.DEFAULT, name="ysos", timeout_scale=1.0,
                 echo=None, qemu_cmd=None, wrap=None):
        self.settings = settings
        self.esp_dir = esp_dir
        self.boot = boot
        self.name = name
        self.timeout_scale = timeout_scale
        self.newline = "\r"  # what Enter sends on a real terminal; the shell accepts "\n" too
        self.boot_conf = None  # BootConf written into this machine's ESP
        self.shell_ready = False  # the shell's first prompt was seen (shell.at_prompt)
        self.started_at = None  # time.monotonic() when QEMU was started
        self._echo = echo
        self._qemu_cmd = qemu_cmd
        self._wrap = wrap
        self._child = None
        self._tmp = None
        self._filter = AnsiFilter()
        self._text = ""  # cleaned output so far
        self._pos = 0  # expect() looks for new output from here
        self._scanned = 0  # fatal-event scan has read complete lines up to here
        self._fatal = []  # (position, reason): panics and resets seen
        self._firmware_starts = 0
        self._banners = 0  # kernel banners seen (a second one: reset)
        self._loaders = 0  # loader start lines seen
        self._last_output = None  # time.monotonic() of the last output
        self._prompt_at = None  # m.log position of the first prompt (shell or kernel console)
        self.dead = ""  # why this boot is dead (see the module comment), or ""
        self._eof = False
        self._replayed = False  # a replay() of a dead boot: no QEMU behind it
        self._closed = False

    # ---- life cycle -------------------------------------------------------

    def command(self, esp_path, image=None):
        """argv that boots `esp_path` (or the raw disk `image` built from it):
        config.toml's QEMU arguments + the drive."""
        prog = shlex.split(self._qemu_cmd) if self._qemu_cmd else [QEMU]
        drive = f"format=raw,file={image}" if image else f"format=raw,file=fat:{esp_path}"
        memory = ["-m", self.boot.memory] if self.boot.memory else []  # the last -m counts
        return prog + list(self.settings.qemu_args) + memory + ["-drive", drive]

    def start(self):
        cleanup.register(self)
        try:
            fallback = default_boot_conf(self.settings)
            self._tmp, esp_copy, self.boot_conf = esp.prepare(self.esp_dir, self.boot, fallback)
            image = None
            if self.boot.disk is not None:
                try:
                    image = disk.build(esp_copy, self._tmp / "disk.img", self.boot.disk)
                except disk.DiskError as e:
                    raise CheckFailed(f"cannot build the test's disk: {e}") from None
            argv = self.command(esp_copy, image)
            if self._wrap is not None:
                argv = self._wrap(argv, self._tmp)
            self.started_at = time.monotonic()
            # pexpect gives the child a pty and its own session (setsid), so
            # kill() can take down its whole process group.
            try:
                self._child = pexpect.spawn(argv[0], argv[1:], encoding="utf-8",
                                            codec_errors="replace", echo=False, timeout=None)
            except pexpect.ExceptionPexpect as e:
                raise CheckFailed(f"cannot start {argv[0]}: {e}") from None
            self._child.ptyproc.delayafterclose = 0  # we reap it ourselves in close()
            # pexpect sleeps 50 ms before every send by default (for programs
            # that reset the tty); 500 typed lines would wait 25 s for nothing.
            self._child.delaybeforesend = None
        except BaseException:
            self.close()
            raise
        return self

    def kill(self):
        """Kill QEMU and everything in its process group (safe from any thread).

        The group outlives its leader while anything QEMU started still runs,
        so this is tried even when QEMU itself has already exited."""
        child = self._child
        if child is not None and not self._closed:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def close(self):
        """Kill, reap, delete the ESP copy.  Idempotent."""
        if self._child is not None and not self._closed:
            self.kill()
            try:
                self._child.wait()
            except pexpect.ExceptionPexpect:
                pass
            self._child.close(force=True)
            self._closed = True
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        cleanup.unregister(self)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
        return False

    # ---- output -----------------------------------------------------------

    @property
    def log(self):
        """Everything the machine printed so far, without escape codes and CRs."""
        return self._text

    @property
    def position(self):
        """Where the next expect() starts looking (an index into m.log)."""
        return self._pos

    def last_lines(self, n=LAST_LINES):
        return self._text.splitlines()[-n:]

    def _read_some(self, timeout):
        """Wait up to `timeout` seconds for output; append it to the log."""
        try:
            raw = self._child.read_nonblocking(65536, timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self._eof = True
            return
        text = self._filter.feed(raw)
        if text:
            self._last_output = time.monotonic()
            # Appended through a local that holds the only reference, so CPython
            # grows the string in place instead of copying the whole log per read.
            log, self._text = self._text, ""
            log += text
            self._text = log
            self._scan_fatal()
            self._scan_prompt(len(text))
            if self._echo:
                self._echo(self, text)

    def _scan_fatal(self):
        """Note panics and resets in the complete lines not scanned yet."""
        end = self._text.rfind("\n") + 1
        for m in markers.PANIC.finditer(self._text, self._scanned, end):
            line_start = self._text.rfind("\n", 0, m.start()) + 1
            line = self._text[line_start : self._text.find("\n", m.start())]
            self._fatal.append((m.start(), "kernel panic: " + line.strip()))
        for m in markers.FIRMWARE_START.finditer(self._text, self._scanned, end):
            self._firmware_starts += 1
            if self._firmware_starts > 1:
                self._fatal.append((m.start(), "machine reset: the firmware started a boot entry "
                                               "again (triple fault, or the loader returned)"))
        for m in markers.LOADER_START.finditer(self._text, self._scanned, end):
            self._loaders += 1
            if self._loaders > 1 and self._firmware_starts < 2:
                self._fatal.append((m.start(), "machine reset: the loader started again"))
        for m in markers.KERNEL_BANNER.finditer(self._text, self._scanned, end):
            self._banners += 1
            if self._banners > 1 and self._loaders < 2 and self._firmware_starts < 2:
                self._fatal.append((m.start(), "machine reset: the kernel banner appeared again"))
        self._scanned = max(self._scanned, end)

    def _scan_prompt(self, added):
        """Note where the first prompt (the shell's or the kernel console's) is."""
        if self._prompt_at is not None:
            return
        start = max(0, len(self._text) - added - 64)
        found = [m.start() for m in (markers.prompt(self.settings.prompt).search(self._text, start),
                                     markers.KCONSOLE_PROMPT.search(self._text, start)) if m]
        if found:
            self._prompt_at = min(found)

    @property
    def prompt_seen(self):
        """A prompt (the shell's or the kernel console's) was printed."""
        return self._prompt_at is not None

    def todo_lines(self):
        """`TODO(lab 0x0N): NAME` of every stub that said it ran, in order."""
        seen = dict.fromkeys(f"TODO(lab 0x0{m[1]}): {m[2]}" for m in TODO_LINE.finditer(self._text))
        return list(seen)

    def idle_limit(self):
        """Seconds of silence that count as a halt: after the kernel's
        banner, else after the loader's first line."""
        return max((IDLE if self._banners else LOADER_IDLE) * self.timeout_scale, MIN_IDLE)

    def _halted(self):
        """Seconds the machine has been silent since its kernel banner (or,
        before it, since the loader started), when that is longer than
        idle_limit(); else None."""
        if not (self._banners or self._loaders) or self._last_output is None:
            return None
        silent = time.monotonic() - self._last_output
        return silent if silent >= self.idle_limit() else None

    def _exit_description(self):
        if self._replayed:
            return self.dead
        child = self._child
        if child.isalive():
            return "QEMU closed its console"
        if child.signalstatus is not None:
            return f"QEMU was killed by signal {child.signalstatus}"
        return f"QEMU exited with status {child.exitstatus}"

    def replay(self, seen_by):
        """A stand-in for booting this dead machine's BootSpec again: the same
        output (boot lines printed before it died still match), then nothing
        more; a wait for anything else fails at once with the reason it died."""
        copy = Machine(self.settings, self.esp_dir, self.boot, self.name, self.timeout_scale)
        copy._text, copy._fatal, copy._scanned = self._text, list(self._fatal), self._scanned
        copy._firmware_starts, copy._loaders, copy._banners = (
            self._firmware_starts, self._loaders, self._banners)
        copy._prompt_at, copy.boot_conf = self._prompt_at, self.boot_conf
        copy.dead = f"{self.dead} [boot seen dead in {seen_by}]"
        copy._eof = True
        copy._replayed = True
        return copy

    def mark_dead(self, reason):
        """This boot will never get where its tests need it (see the module comment)."""
        if not self.dead:
            self.dead = reason

    def failure(self, reason, expected=None):
        """CheckFailed for this machine: reason + expected pattern + last lines."""
        lines = []
        if expected is not None:
            lines.append(f"expected: /{expected.pattern}/")
        tail = self.last_lines()
        lines.append(f"last {len(tail)} lines of output:")
        lines += ["| " + line for line in tail]
        return CheckFailed(reason, "\n".join(lines))

    def fail(self, reason):
        raise self.failure(reason)

    def _timeout(self, timeout):
        nominal = self.settings.command_timeout if timeout is None else timeout
        return nominal * self.timeout_scale

    def _wait(self, rx, start, timeout, fatal, boot=False):
        try:
            return self._wait_for(rx, start, timeout, fatal, boot)
        except CheckFailed as e:
            if boot and not self.prompt_seen:
                self.mark_dead(e.reason)
            raise

    def _wait_for(self, rx, start, timeout, fatal, boot):
        limit = self._timeout(timeout)
        deadline = time.monotonic() + limit
        searched = start  # text before this was searched already (minus the window)
        while True:
            # A match must end in text not searched yet; looking back RESCAN_WINDOW
            # characters covers every pattern the checks use (at most a few lines),
            # and keeps a long stream (a 4 MiB Write) from being rescanned per read.
            m = rx.search(self._text, max(start, searched - RESCAN_WINDOW))
            searched = len(self._text)
            if fatal:
                # A panic or reset before the match (or anywhere, when there is
                # no match yet) means the machine is gone: fail now.
                for pos, reason in sorted(self._fatal):
                    if m is None or start <= pos < m.start():
                        raise self.failure(reason, rx)
            if m is not None:
                return m
            if self._eof:
                raise self.failure(self._exit_description(), rx)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self.failure(f"timeout after {limit:.1f}s waiting for /{rx.pattern}/", rx)
            if boot:
                silent = self._halted()
                if silent is not None:
                    last = (self.last_lines(1) or [""])[0].strip()
                    raise self.failure(f"halted: no output for {silent:.1f}s after {last[:80]!r} "
                                       f"while waiting for /{rx.pattern}/", rx)
                if self._banners or self._loaders:
                    idle_left = self._last_output + self.idle_limit() - time.monotonic()
                    remaining = min(remaining, max(idle_left, 0.01))
            self._read_some(remaining)

    def expect(self, pattern, timeout=None, fatal=True, boot=False):
        """Wait for `pattern` in output after the previous expect()'s match.

        timeout is in nominal seconds (default: command_timeout), scaled by
        --timeout-scale.  fatal=False lets a test wait through a panic.
        boot=True: a wait for part of the boot (fails when the machine halts,
        see the module comment).  Returns the re.Match (its positions index m.log).
        """
        rx = _compile(pattern)
        m = self._wait(rx, self._pos, timeout, fatal, boot)
        self._pos = m.end()
        return m

    def expect_logged(self, pattern, timeout=None, fatal=True, after=0, boot=False):
        """Wait for `pattern` anywhere in the output since power-on (or since
        position `after`, e.g. a previous match's end()).

        For boot-log checks on a shared machine: they pass whichever test ran
        first and consumed the output.  Does not move expect()'s position.
        """
        return self._wait(_compile(pattern), after, timeout, fatal, boot)

    def expect_exit(self, timeout=None):
        """Wait for QEMU to exit (the kernel powered the machine off).  Fails
        at once on a panic or reset after expect()'s position, or at the
        timeout (nominal seconds, default command_timeout).  The machine
        cannot be used afterwards: give such a test its own machine."""
        limit = self._timeout(timeout)
        deadline = time.monotonic() + limit
        while not self._eof:
            for pos, reason in sorted(self._fatal):
                if pos >= self._pos:
                    raise self.failure(reason)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self.failure(f"timeout after {limit:.1f}s waiting for QEMU to exit")
            self._read_some(remaining)
        self._pos = len(self._text)

    def expect_boot(self, pattern, fatal=True, after=0):
        """expect_logged() with the boot timeout: for lines printed during boot."""
        return self.expect_logged(pattern, self.settings.boot_timeout, fatal, after, boot=True)

    # ---- input ------------------------------------------------------------

    def send(self, text):
        if self._replayed:
            raise self.failure(self.dead)
        self._child.send(text)

    def send_line(self, text):
        self.send(text + self.newline)

    def wait_prompt(self, timeout=None):
        """Wait for the shell prompt (default timeout: boot_timeout, as a
        boot wait: the first prompt)."""
        if timeout is None:
            return self.expect(re.escape(self.settings.prompt), self.settings.boot_timeout,
                               boot=True)
        return self.expect(re.escape(self.settings.prompt), timeout)

    def run_command(self, command, timeout=None):
        """Type `command` at the prompt; return its output up to the next prompt.

        Call after the prompt was seen (wait_prompt() or a previous
        run_command()).  The shell's echo of the command line is dropped.
        """
        start = self._pos
        self.send_line(command)
        m = self.expect(re.escape(self.settings.prompt), timeout)
        output = self._text[start : m.start()]
        echo = output.find(command)
        if echo >= 0:
            newline = output.find("\n", echo)
            output = output[newline + 1 :] if newline >= 0 else ""
        return output

    def ps(self, timeout=None):
        """Run `ps` and parse its table (see ps.parse_ps)."""
        return parse_ps(self.run_command("ps", timeout))
