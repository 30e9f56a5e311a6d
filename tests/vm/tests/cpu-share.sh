# Per-cgroup CPU share against the kernel's own accounting (cpu.stat):
# 2 threads unlimited, 2 threads under cpu.max 50 % of one CPU, 1 thread in
# a cpuset of one CPU, and an idle group, side by side on the guest's CPUs.
mg_load
cpus=$(nproc)
cg_create mgt/full
cg_create mgt/half
cg_create mgt/idle
cg_create mgt/pinned
echo "50000 100000" >"$CG/mgt/half/cpu.max"
echo 0 >"$CG/mgt/pinned/cpuset.cpus"
cg_spawn mgt/full spin 2
cg_spawn mgt/half spin 2
cg_spawn mgt/idle sleep 1000
cg_spawn mgt/pinned spin 1
full=$(cg_id mgt/full)
half=$(cg_id mgt/half)
idle=$(cg_id mgt/idle)
pinned=$(cg_id mgt/pinned)
wait_until 5 "[ -d $MG_SYSFS/cgroups/$full ] && [ -d $MG_SYSFS/cgroups/$idle ]" \
	"entries appear once the cgroups ran"
assert_eq "$(mg_cg "$full" path)" /mgt/full "path"
assert_eq "$(mg_cg "$full" cpus_allowed_milli)" $((cpus * 1000)) "unlimited: all CPUs"
assert_eq "$(mg_cg "$half" cpus_allowed_milli)" 500 "cpu.max 50000 100000"
assert_eq "$(mg_cg "$pinned" cpus_allowed_milli)" 1000 "cpuset of one CPU"

# Let the short window fill, then measure the truth over its 10 s.
sleep 4
uptime_cs() { tr -d . </proc/uptime | cut -d' ' -f1; }
t0=$(uptime_cs)
full0=$(cg_usage_us mgt/full)
half0=$(cg_usage_us mgt/half)
pinned0=$(cg_usage_us mgt/pinned)
sleep 10
t1=$(uptime_cs)
full1=$(cg_usage_us mgt/full)
half1=$(cg_usage_us mgt/half)
pinned1=$(cg_usage_us mgt/pinned)
elapsed_us=$(((t1 - t0) * 10000))
# share = usage / (elapsed * CPUs allowed)
full_truth=$(((full1 - full0) * 100 / (elapsed_us * cpus)))
half_truth=$(((half1 - half0) * 100 * 2 / elapsed_us))
pinned_truth=$(((pinned1 - pinned0) * 100 / elapsed_us))
assert_near "$(mg_cg "$full" cpu_pct_short)" "$full_truth" 10 "share, unlimited"
assert_near "$(mg_cg "$half" cpu_pct_short)" "$half_truth" 10 "share, under cpu.max"
assert_near "$(mg_cg "$pinned" cpu_pct_short)" "$pinned_truth" 10 "share, in a cpuset"
assert_near "$(mg_cg "$idle" cpu_pct_short)" 0 2 "share, idle"
assert_eq "$(mg_cg "$full" nr_tasks)" 2 "running tasks, unlimited"
assert_eq "$(mg_cg "$idle" nr_tasks)" 0 "running tasks, idle"
busy=$(mg_cg "$full" busy_cpu_s)
[ "$busy" -ge 5 ] || fail "busy_cpu_s $busy < 5 after 15 s busy"
sat=$(mg_cg "$full" saturated_s)
[ "$sat" -ge 8 ] || fail "saturated_s $sat < 8 after 15 s above saturation_pct"
assert_eq "$(mg_cg "$idle" saturated_s)" 0 "idle never saturated"
echo "ok: busy_cpu_s $busy, saturated_s $sat"

out=$(minerguardctl status)
echo "$out"
assert_contains "$out" "/mgt/full" "minerguardctl status lists the cgroup"
assert_contains "$(minerguardctl status --json)" "\"path\":\"/mgt/half\"" \
	"minerguardctl status --json lists the cgroup"
cg_kill_all mgt/full
cg_kill_all mgt/half
cg_kill_all mgt/idle
cg_kill_all mgt/pinned
rmdir "$CG/mgt/full" "$CG/mgt/half" "$CG/mgt/idle" "$CG/mgt/pinned" "$CG/mgt"
