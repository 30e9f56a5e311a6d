// SPDX-License-Identifier: GPL-2.0
/*
 * miner MODE [options]: a cryptominer for the detection benchmark and the
 * evasion tests. MODE is the proof of work it computes, each with the
 * instruction mix and memory behaviour of a real miner's hot loop (not
 * bit-exact hashes):
 *
 *   randomx      RandomX (Monero, xmrig's rx/0). One region holds a 64 MiB
 *                dataset and a 2 MiB scratchpad per thread, asked for as
 *                1 GB hugetlb pages, then as 2 MB ones, then as plain memory
 *                with madvise(MADV_HUGEPAGE); the threads fill the dataset
 *                with AES rounds. A hash, as in RandomX: the scratchpad
 *                filled by an AES generator (AESDEC and AESENC on four
 *                columns), 8 programs of 2048 VM iterations, the scratchpad
 *                hashed with AESENC and AESDEC rounds. Each program is a
 *                new random x86-64 function (about 500 bytes of loads, add,
 *                xor, imul and ror on eight registers, stores and ret)
 *                written into the thread's 64 KiB read-write-execute
 *                buffer, called every 32 iterations and checked against an
 *                interpreter on its first call. An iteration: a 64-byte
 *                dataset read (prefetched the iteration before); a
 *                scratchpad line through AESENC, AESDEC, AESENC and AESDEC
 *                (like aes-hash; RandomX's own VM has no AES); 64-bit
 *                multiply, high multiply, rotate, xor and add; loads from
 *                the scratchpad's L1 and L2, a store to its L3;
 *                floating-point add, sub, mul, div and sqrt; and CFROUND:
 *                the SSE rounding mode (MXCSR) set from two bits of a
 *                register, on RandomX's base MXCSR.
 *   sha256d      Bitcoin: the double SHA-256 of an 80-byte block header,
 *                nonce after nonce, from the midstate of its first 64
 *                bytes; with SHA-NI if the CPU has it, else unrolled scalar
 *                rounds (rotates, xors and adds). Both are checked on
 *                "abc" at start.
 *   scrypt       Litecoin (N = 1024, r = 1): ROMix over a 128 KiB table per
 *                thread, BlockMix with an SSE2 Salsa20/8 core: a sequential
 *                fill, then reads at data-dependent places. The PBKDF2
 *                steps around it are left out.
 *   cryptonight  CryptoNight (cn/0): a 2 MiB scratchpad per thread
 *                (aligned_alloc, madvise(MADV_HUGEPAGE)) filled with 10 AES
 *                rounds per block, then 2^19 iterations of one AESENC round
 *                on the line the state picks, a store, a 64x64->128
 *                multiply and add and a store at the next line it picks;
 *                then folded back with 10 AES rounds per block.
 *
 * AES-NI and SHA-NI are used only if CPUID has them (functions built for
 * them, called after the check); otherwise a byte-wise AES round and the
 * scalar SHA-256 do the same work. MINER_SCALAR in the environment (any
 * value) forces those. A line on stderr says which: "miner: sha256d using
 * sha-ni" or "scalar", "miner: randomx using aes-ni" or "soft-aes", ...
 *
 *   --threads N      hashing threads (default: the CPUs the process may
 *                    run on), thread i pinned to the i-th of those CPUs,
 *                    round robin; a failed pin is a warning
 *   --seconds S      stop after S seconds (default 0: until killed)
 *   --duty PCT       hash for PCT % of every period, sleep the rest
 *                    (default 100); periods are aligned on the monotonic
 *                    clock, so that all threads pause together
 *   --period-ms M    the duty-cycle period (default 1000); "pause whenever
 *                    it has run a few seconds" is --duty 50 --period-ms 6000
 *   --idle           SCHED_IDLE for every thread
 *   --nice N         nice N (-20 to 19) for every thread
 *   --name NAME      disguise: every thread's comm is NAME and argv is
 *                    overwritten, so that ps shows NAME alone
 *   --reexec S       every S seconds stop hashing and execve /proc/self/exe
 *                    with the same arguments: same pid, new image ("miner:
 *                    re-exec N" on stderr). The deadline, the hash count and
 *                    the pool connection are handed on in MINER_*
 *                    environment variables, so the run lasts --seconds in
 *                    all and ends with one total.
 *   --split N        fork N worker processes (1 to 64); worker i makes the
 *                    child cgroup w<i> of the cgroup the miner started in
 *                    (cgroup2's mount point from /proc/self/mounts, normally
 *                    /sys/fs/cgroup), moves itself there and hashes with
 *                    threads/N threads (at least 1). The parent only waits,
 *                    holds the pool connection and re-execs; at the end it
 *                    stops the workers and removes the w<i> it made.
 *   --hop S          every S seconds the process (each worker with --split)
 *                    moves itself into the next of the child cgroups h0..h3
 *                    of that cgroup, made as needed and removed at the end
 *                    if empty (a process that hopped moves back first).
 *   --stratum HOST:PORT  (an IPv4 literal, or an IPv6 one in brackets)
 *                    connect to a pool before hashing and send xmrig's
 *                    login, read the answer as it comes, keep the
 *                    connection and send a submit every 9 s (just under the
 *                    test pool's 10 s idle timeout). A failed connection is
 *                    a warning.
 *   --hugepages-sysfs  as xmrig run as root: before allocating, write to
 *                    /proc/sys/vm/nr_hugepages the 2 MB pages the run wants
 *                    (at least what it was); a failure is a warning
 *   --msr            as xmrig's RandomX MSR mod: open /dev/cpu/0/msr for
 *                    reading and writing, read MSR 0x1a4 and write the same
 *                    value back (harmless); a failure is a warning
 *
 * Cgroup changes, the pool login, MSR and pool size are reported on stderr
 * ("miner: ..."), and so are warnings. At the end (--seconds, SIGTERM or
 * SIGINT) it prints "miner: MODE T threads H hashes in S s" on stdout and
 * exits 0; 2 on bad usage, 1 on a fatal error or when every worker of
 * --split died.
 *
 * minerguard sees one busy CPU per thread (less with --duty, and as little
 * as the idle CPU time with --idle) and, per mode, in the sampled hot code
 * (hash density: module/hashinsn.h's classifier on 256-byte windows at the
 * IPs perf sampled natively, and at the loop heads, where samples land
 * under TCG, which takes interrupts between translation blocks):
 *
 *   randomx      hash density from the AES rounds in the VM loop: 60 %
 *                from the loop head, 47 % on average with 78 % of the
 *                samples over the threshold natively (most land just
 *                after the dataset read, ahead of the rounds). All four
 *                rounding modes with constant changes; jit: one anon_exec
 *                of 64 KiB rwx per thread; hugepages: a 1 GiB hugetlb_1g
 *                request (and big_anon), then a hugetlb_2m one, or a
 *                thp_advise when both fail
 *   sha256d      SHA rounds (SHA-NI, 100 % from the loop head) or rotate,
 *                xor and add code (scalar, 47 %): over the threshold in
 *                well over 90 % of the samples; no memory signals
 *   scrypt       SSE2 add, shift pairs (rotates), xor and shuffle: 67 %
 *                from the Salsa20/8 loop head, nearly 90 % of the samples
 *                over the threshold; no memory signals
 *   cryptonight  a thp_advise of 2 MiB per thread, and a low hash density
 *                although it is an AES miner: its main loop has one AESENC
 *                among loads, stores, a multiply and adds (30 % from the
 *                head, about 20 % on average, no sample over the threshold)
 *
 * and, with --stratum, a stratum connection (the login is the first
 * payload); with --msr, one msr_open; with --hugepages-sysfs, one
 * hugepage_sysctl. --split, --hop and --reexec change what the miner's
 * processes and cgroups look like, not what it does.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <immintrin.h>
#include <limits.h>
#include <linux/mman.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "network.h"
#include "sha256.h"

#define USAGE "miner randomx|sha256d|scrypt|cryptonight [--threads N] [--seconds S] [--duty PCT] [--period-ms M] [--idle] [--nice N] [--name NAME] [--reexec S] [--split N] [--hop S] [--stratum HOST:PORT] [--hugepages-sysfs] [--msr]"

#define MAX_THREADS 1024
#define MAX_SPLIT 64
#define HOPS 4
/* Seconds between submits: below the test pool's 10 s idle timeout. */
#define SUBMIT_SECONDS 9
/* The longest a pausing thread sleeps before it looks at the stop flag. */
#define SLEEP_SLICE_US 100000
#define HUGE_2M (2UL << 20)
#define HUGE_1G (1UL << 30)

enum mode { RANDOMX, SHA256D, SCRYPT, CRYPTONIGHT, MODES };

static const char *const mode_name[MODES] = {
	"randomx", "sha256d", "scrypt", "cryptonight",
};

/* The algorithm a submit names, as xmrig would. */
static const char *const mode_algo[MODES] = {
	"rx/0", "sha256d", "scrypt", "cn/0",
};

static struct {
	enum mode mode;
	unsigned long threads, seconds, duty, period_ms, reexec, split, hop;
	long nice;
	int set_nice, idle, hugepages, msr;
	const char *name;
	char host[INET6_ADDRSTRLEN];
	unsigned short port;
} opt = { .duty = 100, .period_ms = 1000 };

/* The arguments as given: --name overwrites argv, --reexec needs them. */
static char **args;

/* Run state; the MINER_* environment variables carry it across execve. */
static double run_deadline;		/* a wl_now() time; 0: none */
static double run_deadline_rt;	/* the same on CLOCK_REALTIME */
static double start_rt;		/* CLOCK_REALTIME when the first exec began */
static unsigned long prior_hashes;	/* hashed by the earlier execs */
static unsigned long execs;	/* re-execs so far */
static unsigned int cg_made_h;	/* h<k> cgroups made by earlier execs */
static uint64_t cg_made_w;	/* w<i> cgroups made by earlier execs */

