"""Declaring tests and choosing which to run.

A test is a function of one Machine, declared with its lab group and the
boot configuration it needs:

    @test("2", boot=boot(conf={"log_level": "debug"}))
    def log_level_debug(m):
        "log_level=debug shows [DEBUG] lines"
        m.expect_boot(markers.KERNEL_BANNER)
        m.expect(r"^\\[DEBUG\\] ", timeout=m.settings.boot_timeout)

Tests with the same BootSpec share one machine (booted once, tests run in
declaration order); `own_machine=True` gives a test a fresh boot anyway.
`machine="NAME"` puts tests with the same BootSpec on a separate shared
machine called NAME: long suites on different machines run in parallel
(-j) instead of one after the other.
Groups are the labs "1".."7", "robust", and "rustabi": the Rust-ABI checks
(a program built for the Rust labs sees the console and Allocate as there),
scored inside lab 4, where the guide introduces those syscalls, and run with
`--lab 4` as well as `--lab rustabi`.
"""
import fnmatch
import importlib
import re
from dataclasses import dataclass
from typing import Callable

from grader.esp import DEFAULT, BootSpec

GROUPS = ("1", "2", "3", "4", "rustabi", "5", "6", "7", "robust", "beyond")
# Groups whose tests count in (and run with) a lab: group -> lab group.
COUNTED_IN = {"rustabi": "4"}
NAMED_GROUPS = ("robust", "rustabi", "beyond")


@dataclass
class Test:
    name: str
    group: str
    func: Callable
    boot: BootSpec = DEFAULT
    own_machine: bool = False
    doc: str = ""
    machine: str = ""  # name of the shared machine ("" = the one for its BootSpec)

    @property
    def lab(self):
        return lab_name(self.group)


REGISTRY = []


def lab_name(group):
    """Name of a group in config.toml [grader.weights]: lab1 .. lab7, robust,
    beyond (a group counted in a lab, such as rustabi, takes the lab's name)."""
    group = COUNTED_IN.get(group, group)
    return group if group in NAMED_GROUPS else "lab" + group


def test(group, boot=DEFAULT, name=None, own_machine=False, machine="", registry=None):
    """Decorator: register the function as a test of `group`."""
    group = normalize_group(group)
    target = REGISTRY if registry is None else registry

    def register(func):
        test_name = name or func.__name__
        if any(t.name == test_name for t in target):
            raise ValueError(f"duplicate test name {test_name!r}")
        doc = (func.__doc__ or "").strip().splitlines()
        target.append(Test(test_name, group, func, boot, own_machine, doc[0] if doc else "",
                           machine))
        return func

    return register


def normalize_group(value):
    """'1', '01', '0x01', 'lab1', 'robust', 'rustabi', 'beyond' -> '1' / 'robust' / ...."""
    text = str(value).strip().lower()
    if text in NAMED_GROUPS:
        return text
    m = re.fullmatch(r"(?:lab)?(?:0x)?0*(\d)", text)
    if not m or m[1] not in GROUPS:
        raise ValueError(f"unknown lab {value!r} (use 1..7, rustabi, robust or beyond)")
    return m[1]


def _matches(name, pattern):
    if any(c in pattern for c in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return pattern in name


def select(tests, labs=(), patterns=()):
    """Tests in any of `labs` (all when empty) whose name matches any of
    `patterns` (substring, or fnmatch when it has * ? [), in order."""
    groups = {normalize_group(lab) for lab in labs}

    def wanted(t):
        in_lab = not groups or t.group in groups or COUNTED_IN.get(t.group) in groups
        return in_lab and (not patterns or any(_matches(t.name, p) for p in patterns))

    return [t for t in tests if wanted(t)]


def machine_groups(tests):
    """Split tests into lists that share one machine, keeping declaration order."""
    shared = {}
    groups = []
    for t in tests:
        key = (t.boot, t.machine)
        if t.own_machine:
            groups.append([t])
        elif key in shared:
            shared[key].append(t)
        else:
            shared[key] = [t]
            groups.append(shared[key])
    return groups


def all_tests():
    """Every registered test (importing the suites registers them), in lab
    order (stable: tests of one lab keep their declaration order)."""
    importlib.import_module("grader.suites")  # registers the tests on first import
    return sorted(REGISTRY, key=lambda t: GROUPS.index(t.group))
