/*
 * utils/clock.c - boot time from the CMOS RTC, then ticks.
 *
 * The RTC updates its registers once a second and they are garbage while
 * it does (status A, bit 7 "update in progress"), so we wait for that bit
 * to clear and read until two passes agree. Decoding (BCD, 12-hour,
 * century) is in utils/datetime.c.
 */
#include "utils/clock.h"

#include <stdbool.h>

#include "arch/x86.h"
#include "interrupt/clock.h"
#include "utils/datetime.h"
#include "utils/logger.h"
#include "utils/string.h"

#define CMOS_ADDR    0x70
#define CMOS_DATA    0x71
#define CMOS_NMI_OFF 0x80 /* keep NMIs off while a register is selected */

#define RTC_SECONDS  0x00
#define RTC_MINUTES  0x02
#define RTC_HOURS    0x04
#define RTC_DAY      0x07
#define RTC_MONTH    0x08
#define RTC_YEAR     0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_CENTURY  0x32 /* the ACPI FADT's usual century register, as in QEMU */

#define STATUS_A_UPDATING 0x80
#define MAX_READ_ATTEMPTS 10

static uint64_t boot_unix_seconds; /* RTC reading at clock_init() */
static uint64_t boot_ticks;        /* clock_ticks() at that moment */

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_ADDR, CMOS_NMI_OFF | reg);
    return inb(CMOS_DATA);
}

static void read_once(struct cmos_time *t)
{
    while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING)
        cpu_pause();
    *t = (struct cmos_time){
        .second = cmos_read(RTC_SECONDS),
        .minute = cmos_read(RTC_MINUTES),
        .hour = cmos_read(RTC_HOURS),
        .day = cmos_read(RTC_DAY),
        .month = cmos_read(RTC_MONTH),
        .year = cmos_read(RTC_YEAR),
        .century = cmos_read(RTC_CENTURY),
        .status_b = cmos_read(RTC_STATUS_B),
    };
}

/* Reads until two consecutive passes agree (no update happened in between). */
static void read_stable(struct cmos_time *t)
{
    struct cmos_time again;

    read_once(t);
    for (int i = 0; i < MAX_READ_ATTEMPTS; i++) {
        read_once(&again);
        if (memcmp(t, &again, sizeof(again)) == 0)
            return;
        *t = again;
    }
}

void clock_init(void)
{
    struct cmos_time raw;
    struct datetime now;

    read_stable(&raw);
    boot_ticks = clock_ticks();
    if (!cmos_decode(&raw, &now)) {
        log_warn("RTC gave an invalid date; the clock starts at the Unix epoch");
        return;
    }
    boot_unix_seconds = datetime_to_unix(&now);
    log_info("RTC time: %04u-%02u-%02u %02u:%02u:%02u UTC", now.year, now.month, now.day, now.hour,
             now.minute, now.second);
}

uint64_t clock_unix_ns(void)
{
    return boot_unix_seconds * 1000000000ULL + (clock_ticks() - boot_ticks) * NS_PER_TICK;
}
