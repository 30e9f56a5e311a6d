// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/hashinsn.c, compiled from the same source file the
 * module uses.
 *
 * Every window is scanned from a kmalloc'ed copy of exactly its length, and
 * so is every shorter cut of it, so that KASAN reports any read past the
 * length. The cases are in hashinsn_cases.h, shared with
 * tests/unit/hashinsn_test.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "hashinsn.c"

#include "hashinsn_cases.h"

static void mg_hashinsn_case_desc(const struct mg_hashinsn_case *c,
				  char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_hashinsn, mg_hashinsn_cases, mg_hashinsn_case_desc);

/* Scan @len bytes of @code from a copy of exactly that size. */
static void mg_hashinsn_scan_copy(struct kunit *test, const u8 *code,
				  unsigned int len,
				  struct mg_hashinsn_counts *out)
{
	u8 *copy = kmalloc(len, GFP_KERNEL);

	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(copy) && len);
	if (len)
		memcpy(copy, code, len);
	memset(out, 0xa5, sizeof(*out));
	mg_hashinsn_scan(copy, len, out);
	kfree(copy);
}

/* What holds for any window. */
static void mg_hashinsn_invariants(struct kunit *test,
				   const struct mg_hashinsn_counts *c,
				   unsigned int len)
{
	unsigned int i, sum = 0;

	for (i = 0; i < MG_HASHINSN_NR_CLASSES; i++)
		sum += c->by_class[i];
	KUNIT_EXPECT_EQ(test, sum, c->path);
	KUNIT_EXPECT_LE(test, c->path, c->insns);
	KUNIT_EXPECT_LE(test, c->insns, c->bytes);
	KUNIT_EXPECT_LE(test, c->bytes, len);
	KUNIT_EXPECT_LE(test, c->stop, MG_HASHINSN_STOP_BAD);
	if (c->stop == MG_HASHINSN_STOP_END)
		KUNIT_EXPECT_EQ(test, c->bytes, len);
	KUNIT_EXPECT_LE(test, mg_hashinsn_density_pct(c), 100U);
}

/*
 * Every cut of a window decodes the same instructions as far as it goes;
 * one that is code stops at its end or inside an instruction.
 */
static void mg_hashinsn_every_cut(struct kunit *test,
				  const struct mg_hashinsn_case *hc,
				  const struct mg_hashinsn_counts *full)
{
	struct mg_hashinsn_counts c;
	unsigned int cut, last_insns = 0;

	for (cut = 0; cut <= hc->len; cut++) {
		mg_hashinsn_scan_copy(test, hc->code, cut, &c);
		mg_hashinsn_invariants(test, &c, cut);
		KUNIT_EXPECT_GE_MSG(test, c.insns, last_insns, "cut at %u", cut);
		KUNIT_EXPECT_LE_MSG(test, c.insns, full->insns, "cut at %u",
				    cut);
		if (full->stop != MG_HASHINSN_STOP_BAD)
			KUNIT_EXPECT_NE_MSG(test, c.stop, MG_HASHINSN_STOP_BAD,
					    "cut at %u", cut);
		last_insns = c.insns;
	}
}

static void mg_hashinsn_table_test(struct kunit *test)
{
	const struct mg_hashinsn_case *hc = test->param_value;
	struct mg_hashinsn_counts c, again;
	unsigned int pct, i;
	bool hashing;

	mg_hashinsn_scan_copy(test, hc->code, hc->len, &c);
	mg_hashinsn_invariants(test, &c, hc->len);
	mg_hashinsn_scan_copy(test, hc->code, hc->len, &again);
	KUNIT_EXPECT_EQ(test, memcmp(&c, &again, sizeof(c)), 0);
	pct = mg_hashinsn_density_pct(&c);
	hashing = mg_hashinsn_is_hashing(&c,
					 MG_HASHINSN_DEFAULT_THRESHOLD_PCT);

	if (hc->kind == MG_HC_DECODE || hc->insns) {
		KUNIT_EXPECT_EQ(test, c.insns, hc->insns);
		KUNIT_EXPECT_EQ(test, c.bytes, hc->bytes);
		KUNIT_EXPECT_EQ(test, c.path, hc->path);
		KUNIT_EXPECT_EQ(test, c.stop, hc->stop);
	}
	if (hc->kind != MG_HC_DECODE)
		KUNIT_EXPECT_NE(test, c.stop, MG_HASHINSN_STOP_BAD);
	if (hc->kind == MG_HC_HASHING) {
		KUNIT_EXPECT_GE(test, pct, MG_HASHINSN_DEFAULT_THRESHOLD_PCT);
		KUNIT_EXPECT_TRUE(test, hashing);
	} else if (hc->kind == MG_HC_PLAIN) {
		KUNIT_EXPECT_LT(test, pct, MG_HASHINSN_DEFAULT_THRESHOLD_PCT);
		KUNIT_EXPECT_FALSE(test, hashing);
	}
	for (i = 0; hc->check_classes && i < MG_HASHINSN_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, c.by_class[i], hc->classes[i],
				    "class %u", i);
	mg_hashinsn_every_cut(test, hc, &c);
}

