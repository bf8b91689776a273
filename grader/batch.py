"""Batch grading: `python3 -m grader --submissions DIR`.

Every folder in DIR is one submission, laid out like this repository.  Each
is built on its own from its pkg/ sources only, in a sandboxed copy of the
TA's tree (build() below, sandbox.py; `make build WERROR=0`, plus `LAB=N`
with --stage: the output in SUB/build/grader/build.log, the ESP in SUB/esp,
killed after `[grader] build_timeout` seconds; newlib comes from the
machine's cache, built at most once for all of them: pkg/lib/lib.mk), then
graded from that ESP with this grader and the TA's config.toml (timeouts,
weights), never the submission's own grader.  A
build that fails or times out scores 0 and the next submission goes on.
Each submission keeps its logs, junit.xml and results.json under
SUB/build/grader/; DIR/grades.csv has one row per submission: build status,
the points of each lab group that ran, the total and the test counts;
DIR/grades.json has everything (gradebook.py), DIR/grades.html shows it
(gradepage.py).

At course scale the batch is split: --shard K/N grades every N-th submission
in name order (the i-th, from 0, goes to shard i % N + 1) into
DIR/grades-K-of-N.csv and .json, and `python3 -m grader merge` (merge.py)
joins the shards' JSON into what one run would have written.  While it
runs, progress.py shows each submission's progress and the batch's ETA.

A compiler warning does not cost a student the build: submissions build
with WERROR=0 (mk/flags.mk), the warnings found in the build log are
counted in grades.csv, listed (the first WARNINGS_SHOWN) on the console and
kept whole in SUB/build/grader/warnings.txt.  The project's own `make test`
keeps -Werror.

A submission is untrusted code: of it, only the files a student is meant to
edit are taken, the .c/.h/.S files under pkg/ (SOURCE_SUFFIXES; the TA's
Makefile, mk/, pkg/**/*.mk, linker scripts, scripts/ and grader/ are used,
never the submission's: a make fragment could run any command).  They are
built in SUB/build/grader/tree, a fresh copy of the TA's committed files
(`git ls-files` of TA_TREE, and a copy of the newlib cache), under sandbox.wrap():
no network, no other files, limits on CPU, memory, processes and output.
"""
import csv
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader import gradebook, gradepage, sandbox, stages
from grader.settings import ROOT

BUILD_LOG = "build.log"
WARNINGS_FILE = "warnings.txt"
WARNINGS_SHOWN = 5
# gcc / clang / ld: `pkg/kernel/src/main.c:12:5: warning: unused variable 'x' [-Wunused-variable]`
WARNING = re.compile(r"^(?:[^\s:]+(?::\d+)*: )?warning: .*$", re.M)
LOG_DIR = Path("build") / "grader"
PAGE_NAME = "grades.html"
# Untrusted submissions (see the module comment): the tree a submission's
# sources are built in is a copy of TA_TREE's, with these of its build/.
TA_TREE = ROOT
TREE = "tree"
CACHE_COPY = "cache"
# The TA tree's own newlib, when the machine's cache could not be used
# (scripts/build-newlib.sh falls back to build/newlib-KEY).
NEWLIB = "newlib-*"
SOURCE_SUFFIXES = (".c", ".h", ".S")
BUILD_ENV = ("PATH", "HOME", "XDG_CACHE_HOME")
# Set by cli.grade_submissions from config.toml [grader].
LIMITS = sandbox.Limits()
# How a build stopped by a limit ends: the signal of the process it stopped,
# what a compiler, make or a shell says of it, and what grades.csv says.
LIMIT_SIGNS = (
    (signal.SIGXCPU, re.compile(r"CPU time limit exceeded"),
     "CPU time over the {0.cpu_seconds} s limit"),
    (signal.SIGXFSZ, re.compile(r"File size limit exceeded"),
     "output over the {0.output_mb} MB limit"),
    (None, re.compile(r"out of memory|memory exhausted|Cannot allocate memory"),
     "memory over the {0.memory_mb} MB limit"),
    (None, re.compile(r"Resource temporarily unavailable|Cannot fork|fork: retry"),
     "over the {0.processes} processes limit"),
)


