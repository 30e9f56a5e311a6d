# Verdicts under the default policy, in observe mode. A RandomX-like job
# (JIT, a huge-page request, rounding-mode changes, AES hashing) becomes a
# miner; sustained scalar SHA-256 alone becomes suspect; benign busy jobs
# and look-alikes stay clean. Each transition is logged once, wakes pollers,
# and nothing is acted on in observe mode.
mg_load
assert_eq "$(cat "$MG_SYSFS/mode")" observe "default mode"

job_start() { # job_start NAME CMDLINE: a shell running CMDLINE in mgt/NAME
	cg_run "mgt/$1" "$2"
}

job_value() { # job_value NAME FILE
	cg_value "mgt/$1" "$2"
}

uptime_s() {
	cut -d. -f1 /proc/uptime
}

# The RandomX-like job: its JIT and huge-page request come first, then two
# threads' worth of rounding-mode changes and AES hashing.
start=$(uptime_s)
job_start rx 'jit-rwx 2 100 && hugetlb 2m 4194304;
	rounding-mode 1 0 & aes-hash 1 0 & wait'
wait_until 30 "[ -d $MG_SYSFS/cgroups/$(cg_id mgt/rx) ]" "rx tracked"
rx=$MG_SYSFS/cgroups/$(cg_id mgt/rx)
mg-poll "$rx/verdict" 60 >/tmp/rx-poll &
poller=$!
wait_until 60 "[ \$(job_value rx verdict) = miner ]" "rx judged miner"
echo "rx: miner after $(($(uptime_s) - start)) s, score $(job_value rx score)"
wait "$poller" || fail "poll on rx/verdict was not woken"
evidence=$(job_value rx evidence)
for signal in hashing= rounding= jit= hugepages=; do
	assert_contains "$evidence" "$signal" "rx evidence has $signal"
done
since=$(job_value rx verdict_since)
[ "$since" -ge "$start" ] && [ "$since" -le "$(uptime_s)" ] ||
	fail "verdict_since $since not within the run"
assert_eq "$(job_value rx action)" none "observe mode takes no action"
assert_eq "$(job_value rx verdict_history | tail -n 1 | cut -d' ' -f1,2,4)" \
	"$since miner none" "rx history ends with the miner verdict at verdict_since"
assert_eq "$(job_value rx allowed)" 0 "rx is not allowlisted"
[ "$(job_value rx hashing_s)" -gt 0 ] || fail "rx has no hashing seconds"
log=$(dmesg | grep 'minerguard: BLOCK cgroup=/mgt/rx ')
assert_contains "$log" "verdict=miner score=" "miner verdict logged"
assert_contains "$log" "action=none evidence=" "log line shows action and evidence"
assert_eq "$(dmesg | grep -c 'minerguard: BLOCK cgroup=/mgt/rx verdict=miner')" 1 \
	"one line for the miner verdict"
[ "$(cat "$MG_SYSFS/stats/verdict_changes")" -gt 0 ] ||
	fail "stats/verdict_changes did not count"
minerguardctl status >/tmp/status.txt || fail "minerguardctl status"
grep -q 'miner .*mgt/rx' /tmp/status.txt ||
	fail "minerguardctl status lacks the rx verdict: $(cat /tmp/status.txt)"
cg_remove mgt/rx

# The same job held to 30 % of the machine by cpu.max: its share of what
# it may use stays high, and it is a miner as soon.
cg_create mgt/rx30
echo "60000 100000" >"$CG/mgt/rx30/cpu.max"
start=$(uptime_s)
job_start rx30 'jit-rwx 2 100 && hugetlb 2m 4194304;
	rounding-mode 1 0 & aes-hash 1 0 & wait'
wait_until 60 "[ \$(job_value rx30 verdict) = miner ]" "rx30 judged miner"
echo "rx30: miner after $(($(uptime_s) - start)) s at" \
	"$(job_value rx30 cpu_pct_short) % CPU, $(job_value rx30 evidence)"
cg_remove mgt/rx30

# The same job running 40 % of the time (stopped 0.6 s of every second;
# the shell's own overhead makes it somewhat less): the evidence
# accumulates while it runs.
start=$(uptime_s)
job_start duty 'jit-rwx 2 100 && hugetlb 2m 4194304;
	rounding-mode 1 0 & exec aes-hash 1 0'
wait_until 30 "cg_runs mgt/duty aes-hash" "duty job hashing"
pids=$(cat "$CG/mgt/duty/cgroup.procs" | tr '\n' ' ')
# shellcheck disable=SC2086 # $pids is a list
sh -c "while :; do
	kill -CONT $pids; sleep 0.4; kill -STOP $pids; sleep 0.6
done" &
cycler=$!
MG_ON_FAIL='echo "duty: $(job_value duty cpu_pct_short) % CPU, saturated $(job_value duty saturated_s) s, $(job_value duty evidence)"'
wait_until 90 "[ \$(job_value duty verdict) = miner ]" "duty-cycled job judged miner"
MG_ON_FAIL=
echo "duty: miner after $(($(uptime_s) - start)) s at" \
	"$(job_value duty cpu_pct_short) % CPU, $(job_value duty evidence)"
kill "$cycler"
cg_remove mgt/duty

# Scalar SHA-256 alone: suspect after about 25 s of hashing, never miner.
job_start sha 'exec sha256-scalar 1 0'
wait_until 90 "[ \$(job_value sha verdict) = suspect ]" "sha256 judged suspect"
echo "sha: $(job_value sha evidence)"
job_value sha evidence | grep -qxE 'hashing=[0-9]+s:[0-9]+' ||
	fail "sha256 evidence is not hashing alone"
cg_remove mgt/sha

# Benign jobs, two at a time (one CPU each), 40 s each pair: always clean.
watch_clean() { # watch_clean SECONDS NAME...
	end=$(($(uptime_s) + $1))
	shift
	while [ "$(uptime_s)" -lt "$end" ]; do
		for name in "$@"; do
			v=$(job_value "$name" verdict)
			[ "$v" = suspect ] || [ "$v" = miner ] &&
				fail "$name judged $v: $(job_value "$name" evidence)"
		done
		sleep 1
	done
	for name in "$@"; do
		echo "ok: $name stayed clean (score $(job_value "$name" score)," \
			"evidence $(job_value "$name" evidence))"
		[ "$(job_value "$name" saturated_s)" -gt 0 ] ||
			fail "$name never saturated its CPU: the check meant nothing"
	done
}
job_start lz 'exec lz-compress 1 0'
job_start sort 'exec sort-loop 1 0'
watch_clean 40 lz sort
cg_remove mgt/lz
cg_remove mgt/sort
job_start jit 'runtime-jit 1 && big-malloc 300 && execstack-threads 2; exec spin 1 0'
job_start thp 'while :; do compressor-thp 300 || exit 1; done'
watch_clean 40 jit thp
cg_remove mgt/jit
cg_remove mgt/thp
assert_eq "$(dmesg | grep -c 'minerguard: BLOCK cgroup=/mgt/\(lz\|sort\|jit\|thp\) ')" 0 \
	"nothing logged for benign jobs"
mg_unload