static struct mg_hashinsn_counts mg_hashinsn_counts_of(unsigned int other,
						       unsigned int move,
						       unsigned int sha,
						       unsigned int rotate,
						       unsigned int logic)
{
	struct mg_hashinsn_counts c = {};

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
static void mg_hashinsn_weights_test(struct kunit *test)
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
	size_t i;

	for (i = 0; i < ARRAY_SIZE(w); i++) {
		c = mg_hashinsn_counts_of(w[i].other, w[i].move, w[i].sha,
					  w[i].rotate, w[i].logic);
		KUNIT_EXPECT_EQ_MSG(test, mg_hashinsn_density_pct(&c), w[i].pct,
				    "row %zu", i);
	}
}

/* Threshold 0 takes any window with a counted path, above 100 none. */
static void mg_hashinsn_thresholds_test(struct kunit *test)
{
	struct mg_hashinsn_counts c = mg_hashinsn_counts_of(1, 0, 0, 1, 0);

	KUNIT_EXPECT_TRUE(test, mg_hashinsn_is_hashing(&c, 50));
	KUNIT_EXPECT_FALSE(test, mg_hashinsn_is_hashing(&c, 51));
	KUNIT_EXPECT_TRUE(test, mg_hashinsn_is_hashing(&c, 0));
	c = mg_hashinsn_counts_of(1, 0, 1, 0, 0);
	KUNIT_EXPECT_TRUE(test, mg_hashinsn_is_hashing(&c, 100));
	KUNIT_EXPECT_FALSE(test, mg_hashinsn_is_hashing(&c, 101));
	c = mg_hashinsn_counts_of(0, 0, 0, 0, 0);
	KUNIT_EXPECT_FALSE(test, mg_hashinsn_is_hashing(&c, 0));
	c = mg_hashinsn_counts_of(0, 3, 0, 0, 0);
	KUNIT_EXPECT_FALSE(test, mg_hashinsn_is_hashing(&c, 0));
}

/* Bytes past MG_HASHINSN_MAX_WINDOW are not looked at. */
static void mg_hashinsn_max_window_test(struct kunit *test)
{
	unsigned int len = MG_HASHINSN_MAX_WINDOW + 1000;
	struct mg_hashinsn_counts c;
	u8 *nops;

	nops = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nops);
	memset(nops, 0x90, len);
	mg_hashinsn_scan(nops, len, &c);
	KUNIT_EXPECT_EQ(test, c.insns, MG_HASHINSN_MAX_WINDOW);
	KUNIT_EXPECT_EQ(test, c.bytes, MG_HASHINSN_MAX_WINDOW);
	KUNIT_EXPECT_EQ(test, c.path, MG_HASHINSN_MAX_WINDOW);
	KUNIT_EXPECT_EQ(test, c.stop, MG_HASHINSN_STOP_END);
}

static struct kunit_case mg_hashinsn_test_cases[] = {
	KUNIT_CASE_PARAM(mg_hashinsn_table_test, mg_hashinsn_gen_params),
	KUNIT_CASE(mg_hashinsn_weights_test),
	KUNIT_CASE(mg_hashinsn_thresholds_test),
	KUNIT_CASE(mg_hashinsn_max_window_test),
	{}
};

static struct kunit_suite mg_hashinsn_suite = {
	.name = "minerguard_hashinsn",
	.test_cases = mg_hashinsn_test_cases,
};

kunit_test_suite(mg_hashinsn_suite);

MODULE_LICENSE("GPL");