static int use_aes, use_sha;	/* AES-NI, SHA-NI */
static int cpus[CPU_SETSIZE], ncpus;
static unsigned long total_threads, local_threads;
static int worker = -1;		/* split worker index; -1: the top process */
static pid_t top_pid, workers[MAX_SPLIT];
static unsigned int live_workers, failed_workers;
static char cg_start[PATH_MAX];	/* the cgroup the miner started in, or "" */
static unsigned long hops;

/* Set by the signal handler, read with __atomic as threads share them. */
static int got_stop, got_child;
static int stopping;		/* tells the hashing threads to stop */

/* Shared by the processes of a run (--split): counts and cgroups made. */
struct slot {
	_Alignas(64) unsigned long hashes;	/* a cache line each */
};

static struct shared {
	unsigned int made_h;
	uint64_t made_w;
	struct slot slot[];
} *shm;

struct hasher {
	pthread_t tid;
	unsigned long index;	/* among all the threads of the run */
	unsigned long local;	/* among this process's */
	unsigned long *hashes;
	uint64_t sum;
};

static struct hasher *hashers;

/* "miner: MESSAGE" on stderr. */
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "miner: %s\n", buf);
}

/* "miner: warning: MESSAGE: strerror(errno)" on stderr. */
static void warn(const char *fmt, ...)
{
	int err = errno;
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "miner: warning: %s: %s\n", buf, strerror(err));
}

static double realtime(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts))
		die("clock_gettime");
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline uint64_t ror64(uint64_t x, unsigned int n)
{
	return x >> (n & 63) | x << ((64 - n) & 63);
}

static uint64_t random64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static void counted(struct hasher *h, unsigned long n)
{
	__atomic_add_fetch(h->hashes, n, __ATOMIC_RELAXED);
}

/*
 * Called by a hashing thread between batches of at most a few
 * milliseconds: 0 once the thread is to stop. With --duty it sleeps out
 * the rest of the period once the period's share of hashing is used up.
 */
static int pace(void)
{
	const uint64_t period = opt.period_ms * 1000;
	uint64_t now, begin, wake;
	struct timespec ts;
	double t;

	for (;;) {
		t = wl_now();
		if (__atomic_load_n(&stopping, __ATOMIC_RELAXED) ||
		    wl_expired(run_deadline))
			return 0;
		if (opt.duty >= 100)
			return 1;
		now = t * 1e6;
		begin = now - now % period;
		if (now - begin < period * opt.duty / 100)
			return 1;
		wake = begin + period;
		if (wake > now + SLEEP_SLICE_US)
			wake = now + SLEEP_SLICE_US;
		if (run_deadline && wake > run_deadline * 1e6)
			wake = run_deadline * 1e6 + 1;
		ts.tv_sec = wake / 1000000;
		ts.tv_nsec = wake % 1000000 * 1000;
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
}

/*
 * One AES round in software, for CPUs without AES-NI: the same state
 * layout and results as AESENC (ShiftRows, SubBytes, MixColumns, xor key)
 * and AESDEC (InvShiftRows, InvSubBytes, InvMixColumns, xor key).
 */
static uint8_t sbox[256], inv_sbox[256];

static inline uint8_t rol8(uint8_t x, unsigned int n)
{
	return x << n | x >> (8 - n);
}

static inline uint8_t xtime(uint8_t x)
{
	return x << 1 ^ (x & 0x80 ? 0x1b : 0);
}

static uint8_t gmul(uint8_t a, uint8_t b)
{
	uint8_t p = 0;

	for (; b; b >>= 1, a = xtime(a))
		if (b & 1)
			p ^= a;
	return p;
}

/* The S-box from the multiplicative inverse: p walks by 3, q by 1/3. */
static void soft_aes_init(void)
{
	uint8_t p = 1, q = 1;
	int i;

	do {
		p ^= xtime(p);
		q ^= q << 1;
		q ^= q << 2;
		q ^= q << 4;
		if (q & 0x80)
			q ^= 0x09;
		sbox[p] = q ^ rol8(q, 1) ^ rol8(q, 2) ^ rol8(q, 3) ^
			  rol8(q, 4) ^ 0x63;
	} while (p != 1);
	sbox[0] = 0x63;
	for (i = 0; i < 256; i++)
		inv_sbox[sbox[i]] = i;
}

static __m128i soft_aesenc(__m128i x, __m128i key)
{
	uint8_t s[16], t[16], all;
	int r, c;

	_mm_storeu_si128((__m128i *)s, x);
	for (c = 0; c < 4; c++)
		for (r = 0; r < 4; r++)
			t[r + 4 * c] = sbox[s[r + 4 * ((c + r) & 3)]];
	for (c = 0; c < 16; c += 4) {
		all = t[c] ^ t[c + 1] ^ t[c + 2] ^ t[c + 3];
		s[c] = t[c] ^ all ^ xtime(t[c] ^ t[c + 1]);
		s[c + 1] = t[c + 1] ^ all ^ xtime(t[c + 1] ^ t[c + 2]);
		s[c + 2] = t[c + 2] ^ all ^ xtime(t[c + 2] ^ t[c + 3]);
		s[c + 3] = t[c + 3] ^ all ^ xtime(t[c + 3] ^ t[c]);
	}
	return _mm_xor_si128(_mm_loadu_si128((__m128i *)s), key);
}

static __m128i soft_aesdec(__m128i x, __m128i key)
{
	static const uint8_t m[4] = { 14, 11, 13, 9 };
	uint8_t s[16], t[16];
	int r, c, i;

	_mm_storeu_si128((__m128i *)s, x);
	for (c = 0; c < 4; c++)
		for (r = 0; r < 4; r++)
			t[r + 4 * c] = inv_sbox[s[r + 4 * ((c - r) & 3)]];
	for (c = 0; c < 16; c += 4)
		for (r = 0; r < 4; r++)
			for (s[c + r] = 0, i = 0; i < 4; i++)
				s[c + r] ^= gmul(t[c + i], m[(i - r) & 3]);
	return _mm_xor_si128(_mm_loadu_si128((__m128i *)s), key);
}

static inline __attribute__((target("aes")))
__m128i hw_aesenc(__m128i x, __m128i key)
{
	return _mm_aesenc_si128(x, key);
}

static inline __attribute__((target("aes")))
__m128i hw_aesdec(__m128i x, __m128i key)
{
	return _mm_aesdec_si128(x, key);
}

/* The software rounds must match AES-NI where both run. */
static void check_soft_aes(void)
{
	__m128i x = _mm_set_epi64x(0x0123456789abcdefULL, 0xfedcba9876543210ULL);
	__m128i k = _mm_set_epi64x(0x0f1e2d3c4b5a6978ULL, 0x8796a5b4c3d2e1f0ULL);
	__m128i hw, soft;
	int i;

	for (i = 0; i < 16; i++) {
		hw = hw_aesenc(hw_aesdec(x, k), x);
		soft = soft_aesenc(soft_aesdec(x, k), x);
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(hw, soft)) != 0xffff) {
			fprintf(stderr, "miner: software AES differs\n");
			exit(1);
		}
		k = x;
		x = hw;
	}
}

/*
 * RandomX, hash by hash as the reference does: the scratchpad filled by an
 * AES generator, RX_PROGRAMS programs of RX_ITERATIONS VM iterations, the
 * scratchpad hashed with AES rounds. The AES loops are written once with
 * the rounds as function pointers; the wrappers below pass AES-NI or
 * software rounds, and being flattened, get them inline.
 */
#define RX_DATASET_BYTES (64UL << 20)
#define RX_ITEMS (RX_DATASET_BYTES / 64)
#define RX_PAD_BYTES (2UL << 20)
#define RX_PAD_LINES (RX_PAD_BYTES / 16)
/* The scratchpad's L1, L2 and L3 (all of it), in 64-bit words. */
#define RX_L1_WORDS (16384 / 8)
#define RX_L2_WORDS (262144 / 8)
#define RX_L3_WORDS (RX_PAD_BYTES / 8)
#define RX_ITERATIONS 2048
#define RX_PROGRAMS 8
#define RX_CALL_EVERY 32
#define RX_OPS 64
#define RX_JIT_BYTES 65536
/* RandomX's MXCSR: exceptions masked, FTZ, DAZ; CFROUND sets bits 13-14. */
#define RX_MXCSR 0x9fc0
#define MXCSR_RC_SHIFT 13

enum { OP_ADD, OP_XOR, OP_IMUL, OP_ROR, OP_ADD_IMM, OP_XOR_IMM, OP_KINDS };

struct rx_op {
	uint8_t kind, dst, src;
	uint32_t imm;
};

struct rx_vm {
	uint64_t r[8];		/* the JIT program's registers */
	__m128i a, b;		/* AES state */
	__m128d f0, f1, e0, e1;	/* floating-point registers */
	uint64_t mx;		/* dataset read pointer */
	uint64_t seed;		/* program generator */
	unsigned char *code;	/* the JIT buffer */
	struct rx_op op[RX_OPS];
};

static unsigned char *rx_region;
static pthread_barrier_t rx_filled;
static void (*rx_fill)(__m128i *dst, unsigned long lines, uint64_t seed);
static uint64_t (*rx_hash)(const __m128i *pad, unsigned long lines);
static void (*rx_run)(struct rx_vm *vm, uint64_t *pad,
		      const uint64_t *dataset);

/* The registers a program uses: rax, rcx, rdx, rsi, r8-r11 (rdi is r[]). */
static const uint8_t rx_reg[8] = { 0, 1, 2, 6, 8, 9, 10, 11 };

static unsigned long round_up(unsigned long x, unsigned long to)
{
	return (x + to - 1) / to * to;
}

static unsigned long rx_region_bytes(unsigned long threads)
{
	return RX_DATASET_BYTES + threads * RX_PAD_BYTES;
}

/*
 * RandomX's AES generator (AesGenerator1R), which fills the scratchpad
 * before each hash (and here the dataset too): four columns, two through
 * AESDEC and two through AESENC, 64 bytes out per round.
 */
