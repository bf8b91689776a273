"""The fake console's shell: pkg/lib's line editor and pkg/app/shell's
commands, as docs/userland.md describes them, on top of fake_kernel.

Programs are the generators in fake_apps.py; `run` drives one, reading a
line from the console whenever it asks for input.  `nohup` runs one in a
thread while the shell goes on reading.  Ctrl-C (docs/userland.md) ends the
program `run` drives while it runs without reading, and stops `cat
/dev/random` and `ls` between chunks of rows.
"""
import os
import posixpath
import random
import threading
import time
import zlib

from fake_apps import APPS, KEY, RUNNING, Context
from fake_kernel import KILLED_CODE, Killed

PROMPT = "ysos> "
LINE_SIZE = 512  # pkg/app/shell/main.c: a 256-byte path after a command fits
OLD_LINE_SIZE = 256  # the "short-line-limit" break
INPUT_BUFFER = 1024
ERASE = (b"\x7f", b"\x08")
CTRL_C, CTRL_D, ESC, TAB = b"\x03", b"\x04", b"\x1b", b"\t"
HEX_ROW_BYTES = 24
CAT_CHUNK_ROWS = 128  # rows per Read of `cat` (pkg/app/shell CAT_CHUNK)
RUN_POLL = 0.01  # seconds a running program runs between two looks for Ctrl-C
LS_POLL = 0.005  # seconds the kernel's listing looks for Ctrl-C every LS_STEP rows


class LineEditor:
    """read_line(): echo, erase, Ctrl-C, Ctrl-D, CR/LF/CRLF, escapes ignored."""

    def __init__(self, console, broken):
        self.console, self.broken = console, broken
        self.swallow_lf = False

    def _read(self):
        byte = self.console.read_byte()
        if byte is None:
            os._exit(0)  # the terminal went away
        return byte

    def _skip_escape(self):
        kind = self._read()
        if kind in (b"[", b"O"):
            while not 0x40 <= self._read()[0] <= 0x7E:
                pass

    def read_line(self, size=LINE_SIZE, ctrl_c_ends=None):
        """(text, too_long), or (None, False) at Ctrl-D on an empty line.
        ctrl_c_ends(): called at Ctrl-C instead (a kernel that ends readers)."""
        buf = bytearray()
        too_long = False
        typed = 0
        while True:
            byte = self._read()
            typed += 1
            if typed > INPUT_BUFFER and self.broken("input-drops"):
                continue  # a full input buffer drops the rest, Enter included
            if byte == b"\n" and self.swallow_lf:
                self.swallow_lf = False
                continue
            self.swallow_lf = byte == b"\r"
            if byte in (b"\r", b"\n"):
                self.console.write("\n")
                return buf.decode(errors="replace"), too_long
            if byte == CTRL_C and ctrl_c_ends is not None:
                ctrl_c_ends()
            if byte in ERASE and not self.broken("no-backspace"):
                self._erase(buf)
            elif byte == CTRL_C and not self.broken("no-ctrl-c"):
                self.console.write("^C\n")
                return "", False
            elif byte == CTRL_D and not buf:
                return None, False
            elif byte == ESC:
                self._skip_escape()
            elif byte == TAB and self.broken("shell-dies-on-tab"):
                os._exit(0)
            elif byte[0] >= 0x20 or (byte in ERASE and self.broken("no-backspace")):
                if len(buf) >= size - 1:
                    too_long = True
                else:
                    buf += byte
                self.console.write(byte.decode(errors="replace") if byte[0] < 0x80 else "")
                if byte[0] >= 0x80:
                    self._echo_utf8(buf)

    def read_key(self, ctrl_c_ends=None):
        """One character as the kernel's stdin Read delivers it (pkg/console):
        CR -> '\\n', DEL -> '\\b', a UTF-8 sequence whole."""
        while True:
            byte = self._read()
            if byte == CTRL_C and ctrl_c_ends is not None:
                ctrl_c_ends()
            if byte == CTRL_C and self.broken("ctrl-c-eaten"):
                continue
            if byte == b"\r" and not self.broken("console-raw-cr"):
                return "\n"
            if byte == b"\x7f" and not self.broken("console-raw-del"):
                return "\b"
            if byte[0] < 0x80 or self.broken("utf8-split"):
                return byte.decode("latin-1")
            need = 2 if byte[0] < 0xE0 else 3 if byte[0] < 0xF0 else 4
            data = byte + b"".join(self._read() for _ in range(need - 1))
            return data.decode(errors="replace")

    def _echo_utf8(self, buf):
        """Echo a multi-byte character once its last byte arrived."""
        try:
            tail = bytes(buf[-4:]).decode()
            self.console.write(tail[-1])
        except UnicodeDecodeError:
            pass

    def _erase(self, buf):
        if not buf:
            return
        while buf and (buf[-1] & 0xC0) == 0x80:
            buf.pop()
        wide = buf.pop() >= 0x80
        self.console.write("\b \b" * (2 if wide else 1))


