"""Batch grading: `python3 -m grader --submissions DIR`.

Every folder in DIR is one submission, laid out like this repository.  Each
is built on its own (`make -C SUB -jN build WERROR=0`, plus `LAB=N` with
--stage: its own build/ and esp/, the output in SUB/build/grader/build.log,
killed after `[grader] build_timeout` seconds; newlib comes from the
machine's cache, built at most once for all of them: pkg/lib/lib.mk, and
HOME or NEWLIB_CACHE are passed on), then graded from its esp/ with this
grader and the TA's config.toml (timeouts, weights), never the submission's
own grader.  A build that fails or times out scores 0 and the next
submission goes on.
Each submission keeps its logs, junit.xml and results.json under
SUB/build/grader/; DIR/grades.csv has one row per submission: build status,
the points of each lab group that ran, the total and the test counts.

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

from grader import registry, score, stages

BUILD_LOG = "build.log"
WARNINGS_FILE = "warnings.txt"
WARNINGS_SHOWN = 5
# gcc / clang / ld: `pkg/kernel/src/main.c:12:5: warning: unused variable 'x' [-Wunused-variable]`
WARNING = re.compile(r"^(?:[^\s:]+(?::\d+)*: )?warning: .*$", re.M)
LOG_DIR = Path("build") / "grader"
CSV_NAME = "grades.csv"


@dataclass
class Graded:
    name: str
    build: str  # "ok", "failed (exit N)", "timeout"
    results: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # compiler warning lines, in order


def warnings_in(log_text):
    """The compiler's warning lines in a build log, each once, in order."""
    return list(dict.fromkeys(m.group(0).strip() for m in WARNING.finditer(log_text)))


def submissions(folder):
    """The submission folders in `folder`, by name (hidden ones skipped)."""
    return sorted(p for p in Path(folder).iterdir() if p.is_dir() and not p.name.startswith("."))


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


def lab_columns(graded):
    """The lab groups that ran, in lab order (config.toml weight names)."""
    labs = {r.test.lab for g in graded for r in g.results}
    order = dict.fromkeys(registry.lab_name(g) for g in registry.GROUPS)  # unique, in order
    return [lab for lab in order if lab in labs]


def csv_rows(graded, weights):
    """Header + one row per submission: points per lab, total, counts."""
    labs = lab_columns(graded)
    rows = [["submission", "build", "warnings", *labs, "total", "passed", "failed"]]
    for g in graded:
        points = {s.lab: s.points for s in score.compute(g.results, weights)}
        total, _ = score.total(score.compute(g.results, weights))
        passed = sum(r.passed for r in g.results)
        rows.append([g.name, g.build, len(g.warnings),
                     *(f"{points.get(lab, 0.0):.2f}" for lab in labs),
                     f"{total:.2f}", passed, len(g.results) - passed])
    return rows


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


def grade_all(folder, grade, jobs, build_timeout, weights, out, stage=None):
    """Build and grade every submission in `folder`.

    grade(esp, log_dir, build_problem) runs the selected tests on one ESP and
    returns the Results (all failed, with that reason, when build_problem is
    set).  Writes folder/grades.csv; returns the Graded list."""
    graded = []
    for sub in submissions(folder):
        out.write(f"== {sub.name}: building\n")
        out.flush()
        start = time.monotonic()
        status = build(sub, jobs, build_timeout, stage)
        log = sub / LOG_DIR / BUILD_LOG
        out.write(f"== {sub.name}: build {status} ({time.monotonic() - start:.0f}s, {log})\n")
        warnings = warnings_in(log.read_text(errors="replace"))
        report_warnings(sub, warnings, out)
        problem = None if status == "ok" else f"build {status}, see {log}"
        results = grade(sub / "esp", sub / LOG_DIR, problem)
        graded.append(Graded(sub.name, status, results, warnings))
    path = Path(folder) / CSV_NAME
    rows = csv_rows(graded, weights)
    write_csv(path, rows)
    width = max([len(r[0]) for r in rows] + [10])
    for row in rows:
        out.write(f"{row[0]:<{width}}  " + "  ".join(f"{c:>8}" for c in row[3:]) +
                  f"  {row[1]}" + (f", {row[2]} warnings" if row[2] not in (0, "warnings") else "")
                  + "\n")
    out.write(f"grades: {path}\n")
    return graded