static inline void rx_fill_with(__m128i *dst, unsigned long lines,
				uint64_t seed,
				__m128i (*enc)(__m128i, __m128i),
				__m128i (*dec)(__m128i, __m128i))
{
	const __m128i k0 = _mm_set_epi64x(0xb4f44917dbb5552bULL,
					  0x2f0cd94a7e61d1d3ULL);
	const __m128i k1 = _mm_set_epi64x(0x0d2de0c2c4cd5b9aULL,
					  0x1a85ba2e0d7f4c3bULL);
	__m128i s0, s1, s2, s3;
	unsigned long i;

	s0 = _mm_set_epi64x(seed, ~seed);
	s1 = _mm_set_epi64x(seed * 3, seed >> 7);
	s2 = _mm_set_epi64x(seed ^ 0x5555, seed * 7);
	s3 = _mm_set_epi64x(~seed >> 3, seed * 11);
	for (i = 0; i + 4 <= lines; i += 4) {
		s0 = dec(s0, k0);
		s1 = enc(s1, k1);
		s2 = dec(s2, k1);
		s3 = enc(s3, k0);
		_mm_store_si128(&dst[i], s0);
		_mm_store_si128(&dst[i + 1], s1);
		_mm_store_si128(&dst[i + 2], s2);
		_mm_store_si128(&dst[i + 3], s3);
	}
}

static __attribute__((target("aes"), flatten))
void rx_fill_hw(__m128i *dst, unsigned long lines, uint64_t seed)
{
	rx_fill_with(dst, lines, seed, hw_aesenc, hw_aesdec);
}

static __attribute__((flatten))
void rx_fill_soft(__m128i *dst, unsigned long lines, uint64_t seed)
{
	rx_fill_with(dst, lines, seed, soft_aesenc, soft_aesdec);
}

/*
 * RandomX's AesHash1R, which ends each hash: the scratchpad as round keys
 * of four columns, AESENC and AESDEC in turn, then two extra rounds.
 */
static inline uint64_t rx_hash_with(const __m128i *pad, unsigned long lines,
				    __m128i (*enc)(__m128i, __m128i),
				    __m128i (*dec)(__m128i, __m128i))
{
	const __m128i x0 = _mm_set_epi64x(0x06890201900b0ab9ULL,
					  0x12d9d3b8b1ce8e39ULL);
	const __m128i x1 = _mm_set_epi64x(0xed559d3e9e4e1a1cULL,
					  0x3d2d0a5ef4040a26ULL);
	__m128i s0 = x0, s1 = x1, s2 = _mm_xor_si128(x0, x1);
	__m128i s3 = _mm_add_epi64(x0, x1);
	unsigned long i;

	for (i = 0; i + 4 <= lines; i += 4) {
		s0 = enc(s0, _mm_load_si128(&pad[i]));
		s1 = dec(s1, _mm_load_si128(&pad[i + 1]));
		s2 = enc(s2, _mm_load_si128(&pad[i + 2]));
		s3 = dec(s3, _mm_load_si128(&pad[i + 3]));
	}
	s0 = enc(enc(s0, x0), x1);
	s1 = dec(dec(s1, x0), x1);
	s2 = enc(enc(s2, x0), x1);
	s3 = dec(dec(s3, x0), x1);
	s0 = _mm_xor_si128(_mm_xor_si128(s0, s1), _mm_xor_si128(s2, s3));
	return _mm_cvtsi128_si64(s0) ^
	       _mm_cvtsi128_si64(_mm_unpackhi_epi64(s0, s0));
}

static __attribute__((target("aes"), flatten))
uint64_t rx_hash_hw(const __m128i *pad, unsigned long lines)
{
	return rx_hash_with(pad, lines, hw_aesenc, hw_aesdec);
}

static __attribute__((flatten))
uint64_t rx_hash_soft(const __m128i *pad, unsigned long lines)
{
	return rx_hash_with(pad, lines, soft_aesenc, soft_aesdec);
}

/* REX.W, OPCODE (LEN bytes) and a ModRM byte MOD, REG, RM. */
static unsigned char *emit(unsigned char *p, const char *opcode,
			   unsigned int len, unsigned int mod,
			   unsigned int reg, unsigned int rm)
{
	*p++ = 0x48 | (reg >> 3) << 2 | rm >> 3;
	memcpy(p, opcode, len);
	p += len;
	*p++ = mod << 6 | (reg & 7) << 3 | (rm & 7);
	return p;
}

/*
 * A new random program, compiled into vm->code: uint64_t f(uint64_t r[8])
 * loads r[], runs RX_OPS operations on the registers, stores r[] back and
 * returns r[0].
 */
static void rx_generate(struct rx_vm *vm)
{
	unsigned char *p = vm->code;
	struct rx_op *op;
	unsigned int i;
	uint64_t x;

	for (i = 0; i < 8; i++) {
		/* mov reg, [rdi + 8 * i] */
		p = emit(p, "\x8b", 1, 1, rx_reg[i], 7);
		*p++ = 8 * i;
	}
	for (op = vm->op; op < vm->op + RX_OPS; op++) {
		x = random64(&vm->seed);
		op->kind = x % OP_KINDS;
		op->dst = x >> 8 & 7;
		/* Another register: xor with itself would clear it. */
		op->src = (op->dst + 1 + (x >> 16) % 7) & 7;
		op->imm = x >> 32;
		switch (op->kind) {
		case OP_ADD:
			p = emit(p, "\x01", 1, 3, rx_reg[op->src],
				 rx_reg[op->dst]);
			break;
		case OP_XOR:
			p = emit(p, "\x31", 1, 3, rx_reg[op->src],
				 rx_reg[op->dst]);
			break;
		case OP_IMUL:
			p = emit(p, "\x0f\xaf", 2, 3, rx_reg[op->dst],
				 rx_reg[op->src]);
			break;
		case OP_ROR:
			op->imm = 1 + op->imm % 63;
			p = emit(p, "\xc1", 1, 3, 1, rx_reg[op->dst]);
			*p++ = op->imm;
			break;
		case OP_ADD_IMM:
		case OP_XOR_IMM:
			p = emit(p, "\x81", 1, 3, op->kind == OP_ADD_IMM ? 0 : 6,
				 rx_reg[op->dst]);
			memcpy(p, &op->imm, 4);
			p += 4;
			break;
		}
	}
	for (i = 0; i < 8; i++) {
		/* mov [rdi + 8 * i], reg */
		p = emit(p, "\x89", 1, 1, rx_reg[i], 7);
		*p++ = 8 * i;
	}
	*p++ = 0xc3;
	__builtin___clear_cache((char *)vm->code, (char *)p);
}

/* What the program computes, for the check. */
static void rx_interpret(const struct rx_vm *vm, uint64_t r[8])
{
	const struct rx_op *op;
	uint64_t imm;

	for (op = vm->op; op < vm->op + RX_OPS; op++) {
		imm = (uint64_t)(int64_t)(int32_t)op->imm;
		switch (op->kind) {
		case OP_ADD:
			r[op->dst] += r[op->src];
			break;
		case OP_XOR:
			r[op->dst] ^= r[op->src];
			break;
		case OP_IMUL:
			r[op->dst] *= r[op->src];
			break;
		case OP_ROR:
			r[op->dst] = ror64(r[op->dst], op->imm);
			break;
		case OP_ADD_IMM:
			r[op->dst] += imm;
			break;
		case OP_XOR_IMM:
			r[op->dst] ^= imm;
			break;
		}
	}
}

/* Runs the program on vm->r; with CHECK, against the interpreter. */
static uint64_t rx_call(struct rx_vm *vm, int check)
{
	uint64_t want[8], got;

	if (check) {
		memcpy(want, vm->r, sizeof(want));
		rx_interpret(vm, want);
	}
	got = ((uint64_t (*)(uint64_t *))vm->code)(vm->r);
	if (check && (memcmp(want, vm->r, sizeof(want)) || got != want[0])) {
		fprintf(stderr, "miner: JIT program gave a wrong result\n");
		exit(1);
	}
	return got;
}

/* Two doubles in [1, 2) from the mantissa bits of W, RandomX's E group. */
static inline __m128d e_operand(uint64_t w)
{
	const __m128i mantissa = _mm_set1_epi64x(0x000fffffffffffffULL);
	const __m128i one = _mm_set1_epi64x(0x3ff0000000000000ULL);
	__m128i x = _mm_set_epi64x(w, ror64(w, 32));

	return _mm_castsi128_pd(_mm_or_si128(_mm_and_si128(x, mantissa), one));
}

/*
 * One program: RX_ITERATIONS iterations of the VM, each a mix of RandomX's
 * instruction groups on four registers, the scratchpad and the dataset,
 * with the program proper, JIT-compiled, run every RX_CALL_EVERY. Each
 * iteration also takes a scratchpad line through four AES rounds, as
 * aes-hash does: AES that RandomX's VM does not have (it has its AES in
 * the passes over the scratchpad around the programs). Without them the
 * loop scores 29 % from its head, under the hashing threshold.
 */