@dataclass
class Graded:
    name: str
    build: str  # "ok", "failed (exit N[: limit hit])", "failed (no pkg/ folder)", "timeout"
    results: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # compiler warning lines, in order
    build_log: str = ""  # SUB/build/grader/build.log


@dataclass
class Batch:
    """One --submissions run: where, how to build, how to score, which shard."""
    folder: Path
    jobs: int
    build_timeout: float
    weights: dict
    stage: int = None
    shard: tuple = None  # (K, N): grade only that slice


class NoSubmissions(Exception):
    """--submissions DIR gives nothing to grade: str() is one line saying why."""


def warnings_in(log_text):
    """The compiler's warning lines in a build log, each once, in order."""
    return list(dict.fromkeys(m.group(0).strip() for m in WARNING.finditer(log_text)))


def submissions(folder):
    """The submission folders in `folder`, by name (hidden ones skipped).
    NoSubmissions if it is missing, not a folder or has none."""
    folder = Path(folder)
    if not folder.exists():
        raise NoSubmissions(f"--submissions {folder}: no such folder")
    if not folder.is_dir():
        raise NoSubmissions(f"--submissions {folder}: not a folder")
    found = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not found:
        raise NoSubmissions(f"--submissions {folder}: no submission folders in it")
    return found


def shard_of(subs, shard):
    """Shard (K, N) of the submissions in name order: the i-th (from 0) is
    in shard i % N + 1.  All of them without a shard."""
    if shard is None:
        return list(subs)
    k, n = shard
    return list(subs[k - 1::n])


def limits_from(settings):
    """config.toml [grader]'s limits on a submission's build."""
    return sandbox.Limits(settings.build_cpu_seconds, settings.build_memory_mb,
                          settings.build_processes, settings.output_mb)


def build(sub, jobs, timeout, stage=None):
    """Build SUB's pkg/ sources in a fresh sandboxed copy of the TA's tree:
    `make -jN build WERROR=0 [LAB=stage]`, output to SUB/build/grader/build.log,
    the ESP it made moved to SUB/esp.  Returns "ok", "timeout" or
    "failed (REASON)": an exit code, a limit it hit, no pkg/ folder."""
    logs = fresh_log_dir(sub)
    tree = logs / TREE
    with open(logs / BUILD_LOG, "wb") as log:
        problem = prepare_tree(sub, tree, log)
        code = None if problem else run_make(tree, jobs, timeout, stage, log)
    status = problem or build_status(code, logs / BUILD_LOG)
    if status == "ok" and (tree / "esp").is_dir():
        os.replace(tree / "esp", sub / "esp")
    for work in (tree, logs / CACHE_COPY):
        shutil.rmtree(work, ignore_errors=True)
    return status if status in ("ok", "timeout") else f"failed ({status})"


def fresh_log_dir(sub):
    """An empty SUB/build/grader, and no SUB/esp: whatever the submission
    put there (a symlink to a file of ours to overwrite, an ESP) goes."""
    for path in (sub / "build", sub / LOG_DIR, sub / "esp"):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path != sub / "build" and path.is_dir():
            shutil.rmtree(path)
    (sub / LOG_DIR).mkdir(parents=True)
    return sub / LOG_DIR


def prepare_tree(sub, tree, log):
    """Fill the work folders: `tree` (the TA's files, the submission's pkg/
    sources) and the cache copy beside it, both for the sandbox's user.
    Notes go to the log; returns None, or why nothing can be built."""
    pkg = sub / "pkg"
    if pkg.is_symlink() or not pkg.is_dir():
        log.write(b"grader: the submission has no pkg/ folder (a symlink is not followed)\n")
        return "no pkg/ folder"
    copy_ta_tree(TA_TREE, tree)
    notes, taken = take_sources(pkg, tree / "pkg")
    log.write(f"grader: {taken} source files of {pkg} built in a copy of {TA_TREE}\n".encode())
    log.write("".join(f"grader: note: {n}\n" for n in notes).encode())
    log.flush()
    copy_cache(tree.parent / CACHE_COPY)
    for work in (tree, tree.parent / CACHE_COPY):
        sandbox.hand_over(work)
    return None


