// SPDX-License-Identifier: GPL-2.0
/*
 * Hashing-instruction density of a window of x86-64 user code; hashinsn.h
 * explains the classes, the weights and the limits.
 *
 * Pure code: no locks, clocks, allocation or hooks, so the same file is
 * compiled into the module, the KUnit suites, the host unit tests and the
 * fuzz harness. The kernel's own decoder (insn_decode) is not exported.
 *
 * References: Intel SDM volume 2, appendix A (opcode maps) and chapter 2
 * (instruction format, VEX, EVEX); AMD APM volume 3 (XOP).
 */
#include <linux/types.h>
#include <linux/string.h>
#include "hashinsn.h"

/* The architectural limit; longer is an exception, so not code. */
#define MG_HASHINSN_MAX_INSN 15

/*
 * What follows the opcode byte, per opcode: whether a ModRM byte does (and
 * with it SIB and displacement), and the immediate's size. One byte per
 * opcode, laid out like the SDM's opcode tables, eight opcodes a line.
 */
#define H_IMM_MASK	0x0f
#define H_NO	0x00	/* neither ModRM nor immediate */
#define H_IB	0x01	/* imm8 or rel8 */
#define H_IW	0x02	/* imm16 */
#define H_IZ	0x03	/* imm16 with a 66 prefix and no REX.W, else imm32 */
#define H_IV	0x04	/* imm64 with REX.W, imm16 with 66, else imm32 */
#define H_ID	0x05	/* imm32, rel32: near branches ignore 66 in 64-bit mode */
#define H_AO	0x06	/* moffs: 8 bytes, 4 with a 67 prefix */
#define H_EN	0x07	/* ENTER: imm16 then imm8 */
#define H_MR	0x10	/* ModRM follows */
#define H_G3	0x20	/* TEST group: the immediate only for /0 and /1 */
#define H_XX	0x40	/* invalid in 64-bit mode */
#define H_PF	H_XX	/* prefix or escape: consumed before the tables */
#define H_MB	(H_MR | H_IB)
#define H_MZ	(H_MR | H_IZ)

static const u8 mg_hashinsn_onebyte[256] = {
	/* 00 ADD, 06/07 PUSH/POP ES; 08 OR, 0F escape */
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_XX, H_XX,
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_XX, H_PF,
	/* 10 ADC; 18 SBB */
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_XX, H_XX,
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_XX, H_XX,
	/* 20 AND, 26 ES:, 27 DAA; 28 SUB, 2E CS:, 2F DAS */
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_PF, H_XX,
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_PF, H_XX,
	/* 30 XOR, 36 SS:, 37 AAA; 38 CMP, 3E DS:, 3F AAS */
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_PF, H_XX,
	H_MR, H_MR, H_MR, H_MR, H_IB, H_IZ, H_PF, H_XX,
	/* 40 REX */
	H_PF, H_PF, H_PF, H_PF, H_PF, H_PF, H_PF, H_PF,
	H_PF, H_PF, H_PF, H_PF, H_PF, H_PF, H_PF, H_PF,
	/* 50 PUSH; 58 POP */
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO,
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO,
	/* 60 PUSHA, POPA, EVEX, MOVSXD, FS:, GS:, 66, 67 */
	H_XX, H_XX, H_PF, H_MR, H_PF, H_PF, H_PF, H_PF,
	/* 68 PUSH, IMUL, PUSH, IMUL, INS, INS, OUTS, OUTS */
	H_IZ, H_MZ, H_IB, H_MB, H_NO, H_NO, H_NO, H_NO,
	/* 70 Jcc rel8 */
	H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB,
	H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB,
	/* 80 group 1, TEST, XCHG; 88 MOV, LEA, MOV Sreg, POP (8F: or XOP) */
	H_MB, H_MZ, H_XX, H_MB, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 90 NOP, XCHG; 98 CBW, CWD, CALLF, FWAIT, PUSHF, POPF, SAHF, LAHF */
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO,
	H_NO, H_NO, H_XX, H_NO, H_NO, H_NO, H_NO, H_NO,
	/* A0 MOV moffs, MOVS, CMPS; A8 TEST, STOS, LODS, SCAS */
	H_AO, H_AO, H_AO, H_AO, H_NO, H_NO, H_NO, H_NO,
	H_IB, H_IZ, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO,
	/* B0 MOV r8, imm8; B8 MOV r, imm */
	H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB,
	H_IV, H_IV, H_IV, H_IV, H_IV, H_IV, H_IV, H_IV,
	/* C0 group 2, RET imm, RET, VEX3, VEX2, MOV imm (and XABORT/XBEGIN) */
	H_MB, H_MB, H_IW, H_NO, H_PF, H_PF, H_MB, H_MZ,
	/* C8 ENTER, LEAVE, RETF imm, RETF, INT3, INT, INTO, IRET */
	H_EN, H_NO, H_IW, H_NO, H_NO, H_IB, H_XX, H_NO,
	/* D0 group 2, AAM, AAD, SALC, XLAT; D8 x87 */
	H_MR, H_MR, H_MR, H_MR, H_XX, H_XX, H_XX, H_NO,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* E0 LOOPNE, LOOPE, LOOP, JRCXZ, IN, IN, OUT, OUT */
	H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB, H_IB,
	/* E8 CALL, JMP, JMPF, JMP rel8, IN, IN, OUT, OUT */
	H_ID, H_ID, H_XX, H_IB, H_NO, H_NO, H_NO, H_NO,
	/* F0 LOCK, INT1, F2, F3, HLT, CMC, group 3 */
	H_PF, H_NO, H_PF, H_PF, H_NO, H_NO, H_MR | H_G3 | H_IB,
	H_MR | H_G3 | H_IZ,
	/* F8 CLC, STC, CLI, STI, CLD, STD, group 4, group 5 */
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_MR, H_MR,
};

