"""grades.json: the whole result of a batch, and the one module that writes,
reads and merges it.

A course's submissions can be graded in shards (--shard K/N, on N machines
or CI jobs); `python3 -m grader merge` puts the shards' files back together.
For the merge to give exactly what one unsharded run gives, both go through
here: a batch's Graded list becomes a book (the JSON's content), and
grades.csv's rows (and grades.html, gradepage.py) are computed from a book,
never from the Results directly.

Per submission the book keeps its build status and log, its compiler
warnings, each test (name, lab group, passed, seconds, reason, serial log)
and its points per lab group with that group's maximum; the weights used
are kept once.  Paths are absolute in memory and relative to the JSON's
folder on disk, so a folder of submissions with its grades.json can be
moved, and the page's links still work.
"""
import copy
import json
import os
from pathlib import Path

from grader import registry, score

FORMAT = "ysos-grader-batch"
VERSION = 1
SUBMISSION_KEYS = ("name", "build", "build_log", "warnings", "tests", "labs", "total", "max",
                   "passed", "failed")
TEST_KEYS = ("name", "lab", "passed", "seconds", "reason", "log")


class BookError(Exception):
    """A file cannot be read or merged: str() is one line naming it."""


def stem(shard=None):
    """grades, or grades-K-of-N for shard (K, N)."""
    return "grades" if shard is None else f"grades-{shard[0]}-of-{shard[1]}"


def book(graded, weights, shard=None):
    """The book of a batch: batch.Graded list, in the order graded."""
    return _book(weights, [entry(g, weights) for g in graded], shard)


def _book(weights, submissions, shard=None):
    return {"format": FORMAT, "version": VERSION, "shard": list(shard) if shard else None,
            "weights": weights, "submissions": submissions}


def _path(path):
    return os.path.abspath(path) if path else None


def entry(graded, weights):
    """One submission: build, warnings, tests, points per lab, total."""
    scores = score.compute(graded.results, weights)
    points, out_of = score.total(scores)
    passed = sum(r.passed for r in graded.results)
    return {
        "name": graded.name, "build": graded.build, "build_log": _path(graded.build_log),
        "warnings": list(graded.warnings),
        "tests": [{"name": r.test.name, "lab": r.test.lab, "passed": r.passed,
                   "seconds": round(r.seconds, 3), "reason": r.reason, "log": _path(r.log)}
                  for r in graded.results],
        "labs": {s.lab: {"points": s.points, "max": s.weight, "passed": s.passed,
                         "total": s.total} for s in scores},
        "total": points, "max": out_of, "passed": passed, "failed": len(graded.results) - passed,
    }


def _with_paths(book, change):
    """A copy of `book` with change(path) for every path in it."""
    book = copy.deepcopy(book)
    for sub in book["submissions"]:
        places = [(sub, "build_log")] + [(test, "log") for test in sub["tests"]]
        for item, key in places:
            if item[key]:
                item[key] = change(item[key])
    return book


def write(path, book):
    folder = os.path.abspath(Path(path).parent)
    relative = _with_paths(book, lambda p: Path(os.path.relpath(p, folder)).as_posix())
    Path(path).write_text(json.dumps(relative, indent=1, ensure_ascii=False) + "\n")


def read(path):
    """The book in `path` (paths made absolute); BookError if it is not one."""
    try:
        data = json.loads(Path(path).read_text())
    except OSError as e:
        raise BookError(f"{path}: cannot read it: {e.strerror}") from None
    except ValueError as e:  # not JSON, or not UTF-8
        raise BookError(f"{path}: not JSON ({e})") from None
    problem = _problem(data)
    if problem:
        raise BookError(f"{path}: not a grader batch file (grades.json): {problem}")
    folder = os.path.abspath(Path(path).parent)
    return _with_paths(data, lambda p: os.path.normpath(os.path.join(folder, p)))


def _problem(data):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f'no "format": "{FORMAT}"'
    if data.get("version") != VERSION:
        return f"version {data.get('version')!r}, this grader reads {VERSION}"
    if not isinstance(data.get("weights"), dict) or not isinstance(data.get("submissions"), list):
        return "no weights or submissions"
    for sub in data["submissions"]:
        if not _has(sub, SUBMISSION_KEYS) or not isinstance(sub["tests"], list):
            return f"a submission without {', '.join(SUBMISSION_KEYS)}"
        if not all(_has(test, TEST_KEYS) for test in sub["tests"]):
            return f"{sub['name']!r} has a test without {', '.join(TEST_KEYS)}"
    return None


def _has(item, keys):
    return isinstance(item, dict) and all(k in item for k in keys)


def merge(books):
    """One book of [(path, book)], submissions in name order.  BookError
    when a submission is in two files or the weights differ."""
    first, weights = books[0][0], books[0][1]["weights"]
    where = {}
    for path, part in books:
        if part["weights"] != weights:
            raise BookError(f"{path}: graded with other weights than {first}")
        for sub in part["submissions"]:
            if sub["name"] in where:
                raise BookError(f"submission {sub['name']!r} is in both {where[sub['name']]} "
                                f"and {path}")
            where[sub["name"]] = path
    subs = [s for _, part in books for s in part["submissions"]]
    return _book(weights, sorted(subs, key=lambda s: s["name"]))


def missing_shards(books):
    """'shards 1, 3 of 3 missing' when every file is a shard of the same N
    and some K is not there, else None."""
    shards = [part["shard"] for _, part in books]
    if not all(shards) or len({n for _, n in shards}) != 1:
        return None
    n = shards[0][1]
    gone = sorted(set(range(1, n + 1)) - {k for k, _ in shards})
    if not gone:
        return None
    return f"shard{'s' if len(gone) > 1 else ''} {', '.join(map(str, gone))} of {n} missing"


def lab_columns(book):
    """The lab groups that ran, in lab order (config.toml weight names)."""
    labs = {lab for sub in book["submissions"] for lab in sub["labs"]}
    order = dict.fromkeys(registry.lab_name(g) for g in registry.GROUPS)  # unique, in order
    return [lab for lab in order if lab in labs]


def csv_rows(book):
    """grades.csv: header + one row per submission (points per lab, total, counts)."""
    labs = lab_columns(book)
    rows = [["submission", "build", "warnings", *labs, "total", "passed", "failed"]]
    for sub in book["submissions"]:
        points = [sub["labs"].get(lab, {}).get("points", 0.0) for lab in labs]
        rows.append([sub["name"], sub["build"], len(sub["warnings"]),
                     *(f"{p:.2f}" for p in points), f"{sub['total']:.2f}", sub["passed"],
                     sub["failed"]])
    return rows
