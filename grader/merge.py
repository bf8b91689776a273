"""`python3 -m grader merge OUTDIR FILE.json...`: one course from its shards.

A course of hundreds of submissions is graded as N shards (--shard K/N) on
N machines or CI jobs, each writing DIR/grades-K-of-N.json.  This reads
them (gradebook.py, the one reader of that format), checks that no
submission was graded twice and that every shard used the same weights,
and writes OUTDIR/grades.csv, grades.json and grades.html exactly as one
unsharded run would have (batch.write_outputs).  A file that cannot be
used is one line on stderr and exit 2; a shard that is not there is only
named (stderr), as grading it may still be running.
"""
import argparse
import sys
from pathlib import Path

from grader import batch, gradebook

USAGE_PROG = "python3 -m grader merge"


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=USAGE_PROG,
        description="Merge the grades-K-of-N.json files of a sharded batch (--shard K/N) into "
        "OUTDIR/grades.csv, grades.json and grades.html, submissions in name order.")
    p.add_argument("outdir", type=Path, metavar="OUTDIR", help="where the merged files go")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE.json",
                   help="the shards' grades-K-of-N.json (or any grades.json)")
    return p.parse_args(argv)


def main(argv, out=None, err=None):
    out, err = out or sys.stdout, err or sys.stderr
    args = parse_args(argv)
    try:
        books = [(path, gradebook.read(path)) for path in args.files]
        merged = gradebook.merge(books)
    except gradebook.BookError as e:
        print(f"merge: {e}", file=err)
        return 2
    missing = gradebook.missing_shards(books)
    if missing:
        print(f"merge: warning: {missing}", file=err)
    try:
        batch.write_outputs(args.outdir, merged, out)
    except OSError as e:
        print(f"merge: cannot write {e.filename or args.outdir}: {e.strerror}", file=err)
        return 2
    out.flush()
    return 0
