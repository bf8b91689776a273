/*
 * proc/user_access.c - user pointer checks (see user_access.h).
 */
#include "proc/user_access.h"

#include "memory/address.h"
#include "utils/string.h"

/* The range lies inside the user half without wrapping around. */
static bool in_user_half(uint64_t ptr, uint64_t len)
{
    return ptr < USER_SPACE_END && len <= USER_SPACE_END - ptr;
}

bool user_range_ok(pte_t *p4, uint64_t ptr, uint64_t len, bool write)
{
    uint64_t need = PTE_USER | (write ? PTE_WRITABLE : 0);

    if (!in_user_half(ptr, len))
        return false;
    if (len == 0)
        return true;
    for (uint64_t page = page_round_down(ptr); page < ptr + len; page += PAGE_SIZE) {
        uint64_t flags;
        if (!translate(p4, page, 0, &flags) || (flags & need) != need)
            return false;
    }
    return true;
}

int user_copy_in(pte_t *p4, void *dst, uint64_t ptr, uint64_t len)
{
    uint8_t *out = dst;

    if (!user_range_ok(p4, ptr, len, false))
        return -1;
    while (len > 0) {
        uint64_t pa, chunk = PAGE_SIZE - (ptr & (PAGE_SIZE - 1));
        if (chunk > len)
            chunk = len;
        translate(p4, ptr, &pa, 0);
        memcpy(out, phys_to_virt(pa), chunk);
        out += chunk;
        ptr += chunk;
        len -= chunk;
    }
    return 0;
}

int user_copy_string(pte_t *p4, char *out, size_t cap, uint64_t ptr, uint64_t len)
{
    if (len >= cap || user_copy_in(p4, out, ptr, len) != 0)
        return -1;
    out[len] = '\0';
    return strlen(out) == len ? 0 : -1;
}
