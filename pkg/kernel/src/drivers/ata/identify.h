/*
 * drivers/ata/identify.h - decoding what an ATA drive tells about itself:
 * the 256-word IDENTIFY DEVICE answer and the signature a non-ATA device
 * leaves in the LBA registers (Rust: the parsing in drivers/ata/mod.rs
 * and identify_drive() in bus.rs).
 *
 * Portable (no port I/O): tests/test_ata_identify.c checks it on the host.
 */
#ifndef DRIVERS_ATA_IDENTIFY_H
#define DRIVERS_ATA_IDENTIFY_H

#include <stdint.h>

#include "drivers/ata/consts.h"

/* Word offsets and lengths of the fields we use (ATA/ATAPI-8, section 7.16). */
#define ATA_ID_SERIAL       10 /* words 10..19: 20 ASCII characters */
#define ATA_ID_SERIAL_WORDS 10
#define ATA_ID_MODEL        27 /* words 27..46: 40 ASCII characters */
#define ATA_ID_MODEL_WORDS  20
#define ATA_ID_MAX_MULTIPLE 47 /* bits 7..0: most blocks per DRQ for READ MULTIPLE */
#define ATA_ID_LBA28        60 /* words 60..61: addressable blocks, low word first */

#define ATA_SERIAL_SIZE (ATA_ID_SERIAL_WORDS * 2 + 1)
#define ATA_MODEL_SIZE  (ATA_ID_MODEL_WORDS * 2 + 1)

/* What the LBA mid/high registers say after IDENTIFY (Rust: AtaDeviceType). */
enum ata_device_type {
    ATA_DEVICE_PATA,   /* a plain ATA disk: the only kind this driver reads */
    ATA_DEVICE_PATAPI, /* packet interface, e.g. a CD-ROM */
    ATA_DEVICE_SATA,   /* SATA in legacy IDE emulation */
    ATA_DEVICE_SATAPI,
    ATA_DEVICE_UNKNOWN,
};

struct ata_identity {
    char serial[ATA_SERIAL_SIZE]; /* blanks trimmed, e.g. "QM00001" */
    char model[ATA_MODEL_SIZE];   /* e.g. "QEMU HARDDISK" */
    uint32_t lba28_blocks;        /* 0 when the drive cannot do LBA28 */
    uint32_t max_multiple;        /* READ MULTIPLE group limit; 0 or 1 = not supported */
};

/* Classifies a device from LBA mid / LBA high after IDENTIFY. */
enum ata_device_type ata_classify_signature(uint8_t lba_mid, uint8_t lba_high);

/* Short name of a device type, for log lines ("PATAPI"). */
const char *ata_device_type_name(enum ata_device_type type);

/* Extracts model, serial, size and the READ MULTIPLE limit from the IDENTIFY words. */
void ata_identity_decode(const uint16_t words[ATA_IDENTIFY_WORDS], struct ata_identity *out);

/*
 * The READ MULTIPLE group size to ask for: the largest power of two not
 * above max_multiple (SET MULTIPLE MODE takes powers of two only), or 1
 * (= use READ SECTORS) when the drive has no multiple mode.
 */
uint32_t ata_pick_multiple(uint32_t max_multiple);

#endif
