"""Batch grading (--submissions) on the fake console: each submission is
built on its own (a failing or hanging build does not stop the others),
graded from its own ESP, logged under SUB/build/grader/, and summed up in
DIR/grades.csv."""
import csv
import io
import shutil

from conftest import exits_within, fake_cmd

from grader import cli

TESTS = ["-k", "boot_initialized", "-k", "timer_rate_logged", "-k", "bootconf_unknown_key"]
COPY_ESP = "build:\n\trm -rf esp && cp -r esp-ready esp\n"


def submission(folder, name, makefile, esp=None, breaks=""):
    sub = folder / name
    sub.mkdir()
    (sub / "Makefile").write_text(makefile)
    if esp is not None:
        shutil.copytree(esp, sub / "esp-ready")
        if breaks:
            (sub / "esp-ready" / "fake-breaks").write_text(breaks)
    return sub


def test_every_submission_is_built_graded_and_scored(fake_esp, tmp_path, scale):
    folder = tmp_path / "submissions"
    folder.mkdir()
    submission(folder, "alice", COPY_ESP, fake_esp)
    submission(folder, "bob", "build:\n\t@echo compile error >&2; exit 3\n")
    submission(folder, "carol", COPY_ESP, fake_esp, breaks="no-timer")
    dave = submission(folder, "dave", "build:\n\techo $$$$ > pid; sleep 60\n")
    (folder / ".git").mkdir()
    (folder / "notes.txt").write_text("not a submission")
    out = io.StringIO()
    argv = ["--submissions", str(folder), "--qemu-cmd", fake_cmd(end="exit"), "--timeout-scale",
            str(scale), "-j", "4", "--build-timeout", "2", *TESTS]
    assert cli.main(argv, out=out) == 0

    rows = list(csv.reader(open(folder / "grades.csv")))
    assert rows == [
        ["submission", "build", "warnings", "lab1", "lab2", "total", "passed", "failed"],
        ["alice", "ok", "0", "10.00", "10.00", "20.00", "3", "0"],
        ["bob", "failed (exit 2)", "0", "0.00", "0.00", "0.00", "0", "3"],
        ["carol", "ok", "0", "10.00", "5.00", "15.00", "2", "1"],
        ["dave", "timeout", "0", "0.00", "0.00", "0.00", "0", "3"],
    ], out.getvalue()

    logs = folder / "carol" / "build" / "grader"
    assert sorted(p.name for p in logs.iterdir()) == [
        "build.log", "junit.xml", "results.json", "timer_rate_logged.log", "warnings.txt"]
    assert "compile error" in (folder / "bob" / "build" / "grader" / "build.log").read_text()
    assert "build failed (exit 2), see" in out.getvalue()
    assert exits_within(int((dave / "pid").read_text()), 5)  # the hung build was killed
    assert out.getvalue().splitlines()[-1] == f"grades: {folder / 'grades.csv'}"


def test_esp_and_submissions_are_exclusive(tmp_path):
    out = io.StringIO()
    try:
        cli.main(["--submissions", str(tmp_path), "--esp", str(tmp_path)], out=out)
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("accepted --esp with --submissions")


# A build that warns (and would fail under -Werror) and records how make was called.
WARNING_BUILD = ("build:\n"
                 "\t@echo '$(MAKEFLAGS) WERROR=$(WERROR) LAB=$(LAB)' > made-with\n"
                 "\t@echo \"pkg/kernel/src/main.c:12:5: warning: unused variable 'x' "
                 "[-Wunused-variable]\" >&2\n"
                 "\t@test \"$(WERROR)\" = 0 || exit 1\n"
                 "\trm -rf esp && cp -r esp-ready esp\n")


def test_a_warning_is_reported_not_fatal(fake_esp, tmp_path, scale):
    folder = tmp_path / "submissions"
    folder.mkdir()
    erin = submission(folder, "erin", WARNING_BUILD, fake_esp)
    out = io.StringIO()
    argv = ["--submissions", str(folder), "--qemu-cmd", fake_cmd(end="exit"), "--timeout-scale",
            str(scale), "-j", "2", "--stage", "2", "-k", "boot_initialized"]
    assert cli.main(argv, out=out) == 0
    rows = list(csv.reader(open(folder / "grades.csv")))
    assert rows[1][:3] == ["erin", "ok", "1"], out.getvalue()
    assert rows[1][-2:] == ["1", "0"], out.getvalue()
    assert "WERROR=0 LAB=2" in (erin / "made-with").read_text()
    text = out.getvalue()
    assert "== erin: 1 compiler warnings (not fatal" in text
    assert "    pkg/kernel/src/main.c:12:5: warning: unused variable 'x' [-Wunused-variable]" in text
    saved = (erin / "build" / "grader" / "warnings.txt").read_text()
    assert saved.startswith("pkg/kernel/src/main.c:12:5: warning: unused variable")


def test_warning_lines_are_found_once_each():
    from grader.batch import warnings_in
    log = ("cc -c a.c\n"
           "pkg/a.c:3:1: warning: no newline [-Wnewline-eof]\n"
           "   3 | int x\n"
           "ld: warning: foo.o has a LOAD segment with RWX permissions\n"
           "pkg/a.c:3:1: warning: no newline [-Wnewline-eof]\n"
           "pkg/b.c:9:2: error: expected ';'\n")
    assert warnings_in(log) == ["pkg/a.c:3:1: warning: no newline [-Wnewline-eof]",
                                "ld: warning: foo.o has a LOAD segment with RWX permissions"]
