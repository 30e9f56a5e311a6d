# Each memory-pattern program runs in its own cgroup; its job shows exactly
# the counts the program's header promises, and every other counter stays
# 0. The benign look-alikes show none of the miner-only counts.
MM_FIELDS="anon_exec wx_flips rwx_bytes exec_stack hugetlb_2m
hugetlb_2m_bytes hugetlb_1g hugetlb_1g_bytes thp_advise thp_advise_bytes
big_anon big_anon_bytes msr_open hugepage_sysctl msr_allow_writes"
MINER_ONLY="wx_flips hugetlb_2m hugetlb_1g msr_open hugepage_sysctl
msr_allow_writes"
MIB=1048576

# mm_run NAME CMD...: runs CMD to completion in a new cgroup mgt/NAME; its
# pid is in $pid and its output in $output.
mm_run() {
	name=$1
	shift
	cg_create "mgt/$name"
	cg_spawn "mgt/$name" "$@" >"/tmp/$name.out"
	pid=$!
	wait "$pid" || fail "$name: '$*' exited $?"
	output=$(cat "/tmp/$name.out")
}

# mm_counters ID: every counter of job ID as "field=value ...".
mm_counters() {
	for field in $MM_FIELDS; do
		printf '%s=%s ' "$field" "$(mg_cg "$1" "$field")"
	done
}

# mm_expect NAME FIELD=VALUE...: the job's counters become these values,
# and two ticks later every counter is exactly as listed, unlisted ones 0.
mm_expect() {
	name=$1
	shift
	id=$(cg_id "mgt/$name")
	for kv in "$@"; do
		wait_until 10 "[ \"\$(mg_cg $id ${kv%%=*} 2>/dev/null)\" = ${kv#*=} ]" \
			"$name ${kv%%=*} reaches ${kv#*=}"
	done
	sleep 2
	want=
	for field in $MM_FIELDS; do
		value=0
		for kv in "$@"; do
			[ "${kv%%=*}" = "$field" ] && value=${kv#*=}
		done
		want="$want$field=$value "
	done
	assert_eq "$(mm_counters "$id")" "$want" "$name counters"
}

# mm_benign NAME: none of the miner-only counters moved.
mm_benign() {
	id=$(cg_id "mgt/$1")
	for field in $MINER_ONLY; do
		assert_eq "$(mg_cg "$id" "$field")" 0 "benign $1 $field"
	done
}

modprobe msr 2>/dev/null	# built in on the debug kernel
mg_load
assert_eq "$(cat "$MG_SYSFS/stats/probes_failed")" 0 "every probe placed"
echo 4 >/proc/sys/vm/nr_hugepages || fail "hugetlb pool"

# Miner patterns.
mm_run jit-rwx jit-rwx 2 1000
mm_expect jit-rwx anon_exec=2 rwx_bytes=$((2 * 65536))

mm_run jit-wx jit-wx 500
mm_expect jit-wx wx_flips=500
assert_contains "$(mg_cg "$id" mm_processes)" "$pid 500 jit-wx" \
	"jit-wx named in mm_processes"

mm_run hugetlb-2m hugetlb 2m $((4 * MIB))
mm_expect hugetlb-2m hugetlb_2m=1 hugetlb_2m_bytes=$((4 * MIB))

# The guest's pool has no 1 GB page: the request fails, the program falls
# back to ordinary pages, and both mappings are big.
mm_run hugetlb-1g hugetlb 1g $((512 * MIB))
assert_eq "$output" fallback "1 GB request fell back"
mm_expect hugetlb-1g hugetlb_1g=1 hugetlb_1g_bytes=$((512 * MIB)) \
	big_anon=2 big_anon_bytes=$((1024 * MIB))

mm_run thp-advise thp-advise 300
mm_expect thp-advise thp_advise=1 thp_advise_bytes=$((300 * MIB)) \
	big_anon=1 big_anon_bytes=$((302 * MIB))

mm_run msr-tune msr-tune
mm_expect msr-tune msr_allow_writes=1 msr_open="$(nproc)"

mm_run hugepages-sysctl hugepages-sysctl 4
mm_expect hugepages-sysctl hugepage_sysctl=2

# Benign look-alikes.
mm_run runtime-jit runtime-jit 1
mm_expect runtime-jit anon_exec=1 rwx_bytes=4096
mm_benign runtime-jit

mm_run execstack-threads execstack-threads 4
mm_expect execstack-threads exec_stack=4
mm_benign execstack-threads

# malloc() adds its own header page to the mapping.
mm_run big-malloc big-malloc 300
id=$(cg_id mgt/big-malloc)
wait_until 10 "[ \"\$(mg_cg $id big_anon 2>/dev/null)\" = 1 ]" "big_anon"
bytes=$(mg_cg "$id" big_anon_bytes)
[ "$bytes" -ge $((300 * MIB)) ] && [ "$bytes" -le $((301 * MIB)) ] ||
	fail "big-malloc big_anon_bytes $bytes, want 300 MiB and a header"
mm_expect big-malloc big_anon=1 big_anon_bytes="$bytes"
mm_benign big-malloc

mm_run compressor-thp compressor-thp 32
mm_expect compressor-thp thp_advise=1 thp_advise_bytes=$((32 * MIB))
mm_benign compressor-thp

# minerguardctl shows what the module counted.
id=$(cg_id mgt/jit-wx)
assert_contains "$(minerguardctl status | grep " /mgt/jit-wx\$")" \
	" wx_flips=500 " "status shows jit-wx's flips"
assert_contains "$(minerguardctl status | grep " /mgt/runtime-jit\$")" \
	" anon_exec=1 " "status shows runtime-jit's mapping"
assert_contains "$(minerguardctl status --json)" \
	"\"id\":$id,\"path\":\"/mgt/jit-wx\"" "JSON has jit-wx"
assert_contains "$(minerguardctl status --json | sed 's/.*"id":'"$id"',//')" \
	'"wx_flips":500,' "JSON shows jit-wx's flips"

echo 0 >/proc/sys/vm/nr_hugepages
assert_eq "$(cat "$MG_SYSFS/stats/mm_events_dropped")" 0 "no event dropped"
for name in jit-rwx jit-wx hugetlb-2m hugetlb-1g thp-advise msr-tune \
	hugepages-sysctl runtime-jit execstack-threads big-malloc \
	compressor-thp; do
	rmdir "$CG/mgt/$name"
done
mg_unload