/* The 0F map; VEX and EVEX map 1 use it too. 0F 38 and 0F 3A escape. */
static const u8 mg_hashinsn_0f[256] = {
	/* 00 groups 6 and 7, LAR, LSL, -, SYSCALL, CLTS, SYSRET */
	H_MR, H_MR, H_MR, H_MR, H_XX, H_NO, H_NO, H_NO,
	/* 08 INVD, WBINVD, -, UD2, -, PREFETCH, FEMMS, 3DNow! (imm8 last) */
	H_NO, H_NO, H_XX, H_NO, H_XX, H_MR, H_NO, H_MB,
	/* 10 SSE moves; 18 hints, NOP, ENDBR64 */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 20 MOV CR/DR; 28 SSE moves, conversions, compares */
	H_MR, H_MR, H_MR, H_MR, H_XX, H_XX, H_XX, H_XX,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 30 WRMSR, RDTSC, RDMSR, RDPMC, SYSENTER, SYSEXIT, -, GETSEC */
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_XX, H_NO,
	/* 38 escape, -, escape, - */
	H_PF, H_XX, H_PF, H_XX, H_XX, H_XX, H_XX, H_XX,
	/* 40 CMOVcc */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 50 SSE arithmetic */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 60 MMX/SSE2 unpack, pack, compare */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* 70 PSHUF*, shift groups 12-14, PCMPEQ*, EMMS/VZEROUPPER */
	H_MB, H_MB, H_MB, H_MB, H_MR, H_MR, H_MR, H_NO,
	/* 78 VMREAD, VMWRITE, -, -, HADD, HSUB, MOVD/MOVQ */
	H_MR, H_MR, H_XX, H_XX, H_MR, H_MR, H_MR, H_MR,
	/* 80 Jcc rel32 */
	H_ID, H_ID, H_ID, H_ID, H_ID, H_ID, H_ID, H_ID,
	H_ID, H_ID, H_ID, H_ID, H_ID, H_ID, H_ID, H_ID,
	/* 90 SETcc */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* A0 PUSH FS, POP FS, CPUID, BT, SHLD imm, SHLD CL, -, - */
	H_NO, H_NO, H_NO, H_MR, H_MB, H_MR, H_XX, H_XX,
	/* A8 PUSH GS, POP GS, RSM, BTS, SHRD imm, SHRD CL, group 15, IMUL */
	H_NO, H_NO, H_NO, H_MR, H_MB, H_MR, H_MR, H_MR,
	/* B0 CMPXCHG, LSS, BTR, LFS, LGS, MOVZX; B8 POPCNT, UD1, group 8 */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MB, H_MR, H_MR, H_MR, H_MR, H_MR,
	/* C0 XADD, CMPPS, MOVNTI, PINSRW, PEXTRW, SHUFPS, group 9 */
	H_MR, H_MR, H_MB, H_MR, H_MB, H_MB, H_MB, H_MR,
	/* C8 BSWAP */
	H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO, H_NO,
	/* D0 to FF MMX/SSE2 arithmetic, FF UD0 */
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
	H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR, H_MR,
};

/* How an instruction was encoded, and its opcode map. */
enum {
	ENC_LEGACY,
	ENC_VEX,
	ENC_EVEX,
	ENC_XOP,
};

enum {
	MAP_ONEBYTE,
	MAP_0F,
	MAP_0F38,
	MAP_0F3A,
	MAP_EVEX5 = 5,		/* AVX512-FP16 */
	MAP_EVEX6 = 6,
	MAP_XOP8 = 8,
	MAP_XOP9 = 9,
	MAP_XOPA = 10,
};

/* Mandatory prefix, numbered as in VEX.pp. */
enum {
	PP_NONE,
	PP_66,
	PP_F3,
	PP_F2,
};

