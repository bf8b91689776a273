/*
 * drivers/ata/consts.h - register layout, status bits and commands of an
 * ATA (IDE) controller in legacy PIO mode (Rust: drivers/ata/consts.rs).
 *
 * References: https://wiki.osdev.org/ATA_PIO_Mode and https://wiki.osdev.org/IDE
 */
#ifndef DRIVERS_ATA_CONSTS_H
#define DRIVERS_ATA_CONSTS_H

/* The two legacy buses: command block base and control block port. */
#define ATA_PRIMARY_IO     0x1F0
#define ATA_PRIMARY_CTRL   0x3F6
#define ATA_SECONDARY_IO   0x170
#define ATA_SECONDARY_CTRL 0x376
#define ATA_BUS_COUNT      2
#define ATA_DRIVES_PER_BUS 2

/* Registers, as offsets from the command block base. */
#define ATA_REG_DATA     0 /* 16-bit data port */
#define ATA_REG_ERROR    1 /* read */
#define ATA_REG_FEATURES 1 /* write */
#define ATA_REG_SECCOUNT 2
#define ATA_REG_LBA_LOW  3
#define ATA_REG_LBA_MID  4 /* also "cylinder low" */
#define ATA_REG_LBA_HIGH 5 /* also "cylinder high" */
#define ATA_REG_DRIVE    6
#define ATA_REG_STATUS   7 /* read */
#define ATA_REG_COMMAND  7 /* write */

/* The control port: reading it gives the alternate status (no side effects). */
#define ATA_CTRL_NIEN 0x02 /* no interrupts from the drive: we poll */

/* Drive register: bits 7 and 5 always set, bit 6 = LBA, bit 4 = drive, 3..0 = LBA 27..24. */
#define ATA_DRIVE_LBA      0xE0
#define ATA_DRIVE_SLAVE    0x10
#define ATA_LBA28_MAX      (1U << 28) /* blocks an LBA28 command can reach */
#define ATA_MAX_PIO_BLOCKS 256        /* one command; sector count 0 means 256 */

/* Status register bits. */
#define ATA_SR_BSY  0x80 /* busy: no other bit is valid */
#define ATA_SR_DRDY 0x40 /* drive ready */
#define ATA_SR_DF   0x20 /* drive write fault */
#define ATA_SR_DSC  0x10 /* seek complete */
#define ATA_SR_DRQ  0x08 /* data request: a block is ready to transfer */
#define ATA_SR_CORR 0x04 /* corrected data */
#define ATA_SR_IDX  0x02 /* index */
#define ATA_SR_ERR  0x01 /* error: see the error register */

/* Error register bits. */
#define ATA_ER_BBK   0x80 /* bad block */
#define ATA_ER_UNC   0x40 /* uncorrectable data */
#define ATA_ER_MC    0x20 /* media changed */
#define ATA_ER_IDNF  0x10 /* ID mark not found */
#define ATA_ER_MCR   0x08 /* media change request */
#define ATA_ER_ABRT  0x04 /* command aborted */
#define ATA_ER_TK0NF 0x02 /* track 0 not found */
#define ATA_ER_AMNF  0x01 /* address mark not found */

/* Commands. The driver is read-only: it uses the first four. */
#define ATA_CMD_READ_PIO      0x20 /* READ SECTORS: one DRQ per block */
#define ATA_CMD_READ_MULTIPLE 0xC4 /* one DRQ per group of "multiple" blocks */
#define ATA_CMD_SET_MULTIPLE  0xC6 /* sets that group size (sector count register) */
#define ATA_CMD_IDENTIFY      0xEC
#define ATA_CMD_WRITE_PIO     0x30
#define ATA_CMD_CACHE_FLUSH   0xE7
#define ATA_CMD_IDENTIFY_PKT  0xA1

/* IDENTIFY returns 256 16-bit words; a block is 256 words too. */
#define ATA_IDENTIFY_WORDS  256
#define ATA_WORDS_PER_BLOCK 256
#define ATA_BLOCK_SIZE      512

/*
 * Upper bound on status polls while waiting for one step of a command.
 * QEMU finishes a request within a few thousand polls; a dead or absent
 * drive must turn into an error instead of a hang, and the wait may run
 * with interrupts off, so it is counted in polls rather than timer ticks.
 * Each poll is five port reads (about 1-5 us under TCG): a few seconds at most.
 */
#define ATA_POLL_LIMIT 1000000

#endif
