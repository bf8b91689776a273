"""Score per lab group, from config.toml [grader.weights].

A group's points are its weight times the fraction of its tests that passed,
so a lab with 4 of 5 tests passing and weight 15 scores 12.  Only groups with
selected tests count, so `--lab 2` scores out of lab 2's weight alone.
"""
from dataclasses import dataclass


@dataclass
class GroupScore:
    lab: str  # weight key: lab1 .. lab7, robust
    passed: int
    total: int
    weight: float

    @property
    def points(self):
        return self.weight * self.passed / self.total if self.total else 0.0


def compute(results, weights):
    """[GroupScore] in the order the groups first appear in `results`."""
    groups = {}
    for r in results:
        lab = r.test.lab
        if lab not in groups:
            groups[lab] = GroupScore(lab, 0, 0, float(weights.get(lab, 0)))
        groups[lab].total += 1
        groups[lab].passed += int(r.passed)
    return list(groups.values())


def total(scores):
    """(points, out of)"""
    return sum(s.points for s in scores), sum(s.weight for s in scores)
