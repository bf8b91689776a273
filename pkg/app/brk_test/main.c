/*
 * brk_test - the lab 0x07 report's six-step test of the Brk syscall.
 *
 * Grows the heap by one page, writes and reads it back, shrinks it to half
 * a page (brk returns the exact, unaligned end) and checks the final break.
 * Uses sys_brk directly and never malloc, so the break it starts from is the
 * untouched heap start (0x200000000000).
 */
#include <stdio.h>

#include <ysos.h>

#define GROW_SIZE   4096
#define SHRINK_SIZE 2048

static int fail(const char *what)
{
    printf("❌ %s\n", what);
    return 1;
}

/* Fill [start, start + size) with a pattern, then check it; true if intact. */
static bool write_and_verify(uintptr_t start, size_t size)
{
    volatile uint64_t *words = (volatile uint64_t *)start;
    size_t count = size / sizeof(uint64_t);

    printf("📁 写入测试数据...\n");
    for (size_t i = 0; i < count; i++)
        words[i] = 0x5a5a000000000000ULL + i;
    printf("📁 读取并验证数据...\n");
    for (size_t i = 0; i < count; i++) {
        if (words[i] != 0x5a5a000000000000ULL + i)
            return false;
    }
    return true;
}

int main(void)
{
    printf("🚀 开始测试 brk 系统调用...\n");

    printf("🔴 步骤 1: 获取当前堆起始地址\n");
    uintptr_t start = sys_brk(0);
    if (start == BRK_FAILED)
        return fail("获取堆起始地址失败!");
    printf("✅ 堆起始地址: 0x%lx\n", start);

    uintptr_t target = start + GROW_SIZE;
    printf("🔴 步骤 2: 计算目标堆结束地址: 0x%lx (大小: %d 字节)\n", target, GROW_SIZE);

    printf("🔴 步骤 3: 扩展堆到目标地址\n");
    uintptr_t grown = sys_brk(target);
    if (grown == BRK_FAILED)
        return fail("brk 调用失败!");
    printf("✅ brk 返回地址: 0x%lx\n", grown);
    if (grown != target)
        return fail("堆扩展失败: 返回地址与目标不符!");
    printf("✅ 堆扩展成功!\n");

    printf("🔴 步骤 4: 测试堆内存的写入和读取\n");
    if (!write_and_verify(start, GROW_SIZE))
        return fail("数据验证失败!");
    printf("✅ 数据写入和读取测试通过!\n");

    printf("🔴 步骤 5: 测试堆缩小\n");
    uintptr_t shrunk = sys_brk(start + SHRINK_SIZE);
    if (shrunk != start + SHRINK_SIZE)
        return fail("堆缩小失败!");
    printf("✅ 堆缩小成功! 新结束地址: 0x%lx\n", shrunk);

    printf("🔴 步骤 6: 验证最终堆状态\n");
    uintptr_t current = sys_brk(0);
    if (current != shrunk)
        return fail("最终堆状态不符!");
    printf("✅ 当前堆结束地址: 0x%lx\n", current);

    printf("🎉 所有测试通过! brk 系统调用工作正常!\n");
    return 0;
}
