/*
 * fs.c - files on the boot volume (Rust: crates/boot/src/fs.rs).
 *
 * The volume is the one this loader was started from (its loaded-image
 * device), read through the UEFI Simple File System protocol. Files are
 * read whole into EfiLoaderData pages: boot.conf and KERNEL.ELF are freed
 * after use, the apps stay for the kernel (load_apps=1).
 */
#include "loader.h"

#define PATH_MAX16 (BOOTCONF_PATH_MAX + 1)
#define APP_DIR    "\\APP"

static EFI_FILE_HANDLE root;

/* EFI_FILE_INFO plus room for a 255-character name. */
union file_info_buf {
    EFI_FILE_INFO info;
    uint8_t bytes[sizeof(EFI_FILE_INFO) + 256 * sizeof(CHAR16)];
};

static union file_info_buf info_buf; /* for read_whole() */

EFI_STATUS fs_init(void)
{
    EFI_GUID image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    EFI_GUID fs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
    EFI_BOOT_SERVICES *bs = efi_st->BootServices;
    EFI_LOADED_IMAGE *image;
    EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *volume;
    EFI_STATUS status;

    status = bs->HandleProtocol(efi_image, &image_guid, (void **)&image);
    if (EFI_ERROR(status))
        return status;
    status = bs->HandleProtocol(image->DeviceHandle, &fs_guid, (void **)&volume);
    if (EFI_ERROR(status))
        return status;
    return volume->OpenVolume(volume, &root);
}

/* ASCII path to UTF-16; '/' is accepted as a separator too. */
static int to_path16(const char *path, CHAR16 *out, size_t cap)
{
    size_t i = 0;
    for (; path[i]; i++) {
        if (i + 1 >= cap)
            return 0;
        out[i] = path[i] == '/' ? (CHAR16)'\\' : (CHAR16)(unsigned char)path[i];
    }
    out[i] = 0;
    return 1;
}

static EFI_STATUS open_path(const char *path, EFI_FILE_HANDLE *file)
{
    CHAR16 path16[PATH_MAX16];
    if (!to_path16(path, path16, PATH_MAX16))
        return EFI_INVALID_PARAMETER;
    return root->Open(root, file, path16, EFI_FILE_MODE_READ, 0);
}

static EFI_STATUS get_info(EFI_FILE_HANDLE file, EFI_FILE_INFO **info)
{
    EFI_GUID info_guid = EFI_FILE_INFO_ID;
    UINTN size = sizeof(info_buf);
    *info = &info_buf.info;
    return file->GetInfo(file, &info_guid, &size, &info_buf);
}

/* Reads an open regular file into fresh pages. */
static EFI_STATUS read_whole(EFI_FILE_HANDLE file, struct file_data *out)
{
    EFI_FILE_INFO *info;
    EFI_STATUS status = get_info(file, &info);
    uint64_t done = 0;

    if (EFI_ERROR(status))
        return status;
    if (info->Attribute & EFI_FILE_DIRECTORY)
        return EFI_NOT_FOUND; /* a directory where a file was expected */
    out->size = info->FileSize;
    out->pages = pages_for(out->size) ? pages_for(out->size) : 1;
    out->data = (void *)pages_alloc(out->pages);
    if (!out->data)
        return EFI_OUT_OF_RESOURCES;
    while (done < out->size) { /* Read may return less than asked */
        UINTN chunk = out->size - done;
        status = file->Read(file, &chunk, (uint8_t *)out->data + done);
        if (EFI_ERROR(status) || chunk == 0) {
            pages_free((uint64_t)out->data, out->pages);
            return EFI_ERROR(status) ? status : EFI_END_OF_FILE;
        }
        done += chunk;
    }
    return EFI_SUCCESS;
}

EFI_STATUS fs_read(const char *path, struct file_data *out)
{
    EFI_FILE_HANDLE file;
    EFI_STATUS status = open_path(path, &file);
    if (EFI_ERROR(status))
        return status;
    status = read_whole(file, out);
    file->Close(file);
    return status;
}

/*
 * A UTF-16 file name as ASCII ('?' for anything else), cut to fit out[cap];
 * returns the name's full length.
 */
static size_t to_ascii(const CHAR16 *name16, char *out, size_t cap)
{
    size_t n = 0;
    for (; name16[n]; n++) {
        if (n + 1 < cap)
            out[n] = name16[n] >= 0x20 && name16[n] <= 0x7e ? (char)name16[n] : '?';
    }
    out[n + 1 < cap ? n : cap - 1] = '\0';
    return n;
}

