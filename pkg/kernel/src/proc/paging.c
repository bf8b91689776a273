/*
 * proc/paging.c - page-table contexts (see paging.h).
 */
#include "proc/paging.h"

#include "arch/x86.h"
#include "memory/address.h"
#include "memory/allocator.h"
#include "memory/frames.h"
#include "utils/string.h"
#if YSOS_LAB >= 4
#include "memory/user.h"
#include "proc/user_access.h"
#endif

#if YSOS_LAB >= 4
#define P4_KERNEL_FIRST 256          /* entries 256..511 map the kernel half */
#define P4_SPAN         (1ULL << 39) /* bytes mapped by one P4 entry */

static unsigned p4_index(uint64_t va)
{
    return (unsigned)((va >> 39) & (PT_ENTRIES - 1));
}
#endif

static struct page_table_ctx *ctx_for(uint64_t p4)
{
    struct page_table_ctx *ctx = kmalloc(sizeof(*ctx));

    if (ctx != NULL)
        *ctx = (struct page_table_ctx){.p4 = p4, .refs = 1};
    return ctx;
}

struct page_table_ctx *page_table_ctx_current(void)
{
    return ctx_for(read_cr3() & PTE_ADDR);
}

#if YSOS_LAB >= 4
struct page_table_ctx *page_table_ctx_new(const struct page_table_ctx *kernel)
{
    uint64_t frame = frame_alloc(); /* zeroed: the user half starts empty */
    pte_t *from = page_table_ctx_p4(kernel), *to;
    struct page_table_ctx *ctx;

    if (frame == 0)
        return NULL;
    to = phys_to_virt(frame);
    memcpy(&to[P4_KERNEL_FIRST], &from[P4_KERNEL_FIRST],
           (PT_ENTRIES - P4_KERNEL_FIRST) * sizeof(pte_t));
    to[p4_index(USER_HEAP_START)] = from[p4_index(USER_HEAP_START)];
    ctx = ctx_for(frame);
    if (ctx == NULL)
        frame_free(frame);
    return ctx;
}
#endif

/* Another process on the same page table: a kernel thread (lab 0x03), a
 * forked child (lab 0x05). */
struct page_table_ctx *page_table_ctx_fork(struct page_table_ctx *ctx)
{
    ctx->refs++;
    return ctx;
}

unsigned page_table_ctx_using_count(const struct page_table_ctx *ctx)
{
    return ctx->refs;
}

pte_t *page_table_ctx_p4(const struct page_table_ctx *ctx)
{
    return phys_to_virt(ctx->p4);
}

void page_table_ctx_load(const struct page_table_ctx *ctx)
{
    if ((read_cr3() & PTE_ADDR) != ctx->p4)
        write_cr3(ctx->p4);
}

uint64_t page_table_ctx_release(struct page_table_ctx *ctx)
{
    uint64_t freed = 0;

    if (--ctx->refs > 0)
        return 0;
#if YSOS_LAB >= 4
    pte_t *p4 = page_table_ctx_p4(ctx);
    uint64_t shared = USER_HEAP_START & ~(P4_SPAN - 1); /* the Allocate region's P4 entry */

    /* Every user-half table, except the shared subtree of the Allocate region. */
    freed = page_table_free_empty(p4, 0, shared);
    freed += page_table_free_empty(p4, shared + P4_SPAN, USER_SPACE_END);
#endif
    frame_free(ctx->p4);
    kfree(ctx);
    return freed + 1;
}
