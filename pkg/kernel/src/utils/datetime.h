/*
 * utils/datetime.h - calendar arithmetic and CMOS RTC decoding.
 *
 * Portable (no hardware access): utils/clock.c reads the RTC registers and
 * hands them here; tests/test_datetime.c checks the conversions on the host.
 */
#ifndef UTILS_DATETIME_H
#define UTILS_DATETIME_H

#include <stdbool.h>
#include <stdint.h>

struct datetime {
    uint32_t year; /* e.g. 2024 */
    uint8_t month; /* 1-12 */
    uint8_t day;   /* 1-31 */
    uint8_t hour;  /* 0-23 */
    uint8_t minute;
    uint8_t second;
};

/* Raw CMOS registers, exactly as read. */
struct cmos_time {
    uint8_t second, minute, hour, day, month, year;
    uint8_t century;  /* register 0x32; 0 if the machine has none */
    uint8_t status_b; /* register 0x0B: data format flags */
};

#define CMOS_STATUS_B_24H    0x02 /* hours are 0-23 (else 1-12, bit 7 = PM) */
#define CMOS_STATUS_B_BINARY 0x04 /* values are binary (else BCD) */

/* True when every field is in range (including the day of that month). */
bool datetime_valid(const struct datetime *dt);

/* Seconds since 1970-01-01 00:00:00 UTC (dt must be valid, year >= 1970). */
uint64_t datetime_to_unix(const struct datetime *dt);

/* Decodes BCD / 12-hour / century; false when the result is not a valid date. */
bool cmos_decode(const struct cmos_time *raw, struct datetime *out);

#endif
