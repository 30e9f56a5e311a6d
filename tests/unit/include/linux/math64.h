/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/math64.h>: the 64-bit divisions
 * pure module sources use, with the kernel's semantics.
 */
#ifndef MG_SHIM_LINUX_MATH64_H
#define MG_SHIM_LINUX_MATH64_H

#include <stdlib.h>
#include <linux/types.h>

static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

/* x86-64 traps when the quotient does not fit u64; so does this. */
static inline u64 mul_u64_u64_div_u64(u64 a, u64 mul, u64 div)
{
	unsigned __int128 q = (unsigned __int128)a * mul / div;

	if (q > UINT64_MAX)
		abort();
	return (u64)q;
}

#endif /* MG_SHIM_LINUX_MATH64_H */
