"""Test declaration, --lab / -k selection, and machine sharing."""
import pytest

from grader import registry
from grader.esp import boot
from grader.registry import machine_groups, normalize_group, select


def make(specs):
    """[(name, group, BootSpec, own_machine)] -> registered tests."""
    tests = []
    for name, group, spec, own in specs:
        registry.test(group, boot=spec, name=name, own_machine=own, registry=tests)(lambda m: None)
    return tests


DEBUG = boot(conf={"log_level": "debug"})
TESTS = make([
    ("boot_a", "1", boot(), False),
    ("boot_b", "1", boot(), False),
    ("debug_a", "2", DEBUG, False),
    ("alone", "2", boot(), True),
    ("debug_b", "2", boot(conf={"log_level": "debug"}), False),
    ("robust_x", "robust", boot(), False),
])


def names(tests):
    return [t.name for t in tests]


def test_groups_are_normalized():
    names = ("1", "01", "0x02", "lab7", "Robust")
    assert [normalize_group(x) for x in names] == ["1", "1", "2", "7", "robust"]
    for bad in ("0", "8", "lab", "x"):
        with pytest.raises(ValueError):
            normalize_group(bad)


def test_select_by_lab():
    assert names(select(TESTS, labs=["2"])) == ["debug_a", "alone", "debug_b"]
    assert names(select(TESTS, labs=["1", "robust"])) == ["boot_a", "boot_b", "robust_x"]
    assert names(select(TESTS)) == names(TESTS)


def test_select_by_substring_or_glob():
    assert names(select(TESTS, patterns=["debug"])) == ["debug_a", "debug_b"]
    assert names(select(TESTS, patterns=["*_a"])) == ["boot_a", "debug_a"]
    assert names(select(TESTS, patterns=["*_a", "alone"])) == ["boot_a", "debug_a", "alone"]
    assert names(select(TESTS, labs=["1"], patterns=["debug"])) == []


def test_equal_boot_specs_share_a_machine():
    assert [names(g) for g in machine_groups(TESTS)] == [
        ["boot_a", "boot_b", "robust_x"], ["debug_a", "debug_b"], ["alone"]]


def test_lab_names_match_the_weights():
    assert [t.lab for t in TESTS] == ["lab1", "lab1", "lab2", "lab2", "lab2", "robust"]


def test_duplicate_names_are_refused():
    tests = make([("same", "1", boot(), False)])
    with pytest.raises(ValueError):
        registry.test("1", name="same", registry=tests)(lambda m: None)


def test_named_machines_are_shared_separately():
    tests = make([("a", "3", boot(), False), ("b", "5", boot(), False),
                  ("c", "3", boot(), False), ("d", "5", boot(), False)])
    tests[1].machine = tests[3].machine = "lab5"
    assert [names(g) for g in machine_groups(tests)] == [["a", "c"], ["b", "d"]]
