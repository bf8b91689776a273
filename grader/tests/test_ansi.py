"""Escape codes and CRs are removed, also when a sequence is split between
two reads."""
from grader.ansi import AnsiFilter

OVMF = "\x1b[2J\x1b[01;01H\x1b[=3h\x1b[2J\x1b[01;01HBdsDxe: loading Boot0002\r\n"
SHELL = "\x1b[1m\x1b[33m\x1b[40mShell> \x1b[0m\x1b[37m\x1b[40m"


def clean(*chunks):
    f = AnsiFilter()
    return "".join(f.feed(c) for c in chunks)


def test_ovmf_screen_codes():
    assert clean(OVMF) == "BdsDxe: loading Boot0002\n"
    assert clean(SHELL) == "Shell> "


def test_sequence_split_between_reads():
    for cut in range(1, len(SHELL)):
        assert clean(SHELL[:cut], SHELL[cut:]) == "Shell> ", cut


def test_other_escapes_and_stray_esc():
    assert clean("a\x1b]0;title\x07b\x1b(Bc\x1b7d\x1b") == "abcd"


def test_text_is_kept():
    text = "[INFO ] 欢迎使用YSOS Shell!\r\n/_/\\__,_/\\__//____/\r\n"
    assert clean(text) == text.replace("\r", "")


def test_endless_unfinished_sequence_is_not_held_forever():
    junk = "\x1b[" + "1;" * 40
    assert clean(junk, "x") != ""
