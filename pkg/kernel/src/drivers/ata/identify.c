/*
 * drivers/ata/identify.c - decoding the IDENTIFY DEVICE answer.
 *
 * ATA strings are stored two characters per 16-bit word with the FIRST
 * character in the HIGH byte, padded with blanks; reading the words as
 * little-endian bytes gives "EQUMH RADDSI K". The size in blocks is a
 * 32-bit value split over two words, low word first.
 */
#include "drivers/ata/identify.h"

#include <stddef.h>

#include "storage/todo.h" /* host-aware: tests/test_ata_identify.c has no kernel log */

enum ata_device_type ata_classify_signature(uint8_t lba_mid, uint8_t lba_high)
{
    if (lba_mid == 0x00 && lba_high == 0x00)
        return ATA_DEVICE_PATA;
    if (lba_mid == 0x14 && lba_high == 0xEB)
        return ATA_DEVICE_PATAPI;
    if (lba_mid == 0x3C && lba_high == 0xC3)
        return ATA_DEVICE_SATA;
    if (lba_mid == 0x69 && lba_high == 0x96)
        return ATA_DEVICE_SATAPI;
    return ATA_DEVICE_UNKNOWN;
}

const char *ata_device_type_name(enum ata_device_type type)
{
    switch (type) {
    case ATA_DEVICE_PATA:
        return "PATA";
    case ATA_DEVICE_PATAPI:
        return "PATAPI";
    case ATA_DEVICE_SATA:
        return "SATA";
    case ATA_DEVICE_SATAPI:
        return "SATAPI";
    default:
        return "unknown";
    }
}

#if YSOS_SOLVED >= 6
/* A byte of an ID string as we print it: NUL pads like a blank, other controls show as '?'. */
static char id_char(uint8_t byte)
{
    if (byte == 0)
        return ' ';
    if (byte < 0x20 || byte > 0x7E)
        return '?';
    return (char)byte;
}

/* Copies the string in words[first .. first+count) into out (2*count+1 bytes), blanks trimmed. */
static void decode_string(const uint16_t *words, size_t first, size_t count, char *out)
{
    size_t len = 0, start = 0;

    for (size_t i = 0; i < count; i++) {
        out[len++] = id_char((uint8_t)(words[first + i] >> 8));
        out[len++] = id_char((uint8_t)words[first + i]);
    }
    while (len > 0 && out[len - 1] == ' ')
        len--;
    while (start < len && out[start] == ' ')
        start++;
    for (size_t i = start; i < len; i++)
        out[i - start] = out[i];
    out[len - start] = '\0';
}

void ata_identity_decode(const uint16_t words[ATA_IDENTIFY_WORDS], struct ata_identity *out)
{
    decode_string(words, ATA_ID_SERIAL, ATA_ID_SERIAL_WORDS, out->serial);
    decode_string(words, ATA_ID_MODEL, ATA_ID_MODEL_WORDS, out->model);
    out->lba28_blocks = (uint32_t)words[ATA_ID_LBA28] | (uint32_t)words[ATA_ID_LBA28 + 1] << 16;
    out->max_multiple = words[ATA_ID_MAX_MULTIPLE] & 0xFF;
}
#else
void ata_identity_decode(const uint16_t words[ATA_IDENTIFY_WORDS], struct ata_identity *out)
{
    /* TODO(lab 0x06): get the serial (20 bytes at byte 20), the model (40
     * bytes at byte 54) and the block count (4 bytes at byte 120) from the
     * IDENTIFY answer; the strings hold their first character in the high
     * byte of each word. Guide: 0x06 tasks.md "磁盘识别"; Rust:
     * crates/kernel/src/drivers/ata/mod.rs AtaDrive::open */
    (void)words;
    LAB_TODO(6, "ata_identity_decode");
    *out = (struct ata_identity){0}; /* no LBA28 blocks: the drive is refused */
}
#endif

uint32_t ata_pick_multiple(uint32_t max_multiple)
{
    uint32_t n = 1;

    while (n * 2 <= max_multiple)
        n *= 2;
    return n;
}
