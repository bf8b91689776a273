/*
 * test_datetime.c - host tests of utils/datetime.c: Unix time of calendar
 * dates (checked against the host's timegm) and CMOS register decoding.
 */
#define _DEFAULT_SOURCE /* timegm */
#include "test.h"
#include "utils/datetime.h"

#include <stdlib.h>
#include <time.h>

static struct datetime date(uint32_t y, uint8_t mo, uint8_t d, uint8_t h, uint8_t mi, uint8_t s)
{
    return (struct datetime){
        .year = y, .month = mo, .day = d, .hour = h, .minute = mi, .second = s};
}

static long long host_unix(const struct datetime *dt)
{
    struct tm tm = {.tm_year = (int)dt->year - 1900,
                    .tm_mon = dt->month - 1,
                    .tm_mday = dt->day,
                    .tm_hour = dt->hour,
                    .tm_min = dt->minute,
                    .tm_sec = dt->second};
    return (long long)timegm(&tm);
}

TEST(epoch_is_zero)
{
    struct datetime dt = date(1970, 1, 1, 0, 0, 0);
    CHECK_EQ(datetime_to_unix(&dt), 0);
}

TEST(known_dates)
{
    struct datetime leap_day = date(2024, 2, 29, 12, 34, 56);
    struct datetime y2k_march = date(2000, 3, 1, 0, 0, 0);
    struct datetime end_2099 = date(2099, 12, 31, 23, 59, 59);

    CHECK_EQ(datetime_to_unix(&leap_day), 1709210096LL);
    CHECK_EQ(datetime_to_unix(&y2k_march), 951868800LL);
    CHECK_EQ(datetime_to_unix(&end_2099), host_unix(&end_2099));
}

/* Every day from 1970 to 2100 at a varying time of day agrees with libc. */
TEST(matches_host_timegm_every_day)
{
    int mismatches = 0;

    for (uint32_t y = 1970; y <= 2100; y++) {
        for (uint8_t m = 1; m <= 12; m++) {
            for (uint8_t d = 1; d <= 31; d++) {
                struct datetime dt =
                    date(y, m, d, (uint8_t)(d % 24), (uint8_t)(m * 4), (uint8_t)(y % 60));
                if (!datetime_valid(&dt))
                    continue;
                if ((long long)datetime_to_unix(&dt) != host_unix(&dt))
                    mismatches++;
            }
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(validity)
{
    struct datetime feb29_leap = date(2024, 2, 29, 0, 0, 0);
    struct datetime feb29_common = date(2023, 2, 29, 0, 0, 0);
    struct datetime feb29_1900_rule = date(2100, 2, 29, 0, 0, 0);
    struct datetime feb29_2000 = date(2000, 2, 29, 0, 0, 0);
    struct datetime april31 = date(2024, 4, 31, 0, 0, 0);
    struct datetime month13 = date(2024, 13, 1, 0, 0, 0);
    struct datetime hour24 = date(2024, 1, 1, 24, 0, 0);
    struct datetime before_epoch = date(1969, 12, 31, 23, 59, 59);

    CHECK(datetime_valid(&feb29_leap));
    CHECK(!datetime_valid(&feb29_common));
    CHECK(!datetime_valid(&feb29_1900_rule));
    CHECK(datetime_valid(&feb29_2000));
    CHECK(!datetime_valid(&april31));
    CHECK(!datetime_valid(&month13));
    CHECK(!datetime_valid(&hour24));
    CHECK(!datetime_valid(&before_epoch));
}

TEST(decode_bcd_24h)
{
    /* 2024-05-17 21:08:59 in BCD, 24-hour mode, century register 0x20 */
    struct cmos_time raw = {.second = 0x59,
                            .minute = 0x08,
                            .hour = 0x21,
                            .day = 0x17,
                            .month = 0x05,
                            .year = 0x24,
                            .century = 0x20,
                            .status_b = CMOS_STATUS_B_24H};
    struct datetime dt;

    CHECK(cmos_decode(&raw, &dt));
    CHECK_EQ(dt.year, 2024);
    CHECK_EQ(dt.month, 5);
    CHECK_EQ(dt.day, 17);
    CHECK_EQ(dt.hour, 21);
    CHECK_EQ(dt.minute, 8);
    CHECK_EQ(dt.second, 59);
}

TEST(decode_binary_12h)
{
    uint8_t binary_12h = CMOS_STATUS_B_BINARY; /* no 24H bit: 12-hour mode */
    struct cmos_time pm = {.second = 5,
                           .minute = 30,
                           .hour = 0x80 | 9,
                           .day = 1,
                           .month = 12,
                           .year = 99,
                           .century = 19,
                           .status_b = binary_12h};
    struct cmos_time midnight = pm, noon = pm;
    struct datetime dt;

    CHECK(cmos_decode(&pm, &dt));
    CHECK_EQ(dt.hour, 21);
    CHECK_EQ(dt.year, 1999);

    midnight.hour = 12; /* 12 AM */
    CHECK(cmos_decode(&midnight, &dt));
    CHECK_EQ(dt.hour, 0);

    noon.hour = 0x80 | 12; /* 12 PM */
    CHECK(cmos_decode(&noon, &dt));
    CHECK_EQ(dt.hour, 12);
}

TEST(decode_bcd_12h_pm)
{
    struct cmos_time raw = {.second = 0,
                            .minute = 0,
                            .hour = 0x80 | 0x11,
                            .day = 0x01,
                            .month = 0x01,
                            .year = 0x25,
                            .century = 0x20,
                            .status_b = 0};
    struct datetime dt;

    CHECK(cmos_decode(&raw, &dt));
    CHECK_EQ(dt.hour, 23);
    CHECK_EQ(dt.year, 2025);
}

TEST(decode_without_century_register)
{
    struct cmos_time raw = {.second = 0,
                            .minute = 0,
                            .hour = 0,
                            .day = 1,
                            .month = 1,
                            .year = 30,
                            .century = 0,
                            .status_b = CMOS_STATUS_B_BINARY | CMOS_STATUS_B_24H};
    struct datetime dt;

    CHECK(cmos_decode(&raw, &dt));
    CHECK_EQ(dt.year, 2030);
    raw.year = 85;
    CHECK(cmos_decode(&raw, &dt));
    CHECK_EQ(dt.year, 1985);
}

TEST(decode_rejects_garbage)
{
    struct cmos_time raw = {.second = 0x61,
                            .minute = 0,
                            .hour = 0,
                            .day = 1,
                            .month = 1,
                            .year = 0x24,
                            .century = 0x20,
                            .status_b = CMOS_STATUS_B_24H};
    struct datetime dt;

    CHECK(!cmos_decode(&raw, &dt)); /* second 61 */
    raw.second = 0;
    raw.month = 0x13;
    CHECK(!cmos_decode(&raw, &dt));
}

int main(void)
{
    RUN(epoch_is_zero);
    RUN(known_dates);
    RUN(matches_host_timegm_every_day);
    RUN(validity);
    RUN(decode_bcd_24h);
    RUN(decode_binary_12h);
    RUN(decode_bcd_12h_pm);
    RUN(decode_without_century_register);
    RUN(decode_rejects_garbage);
    return test_summary();
}
