"""Tests of tests/check_docs.py on small temporary trees (run by make test)."""

import importlib.util
import os
import subprocess
import sys
import textwrap

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SCRIPT = os.path.join(HERE, "check_docs.py")

spec = importlib.util.spec_from_file_location("check_docs", SCRIPT)
check_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_docs)

PROC_C = """\
/* proc.c - a tiny process module */
#include "proc.h"

static struct proc table[4];

struct proc *proc_by_pid(int pid)
{
    return &table[pid];
}

static inline int helper(int x) { return x + 1; }

void proc_kill(int pid,
               int code)
{
    proc_by_pid(pid)->code = helper(code);
}
"""

PROC_H = """\
#ifndef PROC_H
#define PROC_H
struct proc { int code; };
struct proc *proc_by_pid(int pid);
void proc_kill(int pid, int code);
#endif
"""

LAB_MAP = """\
# map

| Rust | C | notes |
|---|---|---|
| `crates/kernel/src/proc/manager.rs` | `pkg/kernel/proc.c` | `proc_by_pid()`, `proc_kill()` |
| header | `pkg/kernel/proc.h` | |
| build | `Makefile` | |
"""


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(textwrap.dedent(text))


@pytest.fixture
def tree(tmp_path):
    root = str(tmp_path)
    write(root, "pkg/kernel/proc.c", PROC_C)
    write(root, "pkg/kernel/proc.h", PROC_H)
    write(root, "Makefile", "all:\n")
    write(root, "docs/LAB-MAP.md", LAB_MAP)
    return root


def run(root, *files):
    """(exit code, output) of the checker as make test runs it."""
    proc = subprocess.run(
        [sys.executable, SCRIPT, "--root", root, *files],
        capture_output=True,
        text=True,
    )
    return proc.returncode, proc.stdout


def problems(root, *files):
    code, out = run(root, *files)
    lines = out.strip().splitlines()
    return code, lines[:-1], lines[-1]


def doc(root, body, rel="docs/labs/0x03.md"):
    write(root, rel, body)
    return problems(root)


def test_good_tree_passes(tree):
    code, found, summary = problems(tree)
    assert code == 0, found
    assert found == []
    assert summary.startswith("check_docs: 5 passed, 0 failed")


def test_renamed_file_fails(tree):
    os.rename(os.path.join(tree, "pkg/kernel/proc.c"), os.path.join(tree, "pkg/kernel/process.c"))
    code, found, summary = problems(tree)
    assert code == 1
    assert found[0] == "docs/LAB-MAP.md:5: `pkg/kernel/proc.c` does not exist"
    # and its functions then have no C file left on the line
    assert any("`proc_by_pid()`: no C file" in p for p in found)
    assert "failed" in summary and " 0 failed" not in summary


def test_renamed_function_fails(tree):
    write(tree, "pkg/kernel/proc.c", PROC_C.replace("void proc_kill(", "void proc_terminate("))
    code, found, _ = problems(tree)
    assert code == 1
    assert found == [
        "docs/LAB-MAP.md:5: `proc_kill()` is not defined in pkg/kernel/proc.c never mentions it"
    ]


def test_function_only_called_fails(tree):
    doc(tree, "")
    write(tree, "pkg/kernel/user.c", "void user(void)\n{\n    proc_kill(1, 2);\n}\n")
    code, found, _ = doc(tree, "kill: `proc_kill()` in `pkg/kernel/user.c`\n")
    assert code == 1
    assert found == [
        "docs/labs/0x03.md:1: `proc_kill()` is not defined in pkg/kernel/user.c only uses it"
    ]


def test_prototype_only_header_fails(tree):
    code, found, _ = doc(tree, "| `proc_kill()` | `pkg/kernel/proc.h` |\n")
    assert code == 1
    assert found == [
        "docs/labs/0x03.md:1: `proc_kill()` is not defined in pkg/kernel/proc.h only declares it"
    ]