static inline void rx_run_with(struct rx_vm *vm, uint64_t *pad,
			       const uint64_t *dataset,
			       __m128i (*enc)(__m128i, __m128i),
			       __m128i (*dec)(__m128i, __m128i))
{
	const __m128d a0 = _mm_set_pd(1.0625, 1.5), a1 = _mm_set_pd(1.25, 1.75);
	const __m128i k0 = _mm_set_epi64x(0x0d2de0c2c4cd5b9aULL,
					  0xb4f44917dbb5552bULL);
	const __m128i k1 = _mm_set_epi64x(0x1a85ba2e0d7f4c3bULL,
					  0x2f0cd94a7e61d1d3ULL);
	__m128d f0 = vm->f0, f1 = vm->f1, e0 = vm->e0, e1 = vm->e1, m;
	__m128i a = vm->a, b = vm->b, x, *line;
	uint64_t r0, r1, r2, r3, mx = vm->mx;
	const uint64_t *item;
	unsigned int i, j;

	for (j = 0; j < RX_ITERATIONS; j += RX_CALL_EVERY) {
		r0 = vm->r[0];
		r1 = vm->r[1];
		r2 = vm->r[2];
		r3 = vm->r[3];
		for (i = 0; i < RX_CALL_EVERY; i++) {
			/* The dataset item, prefetched one iteration ago. */
			item = dataset + (mx & (RX_ITEMS - 1)) * 8;
			r0 ^= item[0];
			r1 ^= item[1];
			r2 += item[2];
			r3 ^= item[3];
			/*
			 * A line through AESENC, AESDEC, AESENC, AESDEC, mixed
			 * with the FP state. Early in the loop, which is longer
			 * than the 256 bytes minerguard decodes: the samples
			 * gather after the dataset read and at the loop head.
			 */
			line = (__m128i *)pad + (r0 >> 32 & (RX_PAD_LINES - 1));
			x = _mm_xor_si128(_mm_load_si128(line),
					  _mm_castpd_si128(f1));
			x = dec(enc(dec(enc(x, a), b), k0), k1);
			_mm_store_si128(line, x);
			b = _mm_xor_si128(b, a);
			a = _mm_add_epi64(a, x);
			/* IADD_RS, IMUL_R, IMULH_R, IROR_R, IXOR_R. */
			r0 += r2 << 3;
			r0 = r0 * 0x5851f42d4c957f2dULL + r1;
			r3 ^= (__uint128_t)r3 * r0 >> 64;
			r1 ^= ror64(r0, r2);
			r2 += r3 ^ ror64(r1, 29);
			/* IADD_M and IXOR_M from L1 and L2, ISTORE to L3. */
			r0 += pad[r2 & (RX_L1_WORDS - 1)];
			r3 ^= pad[r1 & (RX_L2_WORDS - 1)];
			pad[(r0 ^ r3) & (RX_L3_WORDS - 1)] = r1;
			/* FADD_M, FMUL_R, FDIV_M, FSQRT_R and friends. */
			m = _mm_cvtepi32_pd(x);
			f0 = _mm_add_pd(f0, m);
			f1 = _mm_sub_pd(f1, _mm_mul_pd(f0, e0));
			e0 = _mm_mul_pd(e0, a1);
			e1 = _mm_div_pd(e1, e_operand(r1 ^ r3));
			/* CFROUND: the rounding mode from two bits of r2. */
			_mm_setcsr(RX_MXCSR | (unsigned int)(r2 >> 62)
				   << MXCSR_RC_SHIFT);
			f1 = _mm_add_pd(f1, e1);
			e0 = _mm_sqrt_pd(_mm_mul_pd(e0, e1));
			e1 = _mm_sqrt_pd(_mm_add_pd(e1, a0));
			/* The next item, as RandomX prefetches it. */
			mx ^= r1 ^ r2;
			__builtin_prefetch(dataset + (mx & (RX_ITEMS - 1)) * 8);
		}
		vm->r[0] = r0;
		vm->r[1] = r1;
		vm->r[2] = r2;
		vm->r[3] = r3;
		/* The program, JIT-compiled: checked on its first run. */
		rx_call(vm, !j);
	}
	vm->r[4] ^= _mm_cvtsi128_si64(_mm_castpd_si128(_mm_xor_pd(f1, e0)));
	vm->f0 = f0;
	vm->f1 = f1;
	vm->e0 = e0;
	vm->e1 = e1;
	vm->a = a;
	vm->b = b;
	vm->mx = mx;
}

static __attribute__((target("aes"), flatten))
void rx_run_hw(struct rx_vm *vm, uint64_t *pad, const uint64_t *dataset)
{
	rx_run_with(vm, pad, dataset, hw_aesenc, hw_aesdec);
}

static __attribute__((flatten))
void rx_run_soft(struct rx_vm *vm, uint64_t *pad, const uint64_t *dataset)
{
	rx_run_with(vm, pad, dataset, soft_aesenc, soft_aesdec);
}

/*
 * The region of the dataset and the scratchpads, as xmrig asks for it: 1 GB
 * pages, 2 MB pages, then transparent huge pages.
 */
static void rx_setup(unsigned long threads)
{
	const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB;
	unsigned long bytes = rx_region_bytes(threads), addr;
	const char *pages = "1g hugetlb";
	void *mem;
	int err;

	mem = mmap(NULL, round_up(bytes, HUGE_1G), PROT_READ | PROT_WRITE,
		   flags | MAP_HUGE_1GB, -1, 0);
	if (mem == MAP_FAILED) {
		pages = "2m hugetlb";
		mem = mmap(NULL, round_up(bytes, HUGE_2M),
			   PROT_READ | PROT_WRITE, flags | MAP_HUGE_2MB, -1, 0);
	}
	if (mem == MAP_FAILED) {
		pages = "transparent huge";
		mem = mmap(NULL, bytes + HUGE_2M, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mem == MAP_FAILED)
			die("mmap %lu bytes", bytes + HUGE_2M);
		addr = round_up((unsigned long)mem, HUGE_2M);
		mem = (void *)addr;
		if (madvise(mem, bytes, MADV_HUGEPAGE))
			warn("madvise MADV_HUGEPAGE");
	}
	rx_region = mem;
	err = pthread_barrier_init(&rx_filled, NULL, threads);
	if (err) {
		errno = err;
		die("pthread_barrier_init");
	}
	rx_fill = use_aes ? rx_fill_hw : rx_fill_soft;
	rx_hash = use_aes ? rx_hash_hw : rx_hash_soft;
	rx_run = use_aes ? rx_run_hw : rx_run_soft;
	say("randomx dataset and %lu scratchpads: %lu MiB in %s pages",
	    threads, bytes >> 20, pages);
}

static void rx_thread(struct hasher *h)
{
	const unsigned long items = RX_ITEMS;
	unsigned long first = items * h->local / local_threads;
	unsigned long last = items * (h->local + 1) / local_threads;
	const uint64_t *dataset = (const uint64_t *)rx_region;
	unsigned int saved = _mm_getcsr(), step = 0;
	uint64_t nonce = h->index << 32, sum = 0;
	struct rx_vm *vm;
	__m128i *pad;
	int err, i;

	pad = (__m128i *)(rx_region + RX_DATASET_BYTES +
			  h->local * RX_PAD_BYTES);
	vm = aligned_alloc(64, round_up(sizeof(*vm), 64));
	if (!vm)
		die("aligned_alloc");
	memset(vm, 0, sizeof(*vm));
	vm->code = mmap(NULL, RX_JIT_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->code == MAP_FAILED)
		die("mmap JIT buffer");
	/* The smallest JIT test there is, as JITs do before they trust it. */
	wl_emit_return(vm->code, h->index);
	if (wl_call(vm->code) != h->index) {
		fprintf(stderr, "miner: JIT test failed\n");
		exit(1);
	}
	/* This thread's share of the dataset. */
	rx_fill((__m128i *)rx_region + first * 4, (last - first) * 4,
		first + 1);
	err = pthread_barrier_wait(&rx_filled);
	if (err && err != PTHREAD_BARRIER_SERIAL_THREAD) {
		errno = err;
		die("pthread_barrier_wait");
	}
	vm->seed = h->index * 0x9e3779b97f4a7c15ULL + 1;
	for (i = 0; i < 8; i++)
		vm->r[i] = random64(&vm->seed);
	vm->a = _mm_set_epi64x(vm->r[6], vm->r[7]);
	vm->b = _mm_set_epi64x(vm->r[4], vm->r[5]);
	vm->f0 = vm->f1 = _mm_setzero_pd();
	vm->e0 = vm->e1 = _mm_set_pd(1.0625, 1.5);
	vm->mx = vm->r[5];
	/* Step 0 fills the scratchpad, 1 to RX_PROGRAMS run programs. */
	while (pace()) {
		if (!step) {
			rx_fill(pad, RX_PAD_LINES, nonce);
		} else if (step <= RX_PROGRAMS) {
			rx_generate(vm);
			rx_run(vm, (uint64_t *)pad, dataset);
		} else {
			sum ^= rx_hash(pad, RX_PAD_LINES) ^ vm->r[0];
			nonce++;
			counted(h, 1);
			step = 0;
			continue;
		}
		step++;
	}
	_mm_setcsr(saved);
	h->sum = sum;
	munmap(vm->code, RX_JIT_BYTES);
	free(vm);
}

/* SHA-256d, Bitcoin's proof of work. */
#define SHA_BATCH 256

/*
 * sha256.h's compression function with SHA-NI: the state as ABEF and
 * CDGH, two rounds per SHA256RNDS2, the schedule with SHA256MSG1 and
 * SHA256MSG2.
 */
static inline __attribute__((target("sha,sse4.1")))
void sha_block_ni(uint32_t s[8], const uint32_t in[16])
{
	__m128i st0, st1, save0, save1, tmp, msg, m[4];
	int i;

	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)s), 0xb1);
	st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(s + 4)),
				0x1b);
	st0 = _mm_alignr_epi8(tmp, st1, 8);
	st1 = _mm_blend_epi16(st1, tmp, 0xf0);
	save0 = st0;
	save1 = st1;
#pragma GCC unroll 16
	for (i = 0; i < 16; i++) {
		if (i < 4)
			m[i] = _mm_loadu_si128((const __m128i *)(in + 4 * i));
		else
			m[i & 3] = _mm_sha256msg2_epu32(
				_mm_add_epi32(
					_mm_sha256msg1_epu32(m[i & 3],
							     m[(i + 1) & 3]),
					_mm_alignr_epi8(m[(i + 3) & 3],
							m[(i + 2) & 3], 4)),
				m[(i + 3) & 3]);
		msg = _mm_add_epi32(m[i & 3],
				    _mm_loadu_si128((const __m128i *)
						    (sha256_k + 4 * i)));
		st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
		st0 = _mm_sha256rnds2_epu32(st0, st1,
					    _mm_shuffle_epi32(msg, 0x0e));
	}
	st0 = _mm_add_epi32(st0, save0);
	st1 = _mm_add_epi32(st1, save1);
	tmp = _mm_shuffle_epi32(st0, 0x1b);
	st1 = _mm_shuffle_epi32(st1, 0xb1);
	_mm_storeu_si128((__m128i *)s, _mm_blend_epi16(tmp, st1, 0xf0));
	_mm_storeu_si128((__m128i *)(s + 4), _mm_alignr_epi8(st1, tmp, 8));
}

