#if YSOS_LAB >= 6
/*
 * metadata.c - calendar checks for entry timestamps. FAT packs dates into
 * bit fields that can hold impossible values (month 0, day 31 in April);
 * we report those as the Unix epoch, as the Rust lab does via chrono.
 */
#include "storage/metadata.h"

static bool is_leap_year(unsigned year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month == 2 && is_leap_year(year))
        return 29;
    return days[month - 1];
}

static bool time_is_valid(unsigned year, unsigned month, unsigned day, unsigned hour,
                          unsigned minute, unsigned second)
{
    if (year < 1970 || year > 0xFFFF || month < 1 || month > 12)
        return false;
    if (day < 1 || day > days_in_month(year, month))
        return false;
    return hour < 24 && minute < 60 && second < 60;
}

bool storage_time_set(struct storage_time *t, unsigned year, unsigned month, unsigned day,
                      unsigned hour, unsigned minute, unsigned second)
{
    bool valid = time_is_valid(year, month, day, hour, minute, second);

    if (!valid) {
        year = 1970;
        month = day = 1;
        hour = minute = second = 0;
    }
    t->year = (uint16_t)year;
    t->month = (uint8_t)month;
    t->day = (uint8_t)day;
    t->hour = (uint8_t)hour;
    t->minute = (uint8_t)minute;
    t->second = (uint8_t)second;
    return valid;
}
#endif
