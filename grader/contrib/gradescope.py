"""Gradescope's autograder for one lab: the results format, the run, the zip.

Gradescope builds a Docker image from a zip with setup.sh and run_autograder
at its root (gradescope-zip/), then runs run_autograder once per submission;
it must leave /autograder/results/results.json.  So that a course needs no
glue of its own, this module is both ends:

  python3 -m grader.contrib.gradescope bundle N FILE.zip
      (`make gradescope LAB=N OUT=FILE.zip`) the zip: the two scripts and,
      in ysos/, the handout of lab N as scripts/handout writes it (no
      solution a student does not start from; its grader/ and config.toml
      are the ones that grade);
  python3 -m grader.contrib.gradescope run
      (run_autograder, from source/ysos) the submission's pkg/ sources, the
      only files a student edits, built as batch grading builds a
      submission (batch.build: in a sandboxed copy of the bundled tree,
      never their Makefile, make fragments, scripts/ or grader/; WERROR=0),
      graded by the bundled grader with `--stage N`,
      and turned into Gradescope's results by to_gradescope().
The root is $AUTOGRADER_ROOT (default /autograder), so gradescope-try can lay
one out in a temporary folder.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from grader import batch, cli, score, stages
from grader.settings import ROOT, load_settings

ROOT_ENV = "AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
TREE = "ysos"  # the handout's folder in the zip: /autograder/source/ysos
ZIP_SCRIPTS = Path(__file__).resolve().parent / "gradescope-zip"
ZIP_ROOT_FILES = ("setup.sh", "run_autograder")
BUILD_LOG_LINES = 40
COURSE_LABS = range(1, stages.COURSE_LABS + 1)  # the labs a handout exists for
USAGE = """usage: python3 -m grader.contrib.gradescope run
       python3 -m grader.contrib.gradescope bundle N FILE.zip"""


# ---- the results (pure: the grader's JSON report in, Gradescope's dict out)


def max_scores(report, weights):
    """Each test's points, in report order: its group's weight split over the
    group's tests by share ([grader.weights.tests], 1 each by default), as
    score.py counts, so they add up to the grader's total."""
    shares = [score.test_share(t["name"], weights) for t in report["tests"]]
    group_shares = {}
    for t, share in zip(report["tests"], shares):
        group_shares[t["lab"]] = group_shares.get(t["lab"], 0.0) + share
    labs = report["score"]["labs"]
    return [labs[t["lab"]]["weight"] * share / group_shares[t["lab"]] if share else 0.0
            for t, share in zip(report["tests"], shares)]


def test_output(test):
    if test["passed"]:
        return f"passed in {test['seconds']:.1f}s"
    return "\n".join(part for part in (test["reason"], test["details"]) if part)


def gradescope_test(test, max_score):
    return {"name": f"{test['lab']}: {test['name']}",
            "score": max_score if test["passed"] else 0.0,
            "max_score": max_score,
            "status": "passed" if test["passed"] else "failed",
            "output": test_output(test)}


def score_lines(report):
    s = report["score"]
    lines = [f"{lab}: {g['passed']}/{g['total']} tests passed, {g['points']:.2f} / {g['weight']:g}"
             for lab, g in s["labs"].items()]
    return lines + [f"total: {s['points']:.2f} / {s['out_of']:g} "
                    f"({report['passed']} passed, {report['failed']} failed)"]


def warning_lines(warnings):
    if not warnings:
        return []
    return [f"{len(warnings)} compiler warnings (not fatal):"] + batch.shown_warnings(warnings)


def to_gradescope(report, weights, warnings=()):
    """Gradescope's results.json dict for the grader's JSON report
    (report.json_report) and config.toml's [grader.weights]."""
    tests = [gradescope_test(t, m) for t, m in zip(report["tests"], max_scores(report, weights))]
    return {"score": report["score"]["points"],
            "output": "\n".join(score_lines(report) + warning_lines(list(warnings))),
            "tests": tests}


def not_graded(why, log_text=""):
    """Score 0, nothing ran: `why`, and the last lines of the build log."""
    tail = log_text.splitlines()[-BUILD_LOG_LINES:]
    lines = [why] + ([f"last {len(tail)} lines of the build:"] + tail if tail else [])
    return {"score": 0.0, "output": "\n".join(lines), "tests": []}


