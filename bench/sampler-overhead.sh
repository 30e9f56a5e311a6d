# Guest step for bench/sampler-overhead: fixed CPU-bound work with the
# module loaded, alternating sampler off (sample_hz 0) and on at its
# default rate, in one boot; prints one "round STATE NS" line each. The
# work is pinned to CPU 1: which vCPU it lands on otherwise changes its
# speed under TCG by a third.
iterations=200000000
insmod "$MG_KO" || fail insmod
rate=$(cat "$MG_SYSFS/policy/sample_hz")
cpu-work 20000000 >/dev/null	# warm up
i=0
while [ $i -lt 15 ]; do
	echo 0 >"$MG_SYSFS/policy/sample_hz"
	sleep 2	# the next tick applies the rate
	[ "$(cat "$MG_SYSFS/stats/sampler_cpus")" = 0 ] || fail "sampler still on"
	echo "round off $(taskset -c 1 cpu-work "$iterations")"
	echo "$rate" >"$MG_SYSFS/policy/sample_hz"
	sleep 2
	[ "$(cat "$MG_SYSFS/stats/sampler_cpus")" != 0 ] || fail "sampler off"
	echo "round on $(taskset -c 1 cpu-work "$iterations")"
	i=$((i + 1))
done
echo "samples $(cat "$MG_SYSFS/stats/samples_user")"
echo "handler_ns $(cat "$MG_SYSFS/stats/sampler_ns")"
echo "total_samples $(($(cat "$MG_SYSFS/stats/samples_user") + $(cat "$MG_SYSFS/stats/samples_other")))"
rmmod minerguard || fail rmmod