/* What the classifier needs of a decoded instruction. */
struct mg_hashinsn_insn {
	u8 enc;
	u8 map;
	u8 op;
	u8 pp;
	u8 modrm;	/* 0 without one */
	u8 sib;		/* 0 without one */
	u8 imm8;	/* the first immediate byte */
	u8 reg;		/* ModRM.reg with REX.R (and EVEX.R'), 0-31 */
	u8 rm;		/* ModRM.rm with REX.B (and EVEX.X) when mod is 3 */
	u8 vvvv;	/* VEX/EVEX/XOP extra source register, 0-31 */
	bool w;		/* REX.W, VEX.W or EVEX.W */
	bool opsize16;	/* 66 prefix */
	bool index;	/* the memory operand has an index register */
	bool masked;	/* EVEX opmask: merges or zeroes, not a copy */
	bool backward;	/* a relative branch whose target lies before it */
};

/* Decoder results other than a length. */
#define DEC_CUT	(-1)
#define DEC_BAD	(-2)

static int mg_hashinsn_need(unsigned int end, unsigned int avail)
{
	if (end > MG_HASHINSN_MAX_INSN)
		return DEC_BAD;
	if (end > avail)
		return DEC_CUT;
	return 0;
}

static s32 mg_hashinsn_rel32(const u8 *p)
{
	return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
		     (u32)p[3] << 24);
}

/*
 * VEX (C4, C5), EVEX (62) and XOP (8F) headers after any segment or 67
 * prefixes: sets the fields they carry and returns the index of the opcode
 * byte, or a DEC_ code.
 */
static int mg_hashinsn_vex(const u8 *p, unsigned int i, unsigned int avail,
			   struct mg_hashinsn_insn *in)
{
	u8 lead = p[i], p0, p1, p2;
	int err;

	if (lead == 0xc5) {
		err = mg_hashinsn_need(i + 2, avail);
		if (err)
			return err;
		p0 = p[i + 1];
		in->enc = ENC_VEX;
		in->map = MAP_0F;
		in->reg = p0 & 0x80 ? 0 : 8;
		in->vvvv = (~p0 >> 3) & 15;
		in->pp = p0 & 3;
		return i + 2;
	}
	if (lead == 0xc4 || lead == 0x8f) {
		err = mg_hashinsn_need(i + 3, avail);
		if (err)
			return err;
		p0 = p[i + 1];
		p1 = p[i + 2];
		in->enc = lead == 0xc4 ? ENC_VEX : ENC_XOP;
		in->map = p0 & 0x1f;
		if (lead == 0xc4 ? in->map < MAP_0F || in->map > MAP_0F3A
				 : in->map < MAP_XOP8 || in->map > MAP_XOPA)
			return DEC_BAD;
		in->reg = p0 & 0x80 ? 0 : 8;
		in->rm = p0 & 0x20 ? 0 : 8;
		in->w = p1 & 0x80;
		in->vvvv = (~p1 >> 3) & 15;
		in->pp = p1 & 3;
		return i + 3;
	}
	/* EVEX: 62 P0 P1 P2; P1 bit 2 is always set. */
	err = mg_hashinsn_need(i + 4, avail);
	if (err)
		return err;
	p0 = p[i + 1];
	p1 = p[i + 2];
	p2 = p[i + 3];
	in->enc = ENC_EVEX;
	in->map = p0 & 7;
	if (!(p1 & 0x04) || (p0 & 0x08) ||
	    !(in->map == MAP_0F || in->map == MAP_0F38 ||
	      in->map == MAP_0F3A || in->map == MAP_EVEX5 ||
	      in->map == MAP_EVEX6))
		return DEC_BAD;
	in->reg = (p0 & 0x80 ? 0 : 8) | (p0 & 0x10 ? 0 : 16);
	/* With a register operand, EVEX.X extends ModRM.rm. */
	in->rm = (p0 & 0x20 ? 0 : 8) | (p0 & 0x40 ? 0 : 16);
	in->w = p1 & 0x80;
	in->vvvv = ((~p1 >> 3) & 15) | (p2 & 0x08 ? 0 : 16);
	in->masked = p2 & 7;
	in->pp = p1 & 3;
	return i + 4;
}

/* LOCK, REP/REPNE, segment overrides (branch hints), 66, 67 */
static bool mg_hashinsn_legacy_prefix(u8 b)
{
	switch (b) {
	case 0xf0:
	case 0xf2:
	case 0xf3:
	case 0x26:
	case 0x2e:
	case 0x36:
	case 0x3e:
	case 0x64:
	case 0x65:
	case 0x66:
	case 0x67:
		return true;
	}
	return false;
}

