# Actions on a miner-like job (AES hashing), with a policy that judges it
# a miner within seconds: observe only logs; in enforce mode throttle puts
# every thread to SCHED_IDLE at nice 19 (later forks too), freeze stops
# every process (and stops it again after a SIGCONT), kill ends the job
# even while it forks as fast as it can; an allowlisted job and a benign
# job are left alone; going back to observe thaws a frozen job.
mg_load
P=$MG_SYSFS/policy
echo 1 >"$P/hashing_full_s"
echo 20 >"$P/suspect_score"
echo 30 >"$P/miner_score"
echo 0 >"$P/grace_s"
echo kill >"$P/action_miner"
echo "+pids" >"$CG/cgroup.subtree_control"

mkdir -p "$CG/mgt"
echo "+pids" >"$CG/mgt/cgroup.subtree_control"

job_start() { # job_start NAME CMDLINE
	cg_run "mgt/$1" "$2"
}

job_value() { # job_value NAME FILE
	cg_value "mgt/$1" "$2"
}

procs() { # procs NAME: the job's process ids
	cat "$CG/mgt/$1/cgroup.procs"
}

# all_threads NAME TEST: TEST (a shell function) holds for every thread.
all_threads() {
	for pid in $(procs "$1"); do
		for task in /proc/"$pid"/task/*; do
			[ -e "$task/stat" ] || continue
			"$2" "$task" || return 1
		done
	done
}

# Fields after "PID (COMM) ": 1 state, 17 nice, 39 policy.
stat_field() { # stat_field TASKDIR N
	sed 's/^.*) //' "$1/stat" | cut -d' ' -f"$2"
}

is_idle() {
	[ "$(stat_field "$1" 17)" = 19 ] && [ "$(stat_field "$1" 39)" = 5 ]
}

is_stopped() {
	[ "$(stat_field "$1" 1)" = T ]
}

is_running() {
	[ "$(stat_field "$1" 1)" != T ]
}

# On failure: what the jobs' tasks look like and what the module did.
dump_jobs() {
	for dir in "$CG"/mgt/*/; do
		echo "job ${dir#"$CG"/}: $(cat "$MG_SYSFS/cgroups/$(stat -c %i "$dir")/action" 2>/dev/null)"
		for pid in $(cat "$dir/cgroup.procs"); do
			for task in /proc/"$pid"/task/*; do
				echo "  $task: $(cat "$task/comm") state" \
					"$(stat_field "$task" 1) nice $(stat_field "$task" 17)" \
					"policy $(stat_field "$task" 39)"
			done
		done
	done
	grep . "$MG_SYSFS"/stats/actions_taken "$MG_SYSFS"/stats/enforce_passes
	dmesg | grep minerguard | tail -20
}
MG_ON_FAIL=dump_jobs

# Observe: judged and logged, not touched.
job_start obs 'exec aes-hash 1 0'
wait_until 30 "[ \$(job_value obs verdict) = miner ]" "obs judged miner"
sleep 2
assert_eq "$(job_value obs action)" none "observe mode takes no action"
assert_eq "$(procs obs | wc -l)" 1 "observed miner still runs"
assert_contains "$(dmesg | grep 'BLOCK cgroup=/mgt/obs ')" "action=none" \
	"observe logs with action=none"
cg_remove mgt/obs

echo enforce >"$MG_SYSFS/mode"

# Throttle, including a process the job forks after the action.
minerguardctl policy set action_miner throttle || fail "ctl policy set"
assert_contains "$(minerguardctl policy)" "action_miner throttle" \
	"ctl policy shows the change"
mg-poll "$MG_SYSFS/stats/verdict_changes" 60 >/tmp/changes-poll &
poller=$!
before=$(cat "$MG_SYSFS/stats/actions_taken")
job_start thr 'aes-hash 2 0 & sleep 8; spin 1 0 & wait'
wait_until 30 "[ \$(job_value thr action) = throttle ]" "thr throttled"
wait "$poller" || fail "poll on stats/verdict_changes was not woken"
wait_until 20 "all_threads thr is_idle" "every thread of thr at SCHED_IDLE, nice 19"
wait_until 30 "cg_runs mgt/thr spin" "thr forked its late worker"
wait_until 20 "all_threads thr is_idle" "the late worker throttled too"
[ "$(cat "$MG_SYSFS/stats/actions_taken")" -gt "$before" ] ||
	fail "stats/actions_taken did not count"
assert_contains "$(dmesg | grep 'BLOCK cgroup=/mgt/thr ')" "action=throttle" \
	"throttle logged"
assert_contains "$(minerguardctl events)" "throttle /mgt/thr" \
	"ctl events lists the throttled job"
minerguardctl enforce --once >/tmp/enforce.out || fail "ctl enforce --once"
assert_contains "$(cat /tmp/enforce.out)" "/mgt/thr throttle" "ctl enforce acted"
assert_eq "$(cat "$CG/mgt/thr/cpu.max")" "10000 100000" \
	"ctl enforce wrote cpu.max"
cg_remove mgt/thr

# Freeze; a SIGCONT from outside does not undo it; observe mode thaws.
echo freeze >"$P/action_miner"
minerguardctl events --follow --count 1 --json >/tmp/events.json &
follower=$!
job_start frz 'aes-hash 1 0 & aes-hash 1 0 & wait'
wait_until 30 "[ \$(job_value frz action) = freeze ]" "frz frozen"
wait_until 30 "! kill -0 $follower 2>/dev/null" "ctl events --follow saw it"
assert_contains "$(cat /tmp/events.json)" '"path":"/mgt/frz"' \
	"followed event names the job"
wait_until 20 "all_threads frz is_stopped" "every process of frz stopped"
used=$(cg_usage_us mgt/frz)
sleep 2
assert_near "$(cg_usage_us mgt/frz)" "$used" 20000 "frz uses no CPU while frozen"
kill -CONT $(procs frz)
wait_until 20 "all_threads frz is_stopped" "frz stopped again after SIGCONT"
echo observe >"$MG_SYSFS/mode"
wait_until 20 "[ \$(job_value frz action) = none ]" "frz released in observe mode"
wait_until 20 "all_threads frz is_running" "frz thawed"
assert_contains "$(dmesg | grep 'ALLOW cgroup=/mgt/frz ')" "action=none" \
	"release logged"
# The history tells the story: judged, frozen after the grace, released.
history=$(job_value frz verdict_history)
echo "$history" | grep -q '^[0-9]* miner [0-9]* freeze$' ||
	fail "frz history lacks the freeze: $history"
assert_eq "$(echo "$history" | tail -n 1 | cut -d' ' -f2,4)" "miner none" \
	"frz history ends with the release"
cg_remove mgt/frz
echo enforce >"$MG_SYSFS/mode"

# Kill, while the job forks as fast as it can: judged while observed, then
# enforced with the storm running.
echo kill >"$P/action_miner"
echo observe >"$MG_SYSFS/mode"
job_start storm 'aes-hash 1 0 & sleep 6; while :; do sh -c "sleep 5" & done'
echo 200 >"$CG/mgt/storm/pids.max"
wait_until 30 "[ \$(job_value storm verdict) = miner ]" "storm judged miner"
wait_until 60 "[ \$(procs storm | wc -l) -ge 20 ]" "storm forking"
echo enforce >"$MG_SYSFS/mode"
wait_until 30 "[ \$(job_value storm action) = kill ]" "storm killed"
wait_until 60 "[ -z \"\$(procs storm)\" ]" "every process of storm gone"
sleep 3
assert_eq "$(procs storm)" "" "storm stays empty"
assert_contains "$(dmesg | grep 'BLOCK cgroup=/mgt/storm ')" "action=kill" \
	"kill logged"
cg_remove mgt/storm

# Allowlisted and benign jobs are left alone.
echo +/mgt/allowed >"$MG_SYSFS/allow"
job_start allowed 'exec aes-hash 1 0'
job_start benign 'exec lz-compress 1 0'
wait_until 30 "[ \$(job_value allowed verdict) = miner ]" "allowed judged miner"
sleep 3
assert_eq "$(job_value allowed allowed)" 1 "allowed job marked allowed"
assert_eq "$(job_value allowed action)" none "allowed job not acted on"
assert_eq "$(procs allowed | wc -l)" 1 "allowed job still runs"
assert_eq "$(job_value benign verdict)" clean "benign job clean"
assert_eq "$(job_value benign action)" none "benign job not acted on"
assert_eq "$(procs benign | wc -l)" 1 "benign job still runs"
# Taking the job off the allowlist lets the policy act.
echo -/mgt/allowed >"$MG_SYSFS/allow"
wait_until 30 "[ -z \"\$(procs allowed)\" ]" "de-allowlisted miner killed"
cg_remove mgt/benign
cg_remove mgt/allowed
mg_unload
