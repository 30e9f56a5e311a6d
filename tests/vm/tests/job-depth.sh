# policy/job_depth: with 2, everything below /mgt/job is one job, measured
# as one; bad values are refused.
mg_load
depth=$MG_SYSFS/policy/job_depth
assert_eq "$(cat "$depth")" 0 "default job_depth"
for bad in -1 abc 65 '2 ' '\n' 99999999999 0x2 +2 '2\0'; do
	err=$(printf '%b' "$bad" | mg-write "$depth")
	[ "$err" != ok ] || fail "job_depth '$bad' accepted"
	echo "ok: job_depth '$bad' refused with $err"
	assert_eq "$(cat "$depth")" 0 "job_depth unchanged after '$bad'"
done
echo 2 >"$depth" || fail "writing 2"
cg_create mgt/job/c1
cg_create mgt/job/c2
job=$(cg_id mgt/job)
c1=$(cg_id mgt/job/c1)
cg_spawn mgt/job/c1 spin 1
cg_spawn mgt/job/c2 spin 1
sleep 13
assert_ok "job entry exists" test -d "$MG_SYSFS/cgroups/$job"
assert_fails "no entry for a child" test -e "$MG_SYSFS/cgroups/$c1"
assert_eq "$(mg_cg "$job" path)" /mgt/job "job path"
assert_near "$(mg_cg "$job" cpu_pct_short)" 100 10 "both children count for the job"
assert_eq "$(mg_cg "$job" nr_tasks)" 2 "running tasks of the job"
cg_kill_all mgt/job/c1
cg_kill_all mgt/job/c2
rmdir "$CG/mgt/job/c1" "$CG/mgt/job/c2" "$CG/mgt/job" "$CG/mgt"
mg_unload

# The load-time parameter does the same.
mg_load job_depth=1
assert_eq "$(cat "$depth")" 1 "job_depth from the module parameter"
mg_unload
assert_fails "insmod with job_depth=65" insmod "$MG_KO" job_depth=65
