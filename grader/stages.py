"""Lab stages (docs/course/README.md): what each lab's tests may rely on.

`make build LAB=N` builds the system at the end of lab 0x0N.  A lab's tests
use only what its stage has, so `--lab K` is green on stage K and later, and
red on stage K-1:
  labs 1-2   the loader, kernel init and logging (the default boot);
  labs 2-3   the kernel's own console (KCONSOLE: the ESP without APP/shell,
             so the kernel runs it at every stage);
  labs 4-5   user programs loaded by the loader (USER: load_apps=1), no disk;
  labs 6-7   programs and files from the FAT16 disk (DISK: load_apps=0).
`python3 -m grader --stage N` builds stage N and runs labs <= N (rustabi
counts in lab 4; robust only at the highest stage).
"""
from grader.esp import boot

LAB_MAX = 7
KCONSOLE = boot(files={"APP/shell": None})
USER = boot(conf={"load_apps": "1"})
DISK_CONF = {"load_apps": "0"}


def groups(stage):
    """Registry groups graded at stage `stage` (1..LAB_MAX)."""
    labs = [str(n) for n in range(1, stage + 1)]
    if stage >= 4:
        labs.append("rustabi")
    if stage >= LAB_MAX:
        labs.append("robust")
    return labs


def build_command(stage, werror=True):
    """make's command line for a stage (WERROR=0: warnings reported, not fatal)."""
    argv = ["make", "--no-print-directory", "build"]
    if stage is not None:
        argv.append(f"LAB={stage}")
    if not werror:
        argv.append("WERROR=0")
    return argv
