/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sliding windows of a cgroup's CPU share, fed once per tick.
 *
 * Every tick folds the CPU time the cgroup used during the tick and the CPU
 * time it could have used (tick length times capacity) into ring buffers:
 *
 *  - short window: the last MG_CPUWIN_SHORT_TICKS ticks, one bucket each;
 *  - long window: MG_CPUWIN_LONG_BUCKETS buckets of MG_CPUWIN_BUCKET_TICKS
 *    ticks each, the newest of them still filling; it covers the last 291
 *    to 300 ticks once 300 ticks have been folded, about five minutes.
 *
 * A share is the sum of the used time over the sum of the available time in
 * the window, so longer ticks and larger capacities weigh more, and after a
 * full window of constant load it equals that load exactly. Before a window
 * has filled, it covers the ticks folded so far.
 *
 * Buckets hold CPU-milliseconds in u32; the sub-millisecond rest of each
 * tick is carried over to the next, so nothing is lost to rounding. The
 * clamps below keep every bucket below U32_MAX:
 *
 *  - a tick longer than MG_CPUWIN_MAX_TICK_MS counts as that long, with its
 *    runtime scaled down by the same factor, so it keeps its share but does
 *    not outweigh the rest of the window;
 *  - capacity is clamped to MG_CPUWIN_MAX_CAPACITY_MCPU (8192 CPUs, the
 *    largest NR_CPUS on x86-64); capacity 0 means "unknown" and counts as
 *    MG_CPUWIN_DEFAULT_CAPACITY_MCPU;
 *  - a tick's runtime is clamped to MG_CPUWIN_MAX_TICK_LOAD times its
 *    available time: more than that is not jitter but a bad reading.
 *
 * Then a tick holds at most 2 * 8192 CPUs * 20 s = 327,680 CPU-s and a long
 * bucket ten times that, 3,276,800,000 CPU-ms < U32_MAX = 4,294,967,295.
 * Window sums are u64.
 *
 * Totals never wrap; they stop at U64_MAX instead:
 *
 *  - busy time counts the runtime of every tick that is not ignored as
 *    given (neither clamped nor scaled), in CPU-milliseconds: U64_MAX ms is
 *    1.8e16 CPU-seconds, 8192 CPUs busy for 71,000 years (u64 ns would
 *    last 4096 CPUs only 52 days);
 *  - saturated time counts each tick's clamped length in ns: U64_MAX ns is
 *    584 years of wall time.
 *
 * sizeof(struct mg_cpuwin) is 352 bytes on x86-64.
 *
 * Pure code, no locking: the caller serialises calls on one window.
 */
#ifndef _MG_CPUWIN_H
#define _MG_CPUWIN_H

#include <linux/types.h>

enum {
	MG_CPUWIN_SHORT_TICKS = 10,
	MG_CPUWIN_BUCKET_TICKS = 10,
	MG_CPUWIN_LONG_BUCKETS = 30,
	MG_CPUWIN_MAX_TICK_MS = 20000,
	MG_CPUWIN_MAX_CAPACITY_MCPU = 8192 * 1000,
	MG_CPUWIN_DEFAULT_CAPACITY_MCPU = 1000,
	MG_CPUWIN_MAX_TICK_LOAD = 2,
};

/* Above INT_MAX, hence not in the enum. */
#define MG_CPUWIN_MAX_TICK_NS ((u64)MG_CPUWIN_MAX_TICK_MS * 1000000)

struct mg_cpuwin_bucket {
	u32 runtime_ms;		/* CPU time used, CPU-ms */
	u32 capacity_ms;	/* CPU time available, CPU-ms */
};

/*
 * Read it through the functions below; the fields are private to cpuwin.c
 * (and to its tests).
 */
struct mg_cpuwin {
	struct mg_cpuwin_bucket short_win[MG_CPUWIN_SHORT_TICKS];
	struct mg_cpuwin_bucket long_win[MG_CPUWIN_LONG_BUCKETS];
	u64 busy_cpu_ms;
	u64 saturated_ns;
	u32 busy_rest_ns;	/* < 1 ms not yet in busy_cpu_ms */
	u32 runtime_rest_ns;	/* < 1 ms not yet in a bucket */
	u32 capacity_rest;	/* < 1 CPU-ms not yet in a bucket, mCPU*ns */
	u8 short_next;		/* short_win slot of the next tick */
	u8 long_cur;		/* long_win slot filling now */
	u8 long_cur_ticks;	/* ticks in long_win[long_cur] */
};

void mg_cpuwin_init(struct mg_cpuwin *win);
void mg_cpuwin_tick(struct mg_cpuwin *win, u64 runtime_ns, u64 elapsed_ns,
		    u32 capacity_mcpu, u32 saturation_pct);
u32 mg_cpuwin_short_permille(const struct mg_cpuwin *win);
u32 mg_cpuwin_long_permille(const struct mg_cpuwin *win);
u32 mg_cpuwin_short_pct(const struct mg_cpuwin *win);
u32 mg_cpuwin_long_pct(const struct mg_cpuwin *win);

/* Total runtime ever folded, in CPU-ms; the sysfs busy_cpu_s is this / 1000. */
static inline u64 mg_cpuwin_busy_cpu_ms(const struct mg_cpuwin *win)
{
	return win->busy_cpu_ms;
}

/* Total length of the ticks that left the short share >= saturation_pct. */
static inline u64 mg_cpuwin_saturated_ns(const struct mg_cpuwin *win)
{
	return win->saturated_ns;
}

#endif /* _MG_CPUWIN_H */
