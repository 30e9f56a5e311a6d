// SPDX-License-Identifier: GPL-2.0
/*
 * Sliding windows of a cgroup's CPU share; cpuwin.h explains the units and
 * the limits.
 *
 * Pure code: no locks, clocks, allocation or hooks, so the same file is
 * compiled into the module, the KUnit suites and the host unit tests.
 */
#include <linux/types.h>
#include <linux/string.h>
#include <linux/math64.h>
#include "cpuwin.h"

#define MG_NS_PER_MS 1000000U
/* mCPU times ns in one CPU-ms. */
#define MG_MCPU_NS_PER_CPU_MS 1000000000U

/*
 * A tick adds at most this many CPU-ms to a bucket: the runtime clamp, plus
 * one for the carried rest. A long bucket takes MG_CPUWIN_BUCKET_TICKS of
 * them and must still fit its u32.
 */
#define MG_CPUWIN_MAX_TICK_CPU_MS \
	((u64)MG_CPUWIN_MAX_TICK_LOAD * MG_CPUWIN_MAX_TICK_MS * \
	 (MG_CPUWIN_MAX_CAPACITY_MCPU / 1000) + 1)
_Static_assert(MG_CPUWIN_MAX_TICK_CPU_MS * MG_CPUWIN_BUCKET_TICKS <= ~0U,
	       "a long bucket can overflow its u32");

static u64 mg_cpuwin_add_sat(u64 total, u64 add)
{
	u64 sum = total + add;

	return sum < total ? ~0ULL : sum;
}

/**
 * mg_cpuwin_init() - start a window with no ticks
 * @win: the window
 */
void mg_cpuwin_init(struct mg_cpuwin *win)
{
	memset(win, 0, sizeof(*win));
}

/* Busy time takes the runtime as given, so convert without adding first. */
static void mg_cpuwin_add_busy(struct mg_cpuwin *win, u64 runtime_ns)
{
	u32 rest;
	u64 ms = div_u64_rem(runtime_ns, MG_NS_PER_MS, &rest);

	rest += win->busy_rest_ns;
	if (rest >= MG_NS_PER_MS) {
		rest -= MG_NS_PER_MS;
		ms++;
	}
	win->busy_rest_ns = rest;
	win->busy_cpu_ms = mg_cpuwin_add_sat(win->busy_cpu_ms, ms);
}

static void mg_cpuwin_push(struct mg_cpuwin *win,
			   const struct mg_cpuwin_bucket *tick)
{
	struct mg_cpuwin_bucket *bucket;

	win->short_win[win->short_next] = *tick;
	win->short_next = (win->short_next + 1) % MG_CPUWIN_SHORT_TICKS;

	/*
	 * Move on to the next long bucket only when a tick arrives for it, so
	 * that the newest bucket is never empty and a full long window spans
	 * 291 to 300 ticks rather than 290 to 299.
	 */
	if (win->long_cur_ticks >= MG_CPUWIN_BUCKET_TICKS) {
		win->long_cur = (win->long_cur + 1) % MG_CPUWIN_LONG_BUCKETS;
		win->long_win[win->long_cur].runtime_ms = 0;
		win->long_win[win->long_cur].capacity_ms = 0;
		win->long_cur_ticks = 0;
	}
	bucket = &win->long_win[win->long_cur];
	bucket->runtime_ms += tick->runtime_ms;
	bucket->capacity_ms += tick->capacity_ms;
	win->long_cur_ticks++;
}

/**
 * mg_cpuwin_tick() - fold one tick into the windows
 * @win: the window
 * @runtime_ns: CPU time the cgroup used during the tick, all CPUs summed
 * @elapsed_ns: wall time the tick covers; a tick of 0 ns is ignored
 * @capacity_mcpu: CPUs the cgroup may use, in thousandths of a CPU; 0 counts
 *	as MG_CPUWIN_DEFAULT_CAPACITY_MCPU, values above
 *	MG_CPUWIN_MAX_CAPACITY_MCPU as that
 * @saturation_pct: the tick's length is added to the saturated time when,
 *	after the tick, the short share is at least this; 0 counts every tick,
 *	above 100 none
 *
 * Any input is safe: see cpuwin.h for how ticks that are too long or too
 * busy are clamped.
 */