/* Flags of the opcode in @in: ModRM and immediate, as in the tables. */
static u8 mg_hashinsn_flags(const struct mg_hashinsn_insn *in)
{
	u8 flags;

	switch (in->map) {
	case MAP_ONEBYTE:
		return mg_hashinsn_onebyte[in->op];
	case MAP_0F:
		flags = mg_hashinsn_0f[in->op];
		/* VEX map 1 has no opcode without ModRM but VZEROUPPER. */
		if (in->enc != ENC_LEGACY && !(flags & H_MR) && in->op != 0x77)
			return H_XX;
		return flags;
	case MAP_0F3A:
	case MAP_XOP8:
		return H_MB;
	case MAP_XOPA:
		return H_MR | H_ID;
	default:
		/* 0F38, EVEX maps 5 and 6, XOP map 9 */
		return H_MR;
	}
}

/*
 * Decode the length of the instruction at @p, with @avail bytes readable.
 * Returns the length and fills @in, or DEC_CUT if @avail ends inside the
 * instruction, or DEC_BAD.
 */
static int mg_hashinsn_decode(const u8 *p, unsigned int avail,
			      struct mg_hashinsn_insn *in)
{
	bool opsize16 = false, addr32 = false, vex_illegal = false;
	unsigned int i, imm = 0, disp = 0, start;
	u8 b, flags, rex = 0, mod;
	int err;

	memset(in, 0, sizeof(*in));
	for (i = 0;; i++) {
		err = mg_hashinsn_need(i + 1, avail);
		if (err)
			return err;
		b = p[i];
		if ((b & 0xf0) == 0x40) {
			rex = b;
			continue;
		}
		if (!mg_hashinsn_legacy_prefix(b))
			break;
		/* REX counts only right before the opcode. */
		rex = 0;
		if (b == 0x66) {
			opsize16 = true;
			if (in->pp == PP_NONE)
				in->pp = PP_66;
		} else if (b == 0xf2 || b == 0xf3) {
			/* The last of F2 and F3 wins, and either beats 66. */
			in->pp = b == 0xf3 ? PP_F3 : PP_F2;
		} else if (b == 0x67) {
			addr32 = true;
		}
		if (b == 0x66 || b == 0xf2 || b == 0xf3 || b == 0xf0)
			vex_illegal = true;
	}

	if (b == 0xc4 || b == 0xc5 || b == 0x62 ||
	    (b == 0x8f && i + 1 < avail && (p[i + 1] & 0x1f) >= MAP_XOP8)) {
		if (rex || vex_illegal)
			return DEC_BAD;
		err = mg_hashinsn_vex(p, i, avail, in);
		if (err < 0)
			return err;
		i = err;
	} else {
		in->reg = rex & 0x04 ? 8 : 0;
		in->rm = rex & 0x01 ? 8 : 0;
		in->w = rex & 0x08;
		in->map = MAP_ONEBYTE;
		if (b == 0x0f) {
			err = mg_hashinsn_need(i + 2, avail);
			if (err)
				return err;
			b = p[++i];
			in->map = MAP_0F;
			if (b == 0x38 || b == 0x3a) {
				in->map = b == 0x38 ? MAP_0F38 : MAP_0F3A;
				i++;
			}
		}
	}

	err = mg_hashinsn_need(i + 1, avail);
	if (err)
		return err;
	in->op = p[i++];
	flags = mg_hashinsn_flags(in);
	if (flags & H_XX)
		return DEC_BAD;

	if (flags & H_MR) {
		err = mg_hashinsn_need(i + 1, avail);
		if (err)
			return err;
		in->modrm = p[i++];
		mod = in->modrm >> 6;
		/* MOV to or from CR and DR ignores mod: always registers. */
		if (in->map == MAP_0F && in->op >= 0x20 && in->op <= 0x23)
			mod = 3;
		in->reg |= (in->modrm >> 3) & 7;
		if (mod == 3) {
			in->rm |= in->modrm & 7;
		} else {
			in->rm = 0;
			if ((in->modrm & 7) == 4) {
				err = mg_hashinsn_need(i + 1, avail);
				if (err)
					return err;
				in->sib = p[i++];
				in->index = ((in->sib >> 3) & 7) != 4 ||
					    (rex & 0x02);
				if (mod == 0 && (in->sib & 7) == 5)
					disp = 4;
			} else if (mod == 0 && (in->modrm & 7) == 5) {
				disp = 4;	/* RIP-relative */
			}
			if (mod == 1)
				disp = 1;	/* EVEX scales it; still 1 byte */
			else if (mod == 2)
				disp = 4;
			i += disp;
		}
	}

	switch (flags & H_IMM_MASK) {
	case H_IB:
		imm = 1;
		break;
	case H_IW:
		imm = 2;
		break;
	case H_IZ:
		imm = opsize16 && !in->w ? 2 : 4;
		break;
	case H_IV:
		imm = in->w ? 8 : opsize16 ? 2 : 4;
		break;
	case H_ID:
		imm = 4;
		break;
	case H_AO:
		imm = addr32 ? 4 : 8;
		break;
	case H_EN:
		imm = 3;
		break;
	}
	if ((flags & H_G3) && ((in->modrm >> 3) & 7) > 1)
		imm = 0;
	start = i;
	err = mg_hashinsn_need(i + imm, avail);
	if (err)
		return err;
	if (imm)
		in->imm8 = p[start];
	i += imm;
	in->opsize16 = opsize16;

