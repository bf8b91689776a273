/*
 * brk_alloc_test - the lab 0x07 report's six tests of the user heap
 * allocator, with malloc/realloc/C strings in place of Rust's Vec, String
 * and Box (same output lines). With the default brk allocator, newlib's
 * malloc grows the heap through sbrk -> Brk; test 6 also checks that
 * freeing a large block at the top gives the memory back (the break moves
 * down again).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ysos.h>

static bool fail(const char *what)
{
    printf("❌ %s\n", what);
    return false;
}

/* Test 1 (Vec): push 0..99 into an array that grows with realloc. */
static bool test_vec(void)
{
    long *items = NULL;
    size_t len = 0, cap = 0;

    for (long i = 0; i < 100; i++) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1;
            long *bigger = realloc(items, cap * sizeof(*items));
            if (bigger == NULL) {
                free(items);
                return fail("Vec 扩容失败!");
            }
            items = bigger;
        }
        items[len++] = i;
    }
    long sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += items[i];
    free(items);
    if (sum != 4950)
        return fail("Vec 总和错误!");
    printf("✅ Vec 测试通过！总和：%ld\n", sum);
    return true;
}

/* Append to a heap string, growing it; false when out of memory. */
static bool string_append(char **str, const char *tail)
{
    size_t old_len = *str ? strlen(*str) : 0;
    char *bigger = realloc(*str, old_len + strlen(tail) + 1);

    if (bigger == NULL)
        return false;
    strcpy(bigger + old_len, tail);
    *str = bigger;
    return true;
}

/* Test 2 (String): build a sentence piece by piece. */
static bool test_string(void)
{
    static const char *const pieces[] = {"Hello", ", ", "brk_alloc", " ", "allocator", "!"};
    char *text = NULL;

    for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
        if (!string_append(&text, pieces[i])) {
            free(text);
            return fail("String 分配失败!");
        }
    }
    if (strcmp(text, "Hello, brk_alloc allocator!") != 0) {
        free(text);
        return fail("String 内容错误!");
    }
    printf("✅ String 测试通过！内容：'%s'\n", text);
    free(text);
    return true;
}

/* Test 3 (Box): one block of 256 values. */
static bool test_box(void)
{
    int *values = malloc(256 * sizeof(*values));

    if (values == NULL)
        return fail("Box 分配失败!");
    for (int i = 0; i < 256; i++)
        values[i] = 42;
    bool ok = true;
    for (int i = 0; i < 256; i++)
        ok = ok && values[i] == 42;
    free(values);
    if (!ok)
        return fail("Box 内容错误!");
    printf("✅ Box 测试通过！256个元素都是42\n");
    return true;
}

/* Test 4: 50 separate small blocks alive at once. */
static bool test_many_small(void)
{
    int *boxes[50];
    bool ok = true;

    for (int i = 0; i < 50; i++) {
        boxes[i] = malloc(sizeof(int));
        if (boxes[i] == NULL) {
            while (i-- > 0)
                free(boxes[i]);
            return fail("小块分配失败!");
        }
        *boxes[i] = i * 3;
    }
    for (int i = 0; i < 50; i++) {
        ok = ok && *boxes[i] == i * 3;
        free(boxes[i]);
    }
    if (!ok)
        return fail("小块内容错误!");
    printf("✅ 大量小分配测试通过！50个Box分配成功\n");
    return true;
}

/* Test 5: strings of growing size mixed with short-lived blocks. */
static bool test_mixed(void)
{
    char *strings[20];
    char expected[64];
    bool ok = true;

    for (int i = 0; i < 20; i++) {
        void *scratch = malloc((size_t)(i + 1) * 24); /* freed at once: holes */
        snprintf(expected, sizeof(expected), "String #%d: %.*s", i, i, "xxxxxxxxxxxxxxxxxxxx");
        strings[i] = strdup(expected);
        free(scratch);
        if (strings[i] == NULL) {
            while (i-- > 0)
                free(strings[i]);
            return fail("字符串分配失败!");
        }
    }
    for (int i = 0; i < 20; i++) {
        snprintf(expected, sizeof(expected), "String #%d: %.*s", i, i, "xxxxxxxxxxxxxxxxxxxx");
        ok = ok && strcmp(strings[i], expected) == 0;
        free(strings[i]);
    }
    if (!ok)
        return fail("字符串内容错误!");
    printf("✅ 混合分配测试通过！20个字符串分配成功\n");
    return true;
}

/* Test 6: use and free memory; a freed 1 MiB block at the top of the heap
 * must be given back to the kernel (only checked when malloc uses brk). */
static bool test_release(void)
{
    const size_t big = 1 << 20;
    uint64_t *squares = malloc(100 * sizeof(*squares));

    if (squares == NULL)
        return fail("内存分配失败!");
    for (uint64_t i = 0; i < 100; i++)
        squares[i] = i * i;
    uint64_t sum = 0;
    for (int i = 0; i < 100; i++)
        sum += squares[i];
    free(squares);

    char *before = sbrk(0);
    char *block = malloc(big);
    if (block == NULL)
        return fail("1 MiB 分配失败!");
    memset(block, 0x42, big);
    char *during = sbrk(0);
    free(block);
    char *after = sbrk(0);
    if (during > before && after >= during)
        return fail("释放后堆没有收缩!");

    if (sum != 328350)
        return fail("平方和错误!");
    printf("✅ 内存释放测试通过！平方和：%llu\n", (unsigned long long)sum);
    return true;
}

struct alloc_test {
    const char *title; /* "🔴 测试 N: <title>" */
    const char *label; /* line of the summary */
    bool (*run)(void);
};

static const struct alloc_test tests[] = {
    {"Vec 动态数组分配", "Vec 动态数组", test_vec},
    {"String 字符串分配", "String 字符串", test_string},
    {"Box 堆分配", "Box 堆分配", test_box},
    {"大量小分配测试", "大量小分配", test_many_small},
    {"混合分配测试", "混合分配", test_mixed},
    {"内存释放测试", "内存释放", test_release},
};
#define TEST_COUNT (sizeof(tests) / sizeof(tests[0]))

int main(void)
{
    printf("🚀 开始测试 brk_alloc 内存分配器...\n");
    for (size_t i = 0; i < TEST_COUNT; i++) {
        printf("🔴 测试 %zu: %s\n", i + 1, tests[i].title);
        if (!tests[i].run())
            return 1;
    }
    printf("🔴 所有 brk_alloc 分配器测试通过！\n");
    printf("📊 测试统计：\n");
    for (size_t i = 0; i < TEST_COUNT; i++)
        printf("- %s：✅\n", tests[i].label);
    return 0;
}
