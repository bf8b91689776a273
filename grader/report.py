"""What the grader prints and writes.

Console: one `PASS name (1.9s)` / `FAIL name (30.0s): reason` line per test
as it finishes, a failure's details indented under it, then the score per
lab and, as the very last line, `N passed, N failed`.
Files: a JUnit XML report (CI systems read it) and a JSON report (scripts,
batch grading).
"""
import json
import xml.etree.ElementTree as ET

from grader import score


def result_line(result):
    status = "PASS" if result.passed else "FAIL"
    line = f"{status} {result.test.name} ({result.seconds:.1f}s)"
    return line if result.passed else f"{line}: {result.reason}"


def failure_block(result):
    """Indented lines under a FAIL: details, then where the full log is."""
    lines = result.details.splitlines()
    if result.log:
        lines.append(f"full serial log: {result.log}")
    return "".join(f"    {line}\n" for line in lines)


def print_result(result, out):
    out.write(result_line(result) + "\n")
    if not result.passed:
        out.write(failure_block(result))
    out.flush()


def summary_lines(results, weights):
    scores = score.compute(results, weights)
    lines = ["Score:"]
    for s in scores:
        counts = f"{s.passed:>3}/{s.total:<3} passed"
        lines.append(f"  {s.lab:<8} {counts}  {s.points:6.2f} / {s.weight:g}")
    points, out_of = score.total(scores)
    lines.append(f"  {'total':<8} {'':>15}  {points:6.2f} / {out_of:g}")
    passed = sum(r.passed for r in results)
    lines.append(f"{passed} passed, {len(results) - passed} failed")
    return lines


def junit_xml(results, suite_name="ysos-grader"):
    """JUnit XML: one <testsuite> per lab group, one <testcase> per test."""
    root = ET.Element("testsuites", name=suite_name, tests=str(len(results)),
                      failures=str(sum(not r.passed for r in results)),
                      time=f"{sum(r.seconds for r in results):.3f}")
    suites = {}
    for r in results:
        lab = r.test.lab
        if lab not in suites:
            suites[lab] = ET.SubElement(root, "testsuite", name=lab, tests="0", failures="0",
                                        time="0")
        suite = suites[lab]
        suite.set("tests", str(int(suite.get("tests")) + 1))
        suite.set("time", f"{float(suite.get('time')) + r.seconds:.3f}")
        case = ET.SubElement(suite, "testcase", classname=f"grader.{lab}", name=r.test.name,
                             time=f"{r.seconds:.3f}")
        if not r.passed:
            suite.set("failures", str(int(suite.get("failures")) + 1))
            failure = ET.SubElement(case, "failure", message=r.reason, type="CheckFailed")
            failure.text = r.details + (f"\nfull serial log: {r.log}" if r.log else "")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def json_report(results, weights):
    scores = score.compute(results, weights)
    points, out_of = score.total(scores)
    passed = sum(r.passed for r in results)
    return json.dumps(
        {
            "passed": passed,
            "failed": len(results) - passed,
            "score": {"points": points, "out_of": out_of,
                      "labs": {s.lab: {"passed": s.passed, "total": s.total, "points": s.points,
                                       "weight": s.weight} for s in scores}},
            "tests": [
                {"name": r.test.name, "lab": r.test.lab, "passed": r.passed,
                 "seconds": round(r.seconds, 3), "reason": r.reason, "details": r.details,
                 "log": r.log}
                for r in results
            ],
        },
        indent=2,
        ensure_ascii=False,
    ) + "\n"
