#!/bin/sh
# test-mix.sh [SECONDS [WORKERS]]
#
# A benign load of the detection benchmark that looks like a test suite
# rather than a CPU hog: many short-lived processes (hashing, sorting and
# grepping small files, a compiler syntax check, short sleeps). WORKERS
# loops (default 1) run side by side until SECONDS (default 10) have
# passed; each finishes the round it is in. Runs under busybox sh in the
# guest (corpus-tree installs it as /mg/benign/test-mix.sh, with the
# sources it reads under /src); the Debian programs are called by their
# /usr/bin paths, since busybox has applets of some of the same names.
set -eu

secs=${1:-10}
workers=${2:-1}
src=/src/minerguardctl
end=$(($(date +%s) + secs))
tmp=$(mktemp -d)

# worker ID: rounds until the deadline; the last line is its count.
worker() {
	rounds=0
	while [ "$(date +%s)" -lt "$end" ]; do
		/usr/bin/sha256sum "$src"/*.h >"$tmp/sums.$1"
		sort -k2 "$tmp/sums.$1" >"$tmp/sorted.$1"
		grep -l include "$src"/*.c >"$tmp/grep.$1"
		/usr/bin/gcc -fsyntax-only -std=gnu11 -I/src/include/uapi \
			"$src/json.c"
		sleep 0.05
		rounds=$((rounds + 1))
	done
	echo "test-mix: worker $1: $rounds rounds"
}

pids=""
i=0
while [ "$i" -lt "$workers" ]; do
	worker "$i" &
	pids="$pids $!"
	i=$((i + 1))
done
# Set only now: the workers are subshells, which must not remove it.
trap 'rm -rf "$tmp"' EXIT
# A worker that failed (set -e ends it) fails the load.
status=0
for pid in $pids; do
	wait "$pid" || status=1
done
exit "$status"