def copy_ta_tree(ta, tree):
    """The TA's committed files (their working-tree text) minus its pkg/
    sources, and its built newlib if it is in the tree rather than in the
    machine's cache (a minute of CPU saved per submission)."""
    for name in ta_files(ta):
        src = ta / name
        if is_source(name, "pkg/") or not (src.exists() or src.is_symlink()):
            continue
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, tree / name, follow_symlinks=False)  # mtimes kept: newlib up to date
    for built in sorted((ta / "build").glob(NEWLIB)):
        if built.is_dir():
            shutil.copytree(built, tree / "build" / built.name, symlinks=True)


def ta_files(ta):
    """The TA tree's files: `git ls-files` in a checkout; in a tree without
    git (a Gradescope bundle, a handout copied out), every file but build/
    and esp/."""
    if (ta / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ta, check=True,
                                capture_output=True).stdout.decode().split("\0")
        return [name for name in listed if name]
    found = []
    for folder, dirs, files in os.walk(ta):
        if Path(folder) == ta:
            dirs[:] = [d for d in dirs if d not in ("build", "esp")]
        found += [str((Path(folder) / f).relative_to(ta)) for f in files]
    return sorted(found)


def is_source(path, under=""):
    return str(path).startswith(under) and Path(path).suffix in SOURCE_SUFFIXES


def take_sources(pkg, dest):
    """Copy the regular .c/.h/.S files of `pkg` into `dest`; a symlink only
    when it names such a file inside `pkg`.  Returns (notes, files copied)."""
    inside, notes, taken, ignored = pkg.resolve(), [], 0, 0
    for folder, dirs, files in os.walk(pkg):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(pkg)
            if path.is_symlink() and (name in dirs or not path.resolve().is_relative_to(inside)):
                notes.append(f"pkg/{rel} is a symlink out of pkg/ or to a folder: not followed")
            elif name in files and not is_source(name):
                ignored += 1
            elif name in files and not path.is_file():
                notes.append(f"pkg/{rel} is not a regular file: left out")
            elif name in files:
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest / rel)
                taken += 1
    if ignored:
        notes.append(f"{ignored} other files of pkg/ (not {'/'.join(SOURCE_SUFFIXES)}) not used: "
                     "the TA's are")
    return notes, taken


def run_make(tree, jobs, timeout, stage, log):
    """make in `tree`, sandboxed; its exit code, or None after the timeout."""
    argv = stages.build_command(stage, werror=False)
    cache = (tree.parent / CACHE_COPY, shared_cache())
    run = sandbox.wrap(argv[:1] + [f"-j{jobs}"] + argv[1:], LIMITS, writable=[tree, cache],
                       cwd=tree, unprivileged=True)
    # Only these variables go in: no jobserver or flags of a make above us
    # (make test), no secret of the TA's environment for the build to print;
    # the C locale: plain ASCII messages, the same for every submission.
    env = {**{k: os.environ[k] for k in BUILD_ENV if k in os.environ}, "LC_ALL": "C"}
    make = subprocess.Popen(run.argv, stdout=log, stderr=subprocess.STDOUT, cwd=tree,
                            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        return make.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(make.pid, signal.SIGKILL)  # the sandbox, and with it every process in it
        make.wait()
        return None


def shared_cache():
    """The newlib cache builds share: ${XDG_CACHE_HOME:-$HOME/.cache}/ysos-c."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ysos-c"


def copy_cache(copy):
    """A copy of the shared cache (or an empty folder): bound at the cache's
    place, the build reads it and may write it (a lock, a first build)
    without touching the TA's."""
    if shared_cache().is_dir():
        shutil.copytree(shared_cache(), copy, symlinks=True)  # mtimes kept: up to date
    else:
        copy.mkdir()


def build_status(code, log_path):
    """ "ok", "timeout", or why the build failed: a limit it hit, else its exit code."""
    if code is None:
        return "timeout"
    if code == 0:
        return "ok"
    limit = limit_hit(code, log_path)
    return f"exit {code}: {limit}" if limit else f"exit {code}"


def limit_hit(code, log_path):
    """The sandbox limit that stopped the build, from its exit status (a
    signal: -N, or 128+N through bwrap), the end of its log, or a log as
    long as the output limit."""
    stopped_by = -code if code < 0 else code - 128
    with open(log_path, "rb") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - 64 * 1024))
        tail = f.read().decode(errors="replace")
    full = bool(LIMITS.output_mb) and size >= LIMITS.output_mb * sandbox.MB
    for sign, words, limit in LIMIT_SIGNS:
        if stopped_by == sign or words.search(tail) or (full and sign == signal.SIGXFSZ):
            return limit.format(LIMITS)
    return None


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)


