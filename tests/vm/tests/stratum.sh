# Stratum on the network (issue 6). Two pairs of network namespaces, one
# made before the module loads and one after, each a pool namespace and a
# client namespace joined by a veth pair (IPv4 and IPv6): a fake pool,
# HTTP and JSON-RPC servers in the pool namespace, each client in a job
# cgroup of its own in the client namespace. In count mode (the default)
# every miner logs in and its job counts a stratum hit, with a stratum
# token in its evidence: xmrig over IPv4 and IPv6 in both pairs, a login
# split in 7-byte segments, \r\n line ends, spaced-out JSON, and classic
# stratum (mining.subscribe); plain HTTP and a JSON-RPC exchange complete
# with no hit, and the module inspects packets. stratum_action refuses
# bad values (EINVAL) unchanged. With stratum_action=drop, an action and
# so only in enforce mode, a miner's login never reaches the pool (the
# client gives up, exit 3) and is still counted, while HTTP and JSON-RPC
# still complete and an allowlisted miner logs in; back in count mode a
# miner logs in again.
P=$MG_SYSFS/policy
# iproute2's ip, by its path: busybox prefers its own applets to PATH, and
# its ip cannot make veth pairs.
IP=/usr/sbin/ip
mkdir -p "$CG/mgt"
# veth is a module on Debian's kernels and built into the debug kernel.
if grep -q '/veth\.ko' "/lib/modules/$(uname -r)/modules.dep"; then
	assert_ok "modprobe veth" modprobe veth
fi

in_ns() { # in_ns HOLDER CMD...: runs CMD in HOLDER's network namespace
	holder=$1
	shift
	nsenter -t "$holder" -n "$@"
}

# ns_new: a process of cgroup mgt/pools that holds a new network namespace
# until the end; its pid is in $ns.
ns_new() {
	cg_run mgt/pools "exec unshare -n sleep 100000"
	ns=$!
	wait_until 10 "[ \"\$(readlink /proc/$ns/ns/net)\" != \
\"\$(readlink /proc/self/ns/net)\" ]" "namespace of holder $ns"
}

# veth_up HOLDER DEV N HOST: DEV, in HOLDER's namespace, up with the
# addresses 10.66.N.HOST/24 and fd66:N::HOST/64 (no duplicate address
# detection: usable at once); lo up too.
veth_up() {
	in_ns "$1" "$IP" link set lo up || fail "lo up in $1's namespace"
	in_ns "$1" "$IP" addr add "10.66.$3.$4/24" dev "$2" || fail "IPv4 on $2"
	in_ns "$1" "$IP" -6 addr add "fd66:$3::$4/64" dev "$2" nodad ||
		fail "IPv6 on $2"
	in_ns "$1" "$IP" link set "$2" up || fail "$2 up"
}

listening() { # listening HOLDER PORT
	in_ns "$1" netstat -ltn | grep -q ":$2 .*LISTEN"
}

# serve LOG HOLDER CMDLINE: runs server CMDLINE in cgroup mgt/pools and
# HOLDER's network namespace, its output in /tmp/LOG.log.
serve() {
	cg_run mgt/pools "exec nsenter -t $2 -n $3 >/tmp/$1.log 2>&1"
}

