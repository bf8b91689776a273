"""boot.conf edits keep line numbers, so checks can name the line the
loader must warn about."""
import pytest

from grader.bootconf import BootConf

TEXT = """# generated
kernel_stack_size=1048576
log_level = "info"

kernel_path=\\KERNEL.ELF
"""


def test_existing_key_is_rewritten_in_place():
    conf = BootConf(TEXT)
    conf.set("log_level", "warn")
    assert conf.line_of("log_level") == 3
    assert conf.render().splitlines()[2] == "log_level=warn"
    assert len(conf.render().splitlines()) == 5


def test_new_key_goes_at_the_end():
    conf = BootConf(TEXT)
    conf.set("no_such_key", "1")
    assert conf.line_of("no_such_key") == 6
    assert conf.render().endswith("no_such_key=1\n")


def test_items_unquote_values():
    assert BootConf(TEXT).items() == [
        ("kernel_stack_size", "1048576"), ("log_level", "info"), ("kernel_path", "\\KERNEL.ELF")]
    assert BootConf("a = 'x y' \nb=1 # note\n#c=2\n").items() == [("a", "x y"), ("b", "1")]


def test_remove_keeps_numbering():
    conf = BootConf(TEXT)
    conf.remove("kernel_stack_size")
    assert conf.get("kernel_stack_size") is None
    assert conf.line_of("kernel_path") == 5


def test_unknown_key_has_no_line():
    with pytest.raises(KeyError):
        BootConf(TEXT).line_of("cmdline")