#if YSOS_SOLVED >= 4
/* Reads one file of the app directory into the next boot_info slot. */
static void load_app(EFI_FILE_HANDLE dir, EFI_FILE_INFO *entry, struct boot_info *bi,
                     uint64_t physical_memory_offset)
{
    struct boot_app *app = &bi->loaded_apps[bi->loaded_apps_len];
    struct file_data data;
    EFI_FILE_HANDLE file;
    EFI_STATUS status;
    char name[64];

    if (to_ascii(entry->FileName, name, sizeof(name)) > BOOT_APP_NAME_MAX) {
        log_warn("skipping app \"%s\": name longer than %d characters", name, BOOT_APP_NAME_MAX);
        return;
    }
    status = dir->Open(dir, &file, entry->FileName, EFI_FILE_MODE_READ, 0);
    if (!EFI_ERROR(status)) {
        status = read_whole(file, &data);
        file->Close(file);
    }
    if (EFI_ERROR(status)) {
        log_warn("cannot load app \"%s\": %s", name, efi_status_text(status));
        return;
    }
    __builtin_memcpy(app->name, name, sizeof(app->name));
    app->elf = (uint64_t)data.data + physical_memory_offset;
    app->size = data.size;
    bi->loaded_apps_len++;
    log_info("Load file \"%s\" to memory, size = %llu", name, (unsigned long long)data.size);
}
#else
static void load_app(EFI_FILE_HANDLE dir, EFI_FILE_INFO *entry, struct boot_info *bi,
                     uint64_t physical_memory_offset)
{
    /* TODO(lab 0x04): load one program of \APP\: open the file `entry` names
     * in `dir`, read it whole (read_whole()), and fill the next slot of
     * bi->loaded_apps: its name (to_ascii(), at most BOOT_APP_NAME_MAX
     * characters), the address of its ELF image as the kernel sees it
     * (+ physical_memory_offset) and its size; count it in loaded_apps_len.
     * Guide: 0x04 tasks.md "加载程序文件"; Rust: crates/boot/src/fs.rs load_apps() */
    LAB_TODO(4, "load_app");
    (void)dir;
    (void)entry;
    (void)bi;
    (void)physical_memory_offset;
    (void)to_ascii;
    log_warn("TODO(lab 0x04): load_app is not implemented");
}
#endif

/* Next directory entry into buf; 0 at the end (or on an error, which is logged). */
static int next_entry(EFI_FILE_HANDLE dir, union file_info_buf *buf)
{
    UINTN size = sizeof(*buf);
    EFI_STATUS status = dir->Read(dir, &size, buf);
    if (EFI_ERROR(status))
        log_warn("cannot read the %s\\ folder: %s", APP_DIR, efi_status_text(status));
    return !EFI_ERROR(status) && size > 0;
}

#if YSOS_SOLVED >= 4
void fs_load_apps(struct boot_info *bi, uint64_t physical_memory_offset)
{
    EFI_FILE_HANDLE dir;
    union file_info_buf entry;

    bi->apps_loaded = 1;
    bi->loaded_apps_len = 0;
    if (EFI_ERROR(open_path(APP_DIR, &dir))) {
        log_warn("no %s\\ folder, no apps loaded", APP_DIR);
        return;
    }
    while (next_entry(dir, &entry)) {
        if (entry.info.Attribute & EFI_FILE_DIRECTORY) /* also skips "." and ".." */
            continue;
        if (bi->loaded_apps_len == BOOT_MAX_APPS) {
            log_warn("more than %d files in %s\\, skipping the rest", BOOT_MAX_APPS, APP_DIR);
            break;
        }
        load_app(dir, &entry.info, bi, physical_memory_offset);
    }
    dir->Close(dir);
    log_info("Loaded %u apps", bi->loaded_apps_len);
}
#else
void fs_load_apps(struct boot_info *bi, uint64_t physical_memory_offset)
{
    /* TODO(lab 0x04): open the \APP\ folder (APP_DIR, open_path()), read its
     * entries one by one (next_entry()), skip directories, and load each file
     * (load_app()), at most BOOT_MAX_APPS; then close it and log how many.
     * Guide: 0x04 tasks.md "加载程序文件"; Rust: crates/boot/src/fs.rs load_apps() */
    (void)physical_memory_offset;
    (void)next_entry;
    (void)load_app;
    bi->apps_loaded = 1;
    bi->loaded_apps_len = 0;
    LAB_TODO(4, "fs_load_apps");
}
#endif
