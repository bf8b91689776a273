/*
 * utils/datetime.c - dates to Unix time, and the RTC's register encoding.
 *
 * The day count uses the "days from civil" method (H. Hinnant): shift the
 * year to start in March so February's leap day is the last day of the
 * year, then count whole 400-year eras (146097 days each) and the days
 * inside the current one.
 */
#include "utils/datetime.h"

#define SECONDS_PER_DAY   86400ULL
#define DAYS_0000_TO_1970 719468ULL /* from 0000-03-01 to 1970-01-01 */

static bool is_leap(uint32_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static uint8_t days_in_month(uint32_t year, uint8_t month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool datetime_valid(const struct datetime *dt)
{
    return dt->year >= 1970 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1 &&
           dt->day <= days_in_month(dt->year, dt->month) && dt->hour < 24 && dt->minute < 60 &&
           dt->second < 60;
}

/* Days since 1970-01-01 of a valid date. */
static uint64_t days_since_epoch(uint32_t year, uint32_t month, uint32_t day)
{
    uint64_t y = month <= 2 ? year - 1 : year; /* years start in March */
    uint64_t era = y / 400;
    uint64_t year_of_era = y - era * 400;
    uint64_t month_from_march = month > 2 ? month - 3 : month + 9;
    uint64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    uint64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    return era * 146097 + day_of_era - DAYS_0000_TO_1970;
}

uint64_t datetime_to_unix(const struct datetime *dt)
{
    return days_since_epoch(dt->year, dt->month, dt->day) * SECONDS_PER_DAY + dt->hour * 3600ULL +
           dt->minute * 60ULL + dt->second;
}

static uint8_t bcd_to_binary(uint8_t v)
{
    return (uint8_t)((v >> 4) * 10 + (v & 0x0F));
}

static uint8_t decode_field(uint8_t v, bool binary)
{
    return binary ? v : bcd_to_binary(v);
}

/* 12-hour clock: 12 AM is hour 0, 12 PM is hour 12; bit 7 flags PM. */
static uint8_t decode_hour(uint8_t raw, bool binary, bool is_24h)
{
    bool pm = !is_24h && (raw & 0x80);
    uint8_t hour = decode_field(raw & 0x7F, binary);

    if (!is_24h)
        hour = (uint8_t)(hour % 12 + (pm ? 12 : 0));
    return hour;
}

/*
 * Full year from the two-digit year and the century register; machines
 * without one (century 0 or garbage) get 19xx for 70-99, else 20xx.
 */
static uint32_t decode_year(uint8_t year, uint8_t century)
{
    if (century >= 19 && century <= 99)
        return century * 100U + year;
    return year >= 70 ? 1900U + year : 2000U + year;
}

bool cmos_decode(const struct cmos_time *raw, struct datetime *out)
{
    bool binary = raw->status_b & CMOS_STATUS_B_BINARY;

    out->second = decode_field(raw->second, binary);
    out->minute = decode_field(raw->minute, binary);
    out->hour = decode_hour(raw->hour, binary, raw->status_b & CMOS_STATUS_B_24H);
    out->day = decode_field(raw->day, binary);
    out->month = decode_field(raw->month, binary);
    out->year = decode_year(decode_field(raw->year, binary), decode_field(raw->century, binary));
    return datetime_valid(out);
}
