"""scripts/config.py and `make launch` (scripts/qemu.sh) on broken config.toml
files: every problem is one line naming config.toml, the line and what is
wrong; syntax errors, unknown tables and keys and wrong types stop the
build and the launch; bad [boot] values are warnings with config.toml's
line, and boot.conf keeps config.toml's line numbers."""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import cli
from grader.settings import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (ROOT / "config.toml").read_text()


def config_py(tmp_path, text, *args):
    """Run scripts/config.py on `text` as config.toml: (exit code, stdout, stderr)."""
    conf = tmp_path / "config.toml"
    conf.write_text(text)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "config.py"), *args, str(conf)],
                          capture_output=True, text=True, cwd=tmp_path)
    return done.returncode, done.stdout, done.stderr


def one_error(tmp_path, text, line, *words, command="bootconf"):
    """config.py stops with exactly one line: config.toml, `line`, `words`."""
    code, _, err = config_py(tmp_path, text, command)
    lines = err.splitlines()
    assert code != 0, err
    assert len(lines) == 1, err
    assert lines[0].startswith(f"config.toml line {line}: "), err
    for word in words:
        assert word in lines[0], err
    return lines[0]


def line_of(text, start):
    """1-based number of the first line of `text` starting with `start`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_shipped_config_is_clean(tmp_path):
    code, out, err = config_py(tmp_path, SHIPPED, "bootconf")
    assert (code, err) == (0, "")
    assert "kernel_stack_size=1048576" in out


def test_syntax_error_is_one_line(tmp_path):
    text = SHIPPED.replace('memory = "96M"', "memory = 96M")
    one_error(tmp_path, text, line_of(text, "memory ="), "invalid", command="qemu-args")
    one_error(tmp_path, text, line_of(text, "memory ="), "invalid")


def test_misspelled_table_stops(tmp_path):
    text = SHIPPED.replace("[boot]", "[bot]")
    one_error(tmp_path, text, line_of(text, "[bot]"), "unknown table [bot]", "[boot]")


def test_unknown_keys_stop(tmp_path):
    for table, key in (("[qemu]", "memroy"), ("[grader]", "boot_timeuot"),
                       ("[boot]", "kernel_stak_size")):
        text = SHIPPED.replace(f"\n{table}\n", f"\n{table}\n{key} = 1\n", 1)
        one_error(tmp_path, text, line_of(text, key), f"unknown key '{key}'", table)


def test_extra_args_string_stops(tmp_path):
    text = SHIPPED.replace("extra_args = []", 'extra_args = "-s"')
    one_error(tmp_path, text, line_of(text, "extra_args"), "extra_args", "list",
              command="qemu-args")


def test_bad_types_in_grader_and_qemu_stop(tmp_path):
    text = SHIPPED.replace("jobs = 0", 'jobs = "two"')
    one_error(tmp_path, text, line_of(text, "jobs ="), "jobs", "integer")
    text = SHIPPED.replace("lab1 = 10", "lab9 = 10")
    one_error(tmp_path, text, line_of(text, "lab9"), "unknown key 'lab9'", "[grader.weights]")


def test_bad_boot_values_warn_with_config_toml_lines(tmp_path):
    text = (SHIPPED.replace("kernel_stack_auto_grow = 8", 'kernel_stack_auto_grow = "eight"')
            .replace('physical_memory_offset = "0xFFFF800000000000"',
                     'physical_memory_offset = "0xFFFF800000100000"'))
    code, out, err = config_py(tmp_path, text, "bootconf")
    assert code == 0, err
    warnings = err.splitlines()
    assert len(warnings) == 2, err
    grow, phys = line_of(text, "kernel_stack_auto_grow"), line_of(text, "physical_memory_offset")
    assert warnings[0].startswith(f"config.toml line {phys}: warning: bad value "
                                  "'0xFFFF800000100000' for physical_memory_offset"), err
    assert "2 MiB" in warnings[0] and "default 0xFFFF800000000000" in warnings[0], err
    assert warnings[1].startswith(f"config.toml line {grow}: warning: bad value 'eight' for "
                                  "kernel_stack_auto_grow"), err
    # The loader's own warnings name boot.conf lines: they are config.toml's.
    conf = out.splitlines()
    assert conf[grow - 1] == "kernel_stack_auto_grow=eight"
    assert conf[phys - 1] == "physical_memory_offset=0xFFFF800000100000"
    for key in ("kernel_stack_size", "log_level", "cmdline"):
        assert conf[line_of(text, key) - 1].startswith(key + "="), out


def test_boot_value_combinations_warn(tmp_path):
    text = SHIPPED.replace("kernel_stack_auto_grow = 8", "kernel_stack_auto_grow = 99999999")
    code, _, err = config_py(tmp_path, text, "bootconf")
    assert code == 0
    assert err.startswith(f"config.toml line {line_of(text, 'kernel_stack_auto_grow')}: "
                          "warning: bad value '99999999' for kernel_stack_auto_grow"), err
    assert "more than kernel_stack_size 1048576" in err


def test_values_that_need_quotes_keep_their_meaning(tmp_path):
    text = SHIPPED.replace('cmdline = ""', 'cmdline = "console=ttyS0 # not a comment"')
    code, out, err = config_py(tmp_path, text, "bootconf")
    assert (code, err) == (0, "")
    assert 'cmdline="console=ttyS0 # not a comment"' in out.splitlines()


def fake_launch_root(tmp_path, text):
    """A copy of what `make launch` runs (scripts/qemu.sh, scripts/config.py),
    a config.toml and an ESP; `qemu-system-x86_64` is a stub that records
    its arguments."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    for name in ("qemu.sh", "config.py"):
        shutil.copy(ROOT / "scripts" / name, root / "scripts" / name)
    (root / "config.toml").write_text(text)
    (root / "esp").mkdir()
    (root / "esp" / "KERNEL.ELF").write_bytes(b"\x7fELF")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "qemu-system-x86_64"
    stub.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/qemu-args\n')
    stub.chmod(0o755)
    return root, bin_dir


def launch(tmp_path, text):
    root, bin_dir = fake_launch_root(tmp_path, text)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", PYTHON=sys.executable)
    done = subprocess.run(["sh", str(root / "scripts" / "qemu.sh")], capture_output=True, text=True,
                          env=env, cwd=root)
    args = tmp_path / "qemu-args"
    return done.returncode, done.stderr, args.read_text().splitlines() if args.exists() else None


def test_launch_stops_on_a_broken_config(tmp_path):
    code, err, args = launch(tmp_path, SHIPPED.replace('memory = "96M"', "memory = 96M"))
    assert code != 0
    assert args is None, f"QEMU was started with {args}"
    assert err.startswith("config.toml line ") or "/config.toml line " in err, err
    assert "Traceback" not in err


def test_launch_passes_every_argument_whole(tmp_path):
    text = SHIPPED.replace("extra_args = []", 'extra_args = ["-name", "my ysos"]')
    code, err, args = launch(tmp_path, text)
    assert code == 0, err
    assert args[:2] == ["-bios", "/usr/share/ovmf/OVMF.fd"]
    assert "my ysos" in args


def test_grader_reports_a_broken_config_in_one_line(tmp_path, capsys):
    conf = tmp_path / "config.toml"
    conf.write_text(SHIPPED.replace("[grader]", "[grade]"))
    with pytest.raises(ConfigError, match=r"config\.toml line \d+: .*unknown table \[grade\]"):
        load_settings(conf)
    out = io.StringIO()
    assert cli.main(["--config", str(conf), "--list"], out=out) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "unknown table [grade]" in err[0]
