# Guest step for bench/net-overhead: TCP over loopback (tests/workloads/
# tcp-loop.c) with the module unloaded and loaded, in turns and in one
# boot, which of the two goes first alternating; prints one "round
# STATE-MODE NS" line each, then what the hook read and the time it took.
connections=1000
mib=200
ip link set lo up || fail "lo up"
tcp-loop connections 200 >/dev/null || fail "tcp-loop warm-up"
rounds() { # rounds STATE
	echo "round $1-connections $(tcp-loop connections "$connections")"
	echo "round $1-stream $(tcp-loop stream "$mib")"
}
insmod "$MG_KO" || fail insmod
i=0
while [ $i -lt 10 ]; do
	if [ $((i % 2)) = 0 ]; then
		rounds loaded
		rmmod minerguard || fail rmmod
		rounds unloaded
		insmod "$MG_KO" || fail insmod
	else
		rmmod minerguard || fail rmmod
		rounds unloaded
		insmod "$MG_KO" || fail insmod
		rounds loaded
	fi
	i=$((i + 1))
done
echo "inspected $(cat "$MG_SYSFS/stats/net_packets_inspected")"
echo "inspect_ns $(cat "$MG_SYSFS/stats/net_inspect_ns")"
rmmod minerguard || fail rmmod
