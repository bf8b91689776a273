"""Score per lab: weight x fraction passed, over the selected groups only."""
from types import SimpleNamespace

from grader.score import compute, total

WEIGHTS = {"lab1": 10, "lab2": 10, "lab7": 20, "robust": 10}


def result(lab, passed):
    return SimpleNamespace(test=SimpleNamespace(lab=lab), passed=passed)


def test_fraction_of_weight():
    results = [result("lab1", True)] * 3 + [result("lab1", False)]
    results += [result("lab7", True), result("lab7", False)]
    scores = compute(results, WEIGHTS)
    assert [(s.lab, s.passed, s.total, s.points) for s in scores] == [
        ("lab1", 3, 4, 7.5), ("lab7", 1, 2, 10.0)]
    assert total(scores) == (17.5, 30)


def test_missing_weight_counts_zero():
    scores = compute([result("lab3", True)], WEIGHTS)
    assert (scores[0].weight, scores[0].points) == (0, 0)


def test_nothing_selected():
    assert total(compute([], WEIGHTS)) == (0, 0)


def named(lab, name, passed):
    return SimpleNamespace(test=SimpleNamespace(lab=lab, name=name), passed=passed)


def test_per_test_shares():
    weights = dict(WEIGHTS, tests={"leak_check": 3})
    results = [named("lab7", "leak_check", False), named("lab7", "brk_test", True)]
    (s,) = compute(results, weights)
    assert (s.passed, s.total) == (1, 2)
    assert s.points == 20 * 1 / 4  # brk_test's 1 share of 4


def test_zero_share_test_does_not_count():
    weights = dict(WEIGHTS, tests={"flaky_extra": 0})
    results = [named("lab1", "flaky_extra", False), named("lab1", "boots", True)]
    assert compute(results, weights)[0].points == 10
