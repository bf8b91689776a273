/*
 * emu_fs.c - YSOS paths onto the host folder standing for the root.
 *
 * Each path component is matched case-insensitively against the folder's
 * entries, as the YSOS FAT driver compares names, so "/APP/HELLO" finds
 * root/APP/hello.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "emu_internal.h"

/* Append the entry of folder `dir` matching name[0..len) to dir. */
static bool append_match(char *dir, size_t size, const char *name, size_t len)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    bool found = false;

    if (d == NULL)
        return false;
    while (!found && (entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue; /* ".", ".." and hidden files are not YSOS names */
        if (strlen(entry->d_name) == len && strncasecmp(entry->d_name, name, len) == 0) {
            size_t used = strlen(dir);
            found = used + 1 + len < size;
            if (found)
                snprintf(dir + used, size - used, "/%s", entry->d_name);
        }
    }
    closedir(d);
    return found;
}

bool fs_host_path(const char *root, const char *ysos_path, char *out, size_t size)
{
    if ((size_t)snprintf(out, size, "%s", root) >= size)
        return false;
    while (*ysos_path) {
        const char *end = strchr(ysos_path, '/');
        size_t len = end ? (size_t)(end - ysos_path) : strlen(ysos_path);

        if (len > 0 && !append_match(out, size, ysos_path, len))
            return false;
        ysos_path += len + (end != NULL);
    }
    return true;
}