struct sha_job {
	uint32_t mid[8];	/* the state after the header's first block */
	uint32_t tail[16];	/* its last 16 bytes, with the nonce, padded */
	uint32_t sum, shares;
};

/* N double hashes from NONCE on. */
static inline void sha_batch_with(struct sha_job *job, uint32_t nonce,
				  unsigned int n,
				  void (*block)(uint32_t *, const uint32_t *))
{
	/* The first hash, padded as the second one's message. */
	uint32_t h1[16] = { [8] = 0x80000000, [15] = 32 * 8 }, h2[8];
	unsigned int i;

	for (i = 0; i < n; i++) {
		job->tail[3] = nonce + i;
		memcpy(h1, job->mid, sizeof(job->mid));
		block(h1, job->tail);
		memcpy(h2, sha256_iv, sizeof(h2));
		block(h2, h1);
		/* A share: the hash's last word starts with 20 zero bits. */
		if (!(h2[7] >> 12))
			job->shares++;
		job->sum ^= h2[0];
	}
}

static __attribute__((target("sha,sse4.1"), flatten))
void sha_batch_ni(struct sha_job *job, uint32_t nonce, unsigned int n)
{
	sha_batch_with(job, nonce, n, sha_block_ni);
}

static __attribute__((flatten))
void sha_batch_scalar(struct sha_job *job, uint32_t nonce, unsigned int n)
{
	sha_batch_with(job, nonce, n, sha256_block);
}

/* Both compression functions against FIPS 180-2's "abc". */
static void check_sha(void)
{
	uint32_t s[8];

	memcpy(s, sha256_iv, sizeof(s));
	sha256_block(s, sha256_abc);
	if (memcmp(s, sha256_abc_digest, sizeof(s))) {
		fprintf(stderr, "miner: wrong scalar SHA-256 of \"abc\"\n");
		exit(1);
	}
	if (!use_sha)
		return;
	memcpy(s, sha256_iv, sizeof(s));
	sha_block_ni(s, sha256_abc);
	if (memcmp(s, sha256_abc_digest, sizeof(s))) {
		fprintf(stderr, "miner: wrong SHA-NI SHA-256 of \"abc\"\n");
		exit(1);
	}
}

static void sha_thread(struct hasher *h)
{
	void (*batch)(struct sha_job *job, uint32_t nonce, unsigned int n);
	struct sha_job job = { .tail = { [4] = 0x80000000, [15] = 80 * 8 } };
	uint32_t header[20], nonce = 0;
	int i;

	batch = use_sha ? sha_batch_ni : sha_batch_scalar;
	/* version, previous block, merkle root, time, bits, nonce */
	for (i = 0; i < 20; i++)
		header[i] = (h->index + 1) * 0x01000193 ^ i * 0x9e3779b9;
	memcpy(job.mid, sha256_iv, sizeof(job.mid));
	sha256_block(job.mid, header);
	memcpy(job.tail, header + 16, 3 * sizeof(*header));
	while (pace()) {
		batch(&job, nonce, SHA_BATCH);
		nonce += SHA_BATCH;
		counted(h, SHA_BATCH);
	}
	h->sum = (uint64_t)job.shares << 32 | job.sum;
}

/*
 * scrypt with N = 1024, r = 1. A 64-byte Salsa20 state lives in four SSE2
 * registers in the diagonal order SIMD code uses: a = (x0 x5 x10 x15),
 * b = (x4 x9 x14 x3), c = (x8 x13 x2 x7), d = (x12 x1 x6 x11), so that a
 * column round works on whole rows and turning b, c and d by one, two and
 * three lanes makes a row round do the same.
 */
#define SC_N 1024
#define SC_ROWS 8

/* (x + y) <<< n on each 32-bit lane: SSE2 has no vector rotate. */
static inline __m128i add_rotl(__m128i x, __m128i y, int n)
{
	__m128i t = _mm_add_epi32(x, y);

	return _mm_or_si128(_mm_slli_epi32(t, n), _mm_srli_epi32(t, 32 - n));
}

/* X = Salsa20/8(X xor IN). */
static inline void salsa8(__m128i x[4], const __m128i in[4])
{
	__m128i a, b, c, d;
	int i;

	a = x[0] = _mm_xor_si128(x[0], in[0]);
	b = x[1] = _mm_xor_si128(x[1], in[1]);
	c = x[2] = _mm_xor_si128(x[2], in[2]);
	d = x[3] = _mm_xor_si128(x[3], in[3]);
	for (i = 0; i < 8; i += 2) {
		b = _mm_xor_si128(b, add_rotl(a, d, 7));
		c = _mm_xor_si128(c, add_rotl(b, a, 9));
		d = _mm_xor_si128(d, add_rotl(c, b, 13));
		a = _mm_xor_si128(a, add_rotl(d, c, 18));
		b = _mm_shuffle_epi32(b, 0x93);
		c = _mm_shuffle_epi32(c, 0x4e);
		d = _mm_shuffle_epi32(d, 0x39);
		d = _mm_xor_si128(d, add_rotl(a, b, 7));
		c = _mm_xor_si128(c, add_rotl(d, a, 9));
		b = _mm_xor_si128(b, add_rotl(c, d, 13));
		a = _mm_xor_si128(a, add_rotl(b, c, 18));
		b = _mm_shuffle_epi32(b, 0x39);
		c = _mm_shuffle_epi32(c, 0x4e);
		d = _mm_shuffle_epi32(d, 0x93);
	}
	x[0] = _mm_add_epi32(x[0], a);
	x[1] = _mm_add_epi32(x[1], b);
	x[2] = _mm_add_epi32(x[2], c);
	x[3] = _mm_add_epi32(x[3], d);
}

/* ROMix: fill V in order, then read it where B1's first word says. */
static void romix(__m128i x[SC_ROWS], __m128i *v)
{
	unsigned int i, k, j;

	for (i = 0; i < SC_N; i++) {
		memcpy(&v[i * SC_ROWS], x, SC_ROWS * sizeof(*x));
		salsa8(&x[0], &x[4]);
		salsa8(&x[4], &x[0]);
	}
	for (i = 0; i < SC_N; i++) {
		j = _mm_cvtsi128_si32(x[4]) & (SC_N - 1);
		for (k = 0; k < SC_ROWS; k++)
			x[k] = _mm_xor_si128(x[k], v[j * SC_ROWS + k]);
		salsa8(&x[0], &x[4]);
		salsa8(&x[4], &x[0]);
	}
}

static void sc_thread(struct hasher *h)
{
	uint32_t nonce = h->index << 24, sum = 0;
	__m128i x[SC_ROWS], *v;
	unsigned int k;

	v = aligned_alloc(64, SC_N * SC_ROWS * sizeof(*v));
	if (!v)
		die("aligned_alloc");
	while (pace()) {
		/* Stands in for PBKDF2-SHA256 of the header and nonce. */
		for (k = 0; k < SC_ROWS; k++)
			x[k] = _mm_set_epi32(nonce, k, 0x5c5c5c5c, ~k);
		romix(x, v);
		for (k = 0; k < SC_ROWS; k++)
			sum ^= _mm_cvtsi128_si32(x[k]);
		nonce++;
		counted(h, 1);
	}
	free(v);
	h->sum = (uint64_t)nonce << 32 | sum;
}

/*
 * CryptoNight, as a state machine: each cn_step() does at most a few
 * milliseconds of one phase, so that pace() runs in between.
 */
#define CN_PAD_BYTES (2UL << 20)
#define CN_LINES (CN_PAD_BYTES / 16)
#define CN_ITERATIONS (1UL << 19)
#define CN_LOOP_BATCH (1UL << 14)
#define CN_CHUNK_BATCH 1024

enum cn_phase { CN_KEYS, CN_EXPLODE, CN_LOOP, CN_IMPLODE };

struct cn_ctx {
	__m128i rk[10], x[8], a, b;
	__m128i *pad;
	uint64_t nonce, sum;
	unsigned long pos;
	enum cn_phase phase;
};

static int (*cn_step)(struct cn_ctx *c);

/* 10 AES rounds on each of the 8 blocks, interleaved as miners do. */
static inline void cn_rounds(struct cn_ctx *c,
			     __m128i (*enc)(__m128i, __m128i))
{
	int r, j;

	for (r = 0; r < 10; r++)
		for (j = 0; j < 8; j++)
			c->x[j] = enc(c->x[j], c->rk[r]);
}

