// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/parse.c, compiled from the same source file the
 * module uses.
 */
#include <kunit/test.h>
#include "parse.c"

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

static void mg_mode_case_desc(const struct mg_mode_case *c, char *desc)
{
	size_t i;

	/* Printable form of the input for the case name. */
	for (i = 0; i < c->len && i < KUNIT_PARAM_DESC_SIZE - 1; i++)
		desc[i] = (c->input[i] >= 0x21 && c->input[i] < 0x7f) ?
			  c->input[i] : '_';
	desc[i] = '\0';
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

static struct kunit_case mg_parse_cases[] = {
	KUNIT_CASE_PARAM(mg_parse_mode_test, mg_mode_gen_params),
	KUNIT_CASE(mg_mode_name_roundtrip_test),
	{}
};

static struct kunit_suite mg_parse_suite = {
	.name = "minerguard_parse",
	.test_cases = mg_parse_cases,
};

kunit_test_suite(mg_parse_suite);

MODULE_LICENSE("GPL");
