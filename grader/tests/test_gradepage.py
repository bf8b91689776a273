"""grades.html (grader/gradepage.py): one self-contained page whose tags
nest, that escapes what students control (a submission called `<script>`),
and links each failing test to its serial log when the log is there."""
from html.parser import HTMLParser

from grader import batch, gradebook, gradepage, registry
from grader.runner import Result

TEST = {t.name: t for t in registry.all_tests()}
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "area", "base", "source"}


class Structure(HTMLParser):
    """Every element closed in order; which tags and attributes were seen."""

    def __init__(self):
        super().__init__()
        self.open, self.tags, self.hrefs, self.errors = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"</{tag}> does not close the open element")


def parsed(page):
    s = Structure()
    s.feed(page)
    s.close()
    assert not s.errors and not s.open, (s.errors, s.open)
    return s


def graded(folder, name, build="ok", fails=(), logged=()):
    """A Graded for bootconf_unknown_key (lab1) and timer_rate_logged (lab2)."""
    logs = folder / name / "build" / "grader"
    logs.mkdir(parents=True)
    (logs / "build.log").write_text("make\n")
    results = []
    for test in ("bootconf_unknown_key", "timer_rate_logged"):
        failed = test in fails or build != "ok"
        log = logs / f"{test}.log" if failed and test in logged else ""
        if log:
            log.write_text("serial\n")
        results.append(Result(TEST[test], not failed, 1.0,
                              f"<b>{test}</b> failed" if failed else "", log=str(log)))
    return batch.Graded(name, build, results, ["a.c:1:1: warning: <x>"], str(logs / "build.log"))


def course(tmp_path):
    folder = tmp_path / "course"
    subs = [graded(folder, "<script>", fails=["timer_rate_logged"], logged=["timer_rate_logged"]),
            graded(folder, "alice"),
            graded(folder, "bob", build="failed (exit 2)"),
            graded(folder, "dan", fails=["timer_rate_logged"], logged=["timer_rate_logged"])]
    (folder / "dan" / "build" / "grader" / "timer_rate_logged.log").unlink()  # gone since
    return folder, gradebook.book(subs, {"lab1": 10, "lab2": 10})


def test_the_page_is_self_contained_and_well_nested(tmp_path):
    folder, book = course(tmp_path)
    page = gradepage.page(book, folder)
    s = parsed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert {"html", "head", "style", "body", "table"} <= s.tags
    assert not s.tags & {"script", "link", "img", "iframe"}
    assert "http" not in page


def test_student_strings_are_escaped(tmp_path):
    folder, book = course(tmp_path)
    page = gradepage.page(book, folder)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;timer_rate_logged&lt;/b&gt; failed" in page and "<b>" not in page


def test_failing_tests_link_to_their_logs(tmp_path):
    folder, book = course(tmp_path)
    hrefs = parsed(gradepage.page(book, folder)).hrefs
    assert "%3Cscript%3E/build/grader/timer_rate_logged.log" in hrefs
    assert "bob/build/grader/build.log" in hrefs
    assert "dan/build/grader/timer_rate_logged.log" not in hrefs  # gone: no dead link
    elsewhere = parsed(gradepage.page(book, tmp_path / "out")).hrefs
    assert "../course/%3Cscript%3E/build/grader/timer_rate_logged.log" in elsewhere


def test_histograms_per_lab_and_pass_rates_lowest_first(tmp_path):
    folder, book = course(tmp_path)
    page = gradepage.page(book, folder)
    for lab in ("lab1", "lab2", "total"):
        assert f'id="hist-{lab}"' in page
    rates = page[page.index('id="rates"'):]
    # timer_rate_logged passed 1 of 4 (alice), bootconf_unknown_key 3 of 4 (not bob)
    assert rates.index("timer_rate_logged") < rates.index("bootconf_unknown_key")
    assert "1/4" in rates and "3/4" in rates
