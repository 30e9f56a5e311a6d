// SPDX-License-Identifier: GPL-2.0
/*
 * Stratum classifier; stratum.h states the rules.
 *
 * One pass, left to right, over at most MG_STRATUM_MAX_PREFIX bytes: a JSON
 * tokenizer with an explicit stack of at most MG_STRATUM_MAX_DEPTH
 * containers, one bit each. A verdict is returned the moment the bytes so
 * far decide it, which is what makes YES and NO hold for every longer
 * input.
 *
 * Pure code: no locks, clocks, allocation or hooks, so the same file is
 * compiled into the module, the KUnit suites, the host unit tests and the
 * fuzzers.
 */
#include <linux/types.h>
#include <linux/string.h>
#include "stratum.h"

/* Decoded bytes of a name kept for matching: longer than any known name. */
#define MG_STRATUM_NAME_MAX 24

struct mg_stratum_name {
	u8 bytes[MG_STRATUM_NAME_MAX];
	unsigned int len;	/* decoded length; only the first bytes kept */
};

/* Keys of the params object, one bit each. */
enum {
	MG_PARAM_LOGIN = 1 << 0,
	MG_PARAM_PASS = 1 << 1,
	MG_PARAM_AGENT = 1 << 2,
	MG_PARAM_ID = 1 << 3,
	MG_PARAM_JOB_ID = 1 << 4,
	MG_PARAM_NONCE = 1 << 5,
	MG_PARAM_RESULT = 1 << 6,
};

struct mg_stratum_word {
	const char *name;
	unsigned int bits;
};

static const struct mg_stratum_word mg_stratum_params[] = {
	{ "login", MG_PARAM_LOGIN },
	{ "pass", MG_PARAM_PASS },
	{ "agent", MG_PARAM_AGENT },
	{ "id", MG_PARAM_ID },
	{ "job_id", MG_PARAM_JOB_ID },
	{ "nonce", MG_PARAM_NONCE },
	{ "result", MG_PARAM_RESULT },
	{}
};

/* Methods and the params keys they need; 0: the name alone decides. */
static const struct mg_stratum_word mg_stratum_methods[] = {
	{ "eth_submitLogin", 0 },
	{ "eth_getWork", 0 },
	{ "eth_submitWork", 0 },
	{ "eth_submitHashrate", 0 },
	{ "login", MG_PARAM_LOGIN | MG_PARAM_PASS | MG_PARAM_AGENT },
	{ "submit", MG_PARAM_ID | MG_PARAM_JOB_ID | MG_PARAM_NONCE |
		    MG_PARAM_RESULT },
	{ "keepalived", MG_PARAM_ID },
	{ "getjob", MG_PARAM_ID },
	{}
};

#define MG_STRATUM_MINING "mining."

_Static_assert(MG_STRATUM_MAX_DEPTH <= 32, "a u32 holds the container stack");

enum mg_stratum_tok {
	MG_TOK_OK,
	MG_TOK_MORE,	/* the bytes ran out inside the token */
	MG_TOK_BAD,
};

/* What the tokenizer expects next. */
enum mg_stratum_state {
	MG_ST_START,		/* whitespace, then the first '{' */
	MG_ST_VALUE,		/* after ':', or after ',' in an array */
	MG_ST_VALUE_OR_CLOSE,	/* after '[' */
	MG_ST_KEY,		/* after ',' in an object */
	MG_ST_KEY_OR_CLOSE,	/* after '{' */
	MG_ST_COLON,		/* after a key */
	MG_ST_NEXT,		/* after a value: ',' or a closing bracket */
};

/* Which top-level key the value being read belongs to. */
enum mg_stratum_top_key {
	MG_TOP_OTHER,
	MG_TOP_METHOD,
	MG_TOP_PARAMS,
};

