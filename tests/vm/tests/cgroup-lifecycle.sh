# Entries appear when a cgroup first runs and are forgotten when it is
# removed: one cgroup, then 2000 created, run and removed.
mg_load
cg_create mgt/once
once=$(cg_id mgt/once)
cg_spawn mgt/once sleep 1000
wait_until 5 "[ -d $MG_SYSFS/cgroups/$once ]" "entry appears"
removed0=$(cat "$MG_SYSFS/stats/removed")
cg_kill_all mgt/once
rmdir "$CG/mgt/once"
wait_until 5 "[ ! -e $MG_SYSFS/cgroups/$once ]" "entry forgotten after rmdir"
assert_eq "$(cat "$MG_SYSFS/stats/removed")" $((removed0 + 1)) "stats/removed"

base=$(cat "$MG_SYSFS/stats/tracked_cgroups")
cg_make_many mgt c 2000
cg_visit mgt c 2000
MG_ON_FAIL='grep . $MG_SYSFS/stats/*'
wait_until 10 "[ \$(cat $MG_SYSFS/stats/tracked_cgroups) -ge $((base + 2000)) ]" \
	"2000 entries tracked"
assert_eq "$(cat "$MG_SYSFS/stats/runtime_dropped_ns")" 0 "no runtime dropped"
i=0
while [ $i -lt 2000 ]; do
	rmdir "$CG/mgt/c$i" || fail "rmdir c$i"
	i=$((i + 1))
done
wait_until 10 "[ \$(cat $MG_SYSFS/stats/tracked_cgroups) -eq $base ]" \
	"table back to $base entries"
assert_eq "$(cat "$MG_SYSFS/stats/evicted")" 0 "nothing evicted below capacity"

# A full table evicts the least recently active entry and counts it.
echo 16 >"$MG_SYSFS/policy/max_cgroups" || fail "max_cgroups 16"
cg_make_many mgt e 40
cg_visit mgt e 40
wait_until 10 "[ \$(cat $MG_SYSFS/stats/evicted) -ge $((base + 40 - 16)) ]" \
	"evictions counted"
tracked=$(cat "$MG_SYSFS/stats/tracked_cgroups")
[ "$tracked" -le 16 ] || fail "$tracked entries tracked with max_cgroups 16"
echo "ok: $tracked entries tracked, $(cat "$MG_SYSFS/stats/evicted") evicted"
rmdir "$CG"/mgt/e* "$CG/mgt"
