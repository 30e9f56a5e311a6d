# A miner that tries to dodge minerguard is still judged a miner within the
# throttled target (60 s), default policy, observe mode: renamed like a
# compiler and run through a symlink named like one, re-executing itself,
# split into 8 processes over child cgroups of its job, moving between
# child cgroups, pausing after each few seconds of work, and lowering its
# own priority. The operator's layout is set (job_depth 2: mgt/NAME is a
# job with its child cgroups). Two variants run at a time, each job in a
# one-CPU cpuset, so each has a CPU to itself.
mg_load job_depth=2
TARGET=60

job_dir() { # job_dir NAME: the module's directory of job mgt/NAME
	echo "$MG_SYSFS/cgroups/$(cg_id "mgt/$1")"
}

uptime_s() {
	cut -d. -f1 /proc/uptime
}

# start NAME CPU COMMAND: the variant in job mgt/NAME pinned to CPU.
start() {
	cg_create "mgt/$1"
	echo "$2" >"$CG/mgt/$1/cpuset.cpus" || fail "cpuset of $1"
	eval "start_$1=$(uptime_s)"
	cg_spawn "mgt/$1" sh -c "exec $3 >/tmp/$1.out 2>&1"
}

# caught NAME: waits for the miner verdict, within the target.
caught() {
	eval "begun=\$start_$1"
	wait_until "$TARGET" "[ \"\$(cat $(job_dir "$1")/verdict 2>/dev/null)\" = miner ]" \
		"$1 judged miner"
	echo "$1: miner after $(($(uptime_s) - begun)) s," \
		"evidence $(cat "$(job_dir "$1")/evidence")"
}

# The dodge really happened: what each variant's processes look like.
children_in_use() { # children_in_use NAME PREFIX: child cgroups with tasks
	n=0
	for dir in "$CG/mgt/$1/$2"*; do
		[ -d "$dir" ] || continue
		[ -n "$(cat "$dir/cgroup.procs")" ] && n=$((n + 1))
	done
	echo "$n"
}

stat_field() { # stat_field PID N: field N of /proc/PID/stat (after comm)
	sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f$(($2 - 2))
}

# On failure: each variant's output, its cgroups and the module's view.
dump() {
	for out in /tmp/*.out; do
		echo "--- $out"
		tail -n 15 "$out"
	done
	find "$CG/mgt" -name cgroup.procs | while read -r procs; do
		echo "$procs: $(tr '\n' ' ' <"$procs")"
	done
	minerguardctl status
}
MG_ON_FAIL=dump

ln -s "$(command -v miner)" /tmp/cc1
start renamed 0 "/tmp/cc1 randomx --name gcc"
start reexec 1 "miner randomx --reexec 3"
wait_until 10 "[ -n \"\$(cat $CG/mgt/renamed/cgroup.procs)\" ]" "renamed runs"
pid=$(head -n 1 "$CG/mgt/renamed/cgroup.procs")
wait_until 10 "grep -qx gcc /proc/$pid/comm" "renamed calls itself gcc"
caught renamed
caught reexec
assert_contains "$(cat /tmp/reexec.out)" "re-exec" "reexec re-executed itself"
cg_destroy mgt/renamed
cg_destroy mgt/reexec

start split 0 "miner randomx --split 8 --threads 8"
start hop 1 "miner randomx --hop 2"
wait_until 20 "[ \$(children_in_use split w) = 8 ]" "split over 8 child cgroups"
wait_until 20 "[ \$(children_in_use hop h) = 1 ]" "hop in a child cgroup"
caught split
caught hop
# The children are part of the job, not jobs of their own.
[ ! -d "$MG_SYSFS/cgroups/$(cg_id mgt/split/w0)" ] ||
	fail "child cgroup w0 tracked as a job of its own"
cg_destroy mgt/split
cg_destroy mgt/hop

start pauses 0 "miner randomx --duty 50 --period-ms 6000"
start idle 1 "miner randomx --idle --nice 19"
wait_until 10 "[ -n \"\$(cat $CG/mgt/idle/cgroup.procs)\" ]" "idle runs"
pid=$(head -n 1 "$CG/mgt/idle/cgroup.procs")
# SCHED_IDLE is policy 5 (field 41), nice field 19.
wait_until 10 "[ \$(stat_field $pid 41) = 5 ] && [ \$(stat_field $pid 19) = 19 ]" \
	"idle at SCHED_IDLE and nice 19"
caught pauses
caught idle
cg_destroy mgt/pauses
cg_destroy mgt/idle
rm -f /tmp/cc1
