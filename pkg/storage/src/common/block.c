#if YSOS_LAB >= 6
/*
 * block.c - little-endian field readers. On-disk FAT and MBR structures
 * are packed and little-endian; reading byte by byte works at any
 * alignment and on any host, unlike casting to a packed struct.
 */
#include "storage/block.h"

uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
#endif
