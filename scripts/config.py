#!/usr/bin/env python3
"""Read config.toml, the one file a user edits, and turn it into what the
tools need:

  config.py bootconf [CONFIG]     -> boot.conf text (the [boot] table), on stdout
  config.py qemu-args [CONFIG]    -> the QEMU arguments (without the -drive), one per line
  config.py get SECTION.KEY [CONFIG]

The same loader is imported by the grader (grader/settings.py re-uses load()).

Every problem is one line on stderr naming config.toml, the line and what
is wrong ("config.toml line 25: error: ..."). Broken TOML, an unknown
table or key, and a value of the wrong type stop us (exit 1): a typo must
not silently drop settings. A [boot] value the loader would refuse is a
warning instead, checked with the loader's rules (pkg/boot/src/config.c),
because the loader falls back to the default and boots, as SPEC section 3
says. boot.conf keeps config.toml's line numbers (key on line N there is
on line N here), so the loader's own warnings, which name boot.conf
lines, point at the right config.toml line too.
"""
import difflib
import os
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10 (Ubuntu 22.04, Gradescope's image): python3-tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "config.toml"

BOOT_KEYS = [
    "kernel_stack_address",
    "kernel_stack_size",
    "physical_memory_offset",
    "kernel_path",
    "kernel_stack_auto_grow",
    "load_apps",
    "log_level",
    "cmdline",
    "initramfs",
]

# The loader's defaults and limits (pkg/boot/include/boot/config.h, bootinfo.h).
BOOT_DEFAULTS = {
    "kernel_stack_address": "0xFFFFFF0100000000",
    "kernel_stack_size": "512",
    "physical_memory_offset": "0xFFFF800000000000",
    "kernel_path": "\\KERNEL.ELF",
    "kernel_stack_auto_grow": "0",
    "load_apps": "0",
    "log_level": "info",
    "cmdline": '""',
    "initramfs": '""',
}
PAGE = 4096
MAX_PAGES = (1 << 64) // PAGE - 1
UPPER_HALF = 0xFFFF800000000000
PATH_MAX = 127  # bytes of kernel_path / initramfs
CMDLINE_MAX = 255
LEVELS = ("error", "warn", "info", "debug", "trace")
MIN_PHYS_MAP = 4 << 30  # the loader maps at least 4 GiB of physical memory

NUMBER = (int, float)
# Every table and key config.toml may have: key -> type (tuple of types, or
# "table" for a sub-table, or None for the [boot] keys the loader checks).
SCHEMA = {
    "boot": {key: None for key in BOOT_KEYS},
    "qemu": {"memory": (str,), "ovmf": (str,), "extra_args": (list,)},
    "grader": {"boot_timeout": NUMBER, "command_timeout": NUMBER, "prompt": (str,),
               "jobs": (int,), "leak_rounds": (int,), "build_timeout": NUMBER,
               "build_cpu_seconds": (int,), "build_memory_mb": (int,), "build_processes": (int,),
               "output_mb": (int,), "qemu_memory_mb": (int,), "weights": "table"},
    "grader.weights": {**{g: NUMBER for g in ("host", "lab1", "lab2", "lab3", "lab4", "lab5",
                                               "lab6", "lab7", "robust", "beyond")},
                        "tests": "table"},
    "grader.weights.tests": {},  # test name -> share: any name, a number
}
TYPE_NAMES = {int: "an integer", float: "a number", str: "a string", list: "a list"}


class ConfigError(Exception):
    """config.toml cannot be used; str() is the one line that says why."""


class Lines:
    """Where each table and key is in config.toml (tomllib does not say).

    A light scan of the text: table headers, `key =` lines (dotted keys
    too), skipping the inside of multi-line strings."""

    HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
    PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
    KEY = re.compile(rf"^\s*({PART}(?:\s*\.\s*{PART})*)\s*=")

    def __init__(self, text):
        self.where = {}
        table, in_string = (), None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            header = self.HEADER.match(line)
            key = self.KEY.match(line)
            if header:
                table = self.split(header[1])
                self.where.setdefault(table, number)
            elif key:
                self.where.setdefault(table + self.split(key[1]), number)
            for quotes in ('"""', "'''"):
                if line.count(quotes) % 2:
                    in_string = quotes

    @staticmethod
    def split(dotted):
        return tuple(part.strip().strip("\"'") for part in dotted.split("."))

    def of(self, *path):
        """Line of the key or table at `path`, else of the nearest table above, else 0."""
        while path:
            if path in self.where:
                return self.where[path]
            path = path[:-1]
        return 0


class Report:
    """The lines about one config.toml: errors stop, warnings do not."""

    def __init__(self, path, lines):
        self.name, self.lines = shown_path(path), lines
        self.errors, self.warnings = [], []

    def _line(self, path, kind, text):
        number = self.lines.of(*path)
        where = f"{self.name} line {number}" if number else self.name
        return f"{where}: {kind}: {text}"

    def error(self, path, text):
        self.errors.append(self._line(path, "error", text))

    def warn(self, path, text):
        self.warnings.append(self._line(path, "warning", text))


def shown_path(path):
    """config.toml as the user named it: relative to here when it is below here."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def suggest(word, choices, shown="'{}'"):
    """"; did you mean 'x'?" for a close match among choices, else ""."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {shown.format(close[0])}?" if close else ""


# ---- reading ---------------------------------------------------------------


def parse(path):
    """(parsed dict, Lines) of config.toml; ConfigError for broken TOML."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{shown_path(path)}: cannot read: {e}") from None
    try:
        return tomllib.loads(text), Lines(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if found:
            message = f"line {found[1]}: error: invalid TOML: {message[:found.start()]} " \
                      f"(column {found[2]})"
        else:
            message = f"line {len(text.splitlines())}: error: invalid TOML: " + \
                      re.sub(r"\s*\(at end of document\)$", "", message)
        raise ConfigError(f"{shown_path(path)} {message}") from None


def check_tables(cfg, report):
    """Unknown tables and keys, and values of the wrong type (errors)."""

    def walk(node, path):
        name = ".".join(path)
        schema = SCHEMA.get(name)
        for key, value in node.items():
            where = path + (key,)
            if not path:
                if key not in SCHEMA:
                    known = ", ".join(f"[{t}]" for t in SCHEMA if "." not in t)
                    report.error(where, f"unknown table [{key}]{suggest(key, SCHEMA, '[{}]')} "
                                        f"(the tables are {known})")
                elif not isinstance(value, dict):
                    report.error(where, f"{key} must be a table: [{key}]")
                else:
                    walk(value, where)
                continue
            if name == "grader.weights.tests":
                if not isinstance(value, NUMBER) or isinstance(value, bool):
                    report.error(where, f"the share of test {key!r} must be a number")
                continue
            if key not in schema:
                report.error(where, f"unknown key {key!r} in [{name}]{suggest(key, schema)}")
            elif schema[key] == "table":
                if isinstance(value, dict):
                    walk(value, where)
                else:
                    report.error(where, f"{key} must be a table: [{name}.{key}]")
            elif schema[key] is not None:
                check_type(report, where, name, key, value, schema[key])

    walk(cfg, ())


def check_type(report, where, table, key, value, types):
    if isinstance(value, bool) or not isinstance(value, types):
        what = " or ".join(TYPE_NAMES[t] for t in types)
        report.error(where, f"[{table}] {key} must be {what}, not {toml_repr(value)}"
                            + (', e.g. extra_args = ["-s"]' if key == "extra_args" else ""))
    elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
        report.error(where, f"[{table}] {key} must be a list of strings, e.g. extra_args = "
                            '["-s", "-S"]')


def toml_repr(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    return repr(value)


# ---- [boot]: the loader's rules --------------------------------------------


def boot_text(value):
    """A [boot] value as boot.conf spells it (TOML integers for addresses in hex)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def parse_number(text):
    """The loader's parse_number: 0x-hex or decimal digits, 64 bits; else None."""
    hexadecimal = text[:2] in ("0x", "0X")
    digits = text[2:] if hexadecimal else text
    allowed = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
    if not digits or any(c not in allowed for c in digits):
        return None
    number = int(digits, 16 if hexadecimal else 10)
    return number if number < 1 << 64 else None


def address_problem(key, text):
    """Why `text` is not a kernel address for `key`, or None."""
    number = parse_number(text) if text[:2] in ("0x", "0X") else None
    align = 2 << 20 if key == "physical_memory_offset" else PAGE
    if number is None:
        return "an address is written in hex, 0x..."
    if number < UPPER_HALF:
        return "not in the kernel's (upper) half, from 0xFFFF800000000000"
    if number % align:
        return "not 2 MiB aligned (mapped in 2 MiB pages)" if align > PAGE else \
            "not page (4 KiB) aligned"
    return None


def boot_problem(key, value):
    """Why the loader would refuse [boot] `key` = `value`, or None."""
    if isinstance(value, (list, dict, float)):
        return "a string or an integer"
    text = boot_text(value)
    if "\n" in text or "\r" in text:
        return "one line"
    if key in ("kernel_stack_address", "physical_memory_offset"):
        if isinstance(value, int) and not isinstance(value, bool):
            text = f"0x{value:X}"
        return address_problem(key, text)
    if key in ("kernel_stack_size", "kernel_stack_auto_grow"):
        number = parse_number(text)
        low = 1 if key == "kernel_stack_size" else 0
        if number is None or not low <= number <= MAX_PAGES:
            return f"a page count, {low} or more"
        return None
    if key == "load_apps":
        return None if text in ("0", "1", "true", "false") else "0 or 1"
    if key == "log_level":
        return None if text in LEVELS else " | ".join(LEVELS)
    if key in ("kernel_path", "initramfs"):
        if not text or len(text.encode()) > PATH_MAX:
            return f"a path of 1 to {PATH_MAX} bytes"
        return None
    if len(text.encode()) > CMDLINE_MAX:  # cmdline
        return f"at most {CMDLINE_MAX} bytes"
    return None


def check_boot(boot, report):
    """Warnings for the values the loader would replace by their defaults."""
    good = {}
    for key, value in boot.items():
        if key not in BOOT_KEYS:
            continue  # an error already
        why = boot_problem(key, value)
        if why:
            report.warn(("boot", key), f"bad value {quoted(value)} for {key} ({why}); "
                                       f"the loader will use the default {BOOT_DEFAULTS[key]}")
        else:
            good[key] = value
    check_boot_together(good, report)


def check_boot_together(good, report):
    """What the loader checks of values together that is known before boot."""
    size = parse_number(boot_text(good.get("kernel_stack_size", 512)))
    grow = parse_number(boot_text(good.get("kernel_stack_auto_grow", 0)))
    if grow is not None and size is not None and grow > size:
        report.warn(("boot", "kernel_stack_auto_grow"),
                    f"bad value '{grow}' for kernel_stack_auto_grow (more than "
                    f"kernel_stack_size {size}); the loader will use the default 0")
    stack = address_of(good.get("kernel_stack_address", BOOT_DEFAULTS["kernel_stack_address"]))
    phys = address_of(good.get("physical_memory_offset", BOOT_DEFAULTS["physical_memory_offset"]))
    if size and phys < stack + size * PAGE and stack < phys + MIN_PHYS_MAP:
        key = "physical_memory_offset" if "physical_memory_offset" in good else \
            "kernel_stack_address"
        report.warn(("boot", key), f"the physical memory map (4 GiB from 0x{phys:X}) would "
                                   f"overlap the kernel stack (0x{stack:X}, {size} pages); the "
                                   f"loader will use the default {BOOT_DEFAULTS[key]} for {key}")


def quoted(value, keep=64):
    """'value' as the loader quotes it, cut short like the loader's messages."""
    text = boot_text(value) if not isinstance(value, (list, dict)) else toml_repr(value)
    return "'" + (text if len(text) <= keep else text[:keep] + "...") + "'"


def address_of(value):
    return value if isinstance(value, int) else int(str(value), 16)


def boot_value_line(key, value):
    """`key=value` for boot.conf, quoted when the loader would misread it bare."""
    if key in ("kernel_stack_address", "physical_memory_offset") and isinstance(value, int) \
            and not isinstance(value, bool):
        return f"{key}=0x{value:X}"
    text = boot_text(value)
    bare_ok = text == text.strip() and " #" not in text and "\t#" not in text and \
        text[:1] not in ("'", '"')
    if bare_ok or not text:
        return f"{key}={text}"
    quote = '"' if '"' not in text else "'"
    return f"{key}={quote}{text}{quote}"


# ---- the commands ------------------------------------------------------------


def load_checked(path=DEFAULT):
    """(config, warnings): ConfigError (all the error lines) when it cannot be used."""
    cfg, lines = parse(path)
    report = Report(path, lines)
    check_tables(cfg, report)
    if isinstance(cfg.get("boot"), dict):
        check_boot(cfg["boot"], report)
    if report.errors:
        raise ConfigError("\n".join(report.errors))
    return cfg, report.warnings


def load(path=DEFAULT):
    """The parsed config.toml (ConfigError when it cannot be used)."""
    return load_checked(path)[0]


# Lab stages whose kernel has no disk driver yet (labs 0x04 and 0x05): the
# loader must bring the programs along, whatever config.toml says.
LOAD_APPS_STAGES = ("4", "5")


# Lab stages whose kernel cannot grow its stack yet (kstack_grow is lab
# 0x07's): the loader maps the whole stack, 512 pages as in the guide before
# lab 0x07, whatever config.toml says.
FIXED_STACK_STAGES = ("1", "2", "3", "4", "5", "6")


def stage_boot(boot, lab):
    """The [boot] table as the lab stage `lab` (make's LAB) needs it."""
    if lab in LOAD_APPS_STAGES:
        boot = {**boot, "load_apps": 1}
    if lab in FIXED_STACK_STAGES:
        boot = {**boot, "kernel_stack_size": 512, "kernel_stack_auto_grow": 0}
    return boot


def boot_conf(cfg, lines=None):
    """boot.conf text: the [boot] keys on config.toml's line numbers (when
    `lines`, a Lines, is given), else in the fixed BOOT_KEYS order."""
    head = "# Generated from config.toml by scripts/config.py - edit config.toml instead."
    boot = stage_boot(cfg.get("boot", {}), os.environ.get("YSOS_LAB", ""))
    keys = [k for k in BOOT_KEYS if k in boot] + [k for k in boot if k not in BOOT_KEYS]
    out = [head]
    for key in keys:
        value = boot[key]
        if boot_problem(key, value) == "one line":
            continue  # cannot be written; config.py warned, the loader uses the default
        line = lines.of("boot", key) if lines else 0
        while line and len(out) < line - 1:
            out.append("")
        out.append(boot_value_line(key, value))
    return "\n".join(out) + "\n"


def qemu_args(cfg):
    q = cfg.get("qemu", {})
    args = ["-bios", q.get("ovmf", "/usr/share/ovmf/OVMF.fd"), "-net", "none",
            "-m", str(q.get("memory", "96M")), "-nographic", "-snapshot"]
    args += [str(a) for a in q.get("extra_args", [])]
    return args


def get(cfg, dotted):
    node = cfg
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ConfigError(f"config.toml: no {dotted}")
        node = node[part]
    return node


def main(argv):
    if len(argv) < 2 or argv[1] not in ("bootconf", "qemu-args", "get"):
        sys.exit(__doc__)
    cmd = argv[1]
    rest = argv[3:] if cmd == "get" else argv[2:]
    path = rest[0] if rest else DEFAULT
    try:
        if cmd == "get" and len(argv) < 3:
            sys.exit(__doc__)
        cfg, warnings = load_checked(path)
        if cmd == "bootconf":
            for line in warnings:
                print(line, file=sys.stderr)
            sys.stdout.write(boot_conf(cfg, parse(path)[1]))
        elif cmd == "qemu-args":
            print("\n".join(qemu_args(cfg)))
        else:
            print(get(cfg, argv[2]))
    except ConfigError as e:
        print(e, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main(sys.argv)