	/* Relative branches but CALL, which returns to the next one. */
	if (in->enc != ENC_LEGACY)
		return i;
	if (in->map == MAP_ONEBYTE &&
	    ((in->op >= 0x70 && in->op <= 0x7f) ||
	     (in->op >= 0xe0 && in->op <= 0xe3) || in->op == 0xeb))
		in->backward = (s8)p[start] < 0;
	else if ((in->map == MAP_ONEBYTE && in->op == 0xe9) ||
		 (in->map == MAP_0F && in->op >= 0x80 && in->op <= 0x8f))
		in->backward = mg_hashinsn_rel32(p + start) < 0;
	return i;
}

/* Both sources are one register: XOR, PXOR and friends clear it. */
static bool mg_hashinsn_same_sources(const struct mg_hashinsn_insn *in)
{
	if (in->modrm >> 6 != 3)
		return false;
	if (in->enc == ENC_LEGACY)
		return in->reg == in->rm;
	return in->vvvv == in->rm;
}

static enum mg_hashinsn_class
mg_hashinsn_class_onebyte(const struct mg_hashinsn_insn *in)
{
	u8 op = in->op, ext = (in->modrm >> 3) & 7;

	switch (op) {
	case 0x00 ... 0x03:
		return MG_HASHINSN_ADD;
	case 0x30 ... 0x33:
		if (mg_hashinsn_same_sources(in))
			return MG_HASHINSN_MOVE;
		return MG_HASHINSN_LOGIC;
	case 0x88 ... 0x8b:
		return in->modrm >> 6 == 3 ? MG_HASHINSN_MOVE
					   : MG_HASHINSN_OTHER;
	case 0x8d:
		/*
		 * LEA of two registers, scale 1, into a 32-bit register is a
		 * three-operand add (plus a constant): compilers write 32-bit
		 * hash arithmetic that way. Addresses are 64-bit.
		 */
		if (!in->w && !in->opsize16 && in->index && !(in->sib >> 6))
			return MG_HASHINSN_ADD;
		return MG_HASHINSN_OTHER;
	case 0x08 ... 0x0b:
	case 0x20 ... 0x23:
		return MG_HASHINSN_LOGIC;
	/*
	 * Immediates: ADD and XOR of a 32-bit constant mix in a hash
	 * constant. 8-bit ones (80, 83) are counters and pointer bumps, AND
	 * and OR ones masks and flags, and a constant added to RSP is a
	 * stack frame.
	 */
	case 0x05:
		return MG_HASHINSN_ADD;
	case 0x35:
		return MG_HASHINSN_LOGIC;
	case 0x81:
		if (in->modrm >> 6 == 3 && in->rm == 4)
			return MG_HASHINSN_OTHER;
		if (ext == 0)
			return MG_HASHINSN_ADD;
		if (ext == 6)
			return MG_HASHINSN_LOGIC;
		return MG_HASHINSN_OTHER;
	case 0xc0 ... 0xc1:
	case 0xd0 ... 0xd3:
		if (ext <= 1)
			return MG_HASHINSN_ROTATE;
		if (ext >= 4)
			return MG_HASHINSN_SHIFT;
		return MG_HASHINSN_OTHER;	/* RCL, RCR */
	case 0xf6 ... 0xf7:
		return ext == 2 ? MG_HASHINSN_LOGIC : MG_HASHINSN_OTHER;
	}
	return MG_HASHINSN_OTHER;
}

