# Guest step for bench/sched-overhead: pipe ping-pong, alternating module
# unloaded and loaded in one boot; prints one "round STATE NS" line each.
rounds=30000
pingpong 2000 >/dev/null	# warm up caches and the page cache
i=0
while [ $i -lt 10 ]; do
	echo "round unloaded $(pingpong "$rounds")"
	insmod "$MG_KO" || fail insmod
	sleep 1
	echo "round loaded $(pingpong "$rounds")"
	rmmod minerguard || fail rmmod
	i=$((i + 1))
done
