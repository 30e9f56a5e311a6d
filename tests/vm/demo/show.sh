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
echo "# two CI jobs: one burns both CPUs, one is held to half a CPU by cpu.max"
mkdir -p /sys/fs/cgroup/ci/job-1 /sys/fs/cgroup/ci/job-2
echo "+cpu +cpuset" >/sys/fs/cgroup/cgroup.subtree_control
echo "+cpu +cpuset" >/sys/fs/cgroup/ci/cgroup.subtree_control
echo "50000 100000" >/sys/fs/cgroup/ci/job-2/cpu.max
sh -c 'echo $$ >/sys/fs/cgroup/ci/job-1/cgroup.procs && exec spin 2 15' &
sh -c 'echo $$ >/sys/fs/cgroup/ci/job-2/cgroup.procs && exec spin 2 15' &
sleep 12
run minerguardctl
wait
run minerguardctl status --json
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
