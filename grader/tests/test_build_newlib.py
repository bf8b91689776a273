"""scripts/build-newlib.sh's cache logic, and how make uses it, without
building newlib: the key, where the cache entry goes (NEWLIB_CACHE,
XDG_CACHE_HOME, HOME, the in-tree fallback), that make builds only a
missing entry, and that `make distclean` removes only this key's entry.
Every cache here is a temporary folder; nothing takes more than a second."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build-newlib.sh"


def script(*args, env=None, script=SCRIPT):
    return subprocess.run(["sh", str(script), *args], cwd=REPO, capture_output=True, text=True,
                          env=env, check=True)


def env_without(*names, **extra):
    env = {k: v for k, v in os.environ.items() if k not in names}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def key():
    return script("--key").stdout.strip()


def test_key_is_short_and_stable(key):
    assert re.fullmatch(r"[0-9a-f]{12}", key)
    assert script("--key").stdout.strip() == key


def test_key_follows_the_build_script(tmp_path, key):
    edited = tmp_path / "build-newlib.sh"
    edited.write_text(SCRIPT.read_text() + "# one more flag\n")
    assert script("--key", script=edited).stdout.strip() != key


def test_entry_in_the_cache_given(tmp_path, key):
    done = script("--dir", str(tmp_path / "c"), "build")
    assert done.stdout.strip() == f"{tmp_path}/c/newlib-{key}"
    assert done.stderr == ""
    assert (tmp_path / "c").is_dir()


def test_entry_in_xdg_cache_home_then_home(tmp_path, key):
    env = env_without("XDG_CACHE_HOME", HOME=str(tmp_path / "home"))
    assert script("--dir", "", "build", env=env).stdout.strip() == \
        f"{tmp_path}/home/.cache/ysos-c/newlib-{key}"
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    assert script("--dir", "", "build", env=env).stdout.strip() == \
        f"{tmp_path}/xdg/ysos-c/newlib-{key}"


def test_falls_back_to_the_tree_without_home(tmp_path, key):
    env = env_without("HOME", "XDG_CACHE_HOME")
    fallback = tmp_path / "build"
    done = script("--dir", "", str(fallback), env=env)
    assert done.stdout.strip() == f"{fallback}/newlib-{key}"
    assert "no writable cache (HOME unset)" in done.stderr
    # Once the in-tree entry is built, the note is not repeated.
    (fallback / f"newlib-{key}").mkdir(parents=True)
    (fallback / f"newlib-{key}" / ".stamp").write_text("x\n")
    assert script("--dir", "", str(fallback), env=env).stderr == ""


def test_falls_back_to_the_tree_when_the_cache_cannot_be_made(tmp_path, key):
    blocker = tmp_path / "file"
    blocker.write_text("")  # a file where the cache folder would go
    done = script("--dir", str(blocker / "cache"), str(tmp_path / "build"))
    assert done.stdout.strip() == f"{tmp_path}/build/newlib-{key}"
    assert "no writable cache" in done.stderr


def test_remove_takes_only_its_entry(tmp_path, key):
    cache = tmp_path / "c"
    mine, other = cache / f"newlib-{key}", cache / "newlib-000000000000"
    for entry in (mine, other):
        (entry / "x86_64-elf").mkdir(parents=True)
    (cache / f"newlib-{key}.tmp").mkdir()  # a killed build's leftovers
    (cache / f"newlib-{key}.lock").write_text("")
    script("--remove", str(mine))
    assert sorted(p.name for p in cache.iterdir()) == [other.name]
    # Gone already (or never made): nothing to do, no folder created.
    script("--remove", str(tmp_path / "none" / f"newlib-{key}"))
    assert not (tmp_path / "none").exists()


def make_n(*args):
    """make -n in the repository: commands printed, none run (goals that are
    not `build`, so mk/stage.mk leaves esp/ alone)."""
    env = env_without("MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    return subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=REPO,
                          capture_output=True, text=True, env=env, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_builds_only_a_missing_entry(tmp_path, key):
    entry = tmp_path / f"newlib-{key}"
    goal = f"{entry}/.stamp"
    assert f"sh scripts/build-newlib.sh {entry}" in make_n(f"NEWLIB_CACHE={tmp_path}", goal)
    (entry / "x86_64-elf").mkdir(parents=True)
    (entry / ".stamp").write_text("x\n")
    os.utime(entry / ".stamp", (0, 0))  # older than every file of the tree
    assert "build-newlib.sh" not in make_n(f"NEWLIB_CACHE={tmp_path}", goal)


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_distclean_names_this_key_only(tmp_path, key):
    out = make_n(f"NEWLIB_CACHE={tmp_path}", "distclean")
    assert "rm -rf build esp" in out
    assert f"sh scripts/build-newlib.sh --remove {tmp_path}/newlib-{key}" in out
