"""grades.html: a batch's grades as one page a TA opens from a file manager.

grades.csv is the machine-readable result; this page is for looking: a
score histogram per lab group (and the total), each test's pass rate over
all submissions (lowest first: what the course found hardest, or a test
that is broken), and per submission its total, build status, warning count
and failing tests, each linked to its serial log.

One self-contained file, so it can be mailed or archived: inline CSS, bars
made of styled elements, no JavaScript, nothing fetched.  Links are relative
to the page's folder and only made to logs that exist.  Every string a
student controls (folder names, and through the console the failure
reasons) is escaped.
"""
import html
import os
import urllib.parse
from pathlib import Path

from grader import gradebook

BINS = 10
STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { padding: 2px 8px; text-align: left; vertical-align: top; }
tr + tr { border-top: 1px solid #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { width: 16em; }
.bar span { display: inline-block; height: 0.9em; background: #4a7bd0; }
.hists { display: flex; flex-wrap: wrap; gap: 2em; }
.bad { color: #b00; }
.why { color: #666; font-size: 90%; }
ul { margin: 0; padding-left: 1.2em; }
"""


def esc(text):
    return html.escape(str(text))


def link(text, path, folder):
    """`text` linked to `path` (relative to `folder`) when that file exists."""
    if not path or not os.path.isfile(path):
        return esc(text)
    href = urllib.parse.quote(Path(os.path.relpath(path, folder)).as_posix())
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def bar(fraction):
    return f'<td class="bar"><span style="width:{100 * fraction:.1f}%"></span></td>'


def bins(values, top):
    """[(label, count)]: BINS equal ranges of 0..top, the last one closed."""
    if top <= 0:
        return [("0", len(values))]
    counts = [0] * BINS
    for v in values:
        counts[min(BINS - 1, max(0, int(v / top * BINS + 1e-9)))] += 1
    return [(f"{round(top * i / BINS, 2):g}–{round(top * (i + 1) / BINS, 2):g}", c)
            for i, c in enumerate(counts)]


def histogram(key, values, top):
    counted = bins(values, top)
    most = max([c for _, c in counted] + [1])
    rows = "".join(f"<tr><th>{label}</th>{bar(c / most)}<td class=\"num\">{c}</td></tr>"
                   for label, c in counted)
    return (f'<section id="hist-{esc(key)}"><h3>{esc(key)} <small>out of {top:g}</small></h3>'
            f"<table>{rows}</table></section>")


def histograms(book):
    subs = book["submissions"]
    parts = []
    for lab in gradebook.lab_columns(book):
        values = [s["labs"].get(lab, {}).get("points", 0.0) for s in subs]
        top = max(s["labs"][lab]["max"] for s in subs if lab in s["labs"])
        parts.append(histogram(lab, values, top))
    parts.append(histogram("total", [s["total"] for s in subs], max(s["max"] for s in subs)))
    return f'<div class="hists">{"".join(parts)}</div>'


def pass_rates(book):
    """Each test's passes over all submissions (failed builds count), lowest first."""
    counts = {}  # test name -> [lab, passed, runs]
    for sub in book["submissions"]:
        for t in sub["tests"]:
            c = counts.setdefault(t["name"], [t["lab"], 0, 0])
            c[1] += bool(t["passed"])
            c[2] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[1][1] / kv[1][2], kv[0]))
    body = "".join(f"<tr><td>{esc(name)}</td><td>{esc(lab)}</td>"
                   f'<td class="num">{passed}/{runs}</td>{bar(passed / runs)}</tr>'
                   for name, (lab, passed, runs) in rows)
    return ('<table id="rates"><tr><th>test</th><th>lab</th><th>passed</th><th></th></tr>'
            f"{body}</table>")


def failing(sub, folder):
    if sub["build"] != "ok":
        return f"all {sub['failed']} (no build)"
    items = "".join(f"<li>{link(t['name'], t['log'], folder)} "
                    f'<span class="why">{esc(t["reason"])}</span></li>'
                    for t in sub["tests"] if not t["passed"])
    return f"<ul>{items}</ul>" if items else "none"


def submission_row(sub, folder):
    build_class = "" if sub["build"] == "ok" else ' class="bad"'
    return (f"<tr><td>{esc(sub['name'])}</td>"
            f'<td class="num">{sub["total"]:.2f} / {sub["max"]:g}</td>'
            f"<td{build_class}>{link(sub['build'], sub['build_log'], folder)}</td>"
            f'<td class="num">{len(sub["warnings"])}</td><td>{failing(sub, folder)}</td></tr>')


def submissions(book, folder):
    rows = "".join(submission_row(sub, folder) for sub in book["submissions"])
    return ('<table id="submissions"><tr><th>submission</th><th>total</th><th>build</th>'
            f"<th>warnings</th><th>failing tests (serial log)</th></tr>{rows}</table>")


def summary(book):
    subs = book["submissions"]
    built = sum(s["build"] == "ok" for s in subs)
    weights = ", ".join(f"{lab} {book['weights'].get(lab, 0):g}"
                        for lab in gradebook.lab_columns(book))
    return f"<p>{len(subs)} submissions, {built} built. Weights: {esc(weights)}.</p>"


def page(book, folder):
    """The page for `book`, to be written in `folder` (links are relative to it)."""
    folder = os.path.abspath(folder)
    sections = [summary(book)]
    if book["submissions"]:
        sections += ["<h2>Score per lab group</h2>", histograms(book),
                     "<h2>Pass rate per test</h2>", pass_rates(book),
                     "<h2>Submissions</h2>", submissions(book, folder)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>YSOS-C grades</title><style>{STYLE}</style></head>\n"
            f"<body><h1>YSOS-C grades</h1>\n" + "\n".join(sections) + "\n</body></html>\n")
