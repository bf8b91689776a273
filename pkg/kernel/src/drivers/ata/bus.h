/*
 * drivers/ata/bus.h - one ATA bus (a controller channel with up to two
 * drives) driven by polling PIO (Rust: drivers/ata/bus.rs).
 *
 * The bus does the register-level work: select a drive, issue a command,
 * wait for the drive, move 16-bit words. Every wait is bounded, so a dead
 * or missing drive yields an error code, never a hang. A bus must not be
 * used by two callers at once (the file system's volume lock sees to it).
 */
#ifndef DRIVERS_ATA_BUS_H
#define DRIVERS_ATA_BUS_H

#include <stdint.h>

#include "drivers/ata/consts.h"
#include "drivers/ata/identify.h"

/* Results of bus and drive operations: 0 or one of these. */
enum ata_error {
    ATA_OK = 0,
    ATA_ENODEV = -1,   /* nothing answers at this position */
    ATA_ENOTATA = -2,  /* a device, but not a plain ATA disk (e.g. ATAPI) */
    ATA_ETIMEOUT = -3, /* the drive stayed busy past ATA_POLL_LIMIT polls */
    ATA_EIO = -4,      /* the drive reported an error or a write fault */
    ATA_ERANGE = -5,   /* blocks outside the drive or beyond LBA28 */
};

struct ata_bus {
    uint8_t id;         /* 0 primary, 1 secondary */
    uint16_t io_base;   /* command block: data, error, ..., status/command */
    uint16_t ctrl_base; /* control block: alternate status / device control */
};

/* Sets up the bus and turns the drives' interrupts off (nIEN): we poll. */
void ata_bus_init(struct ata_bus *bus, uint8_t id, uint16_t io_base, uint16_t ctrl_base);

/*
 * Sends IDENTIFY DEVICE to drive (0 master, 1 slave) and stores its 256
 * words. ATA_ENODEV when no drive is there, ATA_ENOTATA for a packet or
 * SATA device (*type says which), ATA_EIO / ATA_ETIMEOUT on failure.
 */
int ata_bus_identify(struct ata_bus *bus, uint8_t drive, uint16_t words[ATA_IDENTIFY_WORDS],
                     enum ata_device_type *type);

/*
 * Sets the READ MULTIPLE group size of drive to sectors (a power of two
 * within the drive's limit, see ata_pick_multiple); ATA_EIO if refused.
 */
int ata_bus_set_multiple(struct ata_bus *bus, uint8_t drive, uint32_t sectors);

/*
 * Reads count (1..256) blocks starting at LBA28 address lba into buf.
 * multiple is the group size set with ata_bus_set_multiple() (READ
 * MULTIPLE: one wait per group of blocks), or 1 (READ SECTORS: one wait
 * per block).
 */
int ata_bus_read(struct ata_bus *bus, uint8_t drive, uint32_t lba, uint32_t count,
                 uint32_t multiple, void *buf);

/* A short description of an ata_error ("drive timed out"). */
const char *ata_strerror(int err);

#endif
