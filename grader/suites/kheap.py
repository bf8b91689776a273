"""The kernel heap gives memory back (the lab 0x08 extension, group `beyond`).

A spike of processes (proc_test spawnkill: /APP/IDLE spawned until the
table is full, then all killed) grows the kernel heap by their PCB-side
records; once they are gone, the `Kernel :` line's mapped size must be back
within one page of what it was before, instead of staying at the spike's
high-water mark (memory/heap_core.c, trim_top).
"""
from grader import markers, shell
from grader.registry import test
from grader.suites.sync import MIN_CHILDREN, proc_test

PAGE = 4096


def kernel_heap(m, table, what):
    heap = table["kernel_heap"]
    if heap is None:
        m.fail(f"{what}: `ps` has no `Kernel : USED / SIZE (PCT%)` line")
    return heap


@test("beyond", machine="beyond")
def kernel_heap_shrinks_after_spike(m):
    """proc_test spawnkill: the Kernel line's mapped size is back within a page afterwards"""
    before = shell.ps(m)
    idle = kernel_heap(m, before, "before the spike")["total"]
    result = proc_test(m, "spawnkill")
    found = shell.expect_in(m, result, markers.PROC_SPAWNKILL, "the `spawnkill: N children` line")
    if int(found[1]) < MIN_CHILDREN or result.code != 0:
        m.fail(f"proc_test spawnkill made {found[1]} children (want >= {MIN_CHILDREN}; "
               f"exit code {result.code}): no spike to recover from")
    after = shell.expect_idle(m, before, "after proc_test spawnkill", memory=False)
    mapped = kernel_heap(m, after, "after the spike")["total"]
    if mapped > idle + PAGE:
        m.fail(f"the kernel heap kept {mapped - idle} bytes more than before the spike "
               f"({after['kernel_heap']['shown'][2]:.2f} {after['kernel_heap']['shown'][3]}, "
               f"was {before['kernel_heap']['shown'][2]:.2f} {before['kernel_heap']['shown'][3]}): "
               f"free pages at its top are not given back")
