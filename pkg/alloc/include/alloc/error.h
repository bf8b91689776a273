/*
 * alloc/error.h - what the allocator found wrong with a pointer it was given.
 * Its own header because both the slab layer and the front end return it.
 */
#ifndef ALLOC_ERROR_H
#define ALLOC_ERROR_H

enum alloc_error {
    ALLOC_OK = 0,
    ALLOC_ERR_FOREIGN,     /* not a pointer this heap returned (outside, or inside a block) */
    ALLOC_ERR_DOUBLE_FREE, /* points at free memory: freed already */
    ALLOC_ERR_CORRUPT,     /* a block header is damaged (a write past a block's end?) */
};

/* "double free", ... for messages. */
const char *alloc_error_name(enum alloc_error error);

#endif
