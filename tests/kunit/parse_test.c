// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/parse.c, compiled from the same source file the
 * module uses.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "parse.c"

#include "allow_cases.h"

struct mg_mode_case {
	const char *input;
	size_t len;
	int ret;
	enum mg_mode mode;
};

#define MODE_OK(str, m) { str, sizeof(str) - 1, 0, m }
#define MODE_BAD(str) { str, sizeof(str) - 1, -EINVAL, MG_MODE_COUNT }

static const struct mg_mode_case mg_mode_cases[] = {
	MODE_OK("off", MG_MODE_OFF),
	MODE_OK("observe", MG_MODE_OBSERVE),
	MODE_OK("enforce", MG_MODE_ENFORCE),
	MODE_OK("enforce\n", MG_MODE_ENFORCE),
	MODE_BAD(""),
	MODE_BAD("\n"),
	MODE_BAD("observe\n\n"),
	MODE_BAD(" observe"),
	MODE_BAD("observe "),
	MODE_BAD("Observe"),
	MODE_BAD("observ"),
	MODE_BAD("observex"),
	MODE_BAD("off\0"),
	MODE_BAD("enforce\r\n"),
};

/* Printable form of a test input, for the case name. */
static void mg_input_desc(const char *input, size_t len, char *desc)
{
	size_t i;

	for (i = 0; i < len && i < KUNIT_PARAM_DESC_SIZE - 1; i++)
		desc[i] = (input[i] >= 0x21 && input[i] < 0x7f) ? input[i] : '_';
	desc[i] = '\0';
}

static void mg_mode_case_desc(const struct mg_mode_case *c, char *desc)
{
	mg_input_desc(c->input, c->len, desc);
}

KUNIT_ARRAY_PARAM(mg_mode, mg_mode_cases, mg_mode_case_desc);

static void mg_parse_mode_test(struct kunit *test)
{
	const struct mg_mode_case *c = test->param_value;
	enum mg_mode mode = MG_MODE_COUNT;

	KUNIT_EXPECT_EQ(test, mg_parse_mode(c->input, c->len, &mode), c->ret);
	/* A refused value leaves the output untouched. */
	KUNIT_EXPECT_EQ(test, mode, c->mode);
}

static void mg_mode_name_roundtrip_test(struct kunit *test)
{
	enum mg_mode mode, parsed;
	const char *name;

	for (mode = 0; mode < MG_MODE_COUNT; mode++) {
		name = mg_mode_name(mode);
		KUNIT_ASSERT_EQ(test, mg_parse_mode(name, strlen(name), &parsed),
				0);
		KUNIT_EXPECT_EQ(test, parsed, mode);
	}
	KUNIT_EXPECT_STREQ(test, mg_mode_name(MG_MODE_COUNT), "?");
}

/* policy/stratum_action is read and written by these names. */
static void mg_stratum_action_name_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test,
			   mg_stratum_action_name(MG_STRATUM_ACTION_COUNT),
			   "count");
	KUNIT_EXPECT_STREQ(test,
			   mg_stratum_action_name(MG_STRATUM_ACTION_DROP),
			   "drop");
	KUNIT_EXPECT_STREQ(test,
			   mg_stratum_action_name(MG_STRATUM_ACTION_NR), "?");
}

struct mg_u32_case {
	const char *input;
	size_t len;
	int ret;
	u32 value;
};

#define U32_OK(str, v) { str, sizeof(str) - 1, 0, v }
#define U32_BAD(str, err) { str, sizeof(str) - 1, err, 7 }

/* Range 1..100, as saturation_pct; 7 is the untouched output. */
static const struct mg_u32_case mg_u32_cases[] = {
	U32_OK("1", 1),
	U32_OK("100\n", 100),
	U32_OK("007", 7),
	U32_BAD("0", -ERANGE),
	U32_BAD("101", -ERANGE),
	U32_BAD("4294967295", -ERANGE),
	U32_BAD("4294967296", -ERANGE),
	U32_BAD("99999999999999999999", -ERANGE),
	U32_BAD("", -EINVAL),
	U32_BAD("\n", -EINVAL),
	U32_BAD("-1", -EINVAL),
	U32_BAD("+1", -EINVAL),
	U32_BAD(" 1", -EINVAL),
	U32_BAD("1 ", -EINVAL),
	U32_BAD("0x10", -EINVAL),
	U32_BAD("1\0", -EINVAL),
	U32_BAD("99999999999999999999x", -EINVAL),
};

static void mg_u32_case_desc(const struct mg_u32_case *c, char *desc)
{
	mg_input_desc(c->input, c->len, desc);
}

KUNIT_ARRAY_PARAM(mg_u32, mg_u32_cases, mg_u32_case_desc);