# net_pair N: a pool namespace (10.66.N.1, fd66:N::1) and a client
# namespace (10.66.N.2, fd66:N::2) joined by the veth pair mgvNp/mgvNc;
# in the pool namespace, in cgroup mgt/pools, stratum-pool on ports 3333
# (IPv4, /tmp/pool-N.log) and 3334 (IPv6, /tmp/pool6-N.log), http-peer on
# 8080 (IPv4) and 8081 (IPv6), jsonrpc-peer on 8545 (IPv4). The holders'
# pids are in $pool_ns and $client_ns.
net_pair() {
	ns_new
	pool_ns=$ns
	ns_new
	client_ns=$ns
	"$IP" link add "mgv$1p" netns "$pool_ns" type veth \
		peer name "mgv$1c" netns "$client_ns" ||
		fail "ip link add veth pair mgv$1p/mgv$1c"
	veth_up "$pool_ns" "mgv$1p" "$1" 1
	veth_up "$client_ns" "mgv$1c" "$1" 2
	serve "pool-$1" "$pool_ns" "stratum-pool 3333"
	serve "pool6-$1" "$pool_ns" "stratum-pool 3334 --v6"
	serve "http-$1" "$pool_ns" "http-peer server 8080"
	serve "http6-$1" "$pool_ns" "http-peer server 8081 --v6"
	serve "jsonrpc-$1" "$pool_ns" "jsonrpc-peer server 8545"
	for port in 3333 3334 8080 8081 8545; do
		wait_until 30 "listening $pool_ns $port" \
			"pair $1: port $port listening"
	done
	wait_until 30 "in_ns $client_ns ping -c 1 -W 1 10.66.$1.1 >/dev/null" \
		"pair $1: 10.66.$1.1 reachable"
	wait_until 30 "in_ns $client_ns ping -c 1 -W 1 fd66:$1::1 >/dev/null" \
		"pair $1: fd66:$1::1 reachable"
}

# net_job NAME HOLDER CMDLINE: runs CMDLINE in job cgroup mgt/NAME and
# HOLDER's network namespace and waits for it; its exit status is in
# $status, its output in /tmp/NAME.out (also shown).
net_job() {
	cg_run "mgt/$1" "exec nsenter -t $2 -n $3 >/tmp/$1.out 2>&1"
	wait $!
	status=$?
	sed "s|^|$1: |" "/tmp/$1.out"
}

hits() { # hits NAME: job NAME's stratum_hits, "-" while not tracked
	cg_value "mgt/$1" stratum_hits
}

hits_at_least() { # hits_at_least NAME N
	case $(hits "$1") in
	'' | *[!0-9]*) return 1 ;;
	*) [ "$(hits "$1")" -ge "$2" ] ;;
	esac
}

# counted NAME: job NAME counts a stratum hit and shows it as evidence.
counted() {
	wait_until 30 "hits_at_least $1 1" "$1: stratum hit counted"
	wait_until 30 "cg_value mgt/$1 evidence | grep -Eq '(^| )stratum=[1-9][0-9]*:[0-9]+( |\$)'" \
		"$1: stratum in its evidence"
	echo "$1: stratum_hits $(hits "$1"), evidence $(cg_value "mgt/$1" evidence)"
}

# not_counted NAME: job NAME is tracked and has no stratum hit.
not_counted() {
	wait_until 30 "[ \"\$(hits $1)\" != - ]" "$1 tracked"
	assert_eq "$(hits "$1")" 0 "$1: stratum_hits"
	case $(cg_value "mgt/$1" evidence) in
	*stratum=*) fail "$1: stratum in its evidence: $(cg_value "mgt/$1" evidence)" ;;
	esac
}

# miner NAME HOLDER ARGS: stratum-client ARGS in job NAME logs in and is
# counted.
miner() {
	net_job "$1" "$2" "stratum-client $3"
	assert_eq "$status" 0 "$1: exit status of stratum-client $3"
	counted "$1"
	cg_remove "mgt/$1"
}

# benign NAME HOLDER CMDLINE: CMDLINE in job NAME completes, not counted.
benign() {
	net_job "$1" "$2" "$3"
	assert_eq "$status" 0 "$1: exit status of $3"
	not_counted "$1"
	cg_remove "mgt/$1"
}