/* One unit of work; 1 when it finished a hash. */
static inline int cn_step_with(struct cn_ctx *c,
			       __m128i (*enc)(__m128i, __m128i))
{
	__m128i a = c->a, b = c->b, x, d, *pad = c->pad;
	unsigned long i, end, line;
	__uint128_t p;
	uint64_t lo, hi;
	int j;

	switch (c->phase) {
	case CN_KEYS:
		/* Stands in for Keccak of the header: keys and 8 blocks. */
		x = _mm_set_epi64x(c->nonce, c->nonce * 0x9e3779b97f4a7c15ULL);
		for (j = 0; j < 10; j++)
			c->rk[j] = x = enc(x, _mm_set1_epi32(0x1b1b1b1bU * j));
		for (j = 0; j < 8; j++)
			c->x[j] = x = enc(x, c->rk[j]);
		c->a = _mm_xor_si128(c->x[0], c->x[2]);
		c->b = _mm_xor_si128(c->x[1], c->x[3]);
		c->phase = CN_EXPLODE;
		c->pos = 0;
		return 0;
	case CN_EXPLODE:
		end = c->pos + CN_CHUNK_BATCH;
		for (; c->pos < end; c->pos++) {
			cn_rounds(c, enc);
			for (j = 0; j < 8; j++)
				_mm_store_si128(&c->pad[c->pos * 8 + j],
						c->x[j]);
		}
		if (c->pos == CN_LINES / 8) {
			c->phase = CN_LOOP;
			c->pos = 0;
		}
		return 0;
	case CN_LOOP:
		for (i = 0; i < CN_LOOP_BATCH; i++) {
			line = _mm_cvtsi128_si64(a) >> 4 & (CN_LINES - 1);
			x = enc(_mm_load_si128(&pad[line]), a);
			_mm_store_si128(&pad[line], _mm_xor_si128(b, x));
			b = x;
			lo = _mm_cvtsi128_si64(x);
			line = lo >> 4 & (CN_LINES - 1);
			d = _mm_load_si128(&pad[line]);
			p = (__uint128_t)lo * (uint64_t)_mm_cvtsi128_si64(d);
			hi = p >> 64;
			a = _mm_add_epi64(a, _mm_set_epi64x((uint64_t)p, hi));
			_mm_store_si128(&pad[line], a);
			a = _mm_xor_si128(a, d);
		}
		c->a = a;
		c->b = b;
		c->pos += CN_LOOP_BATCH;
		if (c->pos == CN_ITERATIONS) {
			c->phase = CN_IMPLODE;
			c->pos = 0;
		}
		return 0;
	case CN_IMPLODE:
		end = c->pos + CN_CHUNK_BATCH;
		for (; c->pos < end; c->pos++) {
			for (j = 0; j < 8; j++)
				c->x[j] = _mm_xor_si128(c->x[j],
					_mm_load_si128(&c->pad[c->pos * 8 + j]));
			cn_rounds(c, enc);
		}
		if (c->pos < CN_LINES / 8)
			return 0;
		/* Stands in for the final Keccak and hash choice. */
		x = c->x[0];
		for (j = 1; j < 8; j++)
			x = _mm_xor_si128(x, c->x[j]);
		c->sum ^= _mm_cvtsi128_si64(x);
		c->nonce++;
		c->phase = CN_KEYS;
		return 1;
	}
	return 0;
}

static __attribute__((target("aes"), flatten))
int cn_step_hw(struct cn_ctx *c)
{
	return cn_step_with(c, hw_aesenc);
}

static __attribute__((flatten))
int cn_step_soft(struct cn_ctx *c)
{
	return cn_step_with(c, soft_aesenc);
}

