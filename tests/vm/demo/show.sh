# make demo: what an operator sees on a runner with minerguard enforcing.
# Two CI jobs start side by side: a real build (make -j of minerguardctl's
# sources with Debian's gcc) and a RandomX-like miner that calls itself
# cc1. The policy kills miners; the demo shows the miner caught and killed
# while the build runs on to its end, then a summary. It exits non-zero if
# either outcome is not what it shows.
run() {
	echo
	echo "# $*"
	sh -c "$*" 2>&1
}
uptime_s() {
	cut -d. -f1 /proc/uptime
}
job() { # job NAME FILE: a file of the job's entry, - while untracked
	cg_value "ci/$1" "$2"
}
CPUS=$(nproc)
echo "Guest kernel: $(uname -r), $CPUS CPUs"
run insmod /mg/minerguard.ko
echo
echo "# the operator's policy: act on verdicts, and kill miners"
run minerguardctl policy set action_miner kill
run minerguardctl policy set mode enforce
run "minerguardctl policy show | grep -E '^(mode|locked|suspect_score|miner_score|grace_s|action_)'"

echo
echo "# two CI jobs start: ci/build runs 'make -j$CPUS' of a C project with"
echo "# gcc; ci/job-42 runs a RandomX-like miner (JIT code in RWX memory,"
echo "# huge pages, AES hashing, rounding-mode changes) named cc1, like the"
echo "# compiler next door"
cg_create ci/build
cg_create ci/job-42
start=$(uptime_s)
cg_spawn ci/build sh -c "/usr/bin/make -C /src/minerguardctl -j$CPUS clean all \
	>/tmp/build.log 2>&1; echo \$? >/tmp/build.status"
build_shell=$!
cg_spawn ci/job-42 miner randomx --name cc1 >/tmp/miner.log 2>&1
echo
echo "#  time  ci/build: verdict score cpu% tasks  |  ci/job-42: verdict score cpu% tasks"
miner_at=- killed_at=- built_at=-
while [ "$built_at" = - ] || [ "$killed_at" = - ]; do
	sleep 2
	now=$(($(uptime_s) - start))
	miner_tasks=$(wc -l <"$CG/ci/job-42/cgroup.procs")
	miner_verdict=$(job job-42 verdict)
	printf '#  %3ss  %-8s %5s %4s %5s  |  %-8s %5s %4s %5s\n' "$now" \
		"$(job build verdict)" "$(job build score)" \
		"$(job build cpu_pct_short)" "$(wc -l <"$CG/ci/build/cgroup.procs")" \
		"$miner_verdict" "$(job job-42 score)" \
		"$(job job-42 cpu_pct_short)" "$miner_tasks"
	[ "$miner_at" != - ] || [ "$miner_verdict" != miner ] || miner_at=$now
	if [ "$killed_at" = - ] && [ "$miner_tasks" = 0 ]; then
		killed_at=$now
		run minerguardctl
		run "dmesg | grep -o 'minerguard: BLOCK.*'"
		echo
		echo "#  time  ci/build: verdict score cpu% tasks  |  ci/job-42: verdict score cpu% tasks"
	fi
	[ "$built_at" != - ] || [ ! -f /tmp/build.status ] || built_at=$now
	[ "$now" -lt 600 ] || break
done
wait "$build_shell"
build_status=$(cat /tmp/build.status 2>/dev/null || echo none)
run "minerguardctl show /ci/job-42 | sed '/^allowed/q'"

echo
echo "== summary"
echo "ci/job-42 (miner named cc1): judged miner after ${miner_at} s," \
	"killed by minerguard after ${killed_at} s;" \
	"evidence $(job job-42 evidence)"
echo "ci/build (make -j$CPUS, $(ls /src/minerguardctl/*.c | wc -l) C files):" \
	"finished after ${built_at} s with exit status $build_status," \
	"verdict $(job build verdict), score $(job build score);" \
	"$(ls /src/minerguardctl/minerguardctl >/dev/null 2>&1 &&
		echo "built minerguardctl runs: $(/src/minerguardctl/minerguardctl --version)")"
ok=1
[ "$killed_at" != - ] && [ "$miner_at" != - ] || ok=0
[ "$build_status" = 0 ] && [ "$(job build verdict)" = clean ] || ok=0
[ "$ok" = 1 ] || { echo "demo: not the expected outcome"; exit 1; }
cg_remove ci/build >/dev/null
cg_remove ci/job-42 >/dev/null
run rmmod minerguard
