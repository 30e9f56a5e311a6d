/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cases for module/cpuwin.c, shared by the KUnit suite
 * (tests/kunit/cpuwin_test.c) and the host test (tests/unit/cpuwin_test.c).
 */
#ifndef _MG_CPUWIN_CASES_H
#define _MG_CPUWIN_CASES_H

#include <linux/limits.h>
#include <linux/types.h>

#define MS(n) ((u64)(n) * 1000000)
#define SEC(n) ((u64)(n) * 1000000000)
/* Busy CPU-ms of one tick with runtime U64_MAX, and its sub-ms rest. */
#define MAX_TICK_BUSY_MS (U64_MAX / MS(1))
#define MAX_TICK_BUSY_REST (U64_MAX % MS(1))
#define BUSY_OF_MAX_TICKS(n) \
	((n) * MAX_TICK_BUSY_MS + (n) * MAX_TICK_BUSY_REST / MS(1))

/* @ticks ticks in a row, each with the same inputs. */
struct mg_cpuwin_phase {
	unsigned int ticks;
	u64 runtime_ns;
	u64 elapsed_ns;
	u32 capacity_mcpu;
};

struct mg_cpuwin_case {
	const char *name;
	u32 saturation_pct;
	struct mg_cpuwin_phase phases[3];
	u32 short_permille;
	u32 long_permille;
	u64 saturated_ns;
	u64 busy_cpu_ms;
};

#define BUSY_TICKS(n) { n, SEC(1), SEC(1), 1000 }
#define IDLE_TICKS(n) { n, 0, SEC(1), 1000 }

static const struct mg_cpuwin_case mg_cpuwin_cases[] = {
	{ "no-ticks", 0, {}, 0, 0, 0, 0 },
	{ "two-of-two-cpus", 90, { { 10, SEC(2), SEC(1), 2000 } },
	  1000, 1000, SEC(10), 20000 },
	{ "one-of-two-cpus", 50, { { 10, SEC(1), SEC(1), 2000 } },
	  500, 500, SEC(10), 10000 },
	{ "half-cpu-quota", 100, { { 10, MS(500), SEC(1), 500 } },
	  1000, 1000, SEC(10), 5000 },
	{ "idle", 1, { IDLE_TICKS(10) }, 0, 0, 0, 0 },
	/* Until a window has filled, it covers the ticks so far. */
	{ "first-ticks", 100, { BUSY_TICKS(5) }, 1000, 1000, SEC(5), 5000 },
	{ "ramp-from-idle", 50, { IDLE_TICKS(10), BUSY_TICKS(5) },
	  500, 333, SEC(1), 5000 },
	/* Short share after each idle tick: 90, 80, 70, 60, 50, ... */
	{ "short-slides-out", 60, { BUSY_TICKS(10), IDLE_TICKS(10) },
	  0, 500, SEC(14), 10000 },
	{ "long-keeps-burst", 101, { BUSY_TICKS(10), IDLE_TICKS(20) },
	  0, 333, 0, 10000 },
	/* After 300 ticks the long window spans all 300 ... */
	{ "long-window-300", 0, { BUSY_TICKS(10), IDLE_TICKS(290) },
	  0, 33, SEC(300), 10000 },
	/* ... and after one more, ticks 11 to 301: 10 s busy of 291. */
	{ "long-window-291", 101,
	  { IDLE_TICKS(10), BUSY_TICKS(10), IDLE_TICKS(281) },
	  0, 34, 0, 10000 },
	{ "long-slides-out", 101, { BUSY_TICKS(10), IDLE_TICKS(291) },
	  0, 0, 0, 10000 },
	{ "long-tick-weighs-more", 60,
	  { { 1, SEC(2), SEC(2), 1000 }, IDLE_TICKS(1) },
	  666, 666, SEC(3), 2000 },
	/* Short share: 50 for 5 ticks, then 54, 58, 61, 64, 66. */
	{ "capacity-change", 60,
	  { { 5, SEC(1), SEC(1), 2000 }, BUSY_TICKS(5) },
	  666, 666, SEC(3), 10000 },
	{ "saturated-above", 25, { { 10, MS(300), SEC(1), 1000 } },
	  300, 300, SEC(10), 3000 },
	{ "saturated-below", 25, { { 10, MS(200), SEC(1), 1000 } },
	  200, 200, 0, 2000 },
	{ "elapsed-zero-ignored", 90,
	  { BUSY_TICKS(9), IDLE_TICKS(1), { 5, SEC(5), 0, 1000 } },
	  900, 900, SEC(10), 9000 },
	{ "capacity-zero-is-one-cpu", 50, { { 10, MS(500), SEC(1), 0 } },
	  500, 500, SEC(10), 5000 },
	{ "capacity-clamped", 50, { { 10, SEC(4096), SEC(1), U32_MAX } },
	  500, 500, SEC(10), 40960000 },
	{ "clamped-at-100", 100, { { 10, MS(1500), SEC(1), 1000 } },
	  1000, 1000, SEC(10), 15000 },
	/* A tick over 100% makes up for a tick under it. */
	{ "overrun-counts", 60,
	  { { 1, MS(1500), SEC(1), 1000 }, { 9, MS(500), SEC(1), 1000 } },
	  600, 600, SEC(10), 6000 },
	/* But counts as at most 200%: 2 s busy in 3 s. */
	{ "overrun-clamped", 67,
	  { { 1, U64_MAX, SEC(1), 1000 }, IDLE_TICKS(2) },
	  666, 666, SEC(2), MAX_TICK_BUSY_MS },
	/* 60 s busy in 120 s counts as 10 s in 20 s. */
	{ "late-tick-keeps-share", 50,
	  { { 1, SEC(60), SEC(120), 1000 }, BUSY_TICKS(1) },
	  523, 523, SEC(21), 61000 },
	/* 0.4 ms per 1 ms of capacity, accounted to the ns. */
	{ "sub-ms-carried", 40, { { 10, MS(1) * 4 / 10, SEC(1), 1 } },
	  400, 400, SEC(2), 4 },
	/* 0.75 ms of 1.5 ms: short 8 of 15 ms, long 15 of 30 ms. */
	{ "capacity-sub-ms-carried", 101,
	  { { 20, MS(3) / 4, MS(1500), 1 } },
	  533, 500, 0, 15 },
	{ "max-inputs", 100, { { 10, U64_MAX, U64_MAX, 1000 } },
	  1000, 1000, 10 * MG_CPUWIN_MAX_TICK_NS, BUSY_OF_MAX_TICKS(10) },
	{ "max-load-max-capacity", 100,
	  { { 300, U64_MAX, MG_CPUWIN_MAX_TICK_NS, U32_MAX } },
	  1000, 1000, 300 * MG_CPUWIN_MAX_TICK_NS, BUSY_OF_MAX_TICKS(300) },
};

#endif /* _MG_CPUWIN_CASES_H */
