#if YSOS_LAB >= 6
/*
 * filesystem.c - splitting and comparing path names. Kept apart from FAT16
 * so the rules ('/' separator, ASCII case folding) are written once.
 */
#include "storage/filesystem.h"

static char ascii_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

size_t path_next_component(const char **cursor, const char **start)
{
    const char *p = *cursor;
    size_t len = 0;

    while (*p == STORAGE_PATH_SEPARATOR)
        p++;
    *start = p;
    while (p[len] != '\0' && p[len] != STORAGE_PATH_SEPARATOR)
        len++;
    *cursor = p + len;
    return len;
}

bool path_has_trailing_slash(const char *path)
{
    size_t len = 0;
    bool named = false;

    while (path[len] != '\0') {
        if (path[len] != STORAGE_PATH_SEPARATOR)
            named = true;
        len++;
    }
    return named && path[len - 1] == STORAGE_PATH_SEPARATOR;
}

bool name_equal_nocase(const char *a, size_t len, const char *b)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (b[i] == '\0' || ascii_upper(a[i]) != ascii_upper(b[i]))
            return false;
    }
    return b[len] == '\0';
}
#endif
