"""Batch grading (--submissions) on the fake console: each submission's pkg/
sources are built on their own in a copy of a tiny TA tree (a failing or
hanging build does not stop the others, nothing of the submission but its
.c/.h/.S files is used), graded from the ESP that made, logged under
SUB/build/grader/, and summed up in DIR/grades.csv."""
import csv
import io
import os
import re
import shutil
import subprocess
import time

import pytest
from conftest import fake_cmd

from grader import batch, cli, sandbox
from grader.settings import DEFAULT_CONFIG

TESTS = ["-k", "boot_initialized", "-k", "timer_rate_logged", "-k", "bootconf_unknown_key"]
# The TA's `make build`: "compiles" pkg/*.c (gcc -fsyntax-only, -Werror
# unless WERROR=0), then copies a ready ESP, with the fake's defects that
# the sources name (`// fake-break: no-timer`); it reads and writes the
# shared newlib cache, and reads the tree's own newlib (build/newlib-KEY).
TA_MAKEFILE = """\
include pkg/rules.mk
.PHONY: build
CACHE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ysos-c

build:
\trm -rf esp && cp -r esp-ready esp
\techo '$(MAKEFLAGS) WERROR=$(WERROR) LAB=$(LAB)' > esp/made-with
\tgcc -fsyntax-only -DTREE=$(CURDIR) -Wall $(if $(filter 0,$(WERROR)),,-Werror) $(SRCS)
\tsed -n 's|^// fake-break: ||p' $(SRCS) > esp/fake-breaks
\t-echo more >> $(CACHE)/stamp && cp $(CACHE)/stamp esp/cache-stamp
\tcat build/newlib-*/.stamp > esp/tree-newlib
"""
GOOD = '#include "main.h"\nint main(void) { return ANSWER; }\n'
# A submission's own Makefile and make fragments: never run.
# 2^100 inclusions, silently: the compiler never ends.
TWICE_ITSELF = ('#if __INCLUDE_LEVEL__ < 100\n#include "main.c"\n#include "main.c"\n'
                '#endif\n')
HOSTILE_MAKE = "build:\n\ttouch {pwned}; exit 1\n"
HOSTILE_FRAGMENT = "$(shell touch {pwned})\nSRCS := /etc/shadow\n"


def git_tree(root, files):
    """A git checkout holding `files` {path: text or a folder to copy}."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content)
        else:
            shutil.copytree(content, path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


@pytest.fixture
def ta_tree(tmp_path, fake_esp, monkeypatch):
    """batch.TA_TREE: a tiny TA tree (the real one builds a kernel), and the
    newlib cache in tmp_path."""
    tree = git_tree(tmp_path / "ta", {"Makefile": TA_MAKEFILE, "esp-ready": fake_esp,
                                      "pkg/rules.mk": "SRCS := $(wildcard pkg/*.c)\n",
                                      "pkg/main.c": GOOD, "pkg/main.h": "#define ANSWER 0\n"})
    (tree / "build" / "newlib-0123abcd").mkdir(parents=True)
    (tree / "build" / "newlib-0123abcd" / ".stamp").write_text("built\n")
    monkeypatch.setattr(batch, "TA_TREE", tree)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tree


def submission(folder, name, files):
    """A submission folder: {path: text} (pkg/main.h defaults to the TA's)."""
    sub = folder / name
    for path, text in {"pkg/main.h": "#define ANSWER 0\n", **files}.items():
        if text is not None:
            (sub / path).parent.mkdir(parents=True, exist_ok=True)
            (sub / path).write_text(text)
    return sub


def config(tmp_path, **grader):
    """config.toml with these [grader] keys (each set there already)."""
    path, text = tmp_path / "config.toml", DEFAULT_CONFIG.read_text()
    for key, value in grader.items():
        text, found = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.M)
        assert found, key
    path.write_text(text)
    return path


def grade(folder, scale, *args):
    """Run the batch; (grades.csv rows, console output)."""
    out = io.StringIO()
    argv = ["--submissions", str(folder), "--qemu-cmd", fake_cmd(end="exit"), "--timeout-scale",
            str(scale), *args]
    assert cli.main(argv, out=out) == 0
    return list(csv.reader(open(folder / "grades.csv"))), out.getvalue()


