/*
 * kconsole.c - PLACEHOLDER from branch lab45, to be replaced at merge by the
 * real kernel console of labs 0x02-0x03 (branch lab12's
 * pkg/kernel/src/kconsole.c). Only kconsole_run() is needed here: from
 * stage 4 on, kernel_main() runs it when the shell cannot be started.
 */
#include "utils/logger.h"

void kconsole_run(void);

void kconsole_run(void)
{
    log_warn("kernel console: not in this build (placeholder of branch lab45)");
}
