/*
 * runtime.h - what crt0 and the runtime share (internal to pkg/lib).
 */
#ifndef YSOS_RUNTIME_H
#define YSOS_RUNTIME_H

#include <stdint.h>

/* Called by _start before main. */
void ysos_runtime_init(void);

/* sys_time() when the program started (for times()/clock()). */
extern int64_t ysos_start_ns;

#endif
