# The module unloads while the memory-pattern programs run in a loop, 20
# times; the host fails the run on any kernel warning, the debug kernel on
# any leak. The programs are not disturbed: every round they finish.
cg_create mgt/churn
sh -c '
	echo $$ >/sys/fs/cgroup/mgt/churn/cgroup.procs || exit 1
	while :; do
		jit-wx 100 && jit-rwx 2 10 && thp-advise 4 &&
			hugetlb 2m 2097152 >/dev/null && execstack-threads 2 &&
			runtime-jit 0 || exit 1
		echo round >>/tmp/churn.rounds
	done' &
churn=$!
i=0
while [ $i -lt 20 ]; do
	insmod "$MG_KO" || fail "cycle $i: insmod"
	sleep 1
	rmmod minerguard || fail "cycle $i: rmmod"
	i=$((i + 1))
done
kill -0 "$churn" 2>/dev/null || fail "the churning programs failed"
kill "$churn"
wait "$churn" 2>/dev/null
cg_kill_all mgt/churn
rounds=$(wc -l </tmp/churn.rounds)
[ "$rounds" -gt 0 ] || fail "no round of programs completed"
echo "ok: $i cycles over $rounds rounds of programs"
rmdir "$CG/mgt/churn"