static void cn_thread(struct hasher *h)
{
	static int warned;
	struct cn_ctx *c;

	c = aligned_alloc(64, round_up(sizeof(*c), 64));
	if (!c)
		die("aligned_alloc");
	memset(c, 0, sizeof(*c));
	c->pad = aligned_alloc(HUGE_2M, CN_PAD_BYTES);
	if (!c->pad)
		die("aligned_alloc");
	if (madvise(c->pad, CN_PAD_BYTES, MADV_HUGEPAGE) &&
	    !__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
		warn("madvise MADV_HUGEPAGE");
	c->nonce = (uint64_t)h->index << 32;
	while (pace())
		if (cn_step(c))
			counted(h, 1);
	h->sum = c->sum;
	free(c->pad);
	free(c);
}

/* The hashing threads of this process. */
static void *hasher_main(void *arg)
{
	static int warned;
	struct hasher *h = arg;
	cpu_set_t set;

	if (opt.name)
		prctl(PR_SET_NAME, opt.name);
	if (ncpus) {
		CPU_ZERO(&set);
		CPU_SET(cpus[h->index % ncpus], &set);
		if (sched_setaffinity(0, sizeof(set), &set) &&
		    !__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
			warn("pinning to CPU %d", cpus[h->index % ncpus]);
	}
	switch (opt.mode) {
	case RANDOMX:
		rx_thread(h);
		break;
	case SHA256D:
		sha_thread(h);
		break;
	case SCRYPT:
		sc_thread(h);
		break;
	default:
		cn_thread(h);
		break;
	}
	return NULL;
}

/* Starts N threads, numbered from FIRST among all the run's threads. */
static void start_hashers(unsigned long n, unsigned long first)
{
	unsigned long i;
	int err;

	local_threads = n;
	hashers = calloc(n, sizeof(*hashers));
	if (!hashers)
		die("calloc");
	if (opt.mode == RANDOMX)
		rx_setup(n);
	cn_step = use_aes ? cn_step_hw : cn_step_soft;
	for (i = 0; i < n; i++) {
		hashers[i].index = first + i;
		hashers[i].local = i;
		hashers[i].hashes = &shm->slot[first + i].hashes;
		err = pthread_create(&hashers[i].tid, NULL, hasher_main,
				     &hashers[i]);
		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
}

static void stop_hashers(void)
{
	unsigned long i;
	int err;

	__atomic_store_n(&stopping, 1, __ATOMIC_RELAXED);
	for (i = 0; i < local_threads; i++) {
		err = pthread_join(hashers[i].tid, NULL);
		if (err) {
			errno = err;
			die("pthread_join");
		}
	}
	free(hashers);
	hashers = NULL;
	local_threads = 0;
}

static unsigned long hashes_so_far(void)
{
	unsigned long i, sum = prior_hashes;

	for (i = 0; i < total_threads; i++)
		sum += __atomic_load_n(&shm->slot[i].hashes, __ATOMIC_RELAXED);
	return sum;
}

/* Cgroup v2: the cgroup the miner started in and children of it. */
static void cg_init(void)
{
	char line[PATH_MAX + 64], dir[PATH_MAX] = "/sys/fs/cgroup";
	char mnt[PATH_MAX], type[32];
	const char *env = getenv("MINER_CGROUP");
	size_t len;
	FILE *f;

	if (env) {
		snprintf(cg_start, sizeof(cg_start), "%s", env);
		return;
	}
	f = fopen("/proc/self/mounts", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %4095s %31s", mnt, type) == 2 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(dir, sizeof(dir), "%s", mnt);
			break;
		}
	}
	if (f)
		fclose(f);
	f = fopen("/proc/self/cgroup", "r");
	if (!f) {
		warn("/proc/self/cgroup");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::/", 4))
			continue;
		len = strcspn(line, "\n");
		line[len] = 0;
		if (snprintf(cg_start, sizeof(cg_start), "%s%s", dir,
			     strcmp(line + 3, "/") ? line + 3 : "") >=
		    (int)sizeof(cg_start))
			cg_start[0] = 0;
	}
	fclose(f);
	if (!cg_start[0]) {
		errno = ENOENT;
		warn("no cgroup v2 in /proc/self/cgroup");
	}
}

/* Moves this process into the cgroup DIR; 0 on success. */
static int cg_move(const char *dir)
{
	char path[PATH_MAX + 16], pid[32];
	int fd, len, ok;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	len = snprintf(pid, sizeof(pid), "%d\n", getpid());
	fd = open(path, O_WRONLY);
	ok = fd >= 0 && write(fd, pid, len) == len;
	if (!ok)
		warn("moving to %s", dir);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/*
 * Makes the child NAME of the start cgroup unless it exists (*MADE says
 * whether it did), then moves this process into it; 0 on success.
 */
static int cg_enter(const char *name, int *made)
{
	char path[PATH_MAX + 16];

	*made = 0;
	if (!cg_start[0])
		return -1;
	snprintf(path, sizeof(path), "%s/%s", cg_start, name);
	if (!mkdir(path, 0755)) {
		*made = 1;
	} else if (errno != EEXIST) {
		warn("mkdir %s", path);
		return -1;
	}
	return cg_move(path);
}

/* Every --hop seconds: the next of h0..h3 (a worker starts at its own). */
static void cg_hop(void)
{
	unsigned int k = (hops++ + execs + (worker < 0 ? 0 : worker)) % HOPS;
	char name[16];
	int made;

	snprintf(name, sizeof(name), "h%u", k);
	if (!cg_enter(name, &made))
		say("pid %d hops to %s/%s", getpid(), cg_start, name);
	if (made)
		__atomic_fetch_or(&shm->made_h, 1U << k, __ATOMIC_RELAXED);
}

/* Removes the child NAME, which may take a moment to empty. */
static void cg_remove(const char *name)
{
	const struct timespec pause = { .tv_nsec = 20 * 1000 * 1000 };
	char path[PATH_MAX + 16];
	int tries;

	snprintf(path, sizeof(path), "%s/%s", cg_start, name);
	for (tries = 0; rmdir(path); tries++) {
		if (errno != EBUSY || tries == 100) {
			warn("rmdir %s", path);
			return;
		}
		nanosleep(&pause, NULL);
	}
}

/* At the end, in the top process: back home, then the cgroups we made. */
static void cg_cleanup(void)
{
	unsigned int made_h = cg_made_h | shm->made_h, i;
	uint64_t made_w = cg_made_w | shm->made_w;
	char name[16];

	if (!cg_start[0])
		return;
	if (opt.hop && !opt.split && (hops || execs))
		cg_move(cg_start);
	for (i = 0; i < MAX_SPLIT; i++) {
		if (!(made_w >> i & 1))
			continue;
		snprintf(name, sizeof(name), "w%u", i);
		cg_remove(name);
	}
	for (i = 0; i < HOPS; i++) {
		if (!(made_h >> i & 1))
			continue;
		snprintf(name, sizeof(name), "h%u", i);
		cg_remove(name);
	}
}

/*
 * Stratum, as xmrig speaks it: one JSON request a line. The login goes
 * out before hashing starts; answers are read as they come.
 */
#define WALLET "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD"
#define AGENT "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/11.4.0"
/* xmrig 6.21's list of algorithms. */
#define ALGOS "\"rx/0\",\"rx/wow\",\"rx/arq\",\"rx/graft\",\"rx/sfx\"," \
	"\"rx/keva\",\"cn/1\",\"cn/2\",\"cn/r\",\"cn/fast\",\"cn/half\"," \
	"\"cn/xao\",\"cn/rto\",\"cn/rwz\",\"cn/zls\",\"cn/double\"," \
	"\"cn/ccx\",\"cn-lite/1\",\"cn-heavy/0\",\"cn-heavy/tube\"," \
	"\"cn-heavy/xhv\",\"cn-pico\",\"cn-pico/tlo\",\"cn/upx2\"," \
	"\"argon2/chukwa\",\"argon2/chukwav2\",\"argon2/ninja\"," \
	"\"ghostrider\""

static struct {
	int fd;
	unsigned long submits, accepted;
	double submit_at;	/* a wl_now() time */
	char session[64], job[64];
	struct wl_lines in;
} pool = { .fd = -1, .session = "0", .job = "0" };

static void pool_close(const char *why)
{
	say("stratum: %s", why);
	close(pool.fd);
	pool.fd = -1;
}

static void pool_send(const char *line)
{
	enum wl_net_status status = wl_send(pool.fd, line, strlen(line), 0);

	if (status)
		pool_close(wl_status_text(status));
}

/* Connects to the pool; a pool that cannot be reached is a warning. */
static int pool_connect(void)
{
	const char *failed;
	int fd = wl_try_connect(opt.host, opt.port, &failed);

	if (fd < 0)
		warn("stratum: %s %s port %u", failed, opt.host, opt.port);
	return fd;
}

static void pool_login(void)
{
	char buf[2048];

	pool.fd = pool_connect();
	if (pool.fd < 0)
		return;
	wl_lines_init(&pool.in, pool.fd);
	snprintf(buf, sizeof(buf),
		 "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"%s\",\"pass\":\"x\",\"agent\":\"%s\",\"algo\":[%s],\"rigid\":\"\"}}\n",
		 WALLET, AGENT, ALGOS);
	pool_send(buf);
	pool.submit_at = wl_now() + SUBMIT_SECONDS;
}

/* Copies the string value after KEY in LINE into OUT, if it is a name. */
static void copy_value(const char *line, const char *key, char *out,
		       size_t size)
{
	const char *s = strstr(line, key);
	size_t n;

	if (!s)
		return;
	s += strlen(key);
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
	if (n && n < size && s[n] == '"') {
		memcpy(out, s, n);
		out[n] = 0;
	}
}

static void pool_read(void)
{
	enum wl_net_status status = wl_fill(&pool.in, 0);
	char *line;

	if (status == WL_TIMEOUT)
		return;
	if (status) {
		pool_close(wl_status_text(status));
		return;
	}
	while ((line = wl_take_line(&pool.in))) {
		if (strncmp(line, "{\"id\":1,", 8)) {
			if (strstr(line, "\"status\":\"OK\""))
				pool.accepted++;
			continue;
		}
		if (!strstr(line, "\"status\":\"OK\"")) {
			say("stratum: login refused: %.200s", line);
			continue;
		}
		copy_value(line, "\"result\":{\"id\":\"", pool.session,
			   sizeof(pool.session));
		copy_value(line, "\"job_id\":\"", pool.job, sizeof(pool.job));
		say("stratum: logged in to %s port %u, session %s, job %s",
		    opt.host, opt.port, pool.session, pool.job);
	}
}

static void pool_submit(void)
{
	unsigned int nonce = hashes_so_far() * 2654435761U + pool.submits;
	char buf[1024], result[65];
	int i;

	for (i = 0; i < 64; i += 8)
		snprintf(result + i, 9, "%08x", nonce * 0x9e3779b9U + i);
	snprintf(buf, sizeof(buf),
		 "{\"id\":%lu,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":\"%s\",\"job_id\":\"%s\",\"nonce\":\"%08x\",\"result\":\"%s\",\"algo\":\"%s\"}}\n",
		 2 + pool.submits, pool.session, pool.job, nonce, result,
		 mode_algo[opt.mode]);
	pool.submits++;
	pool_send(buf);
}

/* Split workers: fork, reap, stop. */
static void reap_workers(int wait)
{
	unsigned int i;
	int status;
	pid_t pid;

	while (live_workers) {
		pid = waitpid(-1, &status, wait ? 0 : WNOHANG);
		if (pid <= 0)
			return;
		for (i = 0; i < opt.split && workers[i] != pid; i++)
			;
		if (i == opt.split)
			continue;
		workers[i] = 0;
		live_workers--;
		if (WIFSIGNALED(status) && !wait) {
			failed_workers++;
			say("worker %u (pid %d) killed by signal %d", i, pid,
			    WTERMSIG(status));
		} else if (WIFEXITED(status) && WEXITSTATUS(status)) {
			failed_workers++;
			say("worker %u (pid %d) exited %d", i, pid,
			    WEXITSTATUS(status));
		}
	}
}

static void stop_workers(void)
{
	unsigned int i;

	for (i = 0; i < opt.split; i++)
		if (workers[i])
			kill(workers[i], SIGTERM);
	reap_workers(1);
}

static void control_loop(void);

static _Noreturn void worker_main(unsigned int i, unsigned long threads)
{
	char name[16];
	int made;

	worker = i;
	__atomic_store_n(&got_child, 0, __ATOMIC_RELAXED);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) || getppid() != top_pid)
		_exit(1);
	if (pool.fd >= 0)
		close(pool.fd);
	pool.fd = -1;
	snprintf(name, sizeof(name), "w%u", i);
	if (!cg_enter(name, &made))
		say("worker %u (pid %d) in %s/%s", i, getpid(), cg_start,
		    name);
	if (made)
		__atomic_fetch_or(&shm->made_w, 1ULL << i, __ATOMIC_RELAXED);
	start_hashers(threads, i * threads);
	control_loop();
	stop_hashers();
	_exit(0);
}

static void start_workers(void)
{
	unsigned long per = total_threads / opt.split;
	unsigned int i;
	pid_t pid;

	fflush(NULL);
	for (i = 0; i < opt.split; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (!pid)
			worker_main(i, per);
		workers[i] = pid;
		live_workers++;
	}
}

/* Stops this process's hashing, whichever way it hashes. */
static void stop_work(void)
{
	if (opt.split)
		stop_workers();
	else
		stop_hashers();
}

static void setenv_or_die(const char *name, const char *fmt, ...)
{
	char buf[PATH_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (setenv(name, buf, 1))
		die("setenv %s", name);
}

/* --reexec: stop, hand the state on in the environment, execve. */
static _Noreturn void reexec(void)
{
	double offset = realtime() - wl_now();

	stop_work();
	if (run_deadline_rt)
		setenv_or_die("MINER_DEADLINE", "%.6f", run_deadline_rt);
	setenv_or_die("MINER_START", "%.6f", start_rt);
	setenv_or_die("MINER_HASHES", "%lu", hashes_so_far());
	setenv_or_die("MINER_EXECS", "%lu", execs + 1);
	setenv_or_die("MINER_MADE", "%x %llx", cg_made_h | shm->made_h,
		      (unsigned long long)(cg_made_w | shm->made_w));
	if (cg_start[0])
		setenv_or_die("MINER_CGROUP", "%s", cg_start);
	if (pool.fd >= 0 && !fcntl(pool.fd, F_SETFD, 0))
		setenv_or_die("MINER_POOL", "%d %lu %lu %.6f %s %s", pool.fd,
			      pool.submits, pool.accepted,
			      pool.submit_at + offset, pool.session, pool.job);
	else
		unsetenv("MINER_POOL");
	say("re-exec %lu", execs + 1);
	execv("/proc/self/exe", args);
	die("execv /proc/self/exe");
}

/* The state an earlier exec of this run handed on, if any. */
static void inherit(void)
{
	double offset = wl_now() - realtime(), submit_at;
	const char *s;
	unsigned long long made_w;
	int fd;

	s = getenv("MINER_DEADLINE");
	if (s)
		run_deadline_rt = strtod(s, NULL);
	else if (opt.seconds)
		run_deadline_rt = realtime() + opt.seconds;
	if (run_deadline_rt)
		run_deadline = run_deadline_rt + offset;
	s = getenv("MINER_START");
	start_rt = s ? strtod(s, NULL) : realtime();
	s = getenv("MINER_HASHES");
	prior_hashes = s ? strtoul(s, NULL, 10) : 0;
	s = getenv("MINER_EXECS");
	execs = s ? strtoul(s, NULL, 10) : 0;
	s = getenv("MINER_MADE");
	if (s && sscanf(s, "%x %llx", &cg_made_h, &made_w) == 2)
		cg_made_w = made_w;
	s = getenv("MINER_POOL");
	if (s && sscanf(s, "%d %lu %lu %lf %63s %63s", &fd, &pool.submits,
			&pool.accepted, &submit_at, pool.session,
			pool.job) == 6 && fcntl(fd, F_SETFD, FD_CLOEXEC) == 0) {
		pool.fd = fd;
		pool.submit_at = submit_at + offset;
		wl_lines_init(&pool.in, fd);
	}
}

/*
 * The main thread of every process: sleeps in ppoll, the only place where
 * SIGTERM, SIGINT and SIGCHLD get through, and does what is due: re-exec,
 * hop, submit, read the pool. Returns when the run is to end.
 */
static void control_loop(void)
{
	double now, next, reexec_at = 0, hop_at = 0, wait;
	struct pollfd pfd = { .events = POLLIN };
	struct timespec ts;
	sigset_t open;

	sigprocmask(SIG_SETMASK, NULL, &open);
	sigdelset(&open, SIGTERM);
	sigdelset(&open, SIGINT);
	sigdelset(&open, SIGCHLD);
	if (opt.reexec && worker < 0)
		reexec_at = wl_now() + opt.reexec;
	if (opt.hop && (opt.split ? worker >= 0 : 1))
		hop_at = wl_now() + opt.hop;
	for (;;) {
		if (__atomic_exchange_n(&got_child, 0, __ATOMIC_RELAXED))
			reap_workers(0);
		if (__atomic_load_n(&got_stop, __ATOMIC_RELAXED) ||
		    wl_expired(run_deadline) ||
		    (opt.split && worker < 0 && !live_workers))
			return;
		now = wl_now();
		if (reexec_at && now >= reexec_at)
			reexec();
		if (hop_at && now >= hop_at) {
			cg_hop();
			hop_at += opt.hop;
		}
		if (pool.fd >= 0 && now >= pool.submit_at) {
			pool_submit();
			pool.submit_at += SUBMIT_SECONDS;
		}
		next = now + 1;
		if (run_deadline && run_deadline < next)
			next = run_deadline;
		if (reexec_at && reexec_at < next)
			next = reexec_at;
		if (hop_at && hop_at < next)
			next = hop_at;
		if (pool.fd >= 0 && pool.submit_at < next)
			next = pool.submit_at;
		wait = next > now ? next - now : 0;
		ts.tv_sec = wait;
		ts.tv_nsec = (wait - ts.tv_sec) * 1e9;
		pfd.fd = pool.fd;
		pfd.revents = 0;
		if (ppoll(&pfd, 1, &ts, &open) > 0 && pool.fd >= 0 &&
		    pfd.revents)
			pool_read();
	}
}

static void on_signal(int sig)
{
	__atomic_store_n(sig == SIGCHLD ? &got_child : &got_stop, 1,
			 __ATOMIC_RELAXED);
}

/* Signals wait for ppoll in the main thread; threads inherit the mask. */
static void setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &block, NULL))
		die("sigprocmask");
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) || sigaction(SIGINT, &sa, NULL) ||
	    sigaction(SIGCHLD, &sa, NULL))
		die("sigaction");
	signal(SIGPIPE, SIG_IGN);
}

