"""Gradescope (grader/contrib/gradescope.py): the grader's JSON report turned
into results.json with per-test points adding up to the grader's total; a
submission's pkg/ alone graded in a copy of the bundled tree (a fake build,
the fake console); a build that fails scores 0 with its errors; the zip's
layout from `make gradescope`."""
import json
import shutil
import stat
import zipfile
from types import SimpleNamespace

import pytest
from conftest import fake_cmd

from grader import report
from grader.contrib import gradescope
from grader.settings import ROOT

WEIGHTS = {"lab1": 10, "lab7": 20, "tests": {"leak_check": 2}}
# The zip is made by the course kit's scripts/handout, which a handout has not.
needs_course_kit = pytest.mark.skipif(not (ROOT / "scripts" / "handout").is_file(),
                                      reason="no scripts/handout (this is a handout)")


def result(lab, name, passed, reason="", details=""):
    return SimpleNamespace(test=SimpleNamespace(lab=lab, name=name), passed=passed,
                           seconds=1.25, reason=reason, details=details, log=None)


def grader_report(results, weights=WEIGHTS):
    return json.loads(report.json_report(results, weights))


def sample_report():
    return grader_report([
        result("lab1", "boot_kernel_banner", True),
        result("lab1", "bootconf_keys_logged", True),
        result("lab1", "log_level_warn", False, "timeout after 60.0s", "    last lines:\n    | x"),
        result("lab7", "leak_check", False, "Memory grew"),
        result("lab7", "brk_test", True),
    ])


def test_points_add_up_to_the_graders_total():
    rep = sample_report()
    out = gradescope.to_gradescope(rep, WEIGHTS)
    tests = out["tests"]
    assert [t["max_score"] for t in tests] == pytest.approx([10 / 3] * 3 + [40 / 3, 20 / 3])
    assert sum(t["max_score"] for t in tests) == pytest.approx(rep["score"]["out_of"])
    assert sum(t["score"] for t in tests) == pytest.approx(out["score"])
    assert out["score"] == rep["score"]["points"] == pytest.approx(20 / 3 + 20 / 3)


def test_each_test_has_gradescopes_fields():
    tests = gradescope.to_gradescope(sample_report(), WEIGHTS)["tests"]
    assert set(tests[0]) == {"name", "score", "max_score", "status", "output"}
    assert [t["status"] for t in tests] == ["passed", "passed", "failed", "failed", "passed"]
    assert tests[0]["name"] == "lab1: boot_kernel_banner"
    assert tests[2]["score"] == 0.0
    assert tests[2]["output"] == "timeout after 60.0s\n    last lines:\n    | x"


def test_output_has_the_score_lines_and_warnings():
    warnings = [f"pkg/kernel/src/main.c:{n}:1: warning: unused" for n in range(7)]
    out = gradescope.to_gradescope(sample_report(), WEIGHTS, warnings)["output"].splitlines()
    assert out[:3] == ["lab1: 2/3 tests passed, 6.67 / 10", "lab7: 1/2 tests passed, 6.67 / 20",
                       "total: 13.33 / 30 (3 passed, 2 failed)"]
    assert out[3] == "7 compiler warnings (not fatal):"
    assert out[-1] == "    ... 2 more"


def test_a_group_whose_tests_weigh_nothing():
    weights = {"lab1": 10, "tests": {"a": 0}}
    out = gradescope.to_gradescope(grader_report([result("lab1", "a", True)], weights), weights)
    assert (out["score"], out["tests"][0]["max_score"]) == (0.0, 0.0)


def test_not_graded_keeps_the_last_lines_of_the_build():
    log = "".join(f"line {n}\n" for n in range(100))
    out = gradescope.not_graded("The build failed (failed (exit 2)).", log)
    lines = out["output"].splitlines()
    assert (out["score"], out["tests"]) == (0.0, [])
    assert lines[:2] == ["The build failed (failed (exit 2)).", "last 40 lines of the build:"]
    assert lines[2:] == [f"line {n}" for n in range(60, 100)]


def test_handout_lab(tmp_path):
    (tmp_path / "mk").mkdir()
    (tmp_path / "mk" / "stage.mk").write_text("# pinned\nLAB_MAX := 4\nLAB ?= $(LAB_MAX)\n")
    assert gradescope.handout_lab(tmp_path) == 4


def test_submitted_pkg_at_the_top_or_one_folder_down(tmp_path):
    (tmp_path / "top" / "pkg").mkdir(parents=True)
    (tmp_path / "zipped" / "ysos-lab1" / "pkg").mkdir(parents=True)
    (tmp_path / "two" / "a" / "pkg").mkdir(parents=True)
    (tmp_path / "two" / "b" / "pkg").mkdir(parents=True)
    (tmp_path / "none" / "src").mkdir(parents=True)
    assert gradescope.submitted_pkg(tmp_path / "top") == tmp_path / "top" / "pkg"
    assert gradescope.submitted_pkg(tmp_path / "zipped") == tmp_path / "zipped/ysos-lab1/pkg"
    assert gradescope.submitted_pkg(tmp_path / "two") is None
    assert gradescope.submitted_pkg(tmp_path / "none") is None


