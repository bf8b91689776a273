"""Score per lab group, from config.toml [grader.weights].

A group's points are its weight times the share of its tests that passed,
so a lab with 4 of 5 equal tests passing and weight 15 scores 12.  Each test
counts 1 share unless [grader.weights.tests] gives it another (e.g.
`leak_check = 3`), so a TA can make one test matter more inside its lab.
Only groups with selected tests count, so `--lab 2` scores out of lab 2's
weight alone.
"""
from dataclasses import dataclass


@dataclass
class GroupScore:
    lab: str  # weight key: lab1 .. lab7, robust, beyond
    passed: int
    total: int
    weight: float
    passed_shares: float = 0.0
    total_shares: float = 0.0

    @property
    def points(self):
        if not self.total_shares:
            return 0.0
        return self.weight * self.passed_shares / self.total_shares


def test_share(name, weights):
    """A test's share of its group: [grader.weights.tests] NAME, default 1."""
    return float(weights.get("tests", {}).get(name, 1))


def compute(results, weights):
    """[GroupScore] in the order the groups first appear in `results`."""
    groups = {}
    for r in results:
        lab = r.test.lab
        if lab not in groups:
            groups[lab] = GroupScore(lab, 0, 0, float(weights.get(lab, 0)))
        share = test_share(getattr(r.test, "name", ""), weights)
        g = groups[lab]
        g.total += 1
        g.passed += int(r.passed)
        g.total_shares += share
        g.passed_shares += share if r.passed else 0.0
    return list(groups.values())


def total(scores):
    """(points, out of)"""
    return sum(s.points for s in scores), sum(s.weight for s in scores)