static enum mg_hashinsn_class
mg_hashinsn_class_0f(const struct mg_hashinsn_insn *in)
{
	u8 ext = (in->modrm >> 3) & 7;

	switch (in->op) {
	case 0xa4 ... 0xa5:	/* SHLD */
	case 0xac ... 0xad:	/* SHRD */
		return in->enc == ENC_LEGACY ? MG_HASHINSN_ROTATE
					     : MG_HASHINSN_OTHER;
	case 0xef:		/* PXOR, VPXOR[DQ] */
	case 0x57:		/* XORPS, XORPD */
		if (mg_hashinsn_same_sources(in))
			return MG_HASHINSN_MOVE;
		return MG_HASHINSN_LOGIC;
	case 0x10 ... 0x11:	/* MOVUPS, MOVUPD; MOVSS, MOVSD merge */
	case 0x28 ... 0x29:	/* MOVAPS, MOVAPD */
	case 0x6f:		/* MOVQ, MOVDQA, MOVDQU, VMOVDQU8/16/32/64 */
	case 0x7f:
		if (in->modrm >> 6 != 3 || in->masked ||
		    (in->op <= 0x11 && in->pp >= PP_F3))
			return MG_HASHINSN_OTHER;
		return MG_HASHINSN_MOVE;
	case 0xdb:		/* PAND */
	case 0xdf:		/* PANDN */
	case 0xeb:		/* POR */
	case 0x54 ... 0x56:	/* ANDPS, ANDNPS, ORPS */
		return MG_HASHINSN_LOGIC;
	case 0xd4:		/* PADDQ */
	case 0xfc ... 0xfe:	/* PADDB, PADDW, PADDD */
		return MG_HASHINSN_ADD;
	case 0xd1 ... 0xd3:	/* PSRLW, PSRLD, PSRLQ by register */
	case 0xe1 ... 0xe2:	/* PSRAW, PSRAD */
	case 0xf1 ... 0xf3:	/* PSLLW, PSLLD, PSLLQ */
		return MG_HASHINSN_SHIFT;
	case 0x70:		/* PSHUFD, PSHUFHW, PSHUFLW, PSHUFW */
	case 0xc6:		/* SHUFPS, SHUFPD */
		return MG_HASHINSN_SHUFFLE;
	case 0x71 ... 0x73:	/* shift groups 12-14, by immediate */
		if (ext == 2 || ext == 4 || ext == 6)
			return MG_HASHINSN_SHIFT;
		if (in->op == 0x73 && (ext == 3 || ext == 7))
			return MG_HASHINSN_SHUFFLE;	/* PSRLDQ, PSLLDQ */
		/* EVEX 72 /0 and /1: VPROLD/Q, VPRORD/Q */
		if (in->op == 0x72 && ext <= 1 && in->enc == ENC_EVEX)
			return MG_HASHINSN_ROTATE;
		return MG_HASHINSN_OTHER;
	}
	return MG_HASHINSN_OTHER;
}

static enum mg_hashinsn_class
mg_hashinsn_class_0f38(const struct mg_hashinsn_insn *in)
{
	bool legacy = in->enc == ENC_LEGACY;

	switch (in->op) {
	case 0x00:		/* PSHUFB */
		return MG_HASHINSN_SHUFFLE;
	case 0xc8 ... 0xcd:
		/* SHA1NEXTE, SHA1MSG1/2, SHA256RNDS2, SHA256MSG1/2 */
		if (legacy && in->pp == PP_NONE)
			return MG_HASHINSN_SHA;
		/* VEX.F2 CB-CD: VSHA512RNDS2, VSHA512MSG1/2 */
		if (in->enc == ENC_VEX && in->pp == PP_F2 && in->op >= 0xcb)
			return MG_HASHINSN_SHA;
		return MG_HASHINSN_OTHER;
	case 0xdb ... 0xdf:	/* AESIMC, AESENC(LAST), AESDEC(LAST) */
		if (in->pp != PP_66)
			return MG_HASHINSN_OTHER;
		return legacy ? MG_HASHINSN_AES : MG_HASHINSN_VAES;
	}
	if (legacy)
		return MG_HASHINSN_OTHER;

	switch (in->op) {
	case 0xf2:		/* ANDN */
		return in->pp == PP_NONE ? MG_HASHINSN_LOGIC
					 : MG_HASHINSN_OTHER;
	case 0xf7:		/* SHLX, SARX, SHRX; BEXTR without prefix */
		return in->pp != PP_NONE ? MG_HASHINSN_SHIFT
					 : MG_HASHINSN_OTHER;
	}
	if (in->pp != PP_66)
		return MG_HASHINSN_OTHER;
	switch (in->op) {
	case 0x45 ... 0x47:	/* VPSRLV, VPSRAV, VPSLLV */
		return MG_HASHINSN_SHIFT;
	case 0x36:		/* VPERMD */
		return MG_HASHINSN_SHUFFLE;
	case 0x14 ... 0x15:	/* EVEX VPRORV, VPROLV */
	case 0x70 ... 0x73:	/* EVEX VPSHLDV, VPSHRDV */
		return in->enc == ENC_EVEX ? MG_HASHINSN_ROTATE
					   : MG_HASHINSN_OTHER;
	}
	return MG_HASHINSN_OTHER;
}