static void mg_parse_u32_test(struct kunit *test)
{
	const struct mg_u32_case *c = test->param_value;
	u32 value = 7;

	KUNIT_EXPECT_EQ(test, mg_parse_u32(c->input, c->len, 1, 100, &value),
			c->ret);
	KUNIT_EXPECT_EQ(test, value, c->value);
}

static void mg_parse_cpu_max_test(struct kunit *test)
{
	u32 mcpu = 7;

	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("max 100000\n", 11, &mcpu), 0);
	KUNIT_EXPECT_EQ(test, mcpu, MG_CPU_MAX_UNLIMITED);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("50000 100000\n", 13, &mcpu), 0);
	KUNIT_EXPECT_EQ(test, mcpu, 500);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("250000 100000", 13, &mcpu), 0);
	KUNIT_EXPECT_EQ(test, mcpu, 2500);
	/* A quota far below a milli-CPU still leaves the job some CPU. */
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("1000 1000000", 12, &mcpu), 0);
	KUNIT_EXPECT_EQ(test, mcpu, 1);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("4294967295 1", 12, &mcpu), 0);
	KUNIT_EXPECT_EQ(test, mcpu, MG_CPU_MAX_UNLIMITED - 1);
	mcpu = 7;
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("50000 0", 7, &mcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("50000", 5, &mcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("max", 3, &mcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("maxi 1", 6, &mcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpu_max("5 10 ", 5, &mcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, mcpu, 7);
}

static void mg_parse_cpulist_count_test(struct kunit *test)
{
	u32 count = 7;

	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("0-3\n", 4, &count), 0);
	KUNIT_EXPECT_EQ(test, count, 4);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("0-3,8,10-11", 11, &count),
			0);
	KUNIT_EXPECT_EQ(test, count, 7);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("5", 1, &count), 0);
	KUNIT_EXPECT_EQ(test, count, 1);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("\n", 1, &count), 0);
	KUNIT_EXPECT_EQ(test, count, 0);
	count = 7;
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("3-1", 3, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("1,", 2, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count(",1", 2, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("1-", 2, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, mg_parse_cpulist_count("1 2", 3, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, count, 7);
}

static void mg_allow_case_desc(const struct mg_allow_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_allow, mg_allow_cases, mg_allow_case_desc);

/* From a copy of exactly the input's length, so KASAN sees overreads. */
static void mg_parse_allow_test(struct kunit *test)
{
	const struct mg_allow_case *c = test->param_value;
	size_t len = strlen(c->buf), path_len = 0;
	const char *path = NULL;
	bool add = !c->add;
	char *copy;

	copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, c->buf, len);
	KUNIT_ASSERT_EQ(test, mg_parse_allow(copy, len, &add, &path,
					     &path_len), c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, add, c->add);
	KUNIT_EXPECT_EQ(test, path_len, strlen(c->path));
	KUNIT_EXPECT_EQ(test, memcmp(path, c->path, path_len), 0);
}

static void mg_parse_allow_too_long_test(struct kunit *test)
{
	size_t len = MG_ALLOW_PATH_MAX + 2, path_len;
	const char *path;
	char *buf;
	bool add;

	buf = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 'a', len);
	buf[0] = '+';
	buf[1] = '/';
	KUNIT_EXPECT_EQ(test, mg_parse_allow(buf, len, &add, &path, &path_len),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, mg_parse_allow(buf, len - 1, &add, &path,
					     &path_len), 0);
	KUNIT_EXPECT_EQ(test, path_len, MG_ALLOW_PATH_MAX);
}

static void mg_allow_matches_test(struct kunit *test)
{
	const struct mg_allow_match_case *c;
	int i;

	for (i = 0; i < ARRAY_SIZE(mg_allow_match_cases); i++) {
		c = &mg_allow_match_cases[i];
		KUNIT_EXPECT_EQ_MSG(test, mg_allow_matches(c->prefix, c->path),
				    c->match, "%s on %s", c->prefix, c->path);
	}
}

static struct kunit_case mg_parse_cases[] = {
	KUNIT_CASE_PARAM(mg_parse_mode_test, mg_mode_gen_params),
	KUNIT_CASE(mg_mode_name_roundtrip_test),
	KUNIT_CASE(mg_stratum_action_name_test),
	KUNIT_CASE_PARAM(mg_parse_u32_test, mg_u32_gen_params),
	KUNIT_CASE(mg_parse_cpu_max_test),
	KUNIT_CASE(mg_parse_cpulist_count_test),
	KUNIT_CASE_PARAM(mg_parse_allow_test, mg_allow_gen_params),
	KUNIT_CASE(mg_parse_allow_too_long_test),
	KUNIT_CASE(mg_allow_matches_test),
	{}
};

static struct kunit_suite mg_parse_suite = {
	.name = "minerguard_parse",
	.test_cases = mg_parse_cases,
};

kunit_test_suite(mg_parse_suite);

MODULE_LICENSE("GPL");
