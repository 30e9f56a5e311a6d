/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hashing-instruction density of a window of x86-64 user code.
 *
 * The sampler hands over the bytes at an interrupted user instruction
 * pointer. mg_hashinsn_scan() decodes instruction lengths forward from the
 * first byte (64-bit mode: legacy prefixes, REX, the one-byte, 0F, 0F38 and
 * 0F3A maps, VEX, EVEX and XOP) and stops at the end of the window, at an
 * instruction the window cuts short, or at bytes it cannot decode.
 *
 * Only the straight-line path from the first byte is classified: it ends
 * after the first return, jump, trap or backward conditional branch. A
 * backward branch closes the loop the sample landed in, and whatever
 * follows a jump or a loop is not what the CPU was busy with.
 *
 * Each instruction on the path falls in one class below. The density is the
 * weighted sum of the path's classes over the instructions that count, in
 * percent:
 *
 *   density = min(100, sum(count[class] * weight[class]) / counted)
 *
 * where counted is the path less its register copies, and a weight of 100
 * means "this instruction is all hashing":
 *
 *  - AES, VAES, SHA, CLMUL: MG_HASHINSN_WEIGHT_CRYPTO = 400. One of these
 *    does the work of dozens of ordinary instructions, and a loop built
 *    around them still needs loads, stores, key and counter handling: one
 *    in four counted instructions already reads as 100 %. An isolated AES
 *    round in ordinary code (a hash table keyed with AESENC, as Go's
 *    aeshash and Rust's ahash do) weighs 400 / counted, below the
 *    threshold unless the sample lands within a few instructions of it.
 *  - ROTATE: MG_HASHINSN_WEIGHT_ROTATE = 100. Rotates are the signature of
 *    ARX hashes (SHA-2, Salsa20/ChaCha, BLAKE, MD5) and rare elsewhere.
 *    Vector code without a rotate instruction (SSE2, AVX2) shifts a lane
 *    left by n and a copy right by width - n: such a pair of shifts by
 *    immediate counts as two rotates.
 *  - SHIFT, LOGIC, ADD, SHUFFLE: MG_HASHINSN_WEIGHT_ARITH = 50. Hash
 *    rounds are mostly these, but so is much ordinary code, so they count
 *    as half an instruction: without rotate or crypto instructions a window
 *    must be at least 80 % such arithmetic to reach the default threshold.
 *    LEA of two registers at scale 1 into a 32-bit register is how
 *    compilers write a three-operand 32-bit add: ADD. Immediate forms count
 *    only for ADD and XOR of a 32-bit constant (a hash constant); 8-bit
 *    immediates are counters and pointer bumps, AND and OR immediates
 *    masks, and a constant added to RSP a stack frame.
 *  - OTHER: 0. Loads, stores, compares, tests, branches, calls, string
 *    instructions, other LEAs, multiplications, subtractions, conversions.
 *  - MOVE: not counted at all. Register-to-register copies (MOV, MOVDQA,
 *    MOVAPS and their VEX/EVEX forms) and zeroing idioms (XOR, PXOR,
 *    XORPS of a register with itself) are handled at register renaming on
 *    current cores, and copies are an artefact of two-operand encodings:
 *    the SSE2 and AVX2 builds of one loop should score alike.
 *
 * MG_HASHINSN_DEFAULT_THRESHOLD_PCT is 40: in the test vectors every
 * hashing loop compiled by gcc (scalar, SSE2 and AVX2 SHA-256, scalar and
 * SSE2 Salsa20/8, AES-NI, VAES, SHA-NI, PCLMULQDQ) scores 51 % or more
 * from its first instruction, every ordinary loop (copies, fills, string
 * scans, LZ77 matching, sorting, list walking, arithmetic, a lookup with a
 * one-off AES round) 18 % or less. Over whole binaries, of the windows
 * starting at every instruction of Debian 12's libc, zlib, zstd and xz at
 * most 0.07 % reach it; of liblzma's 4.6 %, nearly all in its PCLMULQDQ
 * CRC64; of python3.11's 1.5 %, in its built-in MD5, SHA and BLAKE2.
 *
 * Limits: the classifier sees instruction shapes, not data flow. Other
 * bit-mixing code (CRCs with PCLMULQDQ, PRNGs, MD5 or SipHash in a
 * runtime, a 16-bit byte swap written as ROL) looks like hashing, and a
 * hash written with table lookups or multiplications does not. A window
 * that starts at a loop's last instructions is short and scores by those
 * alone; one that starts before a call does not see the callee. JIT code
 * (RandomX) is seen like any other code.
 *
 * Pure code: no allocation, locks or clocks. Work is bounded by the window,
 * at most MG_HASHINSN_MAX_WINDOW bytes, and nothing past @len is read.
 */
#ifndef _MG_HASHINSN_H
#define _MG_HASHINSN_H

#include <linux/types.h>

enum {
	MG_HASHINSN_WEIGHT_CRYPTO = 400,
	MG_HASHINSN_WEIGHT_ROTATE = 100,
	MG_HASHINSN_WEIGHT_ARITH = 50,
	MG_HASHINSN_DEFAULT_THRESHOLD_PCT = 40,
	/* Bytes past this are ignored; keeps every count in a u16. */
	MG_HASHINSN_MAX_WINDOW = 4096,
};

enum mg_hashinsn_class {
	/* not hash arithmetic, see above */
	MG_HASHINSN_OTHER,
	/* register copies and zeroing idioms: not counted */
	MG_HASHINSN_MOVE,
	/* AES-NI, legacy SSE encoding */
	MG_HASHINSN_AES,
	/* AES rounds in VEX or EVEX encoding */
	MG_HASHINSN_VAES,
	/* SHA-NI, VEX SHA512 */
	MG_HASHINSN_SHA,
	/* PCLMULQDQ, VPCLMULQDQ */
	MG_HASHINSN_CLMUL,
	/*
	 * ROL, ROR, RORX, SHLD, SHRD, VPROL*, VPROR*, VPSHLD*, VPSHRD*, XOP
	 * VPROT*, and vector shift pairs that make a rotate
	 */
	MG_HASHINSN_ROTATE,
	/* SHL, SHR, SAR, SHLX, SHRX, SARX, PSLL*, PSRL*, PSRA*, VPS*V* */
	MG_HASHINSN_SHIFT,
	/*
	 * XOR, OR, AND, ANDN, NOT, PXOR, POR, PAND, PANDN, XORPS, ORPS,
	 * ANDPS, ANDNPS, VPTERNLOG*
	 */
	MG_HASHINSN_LOGIC,
	/* ADD, 32-bit LEA of two registers, PADDB, PADDW, PADDD, PADDQ */
	MG_HASHINSN_ADD,
	/*
	 * PSHUFB, PSHUFD, PSHUFHW, PSHUFLW, PALIGNR, SHUFPS, PSLLDQ, PSRLDQ,
	 * VPERMD, VPERMQ, VPERM2I128, VPERM2F128
	 */
	MG_HASHINSN_SHUFFLE,
	MG_HASHINSN_NR_CLASSES,
};

/* Why decoding stopped. */
enum mg_hashinsn_stop {
	MG_HASHINSN_STOP_END,	/* the last instruction ends the window */
	MG_HASHINSN_STOP_CUT,	/* the window ends inside an instruction */
	MG_HASHINSN_STOP_BAD,	/* bytes that are no instruction we know */
};

/*
 * Invariant: the sum of by_class[] is path, and
 * path <= insns <= bytes <= min(len, MG_HASHINSN_MAX_WINDOW).
 */
struct mg_hashinsn_counts {
	u16 insns;	/* instructions decoded from the first byte */
	u16 bytes;	/* bytes those instructions cover */
	u16 path;	/* of them, on the straight-line path: classified */
	u8 stop;	/* enum mg_hashinsn_stop */
	u16 by_class[MG_HASHINSN_NR_CLASSES];	/* path instructions */
};

void mg_hashinsn_scan(const u8 *code, unsigned int len,
		      struct mg_hashinsn_counts *out);
unsigned int mg_hashinsn_density_pct(const struct mg_hashinsn_counts *c);
bool mg_hashinsn_is_hashing(const struct mg_hashinsn_counts *c,
			    unsigned int threshold_pct);

#endif /* _MG_HASHINSN_H */
