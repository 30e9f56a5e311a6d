/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/types.h>, so pure module
 * sources (module/parse.c) build and run as host unit tests.
 */
#ifndef MG_SHIM_LINUX_TYPES_H
#define MG_SHIM_LINUX_TYPES_H

/* The real uapi header: __u32 and friends for uapi headers. */
#include_next <linux/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#endif /* MG_SHIM_LINUX_TYPES_H */