void mg_cpuwin_tick(struct mg_cpuwin *win, u64 runtime_ns, u64 elapsed_ns,
		    u32 capacity_mcpu, u32 saturation_pct)
{
	struct mg_cpuwin_bucket tick;
	u64 capacity_mcpu_ns, max_runtime_ns;

	/* No time passed, so there is nothing to weigh the runtime against. */
	if (!elapsed_ns)
		return;

	mg_cpuwin_add_busy(win, runtime_ns);

	if (!capacity_mcpu)
		capacity_mcpu = MG_CPUWIN_DEFAULT_CAPACITY_MCPU;
	if (capacity_mcpu > MG_CPUWIN_MAX_CAPACITY_MCPU)
		capacity_mcpu = MG_CPUWIN_MAX_CAPACITY_MCPU;

	/*
	 * A late tick keeps its share but weighs no more than a tick of
	 * MG_CPUWIN_MAX_TICK_NS. The quotient is at most runtime_ns, so it
	 * fits (x86-64 traps on a quotient that does not).
	 */
	if (elapsed_ns > MG_CPUWIN_MAX_TICK_NS) {
		runtime_ns = mul_u64_u64_div_u64(runtime_ns,
						 MG_CPUWIN_MAX_TICK_NS,
						 elapsed_ns);
		elapsed_ns = MG_CPUWIN_MAX_TICK_NS;
	}

	/* At most 2e10 ns * 8.192e6 mCPU = 1.6e17. */
	capacity_mcpu_ns = elapsed_ns * capacity_mcpu;
	max_runtime_ns = div_u64(capacity_mcpu_ns, 1000) *
			 MG_CPUWIN_MAX_TICK_LOAD;
	if (runtime_ns > max_runtime_ns)
		runtime_ns = max_runtime_ns;

	/* The rests are below their divisors: no overflow, nothing lost. */
	tick.runtime_ms = div_u64_rem(runtime_ns + win->runtime_rest_ns,
				      MG_NS_PER_MS, &win->runtime_rest_ns);
	tick.capacity_ms = div_u64_rem(capacity_mcpu_ns + win->capacity_rest,
				       MG_MCPU_NS_PER_CPU_MS,
				       &win->capacity_rest);
	mg_cpuwin_push(win, &tick);

	if (mg_cpuwin_short_pct(win) >= saturation_pct)
		win->saturated_ns = mg_cpuwin_add_sat(win->saturated_ns,
						      elapsed_ns);
}

/* Used over available time, in 1/@scale, at most @scale. */
static u32 mg_cpuwin_share(const struct mg_cpuwin_bucket *buckets,
			   unsigned int count, u32 scale)
{
	u64 runtime_ms = 0, capacity_ms = 0, share;
	unsigned int i;

	for (i = 0; i < count; i++) {
		runtime_ms += buckets[i].runtime_ms;
		capacity_ms += buckets[i].capacity_ms;
	}
	if (!capacity_ms)
		return 0;
	/* runtime_ms < 30 * 2^32, so times 1000 stays far below 2^64. */
	share = div64_u64(runtime_ms * scale, capacity_ms);
	/* Jitter between the runtime and the clock can exceed 100%. */
	return share < scale ? share : scale;
}

/**
 * mg_cpuwin_short_permille() - CPU share over the short window
 * @win: the window
 *
 * Return: 0 to 1000 thousandths of the capacity used over the last
 * MG_CPUWIN_SHORT_TICKS ticks (fewer before that many were folded), 0
 * before the first tick.
 */
u32 mg_cpuwin_short_permille(const struct mg_cpuwin *win)
{
	return mg_cpuwin_share(win->short_win, MG_CPUWIN_SHORT_TICKS, 1000);
}

/**
 * mg_cpuwin_long_permille() - CPU share over the long window
 * @win: the window
 *
 * Return: 0 to 1000 thousandths of the capacity used over the last 291 to
 * 300 ticks (all of them before 300 were folded), 0 before the first tick.
 */
u32 mg_cpuwin_long_permille(const struct mg_cpuwin *win)
{
	return mg_cpuwin_share(win->long_win, MG_CPUWIN_LONG_BUCKETS, 1000);
}

/**
 * mg_cpuwin_short_pct() - CPU share over the short window, in percent
 * @win: the window
 *
 * Return: mg_cpuwin_short_permille() / 10, rounded down: 0 to 100.
 */
u32 mg_cpuwin_short_pct(const struct mg_cpuwin *win)
{
	return mg_cpuwin_short_permille(win) / 10;
}

/**
 * mg_cpuwin_long_pct() - CPU share over the long window, in percent
 * @win: the window
 *
 * Return: mg_cpuwin_long_permille() / 10, rounded down: 0 to 100.
 */
u32 mg_cpuwin_long_pct(const struct mg_cpuwin *win)
{
	return mg_cpuwin_long_permille(win) / 10;
}
