# Helpers for guest test steps (busybox sh). A step fails on its first
# failed assertion: each helper prints what it expected and exits 1.

MG_SYSFS=/sys/kernel/minerguard
MG_KO=/mg/minerguard.ko

# MG_ON_FAIL, if set, is a command that prints context for a failure.
fail() {
	echo "FAIL: $*"
	[ -z "${MG_ON_FAIL:-}" ] || eval "$MG_ON_FAIL"
	exit 1
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	echo "ok: $3 = '$1'"
}

# assert_fails WHAT CMD...: CMD must exit non-zero.
assert_fails() {
	what=$1
	shift
	if "$@" 2>/tmp/assert_fails.err; then
		fail "$what: '$*' succeeded"
	fi
	echo "ok: $what refused ($(head -n 1 /tmp/assert_fails.err))"
}

# assert_ok WHAT CMD...: CMD must succeed.
assert_ok() {
	what=$1
	shift
	"$@" || fail "$what: '$*' exited $?"
	echo "ok: $what"
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
	case "$1" in
	*"$2"*) echo "ok: $3" ;;
	*) fail "$3: '$2' not in: $1" ;;
	esac
}

mg_load() {
	insmod "$MG_KO" "$@" || fail "insmod $MG_KO $*"
}

mg_unload() {
	rmmod minerguard || fail "rmmod minerguard"
}

mg_loaded() {
	grep -q '^minerguard ' /proc/modules
}

# as_nobody CMDLINE: runs a shell command line as uid/gid 65534.
as_nobody() {
	su -s /bin/sh -c "$1" nobody
}

# --- cgroups -----------------------------------------------------------------
CG=/sys/fs/cgroup

# cg_create PATH: makes /sys/fs/cgroup/PATH with the cpu and cpuset
# controllers available to it (enabled in every ancestor).
cg_create() {
	dir=$CG
	for part in $(echo "$1" | tr / ' '); do
		echo "+cpu +cpuset" >"$dir/cgroup.subtree_control" 2>/dev/null
		dir=$dir/$part
		mkdir -p "$dir" || fail "mkdir $dir"
	done
}

# cg_id PATH: the cgroup v2 id (the directory's inode number).
cg_id() {
	stat -c %i "$CG/$1"
}

# cg_spawn PATH CMD...: runs CMD in the background inside cgroup PATH;
# the pid is in $!.
cg_spawn() {
	path=$1
	shift
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG/$path" "$@" &
}

# cg_make_many PATH PREFIX COUNT: makes PATH/PREFIX0 .. PATH/PREFIX<COUNT-1>.
cg_make_many() {
	i=0
	while [ $i -lt "$3" ]; do
		mkdir "$CG/$1/$2$i" || fail "mkdir $1/$2$i"
		i=$((i + 1))
	done
}

# cg_visit PATH PREFIX COUNT: one shell runs a while in each of the
# cgroups PATH/PREFIX0 .. PATH/PREFIX<COUNT-1> in turn, then returns to
# the root: long enough in each to be seen by a coarse sched_clock (TCG
# guests may fall back to jiffies), and slower than the 512 jobs per CPU
# and tick the accumulation tables hold.
cg_visit() {
	sh -c '
		i=0
		while [ $i -lt "$2" ]; do
			echo $$ >"$0/$1$i/cgroup.procs" || exit 1
			n=0
			while [ $n -lt 1000 ]; do n=$((n + 1)); done
			i=$((i + 1))
		done
		echo $$ >/sys/fs/cgroup/cgroup.procs' "$CG/$1" "$2" "$3" ||
		fail "running in $1/$2*"
}

# cg_kill_all PATH: kills every process of cgroup PATH and waits for it to
# empty.
cg_kill_all() {
	for pid in $(cat "$CG/$1/cgroup.procs"); do
		kill -9 "$pid" 2>/dev/null
	done
	wait_until 10 "[ -z \"\$(cat $CG/$1/cgroup.procs)\" ]" "$1 empty"
}

# cg_remove PATH: kills every process of cgroup PATH and removes it; dying
# tasks keep a cgroup busy for a while after cgroup.procs empties.
cg_remove() {
	kill -CONT $(cat "$CG/$1/cgroup.procs") 2>/dev/null
	cg_kill_all "$1"
	wait_until 20 "rmdir $CG/$1 2>/dev/null" "$1 removed"
}

# cg_run PATH CMDLINE: a shell running CMDLINE in the background inside
# cgroup PATH (created as by cg_create).
# cg_destroy PATH: ends every task of PATH and of its child cgroups
# (cgroup.kill: SIGKILL, stopped tasks too) and removes them all.
cg_destroy() {
	echo 1 >"$CG/$1/cgroup.kill" || fail "cgroup.kill of $1"
	wait_until 20 "grep -q '^populated 0' $CG/$1/cgroup.events" "$1 empty"
	find "$CG/$1" -depth -type d -exec rmdir {} + || fail "removing $1"
}
cg_run() {
	cg_create "$1"
	cg_spawn "$1" sh -c "$2" >/dev/null
}

# cg_value PATH FILE: the module's FILE for cgroup PATH, "-" while it is
# not tracked.
cg_value() {
	cat "$MG_SYSFS/cgroups/$(cg_id "$1")/$2" 2>/dev/null || echo -
}

# cg_runs PATH COMM: a process of cgroup PATH is named COMM.
cg_runs() {
	for pid in $(cat "$CG/$1/cgroup.procs"); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && return 0
	done
	return 1
}

# cg_usage_us PATH: CPU time the cgroup used, in microseconds (cpu.stat).
cg_usage_us() {
	awk '$1 == "usage_usec" { print $2 }' "$CG/$1/cpu.stat"
}

# mg_cg ID FILE: a value from /sys/kernel/minerguard/cgroups/ID/FILE.
mg_cg() {
	cat "$MG_SYSFS/cgroups/$1/$2"
}

# wait_until SECONDS CONDITION WHAT: polls a shell condition.
wait_until() {
	end=$(($(date +%s) + $1))
	until eval "$2"; do
		[ "$(date +%s)" -lt "$end" ] || fail "timed out waiting for $3"
		sleep 0.2
	done
	echo "ok: $3"
}

# assert_near ACTUAL EXPECTED TOLERANCE WHAT
assert_near() {
	diff=$(($1 - $2))
	[ "$diff" -lt 0 ] && diff=$((-diff))
	[ "$diff" -le "$3" ] || fail "$4: got $1, expected $2 +- $3"
	echo "ok: $4 = $1 (expected $2 +- $3)"
}
