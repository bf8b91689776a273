/*
 * drivers/ata/ata.c - ATA drives on the two legacy buses (Rust:
 * drivers/ata/mod.rs): identify a drive, remember its model, serial and
 * size, and read blocks from it for pkg/storage.
 */
#include "drivers/ata/ata.h"

#include <stdbool.h>

#include "memory/size.h"
#include "utils/logger.h"
#include "utils/string.h"
#include "utils/todo.h"

static struct ata_bus buses[ATA_BUS_COUNT];
static bool buses_ready;

/* Sets both buses up on first use (Rust: the lazy_static BUSES). */
static void buses_init(void)
{
    if (buses_ready)
        return;
    ata_bus_init(&buses[0], 0, ATA_PRIMARY_IO, ATA_PRIMARY_CTRL);
    ata_bus_init(&buses[1], 1, ATA_SECONDARY_IO, ATA_SECONDARY_CTRL);
    buses_ready = true;
    log_debug("Initialized ATA Buses.");
}

/*
 * The drive size the way the Rust driver prints an f32: "504" for an
 * exact 504 MiB, "1.5" for 1.5 GiB (two decimals, trailing zeros dropped).
 */
static const char *drive_size(const struct ata_drive *d, char *num, size_t len)
{
    const char *unit = size_scale((uint64_t)d->blocks * STORAGE_BLOCK_SIZE, 2, num, len);
    size_t n = strlen(num);

    while (n > 0 && num[n - 1] == '0')
        num[--n] = '\0';
    if (n > 0 && num[n - 1] == '.')
        num[--n] = '\0';
    return unit;
}

/* Turns on READ MULTIPLE with the largest group the drive allows; 1 if it has none or refuses. */
static uint32_t choose_multiple(const struct ata_drive *d, uint32_t max_multiple)
{
    uint32_t multiple = ata_pick_multiple(max_multiple);

    if (multiple > 1 && ata_bus_set_multiple(d->bus, d->drive, multiple) != ATA_OK) {
        log_warn("Drive %u@%u: READ MULTIPLE refused, reading block by block", d->bus->id,
                 d->drive);
        multiple = 1;
    }
    log_debug("Drive %u@%u: %u blocks per PIO transfer", d->bus->id, d->drive, multiple);
    return multiple;
}

int ata_drive_open(struct ata_drive *d, uint8_t bus, uint8_t drive)
{
    uint16_t words[ATA_IDENTIFY_WORDS];
    enum ata_device_type type;
    struct ata_identity id;
    char num[32];

    if (bus >= ATA_BUS_COUNT || drive >= ATA_DRIVES_PER_BUS)
        return ATA_ENODEV;
    buses_init();
    int err = ata_bus_identify(&buses[bus], drive, words, &type);
    if (err == ATA_ENOTATA) {
        log_warn("Drive %u@%u is not a PATA drive (%s)", bus, drive, ata_device_type_name(type));
        return err;
    }
    if (err != ATA_OK) {
        log_warn("Drive %u@%u cannot be opened: %s", bus, drive, ata_strerror(err));
        return err;
    }

    ata_identity_decode(words, &id);
    if (id.lba28_blocks == 0) {
        log_warn("Drive %u@%u (%s) does not support LBA28", bus, drive, id.model);
        return ATA_ENOTATA;
    }
    d->bus = &buses[bus];
    d->drive = drive;
    d->blocks = id.lba28_blocks;
    d->multiple = choose_multiple(d, id.max_multiple);
    memcpy(d->model, id.model, sizeof(d->model));
    memcpy(d->serial, id.serial, sizeof(d->serial));
    const char *unit = drive_size(d, num, sizeof(num));
    log_info("Drive %s %s (%s %s) opened", d->model, d->serial, num, unit);
    return ATA_OK;
}

int ata_drive_read(struct ata_drive *d, uint64_t lba, void *buf, uint32_t count)
{
#if YSOS_SOLVED >= 6
    uint8_t *out = buf;

    if (lba >= d->blocks || count > d->blocks - lba)
        return ATA_ERANGE;
    while (count > 0) {
        uint32_t n = count < ATA_MAX_PIO_BLOCKS ? count : ATA_MAX_PIO_BLOCKS;
        int err = ata_bus_read(d->bus, d->drive, (uint32_t)lba, n, d->multiple, out);
        if (err != ATA_OK)
            return err;
        lba += n;
        out += (size_t)n * STORAGE_BLOCK_SIZE;
        count -= n;
    }
    return ATA_OK;
#else
    /* TODO(lab 0x06): read the blocks from the drive's bus (ata_bus_read).
     * Guide: 0x06 tasks.md "读写数据"; Rust:
     * crates/kernel/src/drivers/ata/mod.rs AtaDrive::read_block */
    (void)d, (void)lba, (void)buf, (void)count;
    LAB_TODO(6, "ata_drive_read");
    return ATA_EIO;
#endif
}

/* The block_device read callback: ctx is the drive. */
static int drive_read_blocks(void *ctx, uint64_t lba, void *buf, uint32_t count)
{
    return ata_drive_read(ctx, lba, buf, count);
}

void ata_drive_block_device(struct ata_drive *d, struct block_device *out)
{
    out->ctx = d;
    out->read = drive_read_blocks;
#if YSOS_SOLVED >= 6
    out->block_count = d->blocks;
#else
    /* TODO(lab 0x06): return the block count. Guide: 0x06 tasks.md
     * "读写数据"; Rust: crates/kernel/src/drivers/ata/mod.rs
     * AtaDrive::block_count */
    LAB_TODO(6, "ata_drive_block_device");
    out->block_count = 0; /* an empty disk: every read is refused */
#endif
}