def running(text):
    """Pids of processes whose command line contains `text`."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if text.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def test_every_submission_is_built_graded_and_scored(ta_tree, tmp_path, scale):
    folder = tmp_path / "submissions"
    submission(folder, "alice", {"pkg/main.c": GOOD})
    submission(folder, "bob", {"pkg/main.c": "int main(void) { return 0 }\n"})
    submission(folder, "carol", {"pkg/main.c": GOOD + "// fake-break: no-timer\n"})
    dave = submission(folder, "dave", {"pkg/main.c": TWICE_ITSELF})
    submission(folder, "erin", {"src/main.c": GOOD, "pkg/main.h": None})
    (folder / ".git").mkdir()
    (folder / "notes.txt").write_text("not a submission")
    rows, out = grade(folder, scale, "-j", "4", "--build-timeout", "2", *TESTS)
    assert rows == [
        ["submission", "build", "warnings", "lab1", "lab2", "total", "passed", "failed"],
        ["alice", "ok", "0", "10.00", "10.00", "20.00", "3", "0"],
        ["bob", "failed (exit 2)", "0", "0.00", "0.00", "0.00", "0", "3"],
        ["carol", "ok", "0", "10.00", "5.00", "15.00", "2", "1"],
        ["dave", "timeout", "0", "0.00", "0.00", "0.00", "0", "3"],
        ["erin", "failed (no pkg/ folder)", "0", "0.00", "0.00", "0.00", "0", "3"],
    ], out

    assert (folder / "alice" / "esp" / "tree-newlib").read_text() == "built\n"
    logs = folder / "carol" / "build" / "grader"
    assert sorted(p.name for p in logs.iterdir()) == [
        "build.log", "junit.xml", "results.json", "timer_rate_logged.log", "warnings.txt"]
    assert "expected ';'" in (folder / "bob" / "build" / "grader" / "build.log").read_text()
    assert "build failed (exit 2), see" in out
    deadline = time.monotonic() + 5
    while running(str(dave)) and time.monotonic() < deadline:  # the hung build was killed
        time.sleep(0.1)
    assert not running(str(dave))
    dave_log = (dave / "build" / "grader" / "build.log").read_text()
    assert f"-DTREE={dave}/build/grader/tree " in dave_log  # where it was compiled
    assert out.splitlines()[0].startswith("== sandbox: ")
    assert out.splitlines()[-1] == f"grades: {folder / 'grades.csv'}"


def test_esp_and_submissions_are_exclusive(tmp_path):
    out = io.StringIO()
    try:
        cli.main(["--submissions", str(tmp_path), "--esp", str(tmp_path)], out=out)
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("accepted --esp with --submissions")


def test_a_warning_is_reported_not_fatal(ta_tree, tmp_path, scale, monkeypatch):
    folder = tmp_path / "submissions"
    erin = submission(folder, "erin", {"pkg/main.c": "int main(void) { int x; return 0; }\n"})
    monkeypatch.setenv("MAKEFLAGS", "-k")  # a make above the grader: not handed down
    rows, out = grade(folder, scale, "-j", "2", "--stage", "2", "-k", "boot_initialized")
    assert rows[1][:3] == ["erin", "ok", "1"], out
    assert rows[1][-2:] == ["1", "0"], out
    made_with = (erin / "esp" / "made-with").read_text()
    assert made_with.strip().endswith("WERROR=0 LAB=2") and "-j2" in made_with, made_with
    assert "k" not in made_with.split(" -- ")[0], made_with
    assert "== erin: 1 compiler warnings (not fatal" in out
    assert "    pkg/main.c:1:22: warning: unused variable 'x' [-Wunused-variable]" in out
    saved = (erin / "build" / "grader" / "warnings.txt").read_text()
    assert saved.startswith("pkg/main.c:1:22: warning: unused variable")


def test_warning_lines_are_found_once_each():
    from grader.batch import warnings_in
    log = ("cc -c a.c\n"
           "pkg/a.c:3:1: warning: no newline [-Wnewline-eof]\n"
           "   3 | int x\n"
           "ld: warning: foo.o has a LOAD segment with RWX permissions\n"
           "pkg/a.c:3:1: warning: no newline [-Wnewline-eof]\n"
           "pkg/b.c:9:2: error: expected ';'\n")
    assert warnings_in(log) == ["pkg/a.c:3:1: warning: no newline [-Wnewline-eof]",
                                "ld: warning: foo.o has a LOAD segment with RWX permissions"]


def test_only_the_submissions_pkg_sources_are_used(ta_tree, tmp_path, scale):
    """Its Makefile, make fragments, scripts, grader and config.toml never
    run or count; symlinks out of pkg/ and special files are left out."""
    folder = tmp_path / "submissions"
    pwned = tmp_path / "pwned"
    mallory = submission(folder, "mallory", {
        "pkg/main.c": '#include "inside.h"\nint main(void) { return ANSWER; }\n',
        "pkg/real.h": "#define ANSWER 0\n",
        "Makefile": HOSTILE_MAKE.format(pwned=pwned),
        "pkg/rules.mk": HOSTILE_FRAGMENT.format(pwned=pwned),
        "mk/stage.mk": HOSTILE_FRAGMENT.format(pwned=pwned),
        "grader/__init__.py": f"open({str(pwned)!r}, 'w')\n",
        "config.toml": "[grader]\nprompt = 'nope'\n"})
    (mallory / "pkg" / "inside.h").symlink_to("real.h")
    (mallory / "pkg" / "secret.h").symlink_to("/etc/hostname")
    (mallory / "pkg" / "up").symlink_to("..", target_is_directory=True)
    os.mkfifo(mallory / "pkg" / "pipe.c")  # copying it would wait for a writer
    (mallory / "build").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    rows, out = grade(folder, scale, "-k", "boot_initialized")
    assert rows[1][:2] == ["mallory", "ok"], out
    assert not pwned.exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []  # its build/ symlink was not followed
    log = (mallory / "build" / "grader" / "build.log").read_text()
    assert "pkg/secret.h is a symlink out of pkg/ or to a folder: not followed" in log
    assert "pkg/up is a symlink out of pkg/ or to a folder: not followed" in log
    assert "pkg/pipe.c is not a regular file: left out" in log
    assert "1 other files of pkg/ (not .c/.h/.S) not used: the TA's are" in log


def test_a_source_cannot_read_spin_hog_or_flood(ta_tree, tmp_path, scale):
    """`#include "/etc/shadow"` finds nothing to read; a compiler that
    computes, allocates or prints without end is stopped by a [grader]
    limit, named in the build column; the others still build."""
    folder = tmp_path / "submissions"
    spam = '#warning "' + "spam " * 50 + '"\n' + TWICE_ITSELF
    submission(folder, "a-ok", {"pkg/main.c": GOOD})
    submission(folder, "flood", {"pkg/main.c": spam})
    submission(folder, "hog", {"pkg/main.c": '#include "/dev/zero"\n'})
    peek = submission(folder, "peek", {"pkg/main.c": '#include "/etc/shadow"\n'})
    submission(folder, "spin", {"pkg/main.c": TWICE_ITSELF})
    limits = config(tmp_path, output_mb=1, build_cpu_seconds=1, build_memory_mb=128)
    rows, out = grade(folder, scale, "--config", str(limits), "-k", "boot_initialized")
    assert [r[:2] for r in rows[1:]] == [
        ["a-ok", "ok"], ["flood", rows[2][1]],
        ["hog", "failed (exit 2: memory over the 128 MB limit)"], ["peek", "failed (exit 2)"],
        ["spin", "failed (exit 2: CPU time over the 1 s limit)"]], out
    assert rows[2][1].startswith("failed (exit ") and "output over the 1 MB limit" in rows[2][1]
    flood_log = folder / "flood" / "build" / "grader" / "build.log"
    assert flood_log.stat().st_size <= 1 << 20
    log = (peek / "build" / "grader" / "build.log").read_text()
    assert "/etc/shadow" in log and "root:" not in log


def test_the_shared_cache_is_read_and_written_in_a_copy(ta_tree, tmp_path, scale):
    cache = tmp_path / "cache" / "ysos-c"
    cache.mkdir(parents=True)
    (cache / "stamp").write_text("newlib v1\n")
    folder = tmp_path / "submissions"
    alice = submission(folder, "alice", {"pkg/main.c": GOOD})
    rows, out = grade(folder, scale, "-k", "boot_initialized")
    assert rows[1][:2] == ["alice", "ok"], out
    assert (alice / "esp" / "cache-stamp").read_text() == "newlib v1\nmore\n"
    assert "more" not in (cache / "stamp").read_text()
    assert "cache-stamp" in (alice / "build" / "grader" / "build.log").read_text()


def test_the_batch_says_when_the_sandbox_is_off(ta_tree, tmp_path, scale, monkeypatch):
    monkeypatch.setattr(sandbox, "mechanism", lambda unprivileged: ("rlimits", "bwrap: nope"))
    folder = tmp_path / "submissions"
    submission(folder, "alice", {"pkg/main.c": GOOD})
    rows, out = grade(folder, scale, "-k", "boot_initialized")
    assert rows[1][:2] == ["alice", "ok"], out
    assert out.splitlines()[0] == ("== WARNING: sandbox off, submissions run with limits only "
                                   "(bwrap: nope)")
