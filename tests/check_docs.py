#!/usr/bin/python3
"""Check that the docs point at code that exists.

Scans docs/LAB-MAP.md and docs/labs/*.md (or the Markdown files given on the
command line) for inline code spans, outside fenced code blocks:

  * a span that starts with pkg/ tests/ scripts/ grader/ docs/ mk/ .ci/, or
    is a top-level file (Makefile, config.toml, README.md, .gdbinit, ...), is a
    repository path: it must exist. Paths are written out in full, one per
    span: brace sets ({a,b}) and wildcards (*, ?) are errors. A <placeholder>
    (pkg/app/<name>/main.c) is allowed; the part before it must exist. Only
    the first word counts when the span is a command (`scripts/qemu.sh -s`).
  * a span `name()` (a C function, or a function-like macro) must be DEFINED
    in one of the .c/.h/.S files named on the same line: a definition with
    its body, `#define name(`, or an assembly label `name:`. A prototype, a
    call or a comment does not count, and a function with no C file on its
    line is an error.

Rust paths (crates/..., kernel/src/...) and qualified names (Foo::bar())
are not checked. Prints one `FILE:LINE: problem` line per failure and ends
with `N passed, M failed`; exits 1 when anything failed.

usage: tests/check_docs.py [--root DIR] [FILE.md ...]
"""

import argparse
import glob
import os
import re
import sys

PATH_PREFIXES = ("pkg/", "tests/", "scripts/", "grader/", "docs/", "mk/", ".ci/")
TOP_LEVEL_FILES = (
    "Makefile",
    "config.toml",
    "README.md",
    "README.zh-CN.md",
    ".gdbinit",
    ".clang-format",
    ".gitignore",
)
C_SUFFIXES = (".c", ".h", ".S", ".s")
ASM_SUFFIXES = (".S", ".s")

CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
FUNCTION_REF = re.compile(r"^([A-Za-z_]\w*)\(([^()]*)\)$")
LINE_SUFFIX = re.compile(r"(:\d+(-\d+)?|#[\w-]*)$")
WILDCARD = re.compile(r"[*?{}\[\]]")


# ---- reading the Markdown ----


def code_spans(markdown):
    """(line number, span text) for every inline code span outside fences."""
    fence = None
    for number, line in enumerate(markdown.splitlines(), 1):
        m = FENCE.match(line)
        if m:
            marker = m.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        for span in CODE_SPAN.finditer(line):
            yield number, span.group(2).strip()


def as_path(span):
    """The repository path a span names, or None when it names none."""
    word = span.split()[0] if span.split() else ""
    word = LINE_SUFFIX.sub("", word)
    if word.startswith(PATH_PREFIXES) or word in TOP_LEVEL_FILES:
        return word
    return None


def as_function(span):
    """The C identifier of a `name()` span, or None."""
    m = FUNCTION_REF.match(span)
    return m.group(1) if m else None


# ---- reading C and assembly ----