# A bundled tree's build: fails like gcc when the submission's pkg/ has a
# file named `broken`, else copies a ready ESP (no compiler, no QEMU).
FAKE_MAKEFILE = """.PHONY: build  # build/ exists: the newlib cache
build:
\t@if [ -f pkg/broken.h ]; then echo "pkg/kernel/src/main.c:3:1: error: expected ';'" >&2; exit 2; fi
\t@echo "pkg/kernel/src/main.c:9:5: warning: unused variable 'x' [-Wunused-variable]"
\t@rm -rf esp && cp -r esp-ready esp
\t@find pkg -type f | sort > esp/pkg-files
\t@cat build/newlib-*/.stamp > esp/newlib
"""


def bundled_tree(root, esp):
    tree = root / "source" / gradescope.TREE
    for folder in ("mk", "pkg/kernel", "build/newlib-0123abcd", "build/lab1", "esp"):
        (tree / folder).mkdir(parents=True)
    (tree / "Makefile").write_text(FAKE_MAKEFILE)
    (tree / "mk" / "stage.mk").write_text("LAB_MAX := 1\n")
    shutil.copy(ROOT / "config.toml", tree / "config.toml")
    (tree / "pkg" / "kernel" / "handout.c").write_text("/* the handout's own */\n")
    (tree / "pkg" / "kernel" / "kernel.mk").write_text("# the handout's own\n")
    (tree / "build" / "newlib-0123abcd" / ".stamp").write_text("cached\n")
    (tree / "build" / "lab1" / "main.o").write_text("an object of the handout's code\n")
    shutil.copytree(esp, tree / "esp-ready")
    return tree


def submission(root, *files):
    sub = root / "submission"
    (sub / "pkg" / "kernel").mkdir(parents=True)
    (sub / "pkg" / "kernel" / "mine.c").write_text("/* the student's */\n")
    (sub / "Makefile").write_text("build:\n\texit 99\n")  # never used
    (sub / "pkg" / "kernel" / "kernel.mk").write_text("$(error never read)\n")  # nor this
    for name in files:
        (sub / "pkg" / name).write_text("")
    return sub


def test_a_submission_is_built_and_graded(fake_esp, tmp_path, monkeypatch):
    monkeypatch.setenv("YSOS_GRADER_QEMU", fake_cmd(end="exit"))
    bundled_tree(tmp_path, fake_esp)
    submission(tmp_path)
    out = gradescope.run(tmp_path)
    assert json.loads((tmp_path / "results" / "results.json").read_text()) == out
    assert len(out["tests"]) == 16 and all(t["status"] == "passed" for t in out["tests"]), out
    assert out["score"] == pytest.approx(10) == sum(t["max_score"] for t in out["tests"])
    assert "1 compiler warnings (not fatal):" in out["output"]
    assert (tmp_path / "work" / "build" / "grader" / "junit.xml").is_file()
    # Built from the student's sources and the bundle's make files and newlib.
    assert (tmp_path / "work" / "esp" / "pkg-files").read_text() == (
        "pkg/kernel/kernel.mk\npkg/kernel/mine.c\n")
    assert (tmp_path / "work" / "esp" / "newlib").read_text() == "cached\n"


def test_a_build_that_fails_scores_0_with_its_errors(fake_esp, tmp_path):
    bundled_tree(tmp_path, fake_esp)
    submission(tmp_path, "broken.h")
    out = gradescope.run(tmp_path)
    assert (out["score"], out["tests"]) == (0.0, [])
    assert out["output"].startswith("The build failed (failed (exit 2)): nothing was graded.")
    assert "main.c:3:1: error: expected ';'" in out["output"]


def test_no_pkg_and_a_crash_still_write_results(fake_esp, tmp_path):
    tree = bundled_tree(tmp_path, fake_esp)
    (tmp_path / "submission").mkdir()
    assert "No pkg/ folder" in gradescope.run(tmp_path)["output"]
    (tree / "mk" / "stage.mk").write_text("no pin\n")
    submission(tmp_path)
    out = gradescope.run(tmp_path)
    assert out["score"] == 0.0 and "The autograder failed:" in out["output"]
    assert "no `LAB_MAX := N` line" in out["output"]


@needs_course_kit
def test_the_zip(tmp_path):
    out = tmp_path / "lab1.zip"
    gradescope.bundle(ROOT, 1, out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        infos = {i.filename: i for i in z.infolist()}
        stage = z.read("ysos/mk/stage.mk").decode()
    assert {n for n in names if "/" not in n} == {"setup.sh", "run_autograder"}
    for script in ("setup.sh", "run_autograder"):
        assert (infos[script].external_attr >> 16) & stat.S_IXUSR
    assert "LAB_MAX := 1" in stage
    for need in ("ysos/Makefile", "ysos/config.toml", "ysos/grader/contrib/gradescope.py",
                 "ysos/grader/contrib/install-deps.sh", "ysos/grader/contrib/packages.txt",
                 "ysos/.github/workflows/ysos-grade.yml"):
        assert need in names
    assert not [n for n in names if n.startswith(("ysos/build/", "ysos/esp/", "ysos/mk/course.mk",
                                                  "ysos/docs/course/", "ysos/scripts/handout"))]


@needs_course_kit
def test_the_zip_is_per_course_lab(tmp_path):
    with pytest.raises(SystemExit, match="LAB must be one of 1..7"):
        gradescope.bundle(ROOT, 8, tmp_path / "lab8.zip")
