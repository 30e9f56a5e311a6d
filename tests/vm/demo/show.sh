# make demo: what an operator sees on a runner with minerguard loaded.
run() {
	echo
	echo "# $*"
	sh -c "$*" 2>&1
}
echo "Guest kernel: $(uname -r), $(nproc) CPUs"
run insmod /mg/minerguard.ko
run minerguardctl
echo
echo "# two CI jobs: job-1 compresses (a build-like load) on both CPUs;"
echo "# job-2, held to half a CPU by cpu.max, behaves like a RandomX miner:"
echo "# JIT code in RWX memory, a 1 GB huge-page request, rounding-mode"
echo "# changes and AES-NI hashing"
mkdir -p /sys/fs/cgroup/ci/job-1 /sys/fs/cgroup/ci/job-2
echo "+cpu +cpuset" >/sys/fs/cgroup/cgroup.subtree_control
echo "+cpu +cpuset" >/sys/fs/cgroup/ci/cgroup.subtree_control
echo "50000 100000" >/sys/fs/cgroup/ci/job-2/cpu.max
sh -c 'echo $$ >/sys/fs/cgroup/ci/job-1/cgroup.procs && exec lz-compress 2 20' \
	>/dev/null &
sh -c 'echo $$ >/sys/fs/cgroup/ci/job-2/cgroup.procs &&
	jit-rwx 2 1000 && hugetlb 1g 536870912 >/dev/null &&
	{ rounding-mode 1 20 & aes-hash 1 20; wait; }' >/dev/null &
sleep 15
run minerguardctl
job2=$(stat -c %i /sys/fs/cgroup/ci/job-2)
run "cd /sys/kernel/minerguard/cgroups/$job2 && grep . path score verdict evidence mm_processes"
run "dmesg | grep -o 'minerguard: BLOCK.*'"
wait
echo
echo "# invalid values are refused and change nothing:"
run "echo bogus > /sys/kernel/minerguard/mode"
run "echo 101 > /sys/kernel/minerguard/policy/saturation_pct"
run cat /sys/kernel/minerguard/mode
echo
echo "# root of a user namespace cannot change policy:"
run "unshare -U -r sh -c 'echo off > /sys/kernel/minerguard/mode'"
run rmmod minerguard
run minerguardctl
echo
