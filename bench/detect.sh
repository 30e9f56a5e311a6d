# Guest step for bench/detect: each workload of the detection corpus runs
# alone in a fresh job cgroup (bench/NAME) for a fixed time, with the
# module's default policy in observe mode. Every second it prints
#   sample NAME SECONDS SCORE VERDICT CPU_PCT_SHORT
# and at the end of the run
#   result CLASS NAME SECONDS VERDICT T_SUSPECT T_MINER PEAK EVIDENCE
# where T_* are the seconds from the start to the first sample at that
# verdict or above (- if never), PEAK the highest score and EVIDENCE the
# job's evidence at its peak. MG_DETECT_ONLY=NAME,NAME... (a kernel
# parameter, seen here as an environment variable) keeps only those.
#
# The times per class are fixed and the same for every workload of the
# class: full-speed miners 40 s (their target is 10 s), throttled and
# evasive miners 70 s (target 60 s), benign workloads 50 s.
FULL=40
SLOW=70
BENIGN=50
POOL_PORT=3333

# The corpus: CLASS NAME SECONDS COMMAND. Miners are tests/workloads/
# miner.c; benign workloads are Debian's programs (tests/vm/corpus-tree).
# Every benign command is looped so that it runs for the whole time.
corpus() {
	cat <<EOF
miner randomx $FULL miner randomx
miner sha256d $FULL miner sha256d
miner scrypt $FULL miner scrypt
miner cryptonight $FULL miner cryptonight
miner randomx-1-thread $FULL miner randomx --threads 1
miner randomx-as-root $FULL miner randomx --hugepages-sysfs --msr
miner sha256d-stratum $FULL miner sha256d --stratum 127.0.0.1:$POOL_PORT
miner randomx-duty-30 $SLOW miner randomx --duty 30
miner randomx-duty-50 $SLOW miner randomx --duty 50
miner sha256d-duty-30 $SLOW miner sha256d --duty 30
miner sha256d-duty-50 $SLOW miner sha256d --duty 50
miner scrypt-duty-30 $SLOW miner scrypt --duty 30
miner scrypt-duty-50 $SLOW miner scrypt --duty 50
miner cryptonight-duty-30 $SLOW miner cryptonight --duty 30
miner cryptonight-duty-50 $SLOW miner cryptonight --duty 50
miner randomx-idle-nice $SLOW miner randomx --idle --nice 19
miner randomx-pauses $SLOW miner randomx --duty 50 --period-ms 6000
miner cryptonight-named-cc1 $SLOW miner cryptonight --name cc1
miner randomx-split $SLOW miner randomx --split 2
miner cryptonight-hop $SLOW miner cryptonight --hop 5
miner sha256d-reexec $SLOW miner sha256d --reexec 5
benign make-j $BENIGN forever /usr/bin/make -s -C /src/minerguardctl -j $CPUS clean all
benign stress-ng-crypt $BENIGN forever /usr/bin/stress-ng --crypt $CPUS -t 3600
benign stress-ng-hash $BENIGN forever /usr/bin/stress-ng --hash $CPUS -t 3600
benign stress-ng-cpu-all $BENIGN forever /usr/bin/stress-ng --cpu $CPUS --cpu-method all -t 3600
benign openssl-aes-gcm $BENIGN forever /usr/bin/openssl speed -multi $CPUS -seconds 5 -bytes 16384 -evp aes-128-gcm
benign openssl-sha256 $BENIGN forever /usr/bin/openssl speed -multi $CPUS -seconds 5 -bytes 16384 -evp sha256
benign xz-9 $BENIGN forever /usr/bin/xz -9 -T0 --block-size=4MiB -c /tmp/big
benign sha256sum $BENIGN forever /usr/bin/sha256sum /tmp/big
benign 7z-b $BENIGN forever /usr/bin/7z b -mmt$CPUS
benign test-mix $BENIGN forever sh /mg/benign/test-mix.sh 3600 $CPUS
EOF
}

CPUS=$(nproc)
uptime_ds() { # tenths of a second since boot
	awk '{ printf "%d\n", $1 * 10 }' /proc/uptime
}

# forever CMD...: runs CMD again each time it ends, its output discarded.
cat >/usr/local/bin/forever <<'EOF'
#!/bin/sh
while :; do "$@" >/dev/null 2>&1; done
EOF
chmod +x /usr/local/bin/forever

# Input of the benign compressors and hashers: 32 MiB of the corpus's own
# binaries, compressible like real build artefacts.
: >/tmp/big
while [ "$(stat -c %s /tmp/big)" -lt 33554432 ]; do
	cat /usr/bin/* /usr/lib/x86_64-linux-gnu/lib*.so* 2>/dev/null >>/tmp/big
done
truncate -s 32M /tmp/big

ip link set lo up || fail "lo up"
modprobe msr 2>/dev/null
# The runner's layout: each /bench/NAME is a job, child cgroups included,
# as an operator deploys it (policy/job_depth); every detection knob keeps
# its default.
mg_load job_depth=2
echo "kernel $(uname -r) cpus $CPUS"
for knob in mode policy/job_depth policy/suspect_score policy/miner_score \
	policy/saturation_pct; do
	echo "policy ${knob#policy/} $(cat "$MG_SYSFS/$knob")"
done
cg_create bench/pool
cg_spawn bench/pool stratum-pool "$POOL_PORT" >/dev/null 2>&1

run_workload() { # run_workload CLASS NAME SECONDS COMMAND...
	class=$1 name=$2 seconds=$3
	shift 3
	cg_create "bench/$name"
	start=$(uptime_ds)
	cg_spawn "bench/$name" "$@" >"/tmp/$name.out" 2>&1
	dir=$MG_SYSFS/cgroups/$(cg_id "bench/$name")
	t_suspect=- t_miner=- peak=-1 evidence=- verdict=-
	elapsed=0
	while [ "$elapsed" -lt "$((seconds * 10))" ]; do
		sleep 1
		elapsed=$(($(uptime_ds) - start))
		t=$((elapsed / 10)).$((elapsed % 10))
		[ -d "$dir" ] || { echo "sample $name $t 0 untracked 0"; continue; }
		score=$(cat "$dir/score") verdict=$(cat "$dir/verdict")
		echo "sample $name $t $score $verdict $(cat "$dir/cpu_pct_short")"
		if [ "$score" -gt "$peak" ]; then
			peak=$score
			evidence=$(tr ' ' , <"$dir/evidence")
		fi
		case "$verdict" in
		miner) [ "$t_miner" != - ] || t_miner=$t
			[ "$t_suspect" != - ] || t_suspect=$t ;;
		suspect) [ "$t_suspect" != - ] || t_suspect=$t ;;
		esac
	done
	[ -n "$evidence" ] || evidence=-
	echo "result $class $name $seconds $verdict $t_suspect $t_miner $peak $evidence"
	cg_destroy "bench/$name" >/dev/null
	# A workload that failed to start shows here, not as a clean verdict.
	if [ "$peak" -le 0 ] && [ "$class" = miner ]; then
		echo "output of $name:"
		tail -n 5 "/tmp/$name.out"
	fi
}

# Not a pipeline: a failure in a run must end the step, not only a subshell.
corpus >/tmp/corpus
while read -r class name seconds command; do
	if [ -n "${MG_DETECT_ONLY:-}" ]; then
		case ",$MG_DETECT_ONLY," in *",$name,"*) ;; *) continue ;; esac
	fi
	# shellcheck disable=SC2086 # the command's words
	run_workload "$class" "$name" "$seconds" $command </dev/null
done </tmp/corpus
cg_remove bench/pool >/dev/null