def report_warnings(sub, warnings, out):
    """Keep every warning in SUB/build/grader/warnings.txt, show the first few."""
    path = sub / LOG_DIR / WARNINGS_FILE
    path.write_text("".join(w + "\n" for w in warnings))
    if not warnings:
        return
    out.write(f"== {sub.name}: {len(warnings)} compiler warnings (not fatal, see {path})\n")
    out.write("".join(line + "\n" for line in shown_warnings(warnings)))


def shown_warnings(warnings):
    """The first WARNINGS_SHOWN warnings, indented, and `... N more`."""
    more = len(warnings) - WARNINGS_SHOWN
    shown = [f"    {w}" for w in warnings[:WARNINGS_SHOWN]]
    return shown + ([f"    ... {more} more"] if more > 0 else [])


def grade_one(sub, job, grade, live):
    """Build `sub`, report its warnings, grade its ESP; a Graded."""
    live.start(sub.name, "build" + (f" LAB={job.stage}" if job.stage else ""))
    live.write(f"== {sub.name}: building\n")
    start = time.monotonic()
    status = build(sub, job.jobs, job.build_timeout, job.stage)
    log = sub / LOG_DIR / BUILD_LOG
    live.write(f"== {sub.name}: build {status} ({time.monotonic() - start:.0f}s, {log})\n")
    warnings = warnings_in(log.read_text(errors="replace"))
    report_warnings(sub, warnings, live)
    live.stage(sub.name, "grade")
    problem = None if status == "ok" else f"build {status}, see {log}"
    results = grade(sub / "esp", sub / LOG_DIR, problem,
                    lambda result: live.tested(sub.name, result.test.lab))
    live.finish(sub.name)
    return Graded(sub.name, status, results, warnings, str(log))


def grade_all(job, subs, grade, live):
    """Build and grade the submission folders `subs`, one after the other.

    grade(esp, log_dir, build_problem, seen) runs the selected tests on one
    ESP, calls seen(Result) as each ends and returns the Results (all
    failed, with that reason, when build_problem is set).  `live` is the
    Progress all output goes through.  Writes the batch's files
    (write_outputs); returns its book (gradebook.py)."""
    graded = [grade_one(sub, job, grade, live) for sub in subs]
    book = gradebook.book(graded, job.weights, job.shard)
    write_outputs(job.folder, book, live, job.shard)
    return book


def print_table(rows, out):
    """grades.csv's rows as a table: name, points per lab, total, build."""
    width = max([len(r[0]) for r in rows] + [10])
    for row in rows:
        out.write(f"{row[0]:<{width}}  " + "  ".join(f"{c:>8}" for c in row[3:]) +
                  f"  {row[1]}" + (f", {row[2]} warnings" if row[2] not in (0, "warnings") else "")
                  + "\n")


def write_outputs(folder, book, out, shard=None):
    """FOLDER/grades.csv, grades.json and grades.html (a shard's:
    grades-K-of-N.csv and .json), then the table and where they are."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = gradebook.stem(shard)
    rows = gradebook.csv_rows(book)
    write_csv(folder / f"{stem}.csv", rows)
    gradebook.write(folder / f"{stem}.json", book)
    also = [folder / f"{stem}.json"]
    if shard is None:
        (folder / PAGE_NAME).write_text(gradepage.page(book, folder))
        also.append(folder / PAGE_NAME)
    print_table(rows, out)
    out.write(f"also: {', '.join(map(str, also))}\n")
    out.write(f"grades: {folder / f'{stem}.csv'}\n")
