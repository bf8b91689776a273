"""Lab stages (docs/course/README.md): what each lab's tests may rely on.

`make build LAB=N` builds the system at the end of lab 0x0N.  A lab's tests
use only what its stage has, so `--lab K` is green on stage K and later, and
red on stage K-1:
  labs 1-2   the loader, kernel init and logging (the default boot);
  labs 2-3   the kernel's own console (KCONSOLE: the ESP without APP/shell,
             so the kernel runs it at every stage);
  labs 4-5   user programs loaded by the loader (USER: load_apps=1), no disk;
  labs 6-7   programs and files from the FAT16 disk (DISK: load_apps=0);
  stage 8    the lab 0x08 extension (mmap, ...): the `beyond` group.
`python3 -m grader --stage N` builds stage N and runs labs <= N (rustabi
counts in lab 4; robust from stage 7, the end of the course; beyond at 8).
"""
from grader.esp import boot

LAB_MAX = 8
COURSE_LABS = 7  # labs 0x01-0x07: the graded course; 8 is the extension
KCONSOLE = boot(files={"APP/shell": None})
USER = boot(conf={"load_apps": "1"})
DISK_CONF = {"load_apps": "0"}


def groups(stage):
    """Registry groups graded at stage `stage` (1..LAB_MAX)."""
    labs = [str(n) for n in range(1, min(stage, COURSE_LABS) + 1)]
    if stage >= 4:
        labs.append("rustabi")
    if stage >= COURSE_LABS:
        labs.append("robust")
    if stage >= 8:
        labs.append("beyond")
    return labs


def build_command(stage, werror=True):
    """make's command line for a stage (WERROR=0: warnings reported, not fatal)."""
    argv = ["make", "--no-print-directory", "build"]
    if stage is not None:
        argv.append(f"LAB={stage}")
    if not werror:
        argv.append("WERROR=0")
    return argv