struct mg_stratum_parser {
	const u8 *buf;
	unsigned int pos;
	unsigned int end;
	unsigned int depth;		/* containers open */
	u32 objects;			/* bit d - 1: depth d is an object */
	enum mg_stratum_top_key top_key;
	unsigned int param_key;		/* MG_PARAM_* bit of the params key */
	bool in_params;			/* depth 2 is the params object */
	unsigned int methods;		/* bit i: mg_stratum_methods[i] seen */
	unsigned int params;		/* MG_PARAM_* keys with string values */
};

static bool mg_stratum_name_is(const struct mg_stratum_name *name,
			       const char *word)
{
	size_t len = strlen(word);

	return name->len == len && !memcmp(name->bytes, word, len);
}

static int mg_stratum_hex(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void mg_stratum_name_add(struct mg_stratum_name *name, u8 c)
{
	if (name->len < MG_STRATUM_NAME_MAX)
		name->bytes[name->len] = c;
	name->len++;
}

/*
 * A string from just past its opening quote to just past its closing one,
 * decoded into @name. Escapes are checked; \u escapes above U+007F become
 * 0xff, which no name contains. Bytes of 0x80 and above pass unchecked.
 */
static enum mg_stratum_tok mg_stratum_string(struct mg_stratum_parser *p,
					     struct mg_stratum_name *name)
{
	unsigned int code, i;
	int digit;
	u8 c;

	name->len = 0;
	while (p->pos < p->end) {
		c = p->buf[p->pos++];
		if (c == '"')
			return MG_TOK_OK;
		if (c < 0x20)
			return MG_TOK_BAD;
		if (c != '\\') {
			mg_stratum_name_add(name, c);
			continue;
		}
		if (p->pos >= p->end)
			return MG_TOK_MORE;
		c = p->buf[p->pos++];
		switch (c) {
		case '"':
		case '\\':
		case '/':
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'u':
			code = 0;
			for (i = 0; i < 4; i++) {
				if (p->pos >= p->end)
					return MG_TOK_MORE;
				digit = mg_stratum_hex(p->buf[p->pos++]);
				if (digit < 0)
					return MG_TOK_BAD;
				code = code << 4 | digit;
			}
			c = code < 0x80 ? code : 0xff;
			break;
		default:
			return MG_TOK_BAD;
		}
		mg_stratum_name_add(name, c);
	}
	return MG_TOK_MORE;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, from its first byte. */
static enum mg_stratum_tok mg_stratum_number(struct mg_stratum_parser *p)
{
	enum {
		MG_NUM_START, MG_NUM_MINUS, MG_NUM_ZERO, MG_NUM_INT,
		MG_NUM_DOT, MG_NUM_FRAC, MG_NUM_E, MG_NUM_E_SIGN, MG_NUM_EXP,
		MG_NUM_END,
	} state = MG_NUM_START, next;
	bool digit;
	u8 c;

	while (p->pos < p->end) {
		c = p->buf[p->pos];
		digit = c >= '0' && c <= '9';
		next = MG_NUM_END;
		switch (state) {
		case MG_NUM_START:
		case MG_NUM_MINUS:
			if (c == '-' && state == MG_NUM_START)
				next = MG_NUM_MINUS;
			else if (c == '0')
				next = MG_NUM_ZERO;
			else if (digit)
				next = MG_NUM_INT;
			break;
		case MG_NUM_ZERO:
		case MG_NUM_INT:
		case MG_NUM_FRAC:
			if (digit && state != MG_NUM_ZERO)
				next = state;
			else if (c == '.' && state != MG_NUM_FRAC)
				next = MG_NUM_DOT;
			else if (c == 'e' || c == 'E')
				next = MG_NUM_E;
			break;
		case MG_NUM_DOT:
			if (digit)
				next = MG_NUM_FRAC;
			break;
		case MG_NUM_E:
		case MG_NUM_E_SIGN:
		case MG_NUM_EXP:
			if ((c == '+' || c == '-') && state == MG_NUM_E)
				next = MG_NUM_E_SIGN;
			else if (digit)
				next = MG_NUM_EXP;
			break;
		case MG_NUM_END:
			break;
		}
		if (next == MG_NUM_END)
			return state == MG_NUM_ZERO || state == MG_NUM_INT ||
			       state == MG_NUM_FRAC || state == MG_NUM_EXP ?
			       MG_TOK_OK : MG_TOK_BAD;
		state = next;
		p->pos++;
	}
	return MG_TOK_MORE;
}

static enum mg_stratum_tok mg_stratum_literal(struct mg_stratum_parser *p,
					      const char *word)
{
	for (; *word; word++, p->pos++) {
		if (p->pos >= p->end)
			return MG_TOK_MORE;
		if (p->buf[p->pos] != (u8)*word)
			return MG_TOK_BAD;
	}
	return MG_TOK_OK;
}

static bool mg_stratum_decided(const struct mg_stratum_parser *p)
{
	const struct mg_stratum_word *m;

	for (m = mg_stratum_methods; m->name; m++)
		if ((p->methods & (1U << (m - mg_stratum_methods))) &&
		    (p->params & m->bits) == m->bits)
			return true;
	return false;
}

/* A top-level "method" value: true if it decides YES now. */
static bool mg_stratum_method(struct mg_stratum_parser *p,
			      const struct mg_stratum_name *name)
{
	size_t len = strlen(MG_STRATUM_MINING);
	const struct mg_stratum_word *m;

	if (name->len > len && !memcmp(name->bytes, MG_STRATUM_MINING, len))
		return true;
	for (m = mg_stratum_methods; m->name; m++) {
		if (mg_stratum_name_is(name, m->name)) {
			p->methods |= 1U << (m - mg_stratum_methods);
			break;
		}
	}
	return mg_stratum_decided(p);
}

static unsigned int mg_stratum_param(const struct mg_stratum_name *name)
{
	const struct mg_stratum_word *w;

	for (w = mg_stratum_params; w->name; w++)
		if (mg_stratum_name_is(name, w->name))
			return w->bits;
	return 0;
}

static bool mg_stratum_in_object(const struct mg_stratum_parser *p)
{
	return p->objects & (1U << (p->depth - 1));
}

/* A key of the container at the current depth, just read. */
static void mg_stratum_key(struct mg_stratum_parser *p,
			   const struct mg_stratum_name *name)
{
	if (p->depth == 1) {
		if (mg_stratum_name_is(name, "method"))
			p->top_key = MG_TOP_METHOD;
		else if (mg_stratum_name_is(name, "params"))
			p->top_key = MG_TOP_PARAMS;
		else
			p->top_key = MG_TOP_OTHER;
	} else if (p->depth == 2 && p->in_params) {
		p->param_key = mg_stratum_param(name);
	}
}

/* A string value, just read: true if it decides YES now. */
static bool mg_stratum_string_value(struct mg_stratum_parser *p,
				    const struct mg_stratum_name *name)
{
	if (p->depth == 1 && p->top_key == MG_TOP_METHOD)
		return mg_stratum_method(p, name);
	if (p->depth == 2 && p->in_params && p->param_key) {
		p->params |= p->param_key;
		return mg_stratum_decided(p);
	}
	return false;
}

/* A '{' or '[' where a value may start: false if nested too deep. */
static bool mg_stratum_open(struct mg_stratum_parser *p, u8 c)
{
	if (p->depth >= MG_STRATUM_MAX_DEPTH)
		return false;
	p->depth++;
	if (c == '{')
		p->objects |= 1U << (p->depth - 1);
	else
		p->objects &= ~(1U << (p->depth - 1));
	/* Depth 2 only opens as the value of a top-level key. */
	if (p->depth == 2)
		p->in_params = c == '{' && p->top_key == MG_TOP_PARAMS;
	return true;
}

/* A value starting with @c at p->pos: sets *@yes if it decides YES. */
static enum mg_stratum_tok mg_stratum_value(struct mg_stratum_parser *p, u8 c,
					    bool *yes)
{
	struct mg_stratum_name name;
	enum mg_stratum_tok tok;

	switch (c) {
	case '"':
		p->pos++;
		tok = mg_stratum_string(p, &name);
		if (tok == MG_TOK_OK)
			*yes = mg_stratum_string_value(p, &name);
		return tok;
	case 't':
		return mg_stratum_literal(p, "true");
	case 'f':
		return mg_stratum_literal(p, "false");
	case 'n':
		return mg_stratum_literal(p, "null");
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return mg_stratum_number(p);
	return MG_TOK_BAD;
}

/**
 * mg_stratum_classify() - is this the start of a stratum connection?
 * @buf: the first bytes a TCP connection sent; may be NULL if @len is 0
 * @len: number of bytes in @buf; only the first MG_STRATUM_MAX_PREFIX count
 *
 * Return: MG_STRATUM_YES or MG_STRATUM_NO, final for any longer input that
 * starts with these bytes, or MG_STRATUM_MORE when @len is below
 * MG_STRATUM_MAX_PREFIX and the bytes are a prefix that does not decide
 * yet. stratum.h states the rules.
 */
enum mg_stratum_verdict mg_stratum_classify(const void *buf, unsigned int len)
{
	struct mg_stratum_parser p = {
		.buf = buf,
		.end = len < MG_STRATUM_MAX_PREFIX ? len : MG_STRATUM_MAX_PREFIX,
	};
	enum mg_stratum_state state = MG_ST_START;
	struct mg_stratum_name name;
	enum mg_stratum_tok tok;
	bool yes = false;
	u8 c;

	while (p.pos < p.end) {
		c = p.buf[p.pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p.pos++;
			continue;
		}
		if (state == MG_ST_KEY_OR_CLOSE && c != '}')
			state = MG_ST_KEY;
		else if (state == MG_ST_VALUE_OR_CLOSE && c != ']')
			state = MG_ST_VALUE;

		switch (state) {
		case MG_ST_START:
			if (c != '{')
				return MG_STRATUM_NO;
			p.pos++;
			mg_stratum_open(&p, c);
			state = MG_ST_KEY_OR_CLOSE;
			continue;
		case MG_ST_KEY:
			if (c != '"')
				return MG_STRATUM_NO;
			p.pos++;
			tok = mg_stratum_string(&p, &name);
			if (tok != MG_TOK_OK)
				goto out;
			mg_stratum_key(&p, &name);
			state = MG_ST_COLON;
			continue;
		case MG_ST_COLON:
			if (c != ':')
				return MG_STRATUM_NO;
			p.pos++;
			state = MG_ST_VALUE;
			continue;
		case MG_ST_VALUE:
			if (c == '{' || c == '[') {
				p.pos++;
				if (!mg_stratum_open(&p, c))
					return MG_STRATUM_NO;
				state = c == '{' ? MG_ST_KEY_OR_CLOSE :
						   MG_ST_VALUE_OR_CLOSE;
				continue;
			}
			tok = mg_stratum_value(&p, c, &yes);
			if (yes)
				return MG_STRATUM_YES;
			if (tok != MG_TOK_OK)
				goto out;
			state = MG_ST_NEXT;
			continue;
		case MG_ST_NEXT:
			if (c == ',') {
				p.pos++;
				state = mg_stratum_in_object(&p) ?
					MG_ST_KEY : MG_ST_VALUE;
				continue;
			}
			break;
		case MG_ST_KEY_OR_CLOSE:
		case MG_ST_VALUE_OR_CLOSE:
			break;
		}

		/* A closing bracket, which must match the innermost container. */
		if (c != (mg_stratum_in_object(&p) ? '}' : ']'))
			return MG_STRATUM_NO;
		p.pos++;
		p.depth--;
		/* The first object closed without a stratum method. */
		if (!p.depth)
			return MG_STRATUM_NO;
		if (p.depth == 1)
			p.in_params = false;
		state = MG_ST_NEXT;
	}
	tok = MG_TOK_MORE;
out:
	if (tok == MG_TOK_BAD)
		return MG_STRATUM_NO;
	return len < MG_STRATUM_MAX_PREFIX ? MG_STRATUM_MORE : MG_STRATUM_NO;
}
