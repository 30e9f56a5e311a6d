# SPDX-License-Identifier: GPL-2.0
#
# make              module/minerguard.ko for KVER, and userspace/minerguardctl
# make check        every test: host, fuzz (12 s each), KUnit, guests on 6.1,
#                   6.12 and debug
# make demo         boot a guest and show minerguard at work
# make style        checkpatch over the project's C files
# make sparse       sparse (C=2) against both target kernels
# make bench        benchmarks (bench/), printed as ratios
# make fuzz         every libFuzzer harness (tests/fuzz/) for FUZZ_SECONDS
#                   each (default 600)
#
# KVER defaults to the newest Debian cloud kernel whose headers are installed.

MG_ROOT := $(CURDIR)
MG_CACHE ?= /var/cache/minerguard
export MG_CACHE

SETUP := $(MG_ROOT)/scripts/setup
KVER ?= $(shell ls -d /usr/src/linux-headers-*-cloud-amd64 2>/dev/null | \
	sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
KDIR ?= /usr/src/linux-headers-$(KVER)

FUZZ_SECONDS ?= 600

.PHONY: all setup module tool clean check demo style sparse bench fuzz

all: module tool

setup:
	@$(SETUP)

module: setup
	@test -n "$(KVER)" || { echo "no cloud kernel headers found" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(MG_ROOT) MG_ROOT=$(MG_ROOT) modules

tool:
	$(MAKE) -C userspace

clean:
	-test -z "$(KVER)" || $(MAKE) -C $(KDIR) M=$(MG_ROOT) MG_ROOT=$(MG_ROOT) clean
	$(MAKE) -C userspace clean
	rm -rf build

check: setup
	@tests/run-all

demo: setup
	@tests/vm/demo/run

style: setup
	@scripts/style

sparse: setup
	@scripts/sparse

bench: setup
	@bench/sched-overhead
	@bench/sampler-overhead
	@bench/net-overhead

fuzz: setup
	@tests/fuzz/run $(FUZZ_SECONDS)