def test_prototype_plus_definition_on_the_line_passes(tree):
    code, found, _ = doc(tree, "`proc_kill()`: `pkg/kernel/proc.h`, `pkg/kernel/proc.c`\n")
    assert code == 0, found


def test_function_without_c_file_on_its_line_fails(tree):
    code, found, _ = doc(tree, "see `pkg/kernel/proc.c`\nthen `proc_kill()` kills\n")
    assert code == 1
    assert found == [
        "docs/labs/0x03.md:2: `proc_kill()`: no C file (.c/.h/.S) named on this line to define it"
    ]


def test_non_c_file_does_not_count(tree):
    code, found, _ = doc(tree, "`proc_kill()` is in `Makefile`\n")
    assert code == 1
    assert "no C file" in found[0]


def test_commented_out_definition_fails(tree):
    write(tree, "pkg/kernel/old.c", "/*\nvoid old_kill(void)\n{\n}\n*/\n// void old_kill(void) {}\n")
    code, found, _ = doc(tree, "`old_kill()` in `pkg/kernel/old.c`\n")
    assert code == 1
    assert "only uses it" in found[0] or "never mentions it" in found[0]


def test_longer_name_is_not_the_function(tree):
    code, found, _ = doc(tree, "`proc_by()` in `pkg/kernel/proc.c`\n")
    assert code == 1
    assert "`proc_by()` is not defined" in found[0]


DEFINITION_STYLES = {
    "plain": ("int plain(void)\n{\n    return 0;\n}\n", "plain"),
    "static": ("static void quiet(int x)\n{\n}\n", "quiet"),
    "static inline, brace on the line": ("static inline int inl(void) { return 1; }\n", "inl"),
    "pointer return": ("struct proc *proc_by_pid(int pid)\n{\n    return 0;\n}\n", "proc_by_pid"),
    "const pointer return": ("const char *\nname_of(int x)\n{\n    return 0;\n}\n", "name_of"),
    "multi-line parameters": (
        "int spread(int a,\n           int b,\n           int c)\n{\n    return a;\n}\n",
        "spread",
    ),
    "attribute first": (
        "__attribute__((noreturn)) static void die(void)\n{\n    for (;;) {}\n}\n",
        "die",
    ),
    "attribute in the middle": (
        "static __attribute__((noinline, aligned(16))) void deep(void)\n{\n}\n",
        "deep",
    ),
    "typedef'd return type": ("_READ_WRITE_RETURN_TYPE read(int fd)\n{\n    return 0;\n}\n", "read"),
    "blank line before the brace": ("void later(void)\n\n{\n}\n", "later"),
    "function-like macro": ("#define panic(...) panic_at(__FILE__, __VA_ARGS__)\n", "panic"),
}


@pytest.mark.parametrize("style", sorted(DEFINITION_STYLES))
def test_definition_styles_pass(tree, style):
    source, name = DEFINITION_STYLES[style]
    write(tree, "pkg/kernel/style.c", "/* header */\n#include <x.h>\n\n" + source)
    code, found, _ = doc(tree, "`%s()` in `pkg/kernel/style.c`\n" % name)
    assert code == 0, (style, found)


NOT_DEFINITIONS = {
    "prototype": ("int lone(void);\n", "lone"),
    "prototype with attribute": ("__attribute__((noreturn)) void lone(long code);\n", "lone"),
    "multi-line prototype": ("int lone(int a,\n         int b);\n", "lone"),
    "call in a body": ("void other(void)\n{\n    lone();\n}\n", "lone"),
    "call at column 0 in an initializer": ("int x = lone(3);\n", "lone"),
    "function pointer field": ("struct ops { int (*lone)(void); };\n", "lone"),
    "string": ('const char *s = "lone(void) {";\n', "lone"),
}


