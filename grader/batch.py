"""Batch grading: `python3 -m grader --submissions DIR`.

Every folder in DIR is one submission, laid out like this repository.  Each
is built on its own (`make -C SUB -jN build WERROR=0`, plus `LAB=N` with
--stage: its own build/ and esp/, the output in SUB/build/grader/build.log,
killed after `[grader] build_timeout` seconds), then graded from its esp/ with this grader and the TA's
config.toml (timeouts, weights), never the submission's own grader.  A
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
"""
import csv
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader import gradebook, gradepage, stages

BUILD_LOG = "build.log"
WARNINGS_FILE = "warnings.txt"
WARNINGS_SHOWN = 5
# gcc / clang / ld: `pkg/kernel/src/main.c:12:5: warning: unused variable 'x' [-Wunused-variable]`
WARNING = re.compile(r"^(?:[^\s:]+(?::\d+)*: )?warning: .*$", re.M)
LOG_DIR = Path("build") / "grader"
PAGE_NAME = "grades.html"


@dataclass
class Graded:
    name: str
    build: str  # "ok", "failed (exit N)", "timeout"
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


def build(sub, jobs, timeout, stage=None):
    """`make -C SUB -jN build WERROR=0 [LAB=stage]`, output to
    SUB/build/grader/build.log.  Returns "ok", "failed (exit N)" or "timeout"."""
    # A make above us (make test) must not hand its jobserver or flags down.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    # The log goes next to the submission until make is done: creating
    # SUB/build/ first could make a target called `build` look up to date.
    partial = sub.parent / f".{sub.name}.{BUILD_LOG}"
    with open(partial, "wb") as log:
        argv = stages.build_command(stage, werror=False)
        make = subprocess.Popen(argv[:1] + ["-C", str(sub), f"-j{jobs}"] + argv[1:], stdout=log,
                                stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        try:
            code = make.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)  # make and every compiler it started
            make.wait()
            code = None
    (sub / LOG_DIR).mkdir(parents=True, exist_ok=True)
    partial.replace(sub / LOG_DIR / BUILD_LOG)
    if code is None:
        return "timeout"
    return "ok" if code == 0 else f"failed (exit {code})"


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
    for line in warnings[:WARNINGS_SHOWN]:
        out.write(f"    {line}\n")
    if len(warnings) > WARNINGS_SHOWN:
        out.write(f"    ... {len(warnings) - WARNINGS_SHOWN} more\n")


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
