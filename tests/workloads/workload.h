/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the workload programs: each program is one file
 * plus this header, so that a guest runs it with nothing else around.
 */
#ifndef MG_WORKLOAD_H
#define MG_WORKLOAD_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* die(FORMAT, ...): prints "PROGRAM: message: strerror(errno)", exits 1. */
#define die(...) wl_die(__FILE__, errno, __VA_ARGS__)

_Noreturn static inline void wl_die(const char *file, int err,
				   const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	exit(1);
}

_Noreturn static inline void wl_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	exit(2);
}

/* A number from the command line, or exit 2 with the usage. */
static inline unsigned long wl_number(const char *arg, const char *usage)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(arg, &end, 0);
	if (errno || end == arg || *end)
		wl_usage(usage);
	return value;
}

/*
 * Writes "mov eax, VALUE; ret" at CODE: the smallest function a JIT can
 * emit that shows it really ran (it returns VALUE).
 */
static inline void wl_emit_return(unsigned char *code, unsigned int value)
{
	code[0] = 0xb8;
	memcpy(code + 1, &value, sizeof(value));
	code[5] = 0xc3;
}

static inline unsigned int wl_call(const unsigned char *code)
{
	return ((unsigned int (*)(void))code)();
}

#endif /* MG_WORKLOAD_H */
