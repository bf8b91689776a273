"""Batch grading at course scale, on the fake console: --shard K/N grades one
slice of the submissions, `merge` puts the shards' grades.json back together
into exactly what one unsharded run writes, and a bad folder or file is one
line and exit 2."""
import csv
import io
import json
import re

import pytest
from conftest import fake_cmd
from test_batch import GOOD, TESTS, submission, ta_tree  # noqa: F401 (a fixture)

from grader import batch, cli, gradebook
from grader.settings import load_settings


def course(parent):
    """alice passes, bob's build fails, carol fails one test (a log is kept)."""
    folder = parent / "course"
    submission(folder, "alice", {"pkg/main.c": GOOD})
    submission(folder, "bob", {"pkg/main.c": "int main(void) { return 0 }\n"})
    submission(folder, "carol", {"pkg/main.c": GOOD + "// fake-break: no-timer\n"})
    return folder


def grade_batch(folder, scale, *extra):
    out = io.StringIO()
    argv = ["--submissions", str(folder), "--qemu-cmd", fake_cmd(end="exit"), "--timeout-scale",
            str(scale), "-j", "4", *TESTS, *extra]
    return cli.main(argv, out=out), out.getvalue()


def merge(*args):
    out = io.StringIO()
    return cli.main(["merge", *map(str, args)], out=out), out.getvalue()


def names(csv_path):
    return [row[0] for row in csv.reader(open(csv_path))][1:]


def without_seconds(text):
    data = json.loads(text)
    for sub in data["submissions"]:
        for t in sub["tests"]:
            t.pop("seconds")
    return data


def test_submission_i_goes_to_shard_i_mod_n_plus_1():
    subs = list("abcdefg")
    assert batch.shard_of(subs, (1, 3)) == ["a", "d", "g"]
    assert batch.shard_of(subs, (2, 3)) == ["b", "e"]
    assert batch.shard_of(subs, None) == subs
    assert sorted(s for k in (1, 2, 3) for s in batch.shard_of(subs, (k, 3))) == subs


