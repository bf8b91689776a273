"""grader/contrib/parallel-grade: the shard commands GNU parallel runs
(`--shard K/N` of the same folder, on local slots or one per ssh host) and
the merge of their reports, checked on parallel's own --dry-run output."""
import shlex
import shutil
import subprocess
import sys

import pytest

from grader.script import load_script
from grader.settings import ROOT

SCRIPT = ROOT / "grader" / "contrib" / "parallel-grade"


def load():
    return load_script(SCRIPT, "parallel_grade")


pg = load()


def shard_line(subs, k, n, *options):
    grader = ["/usr/bin/python3", "-m", "grader", "--submissions", str(subs), "--shard", f"{k}/{n}",
              *options]
    return f"cd {shlex.quote(str(ROOT))} && {shlex.join(grader)}"


def merge_line(subs, out, n):
    reports = [str(subs / f"grades-{k}-of-{n}.json") for k in range(1, n + 1)]
    return shlex.join(["/usr/bin/python3", "-m", "grader", "merge", str(out), *reports])


def test_local_slots(tmp_path):
    args = pg.parse_args(["-j", "3", str(tmp_path / "subs"), str(tmp_path / "out"), "--",
                          "-j", "2", "--stage", "7"])
    argv = pg.parallel_argv(args)
    assert argv[:argv.index(":::")][-3:-1] == ["-j", "3"]
    assert argv[-4:] == [":::", "1", "2", "3"]
    assert argv[argv.index(":::") - 1] == shard_line(tmp_path / "subs", "{}", 3, "-j", "2",
                                                     "--stage", "7")
    assert shlex.join(pg.merge_argv(args)) == merge_line(tmp_path / "subs", tmp_path / "out", 3)


def test_hosts_give_the_shards(tmp_path):
    hosts = tmp_path / "hosts"
    hosts.write_text("# the lab's machines\nta@pc1\n\n4/ta@pc2  # 4 cores\n:\n")
    args = pg.parse_args(["--sshloginfile", str(hosts), "subs", "out"])
    assert args.shards == 3
    assert pg.parallel_argv(args)[:8] == ["parallel", "--halt", "never", "--line-buffer", "--tag",
                                          "--sshloginfile", str(hosts), "-j"]


def run_script(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


@pytest.mark.skipif(not shutil.which("parallel"), reason="GNU parallel is not installed")
@pytest.mark.parametrize("where", ["slots", "hosts"])
def test_parallels_dry_run(tmp_path, where):
    subs, out = tmp_path / "my subs", tmp_path / "out"
    hosts = tmp_path / "hosts"
    hosts.write_text("ta@pc1\nta@pc2\n")
    chosen = ["-j", "2"] if where == "slots" else ["--sshloginfile", str(hosts)]
    done = run_script("--dry-run", *chosen, str(subs), str(out), "--", "-j", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    template = shard_line(subs, "{}", 2, "-j", "2")  # parallel puts K in its quotes
    assert sorted(lines[:2]) == [f"{k}\t" + template.replace("{}", str(k)) for k in (1, 2)]
    assert lines[2:] == [merge_line(subs, out, 2)]


def test_without_parallel_it_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(pg.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="apt-get install parallel"):
        pg.main([str(tmp_path), str(tmp_path / "out")])