static enum mg_hashinsn_class
mg_hashinsn_class_0f3a(const struct mg_hashinsn_insn *in)
{
	bool legacy = in->enc == ENC_LEGACY;

	switch (in->op) {
	case 0x0f:		/* PALIGNR */
		return MG_HASHINSN_SHUFFLE;
	case 0xcc:		/* SHA1RNDS4 */
		return legacy && in->pp == PP_NONE ? MG_HASHINSN_SHA
						   : MG_HASHINSN_OTHER;
	case 0xf0:		/* RORX */
		return in->enc == ENC_VEX && in->pp == PP_F2 ?
			MG_HASHINSN_ROTATE : MG_HASHINSN_OTHER;
	}
	if (in->pp != PP_66)
		return MG_HASHINSN_OTHER;
	switch (in->op) {
	case 0xdf:		/* AESKEYGENASSIST */
		if (in->enc == ENC_EVEX)
			return MG_HASHINSN_OTHER;
		return legacy ? MG_HASHINSN_AES : MG_HASHINSN_VAES;
	case 0x44:		/* PCLMULQDQ */
		return MG_HASHINSN_CLMUL;
	}
	if (legacy)
		return MG_HASHINSN_OTHER;
	switch (in->op) {
	case 0x00:		/* VPERMQ */
	case 0x06:		/* VPERM2F128 */
	case 0x46:		/* VPERM2I128 */
		return MG_HASHINSN_SHUFFLE;
	case 0x25:		/* VPTERNLOGD/Q */
		return in->enc == ENC_EVEX ? MG_HASHINSN_LOGIC
					   : MG_HASHINSN_OTHER;
	case 0x70 ... 0x73:	/* VPSHLD, VPSHRD */
		return in->enc == ENC_EVEX ? MG_HASHINSN_ROTATE
					   : MG_HASHINSN_OTHER;
	}
	return MG_HASHINSN_OTHER;
}

static enum mg_hashinsn_class
mg_hashinsn_classify(const struct mg_hashinsn_insn *in)
{
	switch (in->map) {
	case MAP_ONEBYTE:
		return mg_hashinsn_class_onebyte(in);
	case MAP_0F:
		return mg_hashinsn_class_0f(in);
	case MAP_0F38:
		return mg_hashinsn_class_0f38(in);
	case MAP_0F3A:
		return mg_hashinsn_class_0f3a(in);
	case MAP_XOP8:		/* VPROTB/W/D/Q by immediate */
		if (in->op >= 0xc0 && in->op <= 0xc3)
			return MG_HASHINSN_ROTATE;
		return MG_HASHINSN_OTHER;
	case MAP_XOP9:		/* VPROT* by register; VPSHL*, VPSHA* */
		if (in->op >= 0x90 && in->op <= 0x93)
			return MG_HASHINSN_ROTATE;
		if (in->op >= 0x94 && in->op <= 0x9b)
			return MG_HASHINSN_SHIFT;
		return MG_HASHINSN_OTHER;
	}
	return MG_HASHINSN_OTHER;
}

/* Control does not fall through to the next instruction (or loops back). */
static bool mg_hashinsn_ends_path(const struct mg_hashinsn_insn *in)
{
	u8 ext = (in->modrm >> 3) & 7;

	if (in->enc != ENC_LEGACY)
		return false;
	if (in->backward)
		return true;
	if (in->map == MAP_0F)
		/* UD2, UD1, UD0 */
		return in->op == 0x0b || in->op == 0xb9 || in->op == 0xff;
	if (in->map != MAP_ONEBYTE)
		return false;
	switch (in->op) {
	case 0xc2 ... 0xc3:	/* RET */
	case 0xca ... 0xcb:	/* RETF */
	case 0xcc:		/* INT3 */
	case 0xcf:		/* IRET */
	case 0xe9:		/* JMP rel32 */
	case 0xeb:		/* JMP rel8 */
	case 0xf1:		/* INT1 */
	case 0xf4:		/* HLT */
		return true;
	case 0xff:		/* JMP, JMPF indirect */
		return ext == 4 || ext == 5;
	}
	return false;
}

/*
 * Vector code without a rotate instruction (SSE2, AVX2) rotates by shifting
 * a copy left by n and another right by width - n. Shift amounts by
 * immediate seen on the path and not yet paired, bit n for n: left and
 * right, for 32-bit and 64-bit lanes.
 */
struct mg_hashinsn_shifts {
	u32 left32, right32;
	u64 left64, right64;
};

/* Whether @in, a vector shift, completes a rotate with an earlier one. */
static bool mg_hashinsn_rotate_pair(struct mg_hashinsn_shifts *s,
				    const struct mg_hashinsn_insn *in)
{
	u8 ext = (in->modrm >> 3) & 7, n = in->imm8;
	u64 *mine, *other;
	u32 width;

	/* PSRLD, PSLLD (72 /2, /6) and PSRLQ, PSLLQ (73 /2, /6) by imm8 */
	if (in->map != MAP_0F || (in->op != 0x72 && in->op != 0x73) ||
	    (ext != 2 && ext != 6))
		return false;
	width = in->op == 0x72 ? 32 : 64;
	if (n == 0 || n >= width)
		return false;
	if (width == 32) {
		u32 *m = ext == 6 ? &s->left32 : &s->right32;
		u32 *o = ext == 6 ? &s->right32 : &s->left32;

		if (*o & (1U << (32 - n))) {
			*o &= ~(1U << (32 - n));
			return true;
		}
		*m |= 1U << n;
		return false;
	}
	mine = ext == 6 ? &s->left64 : &s->right64;
	other = ext == 6 ? &s->right64 : &s->left64;
	if (*other & (1ULL << (64 - n))) {
		*other &= ~(1ULL << (64 - n));
		return true;
	}
	*mine |= 1ULL << n;
	return false;
}