# ---- the run (run_autograder)


def handout_lab(tree):
    """The lab a handout is for: its mk/stage.mk is pinned to `LAB_MAX := N`."""
    m = re.search(r"^LAB_MAX := (\d+)$", (Path(tree) / "mk" / "stage.mk").read_text(), re.M)
    if not m:
        raise ValueError(f"{tree}/mk/stage.mk has no `LAB_MAX := N` line")
    return int(m.group(1))


def submitted_pkg(submission):
    """The submission's pkg/: at its top, or in its only folder that has one
    (a zip of the repository's folder instead of its contents)."""
    submission = Path(submission)
    if (submission / "pkg").is_dir():
        return submission / "pkg"
    found = [p for p in submission.glob("*/pkg") if p.is_dir()]
    return found[0] if len(found) == 1 else None


def build(work, lab, settings):
    """batch grading's build of a submission (its pkg/ sources in a sandboxed
    copy of the bundled tree): (status, the build log)."""
    batch.LIMITS = batch.limits_from(settings)
    status = batch.build(work, os.cpu_count() or 1, settings.build_timeout, stage=lab)
    return status, (work / batch.LOG_DIR / batch.BUILD_LOG).read_text(errors="replace")


def grade(work, lab):
    """The grader (this tree's: the bundle's) on work/esp, labs 1..lab."""
    logs = work / batch.LOG_DIR
    report = logs / "results.json"
    cli.main(["--stage", str(lab), "--esp", str(work / "esp"), "--log-dir", str(logs),
              "--json", str(report)])
    return json.loads(report.read_text())


def autograde(tree, submission, work):
    """Gradescope's results for one submission, graded against `tree`."""
    tree, work = Path(tree), Path(work)
    lab = handout_lab(tree)
    settings = load_settings(tree / "config.toml")
    pkg = submitted_pkg(submission)
    if pkg is None:
        return not_graded("No pkg/ folder in the submission: submit your repository "
                          "(or a zip of it) with pkg/ at its top.")
    if work.exists():
        shutil.rmtree(work)
    # A copy: batch.build() writes its logs and ESP beside the pkg/ it builds.
    shutil.copytree(pkg, work / "pkg", symlinks=True)
    batch.TA_TREE = tree
    status, log = build(work, lab, settings)
    if status != "ok":
        return not_graded(f"The build failed ({status}): nothing was graded.", log)
    return to_gradescope(grade(work, lab), settings.weights, batch.warnings_in(log))


def run(root):
    """run_autograder: grade root/submission, write root/results/results.json."""
    start = time.monotonic()
    try:
        results = autograde(root / "source" / TREE, root / "submission", root / "work")
    except Exception:  # the student sees a 0 and why, never a missing results file
        results = not_graded("The autograder failed:\n" + traceback.format_exc())
    results["execution_time"] = round(time.monotonic() - start)
    out = root / "results" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


# ---- the zip (make gradescope)


def write_zip(tree, out):
    """out: setup.sh and run_autograder at the root, `tree` in TREE/ (modes kept)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ZIP_ROOT_FILES:
            z.write(ZIP_SCRIPTS / name, name)
        for path in sorted(Path(tree).rglob("*")):
            if path.is_file():
                z.write(path, f"{TREE}/{path.relative_to(tree)}")


def bundle(ref, lab, out):
    """The autograder zip of lab `lab` from the reference tree `ref`."""
    if lab not in COURSE_LABS:
        sys.exit(f"gradescope: LAB must be one of {COURSE_LABS.start}..{COURSE_LABS.stop - 1} "
                 f"(the labs with a handout), not {lab}")
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / TREE
        subprocess.run([sys.executable, str(Path(ref) / "scripts" / "handout"), str(lab), str(tree)],
                       cwd=ref, check=True, stdout=subprocess.DEVNULL)
        write_zip(tree, out)
    print(f"gradescope: {out} (lab 0x{lab:02x}: {', '.join(ZIP_ROOT_FILES)}, {TREE}/)")


def main(argv):
    if argv == ["run"]:
        run(Path(os.environ.get(ROOT_ENV, DEFAULT_ROOT)))
        return 0
    if len(argv) == 3 and argv[0] == "bundle" and argv[1].isdigit():
        bundle(ROOT, int(argv[1]), argv[2])
        return 0
    sys.exit(USAGE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
