# The sampler sees what a job's CPU time computes. Each hashing program
# reaches a hash density at or above policy/hash_threshold_pct within 10 s;
# each benign busy program stays below it; only the rounding-mode program
# runs with a non-default SSE rounding mode. No exact sample counts: TCG's
# timer rate is low and irregular.
mg_load
threshold=$(cat "$MG_SYSFS/policy/hash_threshold_pct")

# hot_start NAME CMD...: runs CMD in the background in cgroup mgt/NAME.
hot_start() {
	name=$1
	shift
	cg_create "mgt/$name"
	cg_spawn "mgt/$name" "$@" >/dev/null
	id=$(cg_id "mgt/$name")
}

hot_stop() {
	cg_kill_all "mgt/$1"
	rmdir "$CG/mgt/$1"
}

# hot_value NAME FILE: a value of the job, 0 before it is tracked.
hot_value() {
	cat "$MG_SYSFS/cgroups/$(cg_id "mgt/$1")/$2" 2>/dev/null || echo 0
}

for prog in aes-hash sha256-scalar salsa-avx2; do
	hot_start "$prog" "$prog" 1 0
	wait_until 10 "[ \$(hot_value $prog hash_density_pct_short) -ge $threshold ]" \
		"$prog hash density reaches $threshold % within 10 s"
	echo "$prog: density $(hot_value "$prog" hash_density_pct_short) %," \
		"$(hot_value "$prog" hash_samples) of $(hot_value "$prog" samples) samples hashing"
	assert_eq "$(hot_value "$prog" mxcsr_nondefault_pct)" 0 \
		"$prog keeps the default rounding mode"
	hot_stop "$prog"
done

# Benign busy programs: sampled for 10 s, never at the threshold.
for prog in sort-loop lz-compress spin; do
	hot_start "$prog" "$prog" 1 0
	end=$(($(date +%s) + 10))
	while [ "$(date +%s)" -lt "$end" ]; do
		density=$(hot_value "$prog" hash_density_pct_short)
		[ "$density" -lt "$threshold" ] ||
			fail "$prog reached hash density $density %"
		sleep 1
	done
	[ "$(hot_value "$prog" samples)" -gt 0 ] || fail "$prog was never sampled"
	echo "ok: $prog stayed below $threshold % (last $density %," \
		"$(hot_value "$prog" samples) samples)"
	assert_eq "$(hot_value "$prog" mxcsr_nondefault_pct)" 0 \
		"$prog keeps the default rounding mode"
	assert_eq "$(hot_value "$prog" mxcsr_rounding_changes)" 0 \
		"$prog never changes the rounding mode"
	hot_stop "$prog"
done

# A quick one-off AES encryption is too short to mean anything.
cg_create mgt/aes-file
start=$(date +%s)
cg_spawn mgt/aes-file aes-file 4 >/dev/null
wait $! || fail "aes-file failed"
echo "aes-file took $(($(date +%s) - start)) s"
sleep 2
assert_eq "$(hot_value aes-file hash_density_pct_short)" 0 \
	"one-off AES leaves no hash density"
rmdir "$CG/mgt/aes-file"

# RandomX-like rounding-mode changes.
hot_start rounding-mode rounding-mode 1 0
wait_until 10 "[ \$(hot_value rounding-mode mxcsr_nondefault_pct) -ge 50 ]" \
	"rounding-mode runs mostly with a non-default rounding mode"
wait_until 10 "[ \$(hot_value rounding-mode mxcsr_rounding_changes) -gt 0 ]" \
	"rounding-mode changes seen"
hot_stop rounding-mode

assert_eq "$(cat "$MG_SYSFS/stats/samples_dropped")" 0 "no sample dropped"
mg_unload
