# A task moved between cgroups is charged to the one it runs in.
mg_load
cg_create mgt/a
cg_create mgt/b
a=$(cg_id mgt/a)
b=$(cg_id mgt/b)
cg_spawn mgt/a spin 1
pid=$!
sleep 6
echo "$pid" >"$CG/mgt/b/cgroup.procs" || fail "move to b"
# What a ran before the move reaches its entry within a tick or two.
sleep 3
moved_busy=$(mg_cg "$a" busy_cpu_s)
sleep 10
assert_near "$(mg_cg "$a" cpu_pct_short)" 0 5 "share of a after the move"
assert_near "$(mg_cg "$b" cpu_pct_short)" $((100 / $(nproc))) 10 \
	"share of b: 1 thread of $(nproc) CPUs"
assert_near "$(mg_cg "$a" busy_cpu_s)" "$moved_busy" 1 "a stopped accruing"
b_busy=$(mg_cg "$b" busy_cpu_s)
[ "$b_busy" -ge 9 ] || fail "b accrued only $b_busy s in 13 s"
echo "ok: b busy $b_busy s"
kill -9 "$pid"
wait_until 5 "[ -z \"\$(cat $CG/mgt/b/cgroup.procs)\" ]" "spinner gone"
rmdir "$CG/mgt/a" "$CG/mgt/b" "$CG/mgt"
