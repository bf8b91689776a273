"""Command line of the grader: `python3 -m grader [options]` from the repo root.

Builds (`make build`) unless told not to, runs the selected tests, prints a
line per test, the score per lab and, last, `N passed, N failed`; exits 1
when anything failed (2 on a usage error).  With --submissions it grades
many builds instead (batch.py; --shard K/N for one slice of them) and exits
0 once every one is graded.  `python3 -m grader merge ...` is a command of
its own (merge.py), recognised before these options are parsed so that it
cannot clash with them.
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from grader import batch, cleanup, merge, progress, registry, report, runner, sandbox, stages
from grader.echo import SerialEcho
from grader.settings import (DEFAULT_CONFIG, DEFAULT_ESP, DEFAULT_LOG_DIR, ROOT, ConfigError,
                             load_settings)

# Self-tests replace QEMU by a scripted fake console (grader/tests/fake_qemu.py).
QEMU_CMD_ENV = "YSOS_GRADER_QEMU"
MERGE_HELP = ("To merge the shards of a batch: python3 -m grader merge OUTDIR FILE.json... "
              "(see python3 -m grader merge --help).")


def shard_arg(text):
    """--shard K/N -> (K, N), 1 <= K <= N."""
    match = re.fullmatch(r"(\d+)/(\d+)", text)
    k, n = map(int, match.groups()) if match else (0, 0)
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"{text!r}: expected K/N with 1 <= K <= N, e.g. 2/4")
    return k, n


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python3 -m grader",
                                description="Boot YSOS in QEMU and grade it.", epilog=MERGE_HELP)
    p.add_argument("--lab", action="append", default=[], metavar="N",
                   help="only this lab group: 1..7, rustabi, robust or beyond (repeatable)")
    p.add_argument("-k", dest="patterns", action="append", default=[], metavar="PATTERN",
                   help="only tests whose name contains PATTERN, or matches it as a glob "
                   "(repeatable)")
    p.add_argument("--stage", type=int, choices=range(1, stages.LAB_MAX + 1), metavar="N",
                   help="build lab stage N (`make build LAB=N`) and run the labs <= N "
                   "(with --lab: those labs against stage N)")
    p.add_argument("--list", action="store_true", help="list the selected tests and exit")
    p.add_argument("-j", dest="jobs", type=int, metavar="N",
                   help="QEMU instances in parallel (default: config.toml [grader] jobs; "
                   "0 = cores)")
    p.add_argument("--esp", type=Path, metavar="DIR",
                   help="grade this ESP folder (implies --no-build)")
    p.add_argument("--submissions", type=Path, metavar="DIR",
                   help="batch grading: build and grade every folder in DIR (a copy of this "
                   "repository each), write DIR/grades.csv, grades.json and grades.html")
    p.add_argument("--shard", type=shard_arg, metavar="K/N",
                   help="batch grading: only the K-th of N slices of DIR (the i-th submission "
                   "in name order, from 0, is in slice i %% N + 1), into DIR/grades-K-of-N.csv "
                   "and .json")
    p.add_argument("--build-timeout", type=float, metavar="S",
                   help="batch grading: seconds for one `make build` (default: config.toml "
                   "[grader] build_timeout, or 900)")
    p.add_argument("--junit", type=Path, metavar="FILE",
                   help="JUnit XML report (default LOG_DIR/junit.xml)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write a JSON report")
    p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X",
                   help="multiply every timeout by X (slow machines)")
    p.add_argument("--leak-rounds", type=int, metavar="N",
                   help="lab 7 leak check rounds after the warm-up (default: config.toml "
                   "[grader] leak_rounds, or 20)")
    p.add_argument("-v", "--verbose", action="store_true", help="stream the serial output")
    p.add_argument("--no-build", action="store_true", help="do not run `make build` first")
    p.add_argument("--config", type=Path, default=DEFAULT_CONFIG, metavar="FILE",
                   help="settings file (default: config.toml)")
    p.add_argument("--log-dir", type=Path, default=DEFAULT_LOG_DIR, metavar="DIR",
                   help="where failing tests' serial logs go (default: build/grader)")
    p.add_argument("--qemu-cmd", default=os.environ.get(QEMU_CMD_ENV), help=argparse.SUPPRESS)
    p.set_defaults(qemu_wrap=None)  # --submissions: sandbox.for_machine()
    args = p.parse_args(argv)
    if args.submissions and args.esp:
        p.error("--submissions and --esp do not go together")
    if args.shard and not args.submissions:
        p.error("--shard goes with --submissions")
    labs = args.lab or (stages.groups(args.stage) if args.stage else [])
    try:
        args.selected = registry.select(registry.all_tests(), labs, args.patterns)
    except ValueError as e:
        p.error(str(e))
    return args


def list_tests(tests, out):
    for t in tests:
        where = t.boot.label() + (f" @{t.machine}" if t.machine else "")
        out.write(f"{t.lab:<7} {t.name:<28} [{where}] {t.doc}\n")


def build(stage=None):
    """`make build` (LAB=stage); returns None or the reason it failed."""
    argv = stages.build_command(stage)
    done = subprocess.run(argv, cwd=ROOT)
    if done.returncode == 0:
        return None
    return f"build failed ({' '.join(argv[:1] + argv[2:])} exited with {done.returncode})"


def problem_with_esp(esp):
    if not (esp / "EFI" / "BOOT" / "BOOTX64.EFI").is_file():
        return f"no loader in {esp} (expected EFI/BOOT/BOOTX64.EFI)"
    return None


def jobs_for(args, settings):
    jobs = settings.jobs if args.jobs is None else args.jobs
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def run_tests(args, settings, out, problem=None, seen=lambda result: None):
    """Build, check the ESP, run; returns the Results, printing each and
    passing it to seen() as it ends.  With `problem` (a reason nothing can
    run, e.g. a failed build) every test fails with it."""

    def show(result):
        report.print_result(result, out)
        seen(result)

    if problem is None and not (args.no_build or args.esp):
        problem = build(args.stage)
    esp = args.esp or DEFAULT_ESP
    problem = problem or problem_with_esp(esp)
    if problem:
        results = [runner.Result(t, False, 0.0, problem) for t in args.selected]
        for r in results:
            show(r)
        return results
    jobs = jobs_for(args, settings)
    ctx = runner.RunContext(
        settings=settings,
        esp_dir=esp,
        log_dir=args.log_dir,
        timeout_scale=args.timeout_scale,
        jobs=jobs,
        echo=SerialEcho(prefixed=jobs > 1, out=out) if args.verbose else None,
        qemu_cmd=args.qemu_cmd,
        wrap=args.qemu_wrap,
    )
    cleanup.reset()
    with cleanup.signals_handled():
        return runner.run(ctx, args.selected, on_result=show)


def write_reports(args, settings, results):
    junit = args.junit or args.log_dir / "junit.xml"
    junit.parent.mkdir(parents=True, exist_ok=True)
    junit.write_text(report.junit_xml(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(report.json_report(results, settings.weights))


def grade_submissions(args, settings, out):
    """--submissions: batch.grade_all with this command line's selection,
    output through a Progress line.  2 if there is nothing to grade."""
    try:
        subs = batch.shard_of(batch.submissions(args.submissions), args.shard)
    except batch.NoSubmissions as e:
        print(e, file=sys.stderr)
        return 2
    live = progress.Progress(out, len(subs), len(args.selected))

    qemu_wrap = sandbox.for_machine(sandbox.Limits(memory_mb=settings.qemu_memory_mb,
                                                   output_mb=settings.output_mb))

    def grade(esp, log_dir, problem, seen):
        sub = argparse.Namespace(**{**vars(args), "esp": esp, "log_dir": log_dir, "junit": None,
                                    "json": log_dir / "results.json", "no_build": True,
                                    "qemu_wrap": qemu_wrap})
        results = run_tests(sub, settings, live, problem, seen)
        write_reports(sub, settings, results)
        live.write("".join(line + "\n" for line in report.summary_lines(results, settings.weights)))
        return results

    timeout = settings.build_timeout if args.build_timeout is None else args.build_timeout
    job = batch.Batch(args.submissions, jobs_for(args, settings), timeout, settings.weights,
                      stage=args.stage, shard=args.shard)
    batch.LIMITS = batch.limits_from(settings)
    with live:
        live.write(f"== {sandbox.describe()}\n")
        if not subs:
            live.write(f"shard {args.shard[0]}/{args.shard[1]}: no submissions in it\n")
        batch.grade_all(job, subs, grade, live)
    out.flush()
    return 0


def main(argv=None, out=None):
    out = out or sys.stdout
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["merge"]:
        return merge.main(argv[1:], out)
    args = parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 2
    if args.leak_rounds is not None:
        settings.leak_rounds = args.leak_rounds
    if args.list:
        list_tests(args.selected, out)
        return 0
    if not args.selected:
        out.write("no tests selected\n")
    if args.submissions:
        return grade_submissions(args, settings, out)
    results = run_tests(args, settings, out)
    write_reports(args, settings, results)
    out.write("".join(line + "\n" for line in report.summary_lines(results, settings.weights)))
    out.flush()
    return 0 if all(r.passed for r in results) else 1
