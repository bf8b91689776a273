#!/usr/bin/env python3
"""Read config.toml, the one file a user edits, and turn it into what the
tools need:

  config.py bootconf [CONFIG]     -> boot.conf text (the [boot] table), on stdout
  config.py qemu-args [CONFIG]    -> the QEMU arguments (without the -drive), one per line
  config.py get SECTION.KEY [CONFIG]

The same loader is imported by the grader (grader/config.py re-uses load()).
"""
import sys
import tomllib
from pathlib import Path

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


def load(path=DEFAULT):
    with open(path, "rb") as f:
        return tomllib.load(f)


def boot_conf(cfg):
    """boot.conf lines in `key=value` form, in a fixed order."""
    out = ["# Generated from config.toml by scripts/config.py - edit config.toml instead."]
    boot = cfg.get("boot", {})
    for key in BOOT_KEYS:
        if key not in boot:
            continue
        value = boot[key]
        if isinstance(value, bool):
            value = int(value)
        out.append(f"{key}={value}")
    for key in boot:
        if key not in BOOT_KEYS:  # pass unknown keys through: the loader warns about them
            out.append(f"{key}={boot[key]}")
    return "\n".join(out) + "\n"


def qemu_args(cfg):
    q = cfg.get("qemu", {})
    args = ["-bios", q.get("ovmf", "/usr/share/ovmf/OVMF.fd"), "-net", "none",
            "-m", str(q.get("memory", "96M")), "-nographic", "-snapshot"]
    args += [str(a) for a in q.get("extra_args", [])]
    return args


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "get":
        cfg = load(argv[3] if len(argv) > 3 else DEFAULT)
        node = cfg
        for part in argv[2].split("."):
            node = node[part]
        print(node)
        return
    cfg = load(argv[2] if len(argv) > 2 else DEFAULT)
    if cmd == "bootconf":
        sys.stdout.write(boot_conf(cfg))
    elif cmd == "qemu-args":
        print("\n".join(qemu_args(cfg)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
