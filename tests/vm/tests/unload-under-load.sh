# 100 load/unload cycles while every hook of the module is busy: a
# fork-exec storm, mmap/mprotect churn (the memory-pattern programs), a
# sampler-heavy loop (AES hashing and rounding-mode changes) and network
# traffic (TCP connections over loopback and stratum logins to a fake
# pool). The module runs in enforce mode with drop for stratum and
# throttle for suspects, so its work items, the enforcement walk and the
# netfilter drop path are live when it goes. Every other cycle lasts past
# a tick. The host fails the run on any kernel warning, the debug kernel's
# kmemleak step on any leak; here every load must still be running at the
# end and no task may be stuck in uninterruptible sleep.
CYCLES=100
ip link set lo up || fail "lo up"

# load NAME LOOP: runs shell LOOP in job mgt/load-NAME; each pass appends
# a line to /tmp/NAME.rounds.
load() {
	cg_create "mgt/load-$1"
	cg_spawn "mgt/load-$1" sh -c "while :; do $2; echo >>/tmp/$1.rounds; done" \
		>/dev/null 2>&1
}

cg_create mgt/load-pool
cg_spawn mgt/load-pool stratum-pool 3333 >/dev/null 2>&1
load forks 'i=0; while [ $i -lt 50 ]; do sh -c :; i=$((i + 1)); done'
load mm 'jit-wx 100 && jit-rwx 2 10 && thp-advise 4 &&
	hugetlb 2m 2097152 >/dev/null && execstack-threads 2 && runtime-jit 0'
load samples 'aes-hash 1 2 >/dev/null & rounding-mode 1 2; wait'
load tcp 'tcp-loop connections 20 >/dev/null'
load stratum 'stratum-client 127.0.0.1 3333 --timeout 1 >/dev/null'

params="mode=enforce stratum_action=drop action_suspect=throttle action_miner=throttle"
i=0
while [ $i -lt $CYCLES ]; do
	# shellcheck disable=SC2086 # the parameters' words
	insmod "$MG_KO" $params || fail "cycle $i: insmod"
	[ $((i % 2)) = 0 ] || sleep 1.2
	rmmod minerguard || fail "cycle $i: rmmod"
	i=$((i + 1))
done
assert_fails "not loaded after the cycles" mg_loaded

for name in forks mm samples tcp stratum; do
	[ -n "$(cat "$CG/mgt/load-$name/cgroup.procs")" ] ||
		fail "load $name stopped"
	rounds=$(wc -l <"/tmp/$name.rounds")
	[ "$rounds" -gt 0 ] || fail "load $name never completed a pass"
	echo "load $name: $rounds passes"
done
for name in forks mm samples tcp stratum pool; do
	cg_remove "mgt/load-$name" >/dev/null
done
stuck() {
	grep -l '^State:.*D' /proc/[0-9]*/status 2>/dev/null
}
wait_until 20 "[ -z \"\$(stuck)\" ]" "no task in uninterruptible sleep"
echo "ok: $i cycles under load"
