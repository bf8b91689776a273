/*
 * drivers/ata/bus.c - polling PIO on one ATA bus (Rust: drivers/ata/bus.rs).
 *
 * A command is: wait until the bus is idle, select the drive (and the top
 * LBA bits), write the block count and address, write the command, then
 * wait until the drive raises DRQ and read the data port, once per block
 * (READ SECTORS) or once per group of blocks (READ MULTIPLE). Interrupts
 * from the drive stay off (nIEN): we poll the status register instead, and
 * give up after ATA_POLL_LIMIT polls.
 *
 * Why READ MULTIPLE: every DRQ wait is a round trip through the disk
 * emulation (QEMU fetches each group with one request), so reading 16
 * blocks per wait makes large reads about three times faster than the
 * Rust driver's one block per command.
 *
 * Reference: https://wiki.osdev.org/ATA_PIO_Mode#28_bit_PIO
 */
#include "drivers/ata/bus.h"

#include <stdbool.h>
#include <stddef.h>

#include "arch/x86.h"
#include "utils/logger.h"
#include "utils/todo.h"

/* The status a bus with no controller or no drives floats to. */
#define ATA_FLOATING_BUS 0xFF

static uint8_t read_reg(const struct ata_bus *bus, uint16_t reg)
{
    return inb((uint16_t)(bus->io_base + reg));
}

static void write_reg(const struct ata_bus *bus, uint16_t reg, uint8_t value)
{
    outb((uint16_t)(bus->io_base + reg), value);
}

/*
 * The status register, read after four reads of the alternate status.
 * A drive needs about 400 ns after a command or a drive select before its
 * status means anything; each port read takes about 100 ns.
 */
static uint8_t read_status(const struct ata_bus *bus)
{
    for (int i = 0; i < 4; i++)
        inb(bus->ctrl_base);
    return read_reg(bus, ATA_REG_STATUS);
}

/*
 * Polls until the drive is no longer busy and, if want is not 0, has also
 * raised one of the want bits or an error bit (ERR, DF). Returns the last
 * status, or ATA_ETIMEOUT when that never happened.
 */
static int poll_status(const struct ata_bus *bus, uint8_t want)
{
#if YSOS_SOLVED >= 6
    uint8_t stop_bits = want ? (uint8_t)(want | ATA_SR_ERR | ATA_SR_DF) : 0;

    for (uint32_t i = 0; i < ATA_POLL_LIMIT; i++) {
        uint8_t status = read_status(bus);
        if (!(status & ATA_SR_BSY) && (!want || (status & stop_bits)))
            return status;
        cpu_pause();
    }
    return ATA_ETIMEOUT;
#else
    /* TODO(lab 0x06): poll for the status to be not BUSY (and, when want
     * is DRQ, DATA_REQUEST_READY or an error). Guide: 0x06 tasks.md
     * "发送命令"; Rust: crates/kernel/src/drivers/ata/bus.rs write_command */
    (void)bus, (void)want;
    LAB_TODO(6, "poll_status");
    return ATA_ETIMEOUT;
#endif
}

/* The error register's bits, most serious first. */
static const struct {
    uint8_t bit;
    const char *name;
} error_bits[] = {
    {ATA_ER_BBK, "bad block"},
    {ATA_ER_UNC, "uncorrectable data"},
    {ATA_ER_MC, "media changed"},
    {ATA_ER_IDNF, "ID not found"},
    {ATA_ER_MCR, "media change request"},
    {ATA_ER_ABRT, "command aborted"},
    {ATA_ER_TK0NF, "track 0 not found"},
    {ATA_ER_AMNF, "address mark not found"},
};

/* The name of the first error bit set, for the log. */
static const char *error_bit_name(uint8_t error)
{
    for (size_t i = 0; i < sizeof(error_bits) / sizeof(error_bits[0]); i++)
        if (error & error_bits[i].bit)
            return error_bits[i].name;
    return "no error bit";
}

/*
 * Logs why a command failed and returns the matching error code: the poll
 * result when it timed out, else ATA_EIO.
 */