@pytest.mark.parametrize("value", ["0/3", "4/3", "x/y", "1/0", "0/0", "-1/2", "1/2/3", "2"])
def test_a_bad_shard_is_a_usage_error(tmp_path, value, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--submissions", str(tmp_path), f"--shard={value}"])
    assert e.value.code == 2
    assert f"argument --shard: {value!r}: expected K/N" in capsys.readouterr().err


def test_shard_needs_submissions(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--shard", "1/2", "--lab", "1"])
    assert e.value.code == 2
    assert "--shard goes with --submissions" in capsys.readouterr().err


def test_a_shard_grades_its_slice_into_its_own_files(ta_tree, tmp_path, scale):
    folder = course(tmp_path)
    assert grade_batch(folder, scale, "--shard", "1/2")[0] == 0
    assert grade_batch(folder, scale, "--shard", "2/2")[0] == 0
    assert names(folder / "grades-1-of-2.csv") == ["alice", "carol"]
    assert names(folder / "grades-2-of-2.csv") == ["bob"]
    shard = json.loads((folder / "grades-2-of-2.json").read_text())
    assert [s["name"] for s in shard["submissions"]] == ["bob"]
    assert shard["shard"] == [2, 2]
    assert sorted(p.name for p in folder.glob("grades*")) == [
        "grades-1-of-2.csv", "grades-1-of-2.json", "grades-2-of-2.csv", "grades-2-of-2.json"]


def test_merged_shards_equal_one_unsharded_run(ta_tree, tmp_path, scale):
    folder = course(tmp_path)
    assert grade_batch(folder, scale)[0] == 0
    whole = {name: folder / name for name in ("grades.csv", "grades.json", "grades.html")}
    unsharded = {name: path.read_text() for name, path in whole.items()}
    for path in whole.values():
        path.unlink()
    grade_batch(folder, scale, "--shard", "1/2")
    grade_batch(folder, scale, "--shard", "2/2")
    code, out = merge(folder, folder / "grades-2-of-2.json", folder / "grades-1-of-2.json")
    assert code == 0, out
    assert out.splitlines()[-1] == f"grades: {folder / 'grades.csv'}"
    assert whole["grades.csv"].read_text() == unsharded["grades.csv"]
    assert names(whole["grades.csv"]) == ["alice", "bob", "carol"]
    assert without_seconds(whole["grades.json"].read_text()) == without_seconds(
        unsharded["grades.json"])
    page = whole["grades.html"].read_text()
    assert page == unsharded["grades.html"]
    assert 'href="carol/build/grader/timer_rate_logged.log"' in page


def test_the_batch_json_has_what_a_script_needs(ta_tree, tmp_path, scale):
    folder = course(tmp_path)
    assert grade_batch(folder, scale)[0] == 0
    data = json.loads((folder / "grades.json").read_text())
    assert (data["format"], data["version"], data["shard"]) == ("ysos-grader-batch", 1, None)
    assert data["weights"] == load_settings().weights
    alice, bob, carol = data["submissions"]
    assert (bob["name"], bob["build"], bob["build_log"]) == (
        "bob", "failed (exit 2)", "bob/build/grader/build.log")
    assert all(not t["passed"] and t["reason"].startswith("build failed") for t in bob["tests"])
    assert carol["warnings"] == [] and carol["build"] == "ok"
    timer = {t["name"]: t for t in carol["tests"]}["timer_rate_logged"]
    assert (timer["lab"], timer["passed"], timer["log"]) == (
        "lab2", False, "carol/build/grader/timer_rate_logged.log")
    assert timer["reason"] and timer["seconds"] >= 0
    assert (folder / timer["log"]).is_file()
    assert carol["labs"]["lab2"] == {"points": 5.0, "max": 10.0, "passed": 1, "total": 2}
    assert (carol["total"], carol["max"], carol["passed"], carol["failed"]) == (15.0, 20.0, 2, 1)
    assert all(t["log"] is None for t in alice["tests"])


def test_a_submission_in_two_shards_is_an_error(ta_tree, tmp_path, scale, capsys):
    folder = course(tmp_path)
    grade_batch(folder, scale, "--shard", "1/2")
    grade_batch(folder, scale)
    code, _ = merge(tmp_path / "out", folder / "grades-1-of-2.json", folder / "grades.json")
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "'alice'" in err, err
    assert not (tmp_path / "out").exists()


def test_shards_graded_with_other_weights_do_not_merge(ta_tree, tmp_path, scale, capsys):
    folder = course(tmp_path)
    grade_batch(folder, scale, "--shard", "1/2")
    grade_batch(folder, scale, "--shard", "2/2")
    second = folder / "grades-2-of-2.json"
    data = json.loads(second.read_text())
    data["weights"]["lab1"] = 99
    second.write_text(json.dumps(data))
    code, _ = merge(tmp_path / "out", folder / "grades-1-of-2.json", second)
    assert code == 2
    assert "weights" in capsys.readouterr().err


def test_a_missing_shard_is_named(ta_tree, tmp_path, scale, capsys):
    folder = course(tmp_path)
    grade_batch(folder, scale, "--shard", "2/3")
    code, _ = merge(tmp_path / "out", folder / "grades-2-of-3.json")
    assert code == 0
    assert "shards 1, 3 of 3 missing" in capsys.readouterr().err
    assert names(tmp_path / "out" / "grades.csv") == ["bob"]


@pytest.mark.parametrize("kind", ["missing", "not json", "not a batch", "folder"])
def test_a_bad_merge_input_is_one_line_and_exit_2(tmp_path, kind, capsys):
    bad = tmp_path / "in.json"
    if kind == "not json":
        bad.write_text("{ not json")
    elif kind == "not a batch":
        bad.write_text(json.dumps({"passed": 1, "failed": 0, "tests": []}))  # a results.json
    elif kind == "folder":
        bad.mkdir()
    code, _ = merge(tmp_path / "out", bad)
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(bad) in err and "Traceback" not in err, err
    assert not (tmp_path / "out").exists()


def test_an_outdir_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, capsys):
    shard = tmp_path / "grades-1-of-1.json"
    gradebook.write(shard, gradebook.book([], {"lab1": 10}, shard=(1, 1)))
    (tmp_path / "out").write_text("a file, not a folder")
    code, _ = merge(tmp_path / "out", shard)
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and f"cannot write {tmp_path / 'out'}" in err, err


def test_merge_needs_a_file(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["merge", "out"])
    assert e.value.code == 2
    assert "usage: python3 -m grader merge [-h] OUTDIR FILE.json" in capsys.readouterr().err


@pytest.mark.parametrize("kind,message", [("missing", "no such folder"),
                                          ("file", "not a folder"),
                                          ("empty", "no submission folders in it")])
def test_no_submissions_is_one_line_and_exit_2(tmp_path, kind, message, capsys):
    folder = tmp_path / "subs"
    if kind == "file":
        folder.write_text("not a folder")
    elif kind == "empty":
        folder.mkdir()
        (folder / ".git").mkdir()  # hidden folders and files are not submissions
        (folder / "notes.txt").write_text("")
    code, out = grade_batch(folder, 1.0)
    assert code == 2
    err = capsys.readouterr().err
    assert err == f"--submissions {folder}: {message}\n"


def test_a_ci_log_shows_each_submission_start_and_end(ta_tree, tmp_path, scale):
    folder = course(tmp_path)
    code, out = grade_batch(folder, scale, "--shard", "1/2", "--stage", "2")
    assert code == 0
    progress = [line for line in out.splitlines() if line.startswith("[")]
    assert [line.split(", batch ETA")[0].rsplit(", ", 1)[0] for line in progress] == [
        "[1/2] alice: build LAB=2, 0/3 tests", "[1/2] alice: done, 3/3 tests",
        "[2/2] carol: build LAB=2, 0/3 tests", "[2/2] carol: done, 3/3 tests"]
    assert progress[0].endswith("batch ETA --") and "\r" not in out
    assert re.search(r"batch ETA \d+s$", progress[1])  # known once one is done
    assert sum(line.startswith("PASS ") for line in out.splitlines()) == 5  # as before
