#if YSOS_LAB >= 6
/*
 * block.h - the 512-byte block every device in this library deals in
 * (mirrors common/block.rs), and little-endian field readers for the
 * on-disk structures (the job of the define_field! macro in Rust).
 */
#ifndef STORAGE_BLOCK_H
#define STORAGE_BLOCK_H

#include <stdint.h>

#define STORAGE_BLOCK_SIZE 512

/* Reads a little-endian 16-bit field at p (any alignment). */
uint16_t le16(const uint8_t *p);

/* Reads a little-endian 32-bit field at p (any alignment). */
uint32_t le32(const uint8_t *p);

#endif
#endif
