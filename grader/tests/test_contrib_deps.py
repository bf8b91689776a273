"""grader/contrib/install-deps.sh and packages.txt: the package list per
distribution (Debian 12's is scripts/setup-deps.sh's, which `make` checks
for), chosen from /etc/os-release; an OVMF.fd made from the 4 MB split
images where the distribution ships none (Ubuntu 24.04)."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from grader.settings import ROOT

CONTRIB = ROOT / "grader" / "contrib"
SPLIT_4M = (Path("/usr/share/OVMF/OVMF_VARS_4M.fd"), Path("/usr/share/OVMF/OVMF_CODE_4M.fd"))


def install_deps(*args, os_release=None, root=ROOT):
    env = dict(os.environ, **({"OS_RELEASE": str(os_release)} if os_release else {}))
    return subprocess.run(["sh", str(root / "grader/contrib/install-deps.sh"), *args], env=env,
                          capture_output=True, text=True)


def os_release(tmp_path, distro, version):
    path = tmp_path / f"os-release-{distro}"
    path.write_text(f'PRETTY_NAME="{distro} {version}"\nID={distro}\nVERSION_ID="{version}"\n')
    return path


def printed(done):
    key, _, names = done.stdout.strip().partition(": ")
    return key, names.split()


def setup_deps_packages():
    text = (ROOT / "scripts" / "setup-deps.sh").read_text()
    return re.search(r'^PKGS="([^"]*)"', text, re.M).group(1).replace("\\\n", " ").split()


def test_debian_12_is_what_make_checks_for(tmp_path):
    key, names = printed(install_deps("--print", os_release=os_release(tmp_path, "debian", "12")))
    assert key == "debian 12"
    assert sorted(names) == sorted(setup_deps_packages())


@pytest.mark.parametrize("version", ["22.04", "24.04"])
def test_ubuntu_has_a_list(tmp_path, version):
    key, names = printed(install_deps("--print", os_release=os_release(tmp_path, "ubuntu", version)))
    assert key == f"ubuntu {version}"
    assert names[:len(setup_deps_packages())] == setup_deps_packages()
    assert names[len(setup_deps_packages()):] == (["python3-tomli"] if version == "22.04" else [])


def test_an_unknown_distribution_gets_debian_12s_names(tmp_path):
    done = install_deps("--print", os_release=os_release(tmp_path, "fedora", "40"))
    assert printed(done) == ("fedora 40", setup_deps_packages())
    assert "no packages for 'fedora 40'" in done.stderr


def installed(names):
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}\n", *names], capture_output=True,
                          text=True)
    return done.returncode == 0 and done.stdout.count("install ok installed") == len(names)


@pytest.mark.skipif(not all(p.is_file() for p in SPLIT_4M), reason="no 4 MB OVMF images here")
def test_ovmf_fd_is_made_from_the_split_images(tmp_path):
    if not installed(setup_deps_packages()):
        pytest.skip("the packages are not all installed (install-deps.sh would install them)")
    tree = tmp_path / "tree"
    (tree / "grader").mkdir(parents=True)
    shutil.copytree(CONTRIB, tree / "grader" / "contrib")
    shutil.copytree(ROOT / "scripts", tree / "scripts")
    fd = tmp_path / "firmware" / "OVMF.fd"
    config = (ROOT / "config.toml").read_text()
    (tree / "config.toml").write_text(re.sub(r'^ovmf = .*$', f'ovmf = "{fd}"', config, flags=re.M))
    done = install_deps(root=tree)
    assert done.returncode == 0, done.stderr
    assert fd.read_bytes() == SPLIT_4M[0].read_bytes() + SPLIT_4M[1].read_bytes()
    assert f"making {fd} from OVMF_VARS_4M.fd + OVMF_CODE_4M.fd" in done.stdout
