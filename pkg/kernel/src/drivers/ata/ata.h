/*
 * drivers/ata/ata.h - an ATA disk as a block device (Rust: drivers/ata/mod.rs).
 *
 *   struct ata_drive disk;
 *   ata_drive_open(&disk, 0, 0);            // primary bus, master drive
 *   struct block_device dev;
 *   ata_drive_block_device(&disk, &dev);    // hand it to pkg/storage
 *
 * Reads only (the file system is read-only). Callers serialize access:
 * the file system holds its volume lock around every read.
 */
#ifndef DRIVERS_ATA_ATA_H
#define DRIVERS_ATA_ATA_H

#include <stdint.h>

#include "drivers/ata/bus.h"
#include "drivers/ata/identify.h"
#include "storage/device.h"

struct ata_drive {
    struct ata_bus *bus;
    uint8_t drive;     /* 0 master, 1 slave */
    uint32_t blocks;   /* size in 512-byte blocks (LBA28) */
    uint32_t multiple; /* blocks per DRQ with READ MULTIPLE; 1 = READ SECTORS */
    char model[ATA_MODEL_SIZE];
    char serial[ATA_SERIAL_SIZE];
};

/*
 * Identifies drive (0/1) on bus (0 primary, 1 secondary) and fills in d.
 * Logs "Drive <model> <serial> (<size>) opened" on success and the reason
 * on failure; returns 0 or an ata_error.
 */
int ata_drive_open(struct ata_drive *d, uint8_t bus, uint8_t drive);

/* Reads count blocks at lba into buf, in commands of at most 256 blocks. */
int ata_drive_read(struct ata_drive *d, uint64_t lba, void *buf, uint32_t count);

/* Fills in a block_device that reads from d (which must outlive it). */
void ata_drive_block_device(struct ata_drive *d, struct block_device *out);

#endif