/**
 * mg_hashinsn_scan() - decode and classify a window of user code
 * @code: the bytes, starting at an instruction boundary
 * @len: how many bytes may be read; bytes past MG_HASHINSN_MAX_WINDOW are
 *	ignored
 * @out: the counts; overwritten
 *
 * Reads no byte at or past @code + @len.
 */
void mg_hashinsn_scan(const u8 *code, unsigned int len,
		      struct mg_hashinsn_counts *out)
{
	struct mg_hashinsn_shifts shifts = {};
	enum mg_hashinsn_class class;
	struct mg_hashinsn_insn in;
	bool on_path = true;
	unsigned int pos = 0;
	int ret;

	memset(out, 0, sizeof(*out));
	if (len > MG_HASHINSN_MAX_WINDOW)
		len = MG_HASHINSN_MAX_WINDOW;

	while (pos < len) {
		ret = mg_hashinsn_decode(code + pos, len - pos, &in);
		if (ret < 0) {
			out->stop = ret == DEC_CUT ? MG_HASHINSN_STOP_CUT
						   : MG_HASHINSN_STOP_BAD;
			return;
		}
		pos += ret;
		out->insns++;
		out->bytes = pos;
		if (!on_path)
			continue;
		out->path++;
		class = mg_hashinsn_classify(&in);
		if (class == MG_HASHINSN_SHIFT &&
		    mg_hashinsn_rotate_pair(&shifts, &in)) {
			/* This shift and an earlier one make a rotate. */
			out->by_class[MG_HASHINSN_SHIFT]--;
			out->by_class[MG_HASHINSN_ROTATE]++;
			class = MG_HASHINSN_ROTATE;
		}
		out->by_class[class]++;
		if (mg_hashinsn_ends_path(&in))
			on_path = false;
	}
	out->stop = MG_HASHINSN_STOP_END;
}

static const u16 mg_hashinsn_weight[MG_HASHINSN_NR_CLASSES] = {
	[MG_HASHINSN_OTHER] = 0,
	[MG_HASHINSN_MOVE] = 0,
	[MG_HASHINSN_AES] = MG_HASHINSN_WEIGHT_CRYPTO,
	[MG_HASHINSN_VAES] = MG_HASHINSN_WEIGHT_CRYPTO,
	[MG_HASHINSN_SHA] = MG_HASHINSN_WEIGHT_CRYPTO,
	[MG_HASHINSN_CLMUL] = MG_HASHINSN_WEIGHT_CRYPTO,
	[MG_HASHINSN_ROTATE] = MG_HASHINSN_WEIGHT_ROTATE,
	[MG_HASHINSN_SHIFT] = MG_HASHINSN_WEIGHT_ARITH,
	[MG_HASHINSN_LOGIC] = MG_HASHINSN_WEIGHT_ARITH,
	[MG_HASHINSN_ADD] = MG_HASHINSN_WEIGHT_ARITH,
	[MG_HASHINSN_SHUFFLE] = MG_HASHINSN_WEIGHT_ARITH,
};

/**
 * mg_hashinsn_density_pct() - hashing density of a scanned window
 * @c: counts from mg_hashinsn_scan()
 *
 * Return: 0 to 100, the weighted share of hashing instructions on the
 * window's straight-line path (hashinsn.h has the weights); 0 for an empty
 * path.
 */
unsigned int mg_hashinsn_density_pct(const struct mg_hashinsn_counts *c)
{
	unsigned int i, counted = 0;
	u32 sum = 0;

	/* Sum the classes rather than trust c->path, so any input is safe. */
	for (i = 0; i < MG_HASHINSN_NR_CLASSES; i++) {
		if (i == MG_HASHINSN_MOVE)
			continue;
		counted += c->by_class[i];
		sum += (u32)c->by_class[i] * mg_hashinsn_weight[i];
	}
	if (!counted)
		return 0;
	sum /= counted;
	return sum < 100 ? sum : 100;
}

/**
 * mg_hashinsn_is_hashing() - whether a window counts as a hashing sample
 * @c: counts from mg_hashinsn_scan()
 * @threshold_pct: MG_HASHINSN_DEFAULT_THRESHOLD_PCT or a policy's value
 *
 * Return: true if the window's path has an instruction that counts (not
 * only register copies) and its density is at least @threshold_pct; a
 * threshold of 0 takes every such window, one above 100 none.
 */
bool mg_hashinsn_is_hashing(const struct mg_hashinsn_counts *c,
			    unsigned int threshold_pct)
{
	unsigned int i;

	for (i = 0; i < MG_HASHINSN_NR_CLASSES; i++)
		if (i != MG_HASHINSN_MOVE && c->by_class[i])
			return mg_hashinsn_density_pct(c) >= threshold_pct;
	return false;
}