# dropped NAME HOLDER LOG EVENT ARGS: with stratum_action=drop,
# stratum-client ARGS in job NAME gets no answer (exit 3), is counted, and
# the pool writing LOG never sees the request EVENT.
dropped() {
	before=$(grep -c "pool: $4 from" "$3")
	net_job "$1" "$2" "stratum-client $5 --timeout 3"
	assert_eq "$status" 3 "$1: exit status of stratum-client $5 (no answer)"
	counted "$1"
	assert_eq "$(grep -c "pool: $4 from" "$3")" "$before" \
		"$1: $4 requests the pool saw (as before)"
	cg_remove "mgt/$1"
}

# On failure: the servers' last events, the jobs' counts, the namespaces'
# addresses and connections, and the module's side (the jobs' own output
# is in the log already).
dump_net() {
	for f in /tmp/pool*.log /tmp/http*.log /tmp/jsonrpc*.log; do
		[ -e "$f" ] && tail -n 3 "$f" | sed "s|^|${f#/tmp/}: |"
	done
	for dir in "$CG"/mgt/*/; do
		dir=${dir%/}
		id=$(stat -c %i "$dir")
		echo "${dir#"$CG"/}: stratum_hits" \
			"$(cat "$MG_SYSFS/cgroups/$id/stratum_hits" 2>/dev/null)," \
			"evidence $(cat "$MG_SYSFS/cgroups/$id/evidence" 2>/dev/null)"
	done
	for holder in ${pool_1:-} ${client_1:-} ${pool_2:-} ${client_2:-}; do
		echo "namespace of $holder: $(in_ns "$holder" "$IP" -br addr | grep mgv)"
		in_ns "$holder" netstat -tn 2>&1 | grep -v -e TIME_WAIT -e '^Proto' -e '^Active'
	done
	grep . "$P/stratum_action" "$MG_SYSFS/mode" "$MG_SYSFS"/stats/net_* 2>/dev/null
	dmesg | grep minerguard | tail -n 5
}
# shellcheck disable=SC2034 # fail() in lib.sh runs it
MG_ON_FAIL=dump_net

# A pair made before the module loads; without the module every exchange
# completes.
net_pair 1
pool_1=$pool_ns
client_1=$client_ns
for cmd in "stratum-client 10.66.1.1 3333" "stratum-client fd66:1::1 3334" \
	"stratum-client 10.66.1.1 3333 --proto btc" \
	"http-peer client 10.66.1.1 8080" "http-peer client fd66:1::1 8081" \
	"jsonrpc-peer client 10.66.1.1 8545"; do
	assert_ok "without the module: $cmd" in_ns "$client_1" sh -c "$cmd"
done
# A job's client runs in its cgroup and in the client namespace.
net_job place "$client_1" "sh -c 'cat /proc/self/cgroup; readlink /proc/self/ns/net'"
assert_eq "$(head -n 1 /tmp/place.out)" 0::/mgt/place "a job's cgroup"
assert_eq "$(tail -n 1 /tmp/place.out)" "$(readlink "/proc/$client_1/ns/net")" \
	"a job's network namespace"
cg_remove mgt/place

mg_load
assert_eq "$(cat "$P/stratum_action")" count "default stratum_action"
inspected=$(cat "$MG_SYSFS/stats/net_packets_inspected")

# A pair made after the module loaded.
net_pair 2
pool_2=$pool_ns
client_2=$client_ns

# Count mode: every miner counted, in namespaces made before and after
# the module loaded.
miner pre-v4 "$client_1" "10.66.1.1 3333"
miner pre-v6 "$client_1" "fd66:1::1 3334"
miner post-v4 "$client_2" "10.66.2.1 3333 --submits 3"
miner post-v6 "$client_2" "fd66:2::1 3334"
miner split "$client_2" "10.66.2.1 3333 --split 7"
miner crlf "$client_2" "10.66.2.1 3333 --crlf"
miner pretty "$client_2" "fd66:2::1 3334 --pretty"
miner btc "$client_2" "10.66.2.1 3333 --proto btc --submits 2"
benign http "$client_2" "http-peer client 10.66.2.1 8080"
benign http6 "$client_2" "http-peer client fd66:2::1 8081"
benign jsonrpc "$client_2" "jsonrpc-peer client 10.66.2.1 8545"
benign pre-jsonrpc "$client_1" "jsonrpc-peer client 10.66.1.1 8545"
now=$(cat "$MG_SYSFS/stats/net_packets_inspected")
[ "$now" -gt "$inspected" ] ||
	fail "stats/net_packets_inspected did not grow: $inspected, then $now"
echo "ok: stats/net_packets_inspected grew from $inspected to $now"

# Bad values change nothing.
for bad in bogus Drop 'drop ' ' count' 'drop\n\n' '\n' kill 0; do
	assert_eq "$(printf '%b' "$bad" | mg-write "$P/stratum_action")" EINVAL \
		"writing '$bad' to policy/stratum_action"
	assert_eq "$(cat "$P/stratum_action")" count "stratum_action unchanged"
done
assert_fails "echo bogus > policy/stratum_action" \
	sh -c "echo bogus >$P/stratum_action"
assert_eq "$(cat "$P/stratum_action")" count "stratum_action still count"

# Drop mode: miners get no answer and are counted; the rest is untouched.
# Like every action it waits for enforce mode: observe only counts. With
# the default policy a job that speaks stratum is only a suspect, whose
# action is log.
echo drop >"$P/stratum_action" || fail "writing drop to stratum_action"
assert_eq "$(cat "$P/stratum_action")" drop "stratum_action"
assert_fails "echo bogus > policy/stratum_action under drop" \
	sh -c "echo bogus >$P/stratum_action"
assert_eq "$(cat "$P/stratum_action")" drop "stratum_action still drop"
miner observe-drop "$client_2" "10.66.2.1 3333"
echo enforce >"$MG_SYSFS/mode" || fail "writing enforce to mode"
dropped drop-pre-v4 "$client_1" /tmp/pool-1.log login "10.66.1.1 3333"
dropped drop-v6 "$client_2" /tmp/pool6-2.log login "fd66:2::1 3334"
dropped drop-split "$client_2" /tmp/pool-2.log login "10.66.2.1 3333 --split 7"
dropped drop-btc "$client_2" /tmp/pool-2.log mining.subscribe \
	"10.66.2.1 3333 --proto btc"
benign drop-http "$client_2" "http-peer client 10.66.2.1 8080"
benign drop-http6 "$client_2" "http-peer client fd66:2::1 8081"
benign drop-jsonrpc "$client_2" "jsonrpc-peer client 10.66.2.1 8545"
benign drop-pre-http "$client_1" "http-peer client 10.66.1.1 8080"
dropped=$(cat "$MG_SYSFS/stats/net_packets_dropped")
[ "$dropped" -gt 0 ] || fail "stats/net_packets_dropped is $dropped"
echo "ok: stats/net_packets_dropped $dropped"
# An allowlisted job is not dropped: the hook learns of it at the tick
# after its first packet, and TCP sends again what was dropped before.
echo +/mgt/allowed >"$MG_SYSFS/allow" || fail "allowlisting mgt/allowed"
net_job allowed "$client_2" "stratum-client 10.66.2.1 3333 --timeout 20"
assert_eq "$status" 0 "allowed: logs in under drop"
counted allowed
cg_remove mgt/allowed
echo -/mgt/allowed >"$MG_SYSFS/allow" || fail "removing mgt/allowed"

# Back to count: miners log in again.
echo count >"$P/stratum_action" || fail "writing count to stratum_action"
assert_eq "$(cat "$P/stratum_action")" count "stratum_action back to count"
miner again "$client_2" "10.66.2.1 3333"
echo observe >"$MG_SYSFS/mode" || fail "writing observe to mode"

# The pools answer and are not miners.
assert_eq "$(hits pools)" 0 "the servers' cgroup: stratum_hits"
cg_remove mgt/pools
mg_unload