static int report_failure(const struct ata_bus *bus, uint8_t drive, const char *what, int status)
{
    if (status == ATA_ETIMEOUT) {
        log_error("ATA %u.%u: %s: drive still busy after %u polls", bus->id, drive, what,
                  ATA_POLL_LIMIT);
        return ATA_ETIMEOUT;
    }
    uint8_t error = read_reg(bus, ATA_REG_ERROR);
    log_error("ATA %u.%u: %s failed: status 0x%02x, error 0x%02x (%s)", bus->id, drive, what,
              (unsigned)status, error,
              (status & ATA_SR_DF) ? "write fault" : error_bit_name(error));
    return ATA_EIO;
}

/* True when a polled status is a timeout or shows ERR / DF. */
static bool status_failed(int status)
{
    return status < 0 || (status & (ATA_SR_ERR | ATA_SR_DF));
}

/* Waits until the bus takes a command (only BSY counts: ERR may be left from the last one). */
static int wait_idle(const struct ata_bus *bus, uint8_t drive)
{
    int status = poll_status(bus, 0);

    return status < 0 ? report_failure(bus, drive, "waiting for an idle bus", status) : ATA_OK;
}

/* Selects drive and loads LBA bits 27..24; then waits the 400 ns a select needs. */
static void select_drive(const struct ata_bus *bus, uint8_t drive, uint32_t lba)
{
    uint8_t value = ATA_DRIVE_LBA | (drive ? ATA_DRIVE_SLAVE : 0) | ((lba >> 24) & 0x0F);

    write_reg(bus, ATA_REG_DRIVE, value);
    read_status(bus);
}