class Shell:
    def __init__(self, kernel, console):
        self.kernel, self.console = kernel, console
        self.broken = kernel.broken
        self.editor = LineEditor(console, self.broken)
        self.cwd = "/"
        self.commands = {"help": self.help, "ps": self.ps, "run": self.run, "nohup": self.nohup,
                         "kill": self.kill, "ls": self.ls, "cat": self.cat, "cd": self.cd,
                         "sum": self.sum,
                         "clear": self.clear}

    def say(self, text=""):
        self.console.say(text)

    def loop(self):
        self.say("欢迎使用YSOS Shell!")
        self.say("输入 help 获取帮助信息")
        while True:
            self.console.write(PROMPT)
            size = OLD_LINE_SIZE if self.broken("short-line-limit") else LINE_SIZE
            line, too_long = self.editor.read_line(size)
            if line is None or line.strip() == "exit":
                return
            if too_long and not self.broken("long-line-run"):
                self.say(f"输入过长: 一行最多 {size - 1} 个字节")
                continue
            self.execute(line)

    def execute(self, line):
        words = line.split()
        if not words:
            if self.broken("empty-line-unknown"):
                self.unknown("")
            return
        command = self.commands.get(words[0])
        if words[0] == "echo":  # for the Machine self-tests
            self.say(line.split(None, 1)[1] if len(words) > 1 else "")
        elif command is None:
            self.unknown(words[0])
        elif words[0] in ("run", "nohup", "kill", "cat", "cd", "sum") and len(words) < 2:
            self.say(f"用法: {words[0]} <arg>")
        elif words[0] in ("help", "ps", "clear"):
            command()
        else:
            command(*words[1:2])

    def unknown(self, word):
        if not self.broken("unknown-silent"):
            self.say(f"未知命令: '{word}'")
            self.say("输入 help 获取可用命令列表")

    def resolve(self, path):
        """Absolute path, `.` and `..` resolved (the kernel ignores case)."""
        return posixpath.normpath(posixpath.join(self.cwd, path)).replace("//", "/")

    # ---- commands ------------------------------------------------------------

    def help(self):
        self.say("可用命令: " + " ".join(self.commands) + " exit")

    def ps(self):
        self.say("当前运行的进程列表:")
        self.kernel.stat()

    def spawn(self, program):
        candidates = [self.resolve(program)]
        if "/" not in program:
            candidates.append("/APP/" + program)
        for path in candidates:
            started = self.kernel.spawn(path, self.kernel.procs[2])
            if started:
                return started
        exists = any(self.kernel.lookup(p) for p in candidates)
        if exists and self.broken("run-text-silent"):
            return None
        if exists or not self.broken("run-missing-silent"):
            self.say(f"无法运行程序 '{program}': 找不到该程序或它不是有效的可执行文件")
        return None

    def run(self, program):
        self.say(f"正在运行程序: {program}")
        started = self.spawn(program)
        if started is None:
            return
        proc, name = started
        self.say(f"进程ID: {proc.pid}")
        self.kernel.schedule(proc)
        code = self.drive(Context(self.kernel, proc, self.console, self.editor), name)
        self.say(f"程序 '{program}' 已退出, 返回值: {code}")

    def drive(self, ctx, name):
        """Run program `name` (the foreground program) to its end; its exit code."""
        program = APPS.get(name)
        code = 0
        ends = (lambda: self.end_by_ctrl_c(ctx)) if self.broken("ctrl-c-kills-reader") else None
        if program is not None:
            steps = program(ctx)
            try:
                request = next(steps)
                while True:
                    answer = None
                    if request == RUNNING:
                        if self.console.ctrl_c_typed(RUN_POLL) and self.ctrl_c_ends(ctx):
                            self.end_by_ctrl_c(ctx)
                    elif request == KEY:
                        answer = self.editor.read_key(ends)
                    else:
                        answer, _ = self.editor.read_line(request or LINE_SIZE, ends)
                    request = steps.send(answer)
            except StopIteration as done:
                code = done.value
            except Killed as killed:
                code = killed.code
        self.kernel.exit(ctx.proc, ctx.leaked)
        return code

    def ctrl_c_ends(self, ctx):
        """Does a Ctrl-C end this program, running without reading?"""
        if self.broken("ctrl-c-ignored"):
            return False
        return not (ctx.blocked and self.broken("ctrl-c-blocked-kept"))

    def end_by_ctrl_c(self, ctx):
        """The kernel ends the foreground program and its children: `^C`, 0xdead."""
        self.console.write("^C\n")
        for child in ctx.children:
            if not self.broken("ctrl-c-child-left"):
                self.kernel.exit(child)
        if self.broken("ctrl-c-leak"):
            ctx.leaked = 2
        raise Killed(KILLED_CODE)

    def nohup(self, program):
        started = self.spawn(program)
        if started is None:
            return
        proc, name = started
        self.say(f"程序 '{program}' 已在后台运行, 进程ID: {proc.pid}")
        ctx = Context(self.kernel, proc, self.console, None)
        if self.broken("nohup-orphan"):
            ctx.keep = True
        threading.Thread(target=self.background, args=(ctx, name), daemon=True).start()

    def background(self, ctx, name):
        steps = APPS[name](ctx)
        for _ in steps:  # a background program gets no input
            pass
        if not ctx.keep:
            self.kernel.exit(ctx.proc, ctx.leaked)

    def kill(self, text):
        if not text.isdigit() or not 0 < int(text) < 65536:
            self.say(f"无效的进程ID: '{text}'")
        elif int(text) == 1 and self.broken("kill-1-silent"):
            self.kernel.log("warn", "Kill: the kernel (pid 1) cannot be killed")
        elif int(text) == 1:
            self.say("无法终止进程 1: 内核进程不能被终止")
        elif int(text) == 2 and not self.broken("kill-self-survives"):
            os._exit(0)  # the shell killed itself: the machine shuts down
        elif int(text) in self.kernel.procs:
            self.kernel.procs[int(text)].killed = True
            for _ in range(200):  # as in YSOS, gone when `kill` returns
                if int(text) not in self.kernel.procs:
                    break
                time.sleep(0.01)

    def ls(self, path="."):
        look = None if self.broken("ls-no-ctrl-c") else lambda: self.console.ctrl_c_typed(LS_POLL)
        if self.kernel.list_dir(self.resolve(path), look):
            self.say("^C")

    def cat_random(self):
        """`cat /dev/random`: rows until Ctrl-C, looked for after each chunk."""
        rng = random.Random(0x7953)
        while True:
            rows = [hex_row(rng.randbytes(HEX_ROW_BYTES)) for _ in range(CAT_CHUNK_ROWS)]
            self.console.write("".join(rows))
            if self.console.ctrl_c_typed(0.005) and not self.broken("cat-no-ctrl-c"):
                self.say("^C")
                return

    def cat(self, name):
        path = self.resolve(name).upper()
        if path == "/DEV/RANDOM":
            self.cat_random()
            return
        data = self.kernel.read_file(path)
        if data is None:
            repeat = 2 if self.broken("cat-errors-twice") else 1
            for _ in range(repeat):
                self.say(f"无法打开文件: {path}")
            return
        if self.broken("cat-off-by-one") and data:
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
        rows = [hex_row(data[i : i + HEX_ROW_BYTES]) for i in range(0, len(data), HEX_ROW_BYTES)]
        self.console.write("".join(rows))
        self.say(f"    > Read {len(data)} bytes from {path}.")

    def sum(self, name):
        """`sum FILE`: the first and last rows, the count and the CRC-32."""
        path = self.resolve(name).upper()
        data = self.kernel.read_file(path)
        if data is None:
            self.say(f"无法打开文件: {path}")
            return
        if self.broken("cat-off-by-one") and data:  # the same broken read
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
        if data:
            self.console.write(hex_row(data[:HEX_ROW_BYTES]))
        if len(data) > HEX_ROW_BYTES:
            self.console.write(hex_row(data[-(len(data) % HEX_ROW_BYTES or HEX_ROW_BYTES):]))
        self.say(f"    > Read {len(data)} bytes from {path}, CRC-32 {zlib.crc32(data):08x}.")

    def cd(self, path):
        target = self.resolve(path)
        entry = self.kernel.lookup(target)
        if self.broken("cd-silent") or (entry is not None and os.path.isdir(entry)):
            self.cwd = target
        elif entry is None:
            self.say(f"无法切换目录 '{path}': 找不到该目录")
        else:
            self.say(f"无法切换目录 '{path}': 不是目录")

    def clear(self):
        self.console.write("\x1b[1;1H\x1b[2J")


def hex_row(chunk):
    """One `cat` row (pkg/app/shell/hexdump.c)."""
    cells = ""
    for i in range(HEX_ROW_BYTES):
        cells += f"{chunk[i]:02x}" if i < len(chunk) else "  "
        if (i + 1) % 8 == 0:
            cells += " "
    text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
    return f"    {cells} | {text}\n"
