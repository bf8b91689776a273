/*
 * path.c - resolving and normalising shell paths (see path.h).
 *
 * A path is built component by component in the output buffer, which
 * always holds a normalised absolute path: "." does nothing, ".." removes
 * the last component, anything else is appended in upper case.
 */
#include <string.h>

#include "path.h"

static char to_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Apply one component (not NUL-terminated) to the normalised path out. */
static bool push_component(char *out, size_t size, const char *name, size_t len)
{
    if (len == 0 || (len == 1 && name[0] == '.'))
        return true;
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        char *last_slash = strrchr(out, '/');
        last_slash[last_slash == out ? 1 : 0] = '\0'; /* keep the root's '/' */
        return true;
    }

    size_t used = strlen(out);
    size_t slash = used > 1 ? 1 : 0; /* no separator right after the root */
    if (used + slash + len + 1 > size)
        return false;
    if (slash)
        out[used++] = '/';
    for (size_t i = 0; i < len; i++)
        out[used++] = to_upper(name[i]);
    out[used] = '\0';
    return true;
}

/* Apply every '/'-separated component of path to out. */
static bool push_path(char *out, size_t size, const char *path)
{
    while (*path) {
        const char *end = strchr(path, '/');
        size_t len = end ? (size_t)(end - path) : strlen(path);

        if (!push_component(out, size, path, len))
            return false;
        path += len;
        if (*path == '/')
            path++;
    }
    return true;
}

bool path_resolve(const char *cwd, const char *path, char *out, size_t size)
{
    if (size < 2)
        return false;
    strcpy(out, "/");
    if (path[0] != '/' && !push_path(out, size, cwd))
        return false;
    return push_path(out, size, path);
}

bool path_program_candidates(const char *cwd, const char *name, struct program_paths *out)
{
    out->count = 0;
    if (!path_resolve(cwd, name, out->path[0], SHELL_PATH_SIZE))
        return false;
    out->count = 1;

    if (strchr(name, '/') != NULL)
        return true;
    if (!path_resolve(SHELL_APP_DIR, name, out->path[1], SHELL_PATH_SIZE))
        return false;
    if (strcmp(out->path[0], out->path[1]) != 0)
        out->count = 2;
    return true;
}