/* Writes the block count (256 is sent as 0) and the low 24 address bits, then the command. */
static void issue_command(const struct ata_bus *bus, uint32_t lba, uint32_t count, uint8_t command)
{
#if YSOS_SOLVED >= 6
    write_reg(bus, ATA_REG_SECCOUNT, (uint8_t)count);
    write_reg(bus, ATA_REG_LBA_LOW, (uint8_t)lba);
    write_reg(bus, ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
    write_reg(bus, ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
    write_reg(bus, ATA_REG_COMMAND, command);
#else
    /* TODO(lab 0x06): store the LBA28 address into the 8-bit LBA registers
     * (and the sector count), then write the command register. Guide: 0x06
     * tasks.md "发送命令"; Rust: crates/kernel/src/drivers/ata/bus.rs
     * write_command */
    (void)bus, (void)lba, (void)count, (void)command;
    LAB_TODO(6, "issue_command");
#endif
}

/*
 * Moves one block (256 words) from the data port to out, in disk byte
 * order (little-endian). The data port is 16 bits wide, but PCI IDE
 * controllers (QEMU's PIIX among them) also accept 32-bit reads that
 * return two words at once: half the port accesses, a third less time.
 */
static void read_block_data(const struct ata_bus *bus, uint8_t *out)
{
#if YSOS_SOLVED >= 6
    for (int i = 0; i < ATA_WORDS_PER_BLOCK / 2; i++) {
        uint32_t two_words = inl((uint16_t)(bus->io_base + ATA_REG_DATA));
        out[4 * i] = (uint8_t)two_words;
        out[4 * i + 1] = (uint8_t)(two_words >> 8);
        out[4 * i + 2] = (uint8_t)(two_words >> 16);
        out[4 * i + 3] = (uint8_t)(two_words >> 24);
    }
#else
    /* TODO(lab 0x06): read the data from the data port into the buffer,
     * 16 bits at a time (mind the byte order). Guide: 0x06 tasks.md
     * "读写数据"; Rust: crates/kernel/src/drivers/ata/bus.rs read_pio */
    (void)bus;
    LAB_TODO(6, "read_block_data");
    for (int i = 0; i < ATA_BLOCK_SIZE; i++)
        out[i] = 0; /* no MBR or BPB signature: the mount is refused */
#endif
}

void ata_bus_init(struct ata_bus *bus, uint8_t id, uint16_t io_base, uint16_t ctrl_base)
{
    bus->id = id;
    bus->io_base = io_base;
    bus->ctrl_base = ctrl_base;
    outb(ctrl_base, ATA_CTRL_NIEN);
}

int ata_bus_identify(struct ata_bus *bus, uint8_t drive, uint16_t words[ATA_IDENTIFY_WORDS],
                     enum ata_device_type *type)
{
#if YSOS_SOLVED >= 6
    int status, err;

    log_info("Identifying drive %u", drive);
    *type = ATA_DEVICE_UNKNOWN;
    if (read_reg(bus, ATA_REG_STATUS) == ATA_FLOATING_BUS)
        return ATA_ENODEV;
    err = wait_idle(bus, drive);
    if (err != ATA_OK)
        return err;
    select_drive(bus, drive, 0);
    issue_command(bus, 0, 0, ATA_CMD_IDENTIFY);
    if (read_status(bus) == 0)
        return ATA_ENODEV; /* no drive at this position */

    status = poll_status(bus, 0);
    if (status < 0)
        return report_failure(bus, drive, "IDENTIFY", status);
    /* Packet and SATA devices abort IDENTIFY and leave a signature instead. */
    *type = ata_classify_signature(read_reg(bus, ATA_REG_LBA_MID), read_reg(bus, ATA_REG_LBA_HIGH));
    if (*type != ATA_DEVICE_PATA)
        return ATA_ENOTATA;

    status = poll_status(bus, ATA_SR_DRQ);
    if (status_failed(status))
        return report_failure(bus, drive, "IDENTIFY", status);
    read_block_data(bus, (uint8_t *)words);
    return ATA_OK;
#else
    /* TODO(lab 0x06): identify the drive with the IdentifyDevice command
     * (block 0), poll for the status to be not BUSY, then read the 512
     * bytes of its answer. Guide: 0x06 tasks.md "磁盘识别"; Rust:
     * crates/kernel/src/drivers/ata/bus.rs identify_drive */
    (void)bus, (void)drive, (void)words;
    LAB_TODO(6, "ata_bus_identify");
    *type = ATA_DEVICE_UNKNOWN;
    return ATA_ENODEV;
#endif
}

int ata_bus_set_multiple(struct ata_bus *bus, uint8_t drive, uint32_t sectors)
{
    int status, err = wait_idle(bus, drive);

    if (err != ATA_OK)
        return err;
    select_drive(bus, drive, 0);
    issue_command(bus, 0, sectors, ATA_CMD_SET_MULTIPLE);
    status = poll_status(bus, 0);
    if (status_failed(status))
        return report_failure(bus, drive, "SET MULTIPLE MODE", status);
    return ATA_OK;
}

int ata_bus_read(struct ata_bus *bus, uint8_t drive, uint32_t lba, uint32_t count,
                 uint32_t multiple, void *buf)
{
    uint8_t command = multiple > 1 ? ATA_CMD_READ_MULTIPLE : ATA_CMD_READ_PIO;
    const char *name = multiple > 1 ? "READ MULTIPLE" : "READ SECTORS";
    uint8_t *out = buf;
    int status, err;

    if (count == 0 || count > ATA_MAX_PIO_BLOCKS || (uint64_t)lba + count > ATA_LBA28_MAX)
        return ATA_ERANGE;
    if (multiple == 0)
        multiple = 1;
    err = wait_idle(bus, drive);
    if (err != ATA_OK)
        return err;

    select_drive(bus, drive, lba);
    issue_command(bus, lba, count, command);
    for (uint32_t done = 0; done < count;) {
        uint32_t group = count - done < multiple ? count - done : multiple;
        status = poll_status(bus, ATA_SR_DRQ);
        if (status_failed(status))
            return report_failure(bus, drive, name, status);
        for (uint32_t k = 0; k < group; k++, done++)
            read_block_data(bus, out + (size_t)done * ATA_BLOCK_SIZE);
    }
    status = read_status(bus);
    if (status_failed(status))
        return report_failure(bus, drive, name, status);
    return ATA_OK;
}

const char *ata_strerror(int err)
{
    switch (err) {
    case ATA_OK:
        return "success";
    case ATA_ENODEV:
        return "no drive";
    case ATA_ENOTATA:
        return "not an ATA disk";
    case ATA_ETIMEOUT:
        return "drive timed out";
    case ATA_EIO:
        return "drive reported an error";
    case ATA_ERANGE:
        return "block out of range";
    default:
        return "unknown ATA error";
    }
}
