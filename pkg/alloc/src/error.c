/*
 * error.c - names of the misuses the allocator detects, for messages.
 */
#include <alloc/error.h>

const char *alloc_error_name(enum alloc_error error)
{
    switch (error) {
    case ALLOC_OK:
        return "ok";
    case ALLOC_ERR_FOREIGN:
        return "pointer not from this heap";
    case ALLOC_ERR_DOUBLE_FREE:
        return "double free";
    case ALLOC_ERR_CORRUPT:
        return "heap corrupted";
    }
    return "unknown error";
}
