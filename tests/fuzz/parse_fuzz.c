// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for module/parse.c, built with the real source file by
 * tests/fuzz/run. Every parser gets the same input (a heap buffer of
 * exactly its length, so ASan catches a read past it) and is checked
 * against a plain reference written from its contract in parse.h and
 * parse.c:
 *
 *  - the same return code, and on success the same output;
 *  - mg_parse_mode() and mg_parse_u32() leave the output untouched on
 *    failure, as they promise (the other two promise nothing there);
 *  - an accepted value round-trips: the mode's name, the number printed
 *    back, "<mcpu> 1000" for cpu.max and "0-<n-1>" for a cpulist parse to
 *    the same value.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/limits.h>	/* parse.h uses U32_MAX */
#include "parse.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))
#define UNTOUCHED 0x5a5a5a5aU
#define TOO_BIG ((uint64_t)UINT32_MAX + 1)

static void fail(const char *parser, const char *what)
{
	fprintf(stderr, "parse_fuzz: %s: %s\n", parser, what);
	abort();
}

/* A sysfs value: the token, optionally followed by one newline. */
static size_t token_len(const uint8_t *buf, size_t len)
{
	return len && buf[len - 1] == '\n' ? len - 1 : len;
}

/* Decimal digits at *pos; false if none. The value stops at TOO_BIG. */
static int digits(const uint8_t *buf, size_t len, size_t *pos, uint64_t *value)
{
	size_t start = *pos;
	uint64_t v = 0;

	while (*pos < len && buf[*pos] >= '0' && buf[*pos] <= '9') {
		v = v * 10 + (buf[*pos] - '0');
		if (v > TOO_BIG)
			v = TOO_BIG;
		(*pos)++;
	}
	*value = v;
	return *pos > start;
}

static int ref_mode(const uint8_t *buf, size_t len, enum mg_mode *mode)
{
	static const char *const names[MG_MODE_COUNT] = {
		"off", "observe", "enforce",
	};
	size_t n = token_len(buf, len);
	int i;

	for (i = 0; i < MG_MODE_COUNT; i++) {
		if (n == strlen(names[i]) && !memcmp(buf, names[i], n)) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int ref_u32(const uint8_t *buf, size_t len, uint32_t min, uint32_t max,
		   uint32_t *value)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t v;

	if (!digits(buf, n, &pos, &v) || pos != n)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

static int ref_cpu_max(const uint8_t *buf, size_t len, uint32_t *mcpu)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t quota = 0, period, milli;
	int unlimited = n >= 3 && !memcmp(buf, "max", 3);

	if (unlimited)
		pos = 3;
	else if (!digits(buf, n, &pos, &quota) || quota > UINT32_MAX)
		return -EINVAL;
	if (pos >= n || buf[pos] != ' ')
		return -EINVAL;
	pos++;
	if (!digits(buf, n, &pos, &period) || period > UINT32_MAX ||
	    pos != n || !period)
		return -EINVAL;
	if (unlimited) {
		*mcpu = MG_CPU_MAX_UNLIMITED;
		return 0;
	}
	milli = quota * 1000 / period;
	if (milli >= MG_CPU_MAX_UNLIMITED)
		milli = MG_CPU_MAX_UNLIMITED - 1;
	*mcpu = milli ? milli : 1;
	return 0;
}

static int ref_cpulist_count(const uint8_t *buf, size_t len, uint32_t *count)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t first, last, total = 0;

	while (pos < n) {
		if (!digits(buf, n, &pos, &first) || first > UINT32_MAX)
			return -EINVAL;
		last = first;
		if (pos < n && buf[pos] == '-') {
			pos++;
			if (!digits(buf, n, &pos, &last) ||
			    last > UINT32_MAX || last < first)
				return -EINVAL;
		}
		total += last - first + 1;
		if (pos < n) {
			if (buf[pos] != ',' || pos + 1 == n)
				return -EINVAL;
			pos++;
		}
	}
	if (total > UINT32_MAX)
		return -EINVAL;
	*count = total;
	return 0;
}

static void fuzz_mode(const char *buf, size_t len)
{
	enum mg_mode mode = MG_MODE_COUNT, want, again;
	const char *name;
	int ret = mg_parse_mode(buf, len, &mode);

	if (ret != ref_mode((const uint8_t *)buf, len, &want))
		fail("mg_parse_mode", "return code differs from the contract");
	if (ret) {
		if (mode != MG_MODE_COUNT)
			fail("mg_parse_mode", "a refused value changed the mode");
		return;
	}
	if (mode != want)
		fail("mg_parse_mode", "wrong mode");
	name = mg_mode_name(mode);
	if (mg_parse_mode(name, strlen(name), &again) || again != mode)
		fail("mg_parse_mode", "the name does not parse back");
}

static void fuzz_u32(const char *buf, size_t len, uint32_t min, uint32_t max)
{
	uint32_t value = UNTOUCHED, want, again;
	char text[16];
	int ret = mg_parse_u32(buf, len, min, max, &value);

	if (ret != ref_u32((const uint8_t *)buf, len, min, max, &want))
		fail("mg_parse_u32", "return code differs from the contract");
	if (ret) {
		if (value != UNTOUCHED)
			fail("mg_parse_u32", "a refused value changed the output");
		return;
	}
	if (value != want)
		fail("mg_parse_u32", "wrong value");
	snprintf(text, sizeof(text), "%u\n", value);
	if (mg_parse_u32(text, strlen(text), min, max, &again) ||
	    again != value)
		fail("mg_parse_u32", "the value does not parse back");
}

static void fuzz_cpu_max(const char *buf, size_t len)
{
	uint32_t mcpu = UNTOUCHED, want, again;
	char text[32];
	int ret = mg_parse_cpu_max(buf, len, &mcpu);

	if (ret != ref_cpu_max((const uint8_t *)buf, len, &want))
		fail("mg_parse_cpu_max", "return code differs from the contract");
	if (ret)
		return;
	if (mcpu != want)
		fail("mg_parse_cpu_max", "wrong milli-CPUs");
	if (mcpu == MG_CPU_MAX_UNLIMITED)
		return;
	snprintf(text, sizeof(text), "%u 1000\n", mcpu);
	if (mg_parse_cpu_max(text, strlen(text), &again) || again != mcpu)
		fail("mg_parse_cpu_max", "the quota does not parse back");
}

static void fuzz_cpulist_count(const char *buf, size_t len)
{
	uint32_t count = UNTOUCHED, want, again;
	char text[32] = "";
	int ret = mg_parse_cpulist_count(buf, len, &count);

	if (ret != ref_cpulist_count((const uint8_t *)buf, len, &want))
		fail("mg_parse_cpulist_count",
		     "return code differs from the contract");
	if (ret)
		return;
	if (count != want)
		fail("mg_parse_cpulist_count", "wrong count");
	if (count)
		snprintf(text, sizeof(text), "0-%u", count - 1);
	if (mg_parse_cpulist_count(text, strlen(text), &again) ||
	    again != count)
		fail("mg_parse_cpulist_count", "the count does not parse back");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ranges[][2] = {
		{ 0, UINT32_MAX }, { 1, 100 }, { 100, 1 }, { 7, 7 },
		{ UINT32_MAX, UINT32_MAX },
	};
	const char *buf = (const char *)data;
	size_t i;

	fuzz_mode(buf, size);
	for (i = 0; i < ARRAY_SIZE(ranges); i++)
		fuzz_u32(buf, size, ranges[i][0], ranges[i][1]);
	fuzz_cpu_max(buf, size);
	fuzz_cpulist_count(buf, size);
	return 0;
}