@pytest.mark.parametrize("case", sorted(NOT_DEFINITIONS))
def test_not_definitions_fail(tree, case):
    source, name = NOT_DEFINITIONS[case]
    write(tree, "pkg/kernel/nodef.c", source)
    code, found, _ = doc(tree, "`%s()` in `pkg/kernel/nodef.c`\n" % name)
    assert code == 1, case
    assert "`%s()` is not defined" % name in found[0]


def test_assembly_label(tree):
    write(tree, "pkg/kernel/entry.S", "    .text\n    .globl trap_common\ntrap_common:\n    call trap_dispatch\n")
    code, found, _ = doc(tree, "`trap_common()` and `trap_dispatch()` in `pkg/kernel/entry.S`\n")
    assert code == 1
    assert found == [
        "docs/labs/0x03.md:1: `trap_dispatch()` is not defined in pkg/kernel/entry.S only uses it"
    ]


def test_brace_sets_and_wildcards_fail(tree):
    code, found, _ = doc(
        tree,
        "`pkg/kernel/{proc,other}.c`\n`pkg/kernel/*.c`\n`pkg/kernel/proc.?`\n",
    )
    assert code == 1
    assert len(found) == 3
    assert all("write each path out in full" in p for p in found)


def test_placeholder_needs_its_directory(tree):
    code, found, _ = doc(tree, "`pkg/kernel/<name>.c` and `pkg/app/<name>/main.c`\n")
    assert code == 1
    assert found == ["docs/labs/0x03.md:1: `pkg/app/<name>/main.c`: `pkg/app` does not exist"]


def test_what_is_not_checked(tree):
    body = """\
        Rust: `crates/kernel/src/proc/mod.rs`, `kernel/src/lib.rs`, `Stack::kstack()`,
        `ProcessManager::fork()`, `self.kill()`, `print!()`, `make run`, `esp/APP/hello`.

        ```sh
        cat pkg/kernel/missing.c   # `pkg/kernel/missing.c` inside a fence
        ```

        ~~~
        `gone()` `pkg/gone.c`
        ~~~
        """
    code, found, summary = doc(tree, body)
    assert code == 0, found
    assert summary.startswith("check_docs: 5 passed, 0 failed")


def test_commands_and_line_numbers(tree):
    code, found, _ = doc(
        tree,
        "`scripts/qemu.sh -s -S` `pkg/kernel/proc.c:12` `pkg/kernel/proc.h#L3` `Makefile`\n",
    )
    assert code == 1
    assert found == ["docs/labs/0x03.md:1: `scripts/qemu.sh` does not exist"]


def test_double_backtick_span(tree):
    code, found, _ = doc(tree, "``pkg/kernel/nope.c``\n")
    assert found == ["docs/labs/0x03.md:1: `pkg/kernel/nope.c` does not exist"]


def test_all_lab_pages_are_scanned(tree):
    write(tree, "docs/labs/README.md", "`pkg/kernel/proc.c`\n")
    write(tree, "docs/labs/0x01.md", "`pkg/kernel/gone.c`\n")
    code, found, summary = problems(tree)
    assert code == 1
    assert found == ["docs/labs/0x01.md:1: `pkg/kernel/gone.c` does not exist"]
    assert "docs/labs/README.md" in summary


def test_missing_lab_map_fails(tree):
    os.remove(os.path.join(tree, "docs/LAB-MAP.md"))
    code, found, _ = problems(tree)
    assert code == 1
    assert found[0].startswith("docs/LAB-MAP.md:0: cannot read")


def test_explicit_files(tree):
    write(tree, "docs/other.md", "`pkg/kernel/gone.c`\n")
    code, found, _ = problems(tree, "docs/LAB-MAP.md")
    assert code == 0
    code, found, _ = problems(tree, "docs/other.md")
    assert found == ["docs/other.md:1: `pkg/kernel/gone.c` does not exist"]


def test_repository_lab_map_passes():
    """The real docs/LAB-MAP.md matches the real code."""
    code, out = run(REPO, "docs/LAB-MAP.md")
    assert code == 0, out
