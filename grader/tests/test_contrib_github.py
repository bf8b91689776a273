"""The GitHub Actions workflow (grader/contrib/github/ysos-grade.yml): valid
YAML, shipped by scripts/handout as .github/workflows/ysos-grade.yml, and
its shell steps run here in order in a handout, as a runner would run them,
`make test` played by a stand-in that prints a grader summary and fails."""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

import pytest

from grader.settings import ROOT

yaml = pytest.importorskip("yaml")

SHIPPED = ".github/workflows/ysos-grade.yml"
# In a handout, the workflow is only where scripts/handout shipped it.
WORKFLOW = next((path for path in (ROOT / "grader/contrib/github/ysos-grade.yml", ROOT / SHIPPED)
                 if path.is_file()), ROOT / SHIPPED)
GRADER_TAIL = """PASS boot_kernel_banner (6.3s)
FAIL log_level_warn (60.0s): timeout
Score:
  lab1       7/8   passed    8.75 / 10
  total                       8.75 / 10
7 passed, 1 failed
make test failed: grader
"""
HASH_FILES = re.compile(r"\$\{\{ hashFiles\('([^']+)'\) \}\}")


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    if not (ROOT / "scripts" / "handout").is_file():
        pytest.skip("no scripts/handout (this is a handout)")
    out = tmp_path_factory.mktemp("handout") / "lab1"
    subprocess.run([sys.executable, "scripts/handout", "1", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    return out


def steps():
    doc = yaml.safe_load(WORKFLOW.read_text())
    on = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in on
    (job,) = doc["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    return job["steps"]


def test_the_handout_has_it_as_its_workflow(handout):
    assert (handout / SHIPPED).read_text() == WORKFLOW.read_text()
    assert not (handout / "grader" / "contrib" / "github").exists()


def test_what_the_steps_use_is_in_the_handout(handout):
    for step in steps():
        text = step.get("run", "") + " ".join(map(str, step.get("with", {}).values()))
        for path in re.findall(r"(?<![\w/])((?:grader|scripts)/[\w./-]+)", text):
            assert (handout / path).is_file(), (step, path)
    assert re.search(r"^test:", (handout / "Makefile").read_text(), re.M)
    assert [s["uses"].split("@")[0] for s in steps() if "uses" in s] == [
        "actions/checkout", "actions/cache", "actions/upload-artifact"]


def expand(run, tree):
    """The step's ${{ }} expressions as the runner would expand them."""
    def file_hash(m):
        return hashlib.sha256((tree / m.group(1)).read_bytes()).hexdigest()
    run = HASH_FILES.sub(file_hash, run)
    assert "${{" not in run, run
    return run


def shell_argv(step, run):
    """GitHub's shells: `bash` is -eo pipefail, the default only -e."""
    if step.get("shell") == "bash":
        return ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run]
    return ["bash", "-e", "-c", run]


def as_root_here(run):
    """This machine runs as root and may have no sudo."""
    if os.getuid() == 0 and run.startswith("sudo "):
        return run[len("sudo "):]
    return run


def stand_in_make(folder):
    make = folder / "make"
    make.write_text(f"#!/bin/sh\ncat <<'EOF'\n{GRADER_TAIL}EOF\nexit 2\n")
    make.chmod(0o755)


def test_the_shell_steps_in_order(handout, tmp_path):
    if os.getuid() != 0:
        pytest.skip("the install step needs root (a runner has sudo)")
    tree = tmp_path / "repo"
    shutil.copytree(handout, tree)
    (tmp_path / "bin").mkdir()
    stand_in_make(tmp_path / "bin")
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}",
               GITHUB_OUTPUT=str(tmp_path / "output"), GITHUB_STEP_SUMMARY=str(tmp_path / "summary"))
    codes = {}
    for step in steps():
        if "run" in step:
            run = as_root_here(expand(step["run"], tree))
            done = subprocess.run(shell_argv(step, run), cwd=tree, env=env, capture_output=True,
                                  text=True)
            codes[step["name"]] = done.returncode
    assert codes == {"Install packages": 0, "Newlib cache key": 0, "Grade (make test)": 2,
                     "Score": 0}
    key = (tmp_path / "output").read_text()
    assert re.fullmatch(r"key=newlib-\w+-[\d.]+-[0-9a-f]{12}\n", key), key
    summary = (tmp_path / "summary").read_text()
    assert "Score:\n  lab1       7/8   passed" in summary and "7 passed, 1 failed\n```" in summary
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact"))
    found = [p for pattern in upload["with"]["path"].split() for p in glob.glob(str(tree / pattern))]
    assert found == [str(tree / "build" / "grader" / "make-test.log")]


def test_no_score_when_make_test_stops_early(tmp_path):
    (score,) = [s for s in steps() if s.get("name") == "Score"]
    (tmp_path / "build" / "grader").mkdir(parents=True)
    (tmp_path / "build" / "grader" / "make-test.log").write_text("pkg/x.c:1: error: oops\n")
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(tmp_path / "summary"))
    subprocess.run(shell_argv(score, score["run"]), cwd=tmp_path, env=env, check=True)
    assert "no score: make test stopped before the grader ran" in (tmp_path / "summary").read_text()