def strip_comments(code):
    """C source with comments blanked out (newlines kept, strings kept)."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c in "\"'":
            j = i + 1
            while j < n and code[j] != c and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            out.append(code[i : j + 1])
            i = j + 1
        elif code.startswith("//", i):
            j = code.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif code.startswith("/*", i):
            j = code.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", code[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def close_paren(code, open_at):
    """Index of the parenthesis that closes the one at open_at, or -1."""
    depth = 0
    for i in range(open_at, len(code)):
        if code[i] == "(":
            depth += 1
        elif code[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def strip_attributes(code):
    """__attribute__((...)) removed, so it cannot hide a definition.

    One at the start of a line goes with the blanks after it, so that
    `__attribute__((noreturn)) void f(void)` starts at column 0 like any
    other definition; elsewhere it becomes blanks. Newlines are kept.
    """
    out, i = [], 0
    for m in re.finditer(r"\b__attribute__\s*\(", code):
        if m.start() < i:
            continue
        end = close_paren(code, m.end() - 1)
        if end < 0:
            break
        out.append(code[i : m.start()])
        attribute = code[m.start() : end + 1]
        i = end + 1
        if m.start() == 0 or code[m.start() - 1] == "\n":
            out.append("\n" * attribute.count("\n"))
            while i < len(code) and code[i] in " \t":
                i += 1
        else:
            out.append(re.sub(r"[^\n]", " ", attribute))
    out.append(code[i:])
    return "".join(out)


def c_definition(code, name):
    """How name appears in C source: 'defined', 'declared', 'mentioned' or None."""
    if re.search(r"^[ \t]*#[ \t]*define[ \t]+%s\(" % re.escape(name), code, re.M):
        return "defined"
    # A declarator at the start of a line: return type, qualifiers and stars
    # (on this line or the lines before), the name, then its parameter list.
    head = re.compile(r"^(?:[A-Za-z_][\w\s*]*?[\s*])?%s\s*\(" % re.escape(name), re.M)
    found = None
    for m in head.finditer(code):
        if re.match(r"(return|else|case|goto)\b", m.group(0)):
            continue
        end = close_paren(code, m.end() - 1)
        if end < 0:
            continue
        rest = code[end + 1 :].lstrip()
        if rest.startswith("{"):
            return "defined"
        if rest.startswith(";"):
            found = "declared"
    if found:
        return found
    if re.search(r"\b%s\b" % re.escape(name), code):
        return "mentioned"
    return None


def asm_definition(code, name):
    """'defined' when the assembly file has the label name: (or #define name()."""
    label = r"^[ \t]*(?:[\w.$]+:[ \t]*)*%s:" % re.escape(name)
    if re.search(label, code, re.M):
        return "defined"
    if re.search(r"^[ \t]*#[ \t]*define[ \t]+%s\(" % re.escape(name), code, re.M):
        return "defined"
    if re.search(r"\b%s\b" % re.escape(name), code):
        return "mentioned"
    return None


class SourceCache:
    def __init__(self, root):
        self.root = root
        self.text = {}

    def code(self, rel):
        if rel not in self.text:
            with open(os.path.join(self.root, rel), encoding="utf-8", errors="replace") as f:
                raw = f.read()
            if rel.endswith(ASM_SUFFIXES):
                self.text[rel] = strip_comments(raw)
            else:
                self.text[rel] = strip_attributes(strip_comments(raw))
        return self.text[rel]

    def lookup(self, rel, name):
        code = self.code(rel)
        if rel.endswith(ASM_SUFFIXES):
            return asm_definition(code, name)
        return c_definition(code, name)


# ---- checking ----


class Report:
    def __init__(self):
        self.passed = 0
        self.problems = []

    def ok(self):
        self.passed += 1

    def fail(self, where, line, message):
        self.problems.append("%s:%d: %s" % (where, line, message))


def check_path(root, path, where, line, report):
    """True when path is an existing, concrete path (not a placeholder)."""
    if WILDCARD.search(path):
        report.fail(where, line, "`%s`: write each path out in full (no {a,b} or wildcards)" % path)
        return False
    if "<" in path:
        # pkg/app/<name>/main.c: the directory before the placeholder must exist.
        fixed = path[: path.index("<")].rstrip("/")
        if os.path.isdir(os.path.join(root, fixed or ".")):
            report.ok()
        else:
            report.fail(where, line, "`%s`: `%s` does not exist" % (path, fixed))
        return False
    if os.path.exists(os.path.join(root, path)):
        report.ok()
        return True
    report.fail(where, line, "`%s` does not exist" % path)
    return False


def check_function(cache, name, c_files, where, line, report):
    if not c_files:
        report.fail(
            where,
            line,
            "`%s()`: no C file (.c/.h/.S) named on this line to define it" % name,
        )
        return
    seen = {}
    for rel in c_files:
        how = cache.lookup(rel, name)
        if how == "defined":
            report.ok()
            return
        seen[rel] = how
    hints = []
    for rel in c_files:
        how = seen[rel]
        if how == "declared":
            hints.append("%s only declares it" % rel)
        elif how == "mentioned":
            hints.append("%s only uses it" % rel)
        else:
            hints.append("%s never mentions it" % rel)
    report.fail(where, line, "`%s()` is not defined in %s" % (name, "; ".join(hints)))


def check_file(root, rel, cache, report):
    full = os.path.join(root, rel)
    try:
        with open(full, encoding="utf-8") as f:
            markdown = f.read()
    except OSError as e:
        report.fail(rel, 0, "cannot read: %s" % e.strerror)
        return
    lines = {}
    for number, span in code_spans(markdown):
        lines.setdefault(number, []).append(span)
    for number in sorted(lines):
        c_files, functions = [], []
        for span in lines[number]:
            path = as_path(span)
            if path is not None:
                exists = check_path(root, path, rel, number, report)
                if exists and path.endswith(C_SUFFIXES) and os.path.isfile(os.path.join(root, path)):
                    if path not in c_files:
                        c_files.append(path)
                continue
            name = as_function(span)
            if name is not None:
                functions.append(name)
        for name in functions:
            check_function(cache, name, c_files, rel, number, report)


def default_files(root):
    files = ["docs/LAB-MAP.md"]
    labs = sorted(glob.glob(os.path.join(root, "docs", "labs", "*.md")))
    files += [os.path.relpath(p, root) for p in labs]
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    parser.add_argument("files", nargs="*", help="Markdown files, relative to the root")
    args = parser.parse_args(argv)

    root = os.path.abspath(args.root)
    files = args.files or default_files(root)
    cache = SourceCache(root)
    report = Report()
    for rel in files:
        check_file(root, rel, cache, report)
    for problem in report.problems:
        print(problem)
    print(
        "check_docs: %d passed, %d failed (%s)"
        % (report.passed, len(report.problems), ", ".join(files))
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
