# SPDX-License-Identifier: GPL-2.0
#
# make              module/minerguard.ko for KVER, and userspace/minerguardctl
# make check        every test: host, fuzz (12 s each), KUnit, guests on 6.1,
#                   6.12 and debug
# make demo         boot a guest and show minerguard at work
# make style        checkpatch over the project's C files
# make sparse       sparse (C=2) against both target kernels
# make bench        benchmarks (bench/): overheads printed as ratios, scale
# make bench-detect detection quality on the miner-like and benign corpora,
#                   into bench/results/detection.md (about 35 minutes)
# make fuzz         every libFuzzer harness (tests/fuzz/) for FUZZ_SECONDS
#                   each (default 600)
# make install      install-tools and install-dkms (below), into DESTDIR
# make install-tools  minerguardctl, man page, bash completion, systemd
#                   units, /etc/minerguard/policy.conf (kept if present),
#                   examples; under PREFIX (default /usr/local)
# make install-dkms the module's DKMS source tree, /usr/src/minerguard-VERSION
#                   (then: dkms install minerguard/VERSION)
# make deb          minerguard-dkms and minerguard-tools .debs in build/deb/
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

MG_VERSION := $(shell sed -n 's/^\#define MINERGUARD_VERSION "\(.*\)"$$/\1/p' \
	$(MG_ROOT)/include/uapi/linux/minerguard.h)

# Install locations. DESTDIR is prepended to every one of them.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/minerguard
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
DKMSDIR ?= /usr/src/minerguard-$(MG_VERSION)
INSTALL ?= install

# The module's sources as DKMS builds them (not kbuild's generated .mod.c).
DKMS_FILES := dkms.conf Kbuild module/Kbuild include/uapi/linux/minerguard.h \
	$(filter-out %.mod.c,$(wildcard module/*.c)) $(wildcard module/*.h)
UNITS := minerguard.service minerguard-enforce.service

.PHONY: all setup module tool clean check demo style sparse bench \
	bench-detect fuzz \
	install install-tools install-dkms deb

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
	@bench/scale

bench-detect: setup
	@bench/detect

fuzz: setup
	@tests/fuzz/run $(FUZZ_SECONDS)

install: install-tools install-dkms

install-tools: tool
	$(INSTALL) -D -m 0755 userspace/minerguardctl \
		$(DESTDIR)$(SBINDIR)/minerguardctl
	$(INSTALL) -D -m 0644 userspace/minerguardctl.8 \
		$(DESTDIR)$(MANDIR)/man8/minerguardctl.8
	$(INSTALL) -D -m 0644 userspace/minerguardctl.bash-completion \
		$(DESTDIR)$(BASHCOMPDIR)/minerguardctl
	$(INSTALL) -d $(DESTDIR)$(UNITDIR)
	@# The units name the tool and the policy file where this puts them.
	for u in $(UNITS); do \
		sed -e 's|@SBINDIR@|$(SBINDIR)|g' \
			-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' packaging/$$u.in \
			>$(DESTDIR)$(UNITDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
	@# An administrator's policy is never overwritten.
	if [ -e $(DESTDIR)$(SYSCONFDIR)/minerguard/policy.conf ]; then \
		echo "keeping $(DESTDIR)$(SYSCONFDIR)/minerguard/policy.conf"; \
	else \
		$(INSTALL) -D -m 0644 packaging/policy.conf \
			$(DESTDIR)$(SYSCONFDIR)/minerguard/policy.conf; \
	fi
	$(INSTALL) -d $(DESTDIR)$(DOCDIR)/examples
	$(INSTALL) -m 0644 packaging/policy.conf \
		packaging/modprobe-minerguard.conf packaging/runner-drop-in.conf \
		$(DESTDIR)$(DOCDIR)/examples/

# dkms.conf names the version too; the two must agree.
MG_DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' \
	$(MG_ROOT)/dkms.conf)

install-dkms:
	@test -n "$(MG_VERSION)" || { echo "no MINERGUARD_VERSION" >&2; exit 1; }
	@test "$(MG_DKMS_VERSION)" = "$(MG_VERSION)" || { echo "dkms.conf has" \
		"$(MG_DKMS_VERSION), include/uapi/linux/minerguard.h $(MG_VERSION)" >&2; \
		exit 1; }
	for f in $(DKMS_FILES); do \
		$(INSTALL) -D -m 0644 $$f $(DESTDIR)$(DKMSDIR)/$$f || exit 1; \
	done

# Built from a copy of the sources in build/deb/, so that dpkg-buildpackage
# leaves nothing in the tree and puts the packages in build/deb/.
deb: setup
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	test "$$v" = "$(MG_VERSION)" || { echo "debian/changelog has $$v," \
		"include/uapi/linux/minerguard.h $(MG_VERSION)" >&2; exit 1; }
	@test "$(MG_DKMS_VERSION)" = "$(MG_VERSION)" || { echo "dkms.conf has" \
		"$(MG_DKMS_VERSION), include/uapi/linux/minerguard.h $(MG_VERSION)" >&2; \
		exit 1; }
	rm -rf build/deb
	packaging/copy-source build/deb/minerguard-$(MG_VERSION)
	cd build/deb/minerguard-$(MG_VERSION) && dpkg-buildpackage -b -us -uc
	@ls build/deb/*.deb
