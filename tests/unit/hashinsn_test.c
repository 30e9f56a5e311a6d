// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/hashinsn.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case on stdout, details of failures on stderr, and exits 1 if any failed.
 *
 * Every window is scanned from a heap copy of exactly its length, and so is
 * every shorter cut of it, so that ASan reports any read past the length.
 * The cases are in tests/kunit/hashinsn_cases.h, shared with the KUnit
 * suite.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashinsn.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/hashinsn_cases.h"

static int failures;

static void report(const char *name, bool ok)
{
	printf("%s hashinsn-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

static bool expect(const char *name, const char *what, long got, long want)
{
	if (got == want)
		return true;
	fprintf(stderr, "hashinsn-%s: %s is %ld, want %ld\n", name, what, got,
		want);
	return false;
}

/* Scan @len bytes of @code from a heap copy of exactly that size. */
static void scan_copy(const u8 *code, unsigned int len,
		      struct mg_hashinsn_counts *out)
{
	u8 *copy = malloc(len);

	if (!copy) {
		perror("malloc");
		exit(2);
	}
	memcpy(copy, code, len);
	memset(out, 0xa5, sizeof(*out));
	mg_hashinsn_scan(copy, len, out);
	free(copy);
}

/* What holds for any window. */
static bool invariants(const char *name, const struct mg_hashinsn_counts *c,
		       unsigned int len)
{
	unsigned int i, sum = 0;
	bool ok = true;

	for (i = 0; i < MG_HASHINSN_NR_CLASSES; i++)
		sum += c->by_class[i];
	ok &= expect(name, "sum of classes", sum, c->path);
	if (c->path > c->insns || c->insns > c->bytes || c->bytes > len ||
	    c->stop > MG_HASHINSN_STOP_BAD) {
		fprintf(stderr,
			"hashinsn-%s: path %u, insns %u, bytes %u, stop %u, len %u\n",
			name, c->path, c->insns, c->bytes, c->stop, len);
		ok = false;
	}
	if (c->stop == MG_HASHINSN_STOP_END && c->bytes != len) {
		fprintf(stderr, "hashinsn-%s: stopped at the end after %u of %u bytes\n",
			name, c->bytes, len);
		ok = false;
	}
	ok &= mg_hashinsn_density_pct(c) <= 100;
	return ok;
}

/*
 * Every cut of a window decodes the same instructions as far as it goes;
 * one that is code stops at its end or inside an instruction.
 */
static bool every_cut(const struct mg_hashinsn_case *hc,
		      const struct mg_hashinsn_counts *full)
{
	struct mg_hashinsn_counts c;
	unsigned int cut, last_insns = 0;
	bool ok = true;

	for (cut = 0; cut <= hc->len && ok; cut++) {
		scan_copy(hc->code, cut, &c);
		ok &= invariants(hc->name, &c, cut);
		if (c.insns < last_insns || c.insns > full->insns) {
			fprintf(stderr, "hashinsn-%s: cut at %u decodes %u\n",
				hc->name, cut, c.insns);
			ok = false;
		}
		last_insns = c.insns;
		if (full->stop != MG_HASHINSN_STOP_BAD &&
		    c.stop == MG_HASHINSN_STOP_BAD) {
			fprintf(stderr, "hashinsn-%s: cut at %u is bad\n",
				hc->name, cut);
			ok = false;
		}
	}
	return ok;
}

static bool run_case(const struct mg_hashinsn_case *hc)
{
	struct mg_hashinsn_counts c, again;
	unsigned int pct, i;
	bool ok = true;

	scan_copy(hc->code, hc->len, &c);
	ok &= invariants(hc->name, &c, hc->len);
	scan_copy(hc->code, hc->len, &again);
	if (memcmp(&c, &again, sizeof(c))) {
		fprintf(stderr, "hashinsn-%s: two scans differ\n", hc->name);
		ok = false;
	}
	pct = mg_hashinsn_density_pct(&c);

	if (hc->kind == MG_HC_DECODE || hc->insns) {
		ok &= expect(hc->name, "insns", c.insns, hc->insns);
		ok &= expect(hc->name, "bytes", c.bytes, hc->bytes);
		ok &= expect(hc->name, "path", c.path, hc->path);
		ok &= expect(hc->name, "stop", c.stop, hc->stop);
	}
	if (hc->kind != MG_HC_DECODE)
		ok &= expect(hc->name, "stopped on bad bytes",
			     c.stop == MG_HASHINSN_STOP_BAD, false);
	if (hc->kind == MG_HC_HASHING) {
		ok &= expect(hc->name, "hashing", mg_hashinsn_is_hashing(&c,
			     MG_HASHINSN_DEFAULT_THRESHOLD_PCT), true);
		if (pct < MG_HASHINSN_DEFAULT_THRESHOLD_PCT) {
			fprintf(stderr, "hashinsn-%s: density %u%%, below %u%%\n",
				hc->name, pct,
				MG_HASHINSN_DEFAULT_THRESHOLD_PCT);
			ok = false;
		}
	} else if (hc->kind == MG_HC_PLAIN) {
		ok &= expect(hc->name, "hashing", mg_hashinsn_is_hashing(&c,
			     MG_HASHINSN_DEFAULT_THRESHOLD_PCT), false);
		if (pct >= MG_HASHINSN_DEFAULT_THRESHOLD_PCT) {
			fprintf(stderr, "hashinsn-%s: density %u%%, not below %u%%\n",
				hc->name, pct,
				MG_HASHINSN_DEFAULT_THRESHOLD_PCT);
			ok = false;
		}
	}
	for (i = 0; hc->check_classes && i < MG_HASHINSN_NR_CLASSES; i++)
		if (c.by_class[i] != hc->classes[i]) {
			fprintf(stderr, "hashinsn-%s: class %u counts %u, want %u\n",
				hc->name, i, c.by_class[i], hc->classes[i]);
			ok = false;
		}
	return ok && every_cut(hc, &c);
}

static struct mg_hashinsn_counts counts_of(unsigned int other,
					   unsigned int move, unsigned int sha,
					   unsigned int rotate,
					   unsigned int logic)
{
	struct mg_hashinsn_counts c;

	memset(&c, 0, sizeof(c));
	c.by_class[MG_HASHINSN_OTHER] = other;
	c.by_class[MG_HASHINSN_MOVE] = move;
	c.by_class[MG_HASHINSN_SHA] = sha;
	c.by_class[MG_HASHINSN_ROTATE] = rotate;
	c.by_class[MG_HASHINSN_LOGIC] = logic;
	c.path = other + move + sha + rotate + logic;
	c.insns = c.path;
	c.bytes = c.path;
	return c;
}

/* The weights as hashinsn.h documents them. */
static void test_weights(void)
{
	static const struct {
		unsigned int other, move, sha, rotate, logic, pct;
	} w[] = {
		{ 0, 0, 0, 0, 0, 0 },		/* nothing counted */
		{ 0, 5, 0, 0, 0, 0 },		/* only copies */
		{ 1, 0, 0, 1, 0, 50 },		/* rotate: 100 */
		{ 1, 0, 0, 0, 1, 25 },		/* plain: 50 */
		{ 3, 0, 1, 0, 0, 100 },		/* crypto: 400 */
		{ 7, 0, 1, 0, 0, 50 },
		{ 1, 0, 2, 0, 0, 100 },		/* capped */
		{ 1, 9, 0, 0, 1, 25 },		/* copies are not counted */
		{ 2, 0, 0, 0, 1, 16 },		/* rounded down */
		{ 0, 0, 4096, 0, 0, 100 },	/* no overflow */
	};
	struct mg_hashinsn_counts c;
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(w); i++) {
		c = counts_of(w[i].other, w[i].move, w[i].sha, w[i].rotate,
			      w[i].logic);
		ok &= expect("weights", "density",
			     mg_hashinsn_density_pct(&c), w[i].pct);
	}
	report("weights", ok);
}

/* Threshold 0 takes any window with a counted path, above 100 none. */
static void test_thresholds(void)
{
	struct mg_hashinsn_counts c = counts_of(1, 0, 0, 1, 0);
	bool ok = true;

	ok &= expect("thresholds", "at 50", mg_hashinsn_is_hashing(&c, 50), 1);
	ok &= expect("thresholds", "at 51", mg_hashinsn_is_hashing(&c, 51), 0);
	ok &= expect("thresholds", "at 0", mg_hashinsn_is_hashing(&c, 0), 1);
	c = counts_of(1, 0, 1, 0, 0);
	ok &= expect("thresholds", "at 100",
		     mg_hashinsn_is_hashing(&c, 100), 1);
	ok &= expect("thresholds", "at 101",
		     mg_hashinsn_is_hashing(&c, 101), 0);
	c = counts_of(0, 0, 0, 0, 0);
	ok &= expect("thresholds", "empty at 0",
		     mg_hashinsn_is_hashing(&c, 0), 0);
	c = counts_of(0, 3, 0, 0, 0);
	ok &= expect("thresholds", "copies at 0",
		     mg_hashinsn_is_hashing(&c, 0), 0);
	report("thresholds", ok);
}

/* Bytes past MG_HASHINSN_MAX_WINDOW are not looked at. */
static void test_max_window(void)
{
	unsigned int len = MG_HASHINSN_MAX_WINDOW + 1000;
	u8 *nops = malloc(len);
	struct mg_hashinsn_counts c;
	bool ok = true;

	if (!nops) {
		perror("malloc");
		exit(2);
	}
	memset(nops, 0x90, len);
	mg_hashinsn_scan(nops, len, &c);
	ok &= expect("max-window", "insns", c.insns, MG_HASHINSN_MAX_WINDOW);
	ok &= expect("max-window", "bytes", c.bytes, MG_HASHINSN_MAX_WINDOW);
	ok &= expect("max-window", "path", c.path, MG_HASHINSN_MAX_WINDOW);
	ok &= expect("max-window", "stop", c.stop, MG_HASHINSN_STOP_END);
	free(nops);
	report("max-window", ok);
}

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mg_hashinsn_cases); i++)
		report(mg_hashinsn_cases[i].name,
		       run_case(&mg_hashinsn_cases[i]));
	test_weights();
	test_thresholds();
	test_max_window();

	return failures ? 1 : 0;
}