static unsigned long number(const char *arg, unsigned long min,
			    unsigned long max)
{
	unsigned long n;

	if (!arg)
		wl_usage(USAGE);
	n = wl_number(arg, USAGE);
	if (n < min || n > max)
		wl_usage(USAGE);
	return n;
}

/* HOST:PORT with an IPv4 literal or [IPv6]:PORT. */
static void parse_pool(const char *arg)
{
	unsigned char addr[sizeof(struct in6_addr)];
	const char *colon, *host = arg;
	size_t len;

	if (!arg)
		wl_usage(USAGE);
	if (*arg == '[') {
		host = arg + 1;
		colon = strchr(host, ']');
		if (!colon || colon[1] != ':')
			wl_usage(USAGE);
		len = colon - host;
		colon++;
	} else {
		colon = strrchr(arg, ':');
		if (!colon)
			wl_usage(USAGE);
		len = colon - host;
	}
	if (len >= sizeof(opt.host))
		wl_usage(USAGE);
	memcpy(opt.host, host, len);
	opt.host[len] = 0;
	if (inet_pton(*arg == '[' ? AF_INET6 : AF_INET, opt.host, addr) != 1)
		wl_usage(USAGE);
	opt.port = wl_port(colon + 1, USAGE);
}

static void parse(int argc, char **argv)
{
	const char *arg;
	int i;

	if (argc < 2)
		wl_usage(USAGE);
	for (i = 0; i < MODES && strcmp(argv[1], mode_name[i]); i++)
		;
	if (i == MODES)
		wl_usage(USAGE);
	opt.mode = i;
	for (i = 2; i < argc; i++) {
		arg = argv[i];
		if (!strcmp(arg, "--idle"))
			opt.idle = 1;
		else if (!strcmp(arg, "--hugepages-sysfs"))
			opt.hugepages = 1;
		else if (!strcmp(arg, "--msr"))
			opt.msr = 1;
		else if (!strcmp(arg, "--threads"))
			opt.threads = number(argv[++i], 1, MAX_THREADS);
		else if (!strcmp(arg, "--seconds"))
			opt.seconds = number(argv[++i], 0, 1UL << 31);
		else if (!strcmp(arg, "--duty"))
			opt.duty = number(argv[++i], 1, 100);
		else if (!strcmp(arg, "--period-ms"))
			opt.period_ms = number(argv[++i], 1, 3600000);
		else if (!strcmp(arg, "--reexec"))
			opt.reexec = number(argv[++i], 1, 1UL << 31);
		else if (!strcmp(arg, "--split"))
			opt.split = number(argv[++i], 1, MAX_SPLIT);
		else if (!strcmp(arg, "--hop"))
			opt.hop = number(argv[++i], 1, 1UL << 31);
		else if (!strcmp(arg, "--stratum"))
			parse_pool(argv[++i]);
		else if (!strcmp(arg, "--name") && argv[i + 1] && argv[i + 1][0])
			opt.name = argv[++i];
		else if (!strcmp(arg, "--nice") && argv[i + 1] &&
			 argv[i + 1][0] == '-')
			opt.nice = -(long)number(argv[++i] + 1, 0, 20);
		else if (!strcmp(arg, "--nice"))
			opt.nice = number(argv[++i], 0, 19);
		else
			wl_usage(USAGE);
		if (!strcmp(arg, "--nice"))
			opt.set_nice = 1;
	}
}

/*
 * --name: the comm of the main thread (threads copy it and set it again)
 * and the whole argv area, so that /proc/PID/cmdline is NAME alone.
 * Without --name, a re-exec'd image gets back the comm that
 * "/proc/self/exe" took from it.
 */
static void disguise(int argc, char **argv)
{
	const char *name = opt.name, *slash;
	char *end = argv[0] + strlen(argv[0]);
	int i;

	if (!name) {
		if (execs) {
			slash = strrchr(args[0], '/');
			prctl(PR_SET_NAME, slash ? slash + 1 : args[0]);
		}
		return;
	}
	prctl(PR_SET_NAME, name);
	/* The strings are contiguous as the kernel lays them out. */
	for (i = 1; i < argc && argv[i] == end + 1; i++)
		end = argv[i] + strlen(argv[i]);
	memset(argv[0], 0, end - argv[0]);
	memcpy(argv[0], name, strnlen(name, end - argv[0]));
}

/* --hugepages-sysfs: size the 2 MB pool for the run, as xmrig does. */
static void hugepages_sysfs(void)
{
	const char *path = "/proc/sys/vm/nr_hugepages";
	unsigned long procs = opt.split ? opt.split : 1, have = 0, want = 0;
	char buf[32];
	ssize_t n;
	int fd;

	if (opt.mode == RANDOMX)
		want = procs * round_up(rx_region_bytes(total_threads / procs),
					HUGE_2M) / HUGE_2M;
	else if (opt.mode == CRYPTONIGHT)
		want = total_threads;
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = 0;
			have = strtoul(buf, NULL, 10);
		}
		close(fd);
	}
	if (want < have)
		want = have;
	n = snprintf(buf, sizeof(buf), "%lu\n", want);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, buf, n) != n)
		warn("writing %lu to %s", want, path);
	else
		say("%s: %lu", path, want);
	if (fd >= 0)
		close(fd);
}

/* --msr: xmrig's RandomX MSR mod, but the value written is the one read. */
static void msr_boost(void)
{
	const char *path = "/dev/cpu/0/msr";
	uint64_t value;
	int fd;

	fd = open(path, O_RDWR);
	if (fd < 0) {
		warn("%s", path);
		return;
	}
	if (pread(fd, &value, sizeof(value), 0x1a4) != sizeof(value))
		warn("reading MSR 0x1a4");
	else if (pwrite(fd, &value, sizeof(value), 0x1a4) != sizeof(value))
		warn("writing MSR 0x1a4");
	else
		say("MSR 0x1a4 = %#llx, written back",
		    (unsigned long long)value);
	close(fd);
}

static void detect_isa(void)
{
	unsigned int eax, ebx, ecx, edx;
	int sse41 = 0;

	if (getenv("MINER_SCALAR"))
		return;
	if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
		use_aes = ecx >> 25 & 1;
		sse41 = ecx >> 19 & 1;
	}
	if (sse41 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
		use_sha = ebx >> 29 & 1;
}

static void find_cpus(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set)) {
		warn("sched_getaffinity");
		return;
	}
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[ncpus++] = cpu;
}

int main(int argc, char **argv)
{
	static const char *const isa[MODES][2] = {
		{ "soft-aes", "aes-ni" }, { "scalar", "sha-ni" },
		{ "sse2", "sse2" }, { "soft-aes", "aes-ni" },
	};
	const struct sched_param idle = { 0 };
	unsigned long bytes;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	args = calloc(argc + 1, sizeof(*args));
	if (!args)
		die("calloc");
	for (i = 0; i < argc; i++) {
		args[i] = strdup(argv[i]);
		if (!args[i])
			die("strdup");
	}
	parse(argc, args);
	setup_signals();
	inherit();
	find_cpus();
	detect_isa();
	soft_aes_init();
	if (use_aes)
		check_soft_aes();
	if (opt.mode == SHA256D)
		check_sha();
	disguise(argc, argv);
	if (opt.set_nice && setpriority(PRIO_PROCESS, 0, opt.nice))
		warn("setpriority %ld", opt.nice);
	if (opt.idle && sched_setscheduler(0, SCHED_IDLE, &idle))
		warn("SCHED_IDLE");
	total_threads = opt.threads ? opt.threads : ncpus ? (unsigned long)ncpus : 1;
	if (opt.split) {
		if (total_threads < opt.split)
			total_threads = opt.split;
		total_threads -= total_threads % opt.split;
	}
	if (opt.split || opt.hop)
		cg_init();
	if (!execs && opt.hugepages)
		hugepages_sysfs();
	if (!execs && opt.msr)
		msr_boost();
	if (opt.host[0] && pool.fd < 0)
		pool_login();
	bytes = sizeof(*shm) + total_threads * sizeof(struct slot);
	shm = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED)
		die("mmap shared counters");
	say("%s using %s", mode_name[opt.mode],
	    isa[opt.mode][opt.mode == SHA256D ? use_sha : use_aes]);
	top_pid = getpid();
	if (opt.split)
		start_workers();
	else
		start_hashers(total_threads, 0);
	control_loop();
	stop_work();
	cg_cleanup();
	if (pool.fd >= 0)
		close(pool.fd);
	printf("miner: %s %lu threads %lu hashes in %.1f s\n",
	    mode_name[opt.mode], total_threads, hashes_so_far(),
	    realtime() - start_rt);
	return opt.split && failed_workers == opt.split ? 1 : 0;
}
