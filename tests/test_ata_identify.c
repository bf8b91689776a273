/*
 * test_ata_identify.c - host tests of drivers/ata/identify.c: decoding the
 * IDENTIFY DEVICE words and the device signatures.
 *
 * The words are built the way a drive sends them (first character of each
 * pair in the high byte), here from what QEMU's IDE disk reports.
 */
#include "drivers/ata/identify.h"
#include "test.h"

#include <string.h>

/* Stores s, blank-padded to 2*nwords characters, as an ATA string at word first. */
static void put_string(uint16_t *words, int first, int nwords, const char *s)
{
    size_t len = strlen(s);
    for (int i = 0; i < 2 * nwords; i++) {
        uint8_t c = (size_t)i < len ? (uint8_t)s[i] : ' ';
        if (i % 2 == 0)
            words[first + i / 2] = (uint16_t)(c << 8);
        else
            words[first + i / 2] |= c;
    }
}

TEST(decodes_qemu_harddisk)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0};
    struct ata_identity id;
    put_string(w, ATA_ID_SERIAL, ATA_ID_SERIAL_WORDS, "QM00001");
    put_string(w, ATA_ID_MODEL, ATA_ID_MODEL_WORDS, "QEMU HARDDISK");
    /* 504 MiB = 1032192 blocks = 0x000FC000 */
    w[ATA_ID_LBA28] = 0xC000;
    w[ATA_ID_LBA28 + 1] = 0x000F;
    ata_identity_decode(w, &id);
    CHECK(strcmp(id.serial, "QM00001") == 0);
    CHECK(strcmp(id.model, "QEMU HARDDISK") == 0);
    CHECK_EQ(id.lba28_blocks, 1032192);
}

TEST(byte_order_is_high_byte_first)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0};
    struct ata_identity id;
    w[ATA_ID_MODEL] = ('A' << 8) | 'B';
    w[ATA_ID_MODEL + 1] = ('C' << 8) | 'D';
    for (int i = 2; i < ATA_ID_MODEL_WORDS; i++)
        w[ATA_ID_MODEL + i] = 0x2020;
    ata_identity_decode(w, &id);
    CHECK(strcmp(id.model, "ABCD") == 0);
}

TEST(trims_both_ends_and_keeps_inner_blanks)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0};
    struct ata_identity id;
    put_string(w, ATA_ID_SERIAL, ATA_ID_SERIAL_WORDS, "   SN  42");
    put_string(w, ATA_ID_MODEL, ATA_ID_MODEL_WORDS, "0123456789012345678901234567890123456789");
    ata_identity_decode(w, &id);
    CHECK(strcmp(id.serial, "SN  42") == 0);
    /* a model that fills all 40 characters keeps every one */
    CHECK(strcmp(id.model, "0123456789012345678901234567890123456789") == 0);
}

TEST(nul_padding_and_control_bytes)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0}; /* all-NUL serial: empty after trimming */
    struct ata_identity id;
    w[ATA_ID_MODEL] = ('X' << 8) | 0x07;
    ata_identity_decode(w, &id);
    CHECK(strcmp(id.serial, "") == 0);
    CHECK(strcmp(id.model, "X?") == 0);
    CHECK_EQ(id.lba28_blocks, 0);
}

TEST(lba28_low_word_first)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0};
    struct ata_identity id;
    w[ATA_ID_LBA28] = 0x0001;
    w[ATA_ID_LBA28 + 1] = 0x0FFF;
    ata_identity_decode(w, &id);
    CHECK_EQ(id.lba28_blocks, 0x0FFF0001);
}

TEST(read_multiple_limit)
{
    uint16_t w[ATA_IDENTIFY_WORDS] = {0};
    struct ata_identity id;
    w[ATA_ID_MAX_MULTIPLE] = 0x8010; /* QEMU: bit 15 set, 16 blocks */
    ata_identity_decode(w, &id);
    CHECK_EQ(id.max_multiple, 16);
    CHECK_EQ(ata_pick_multiple(id.max_multiple), 16);
    /* SET MULTIPLE MODE takes powers of two: round down */
    CHECK_EQ(ata_pick_multiple(24), 16);
    CHECK_EQ(ata_pick_multiple(128), 128);
    CHECK_EQ(ata_pick_multiple(255), 128);
    CHECK_EQ(ata_pick_multiple(3), 2);
    /* no multiple mode: READ SECTORS */
    CHECK_EQ(ata_pick_multiple(1), 1);
    CHECK_EQ(ata_pick_multiple(0), 1);
}

TEST(signatures)
{
    CHECK_EQ(ata_classify_signature(0x00, 0x00), ATA_DEVICE_PATA);
    CHECK_EQ(ata_classify_signature(0x14, 0xEB), ATA_DEVICE_PATAPI);
    CHECK_EQ(ata_classify_signature(0x3C, 0xC3), ATA_DEVICE_SATA);
    CHECK_EQ(ata_classify_signature(0x69, 0x96), ATA_DEVICE_SATAPI);
    CHECK_EQ(ata_classify_signature(0xEB, 0x14), ATA_DEVICE_UNKNOWN);
    CHECK_EQ(ata_classify_signature(0xFF, 0xFF), ATA_DEVICE_UNKNOWN);
    CHECK(strcmp(ata_device_type_name(ATA_DEVICE_PATAPI), "PATAPI") == 0);
}

int main(void)
{
    RUN(decodes_qemu_harddisk);
    RUN(byte_order_is_high_byte_first);
    RUN(trims_both_ends_and_keeps_inner_blanks);
    RUN(nul_padding_and_control_bytes);
    RUN(lba28_low_word_first);
    RUN(read_multiple_limit);
    RUN(signatures);
    return test_summary();
}
