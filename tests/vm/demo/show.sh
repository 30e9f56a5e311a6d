# make demo: what an operator sees on a runner with minerguard loaded.
run() {
	echo
	echo "# $*"
	sh -c "$*" 2>&1
}
echo "Guest kernel: $(uname -r), $(nproc) CPUs"
run insmod /mg/minerguard.ko
run minerguardctl
run minerguardctl status --json
run "echo enforce > /sys/kernel/minerguard/mode"
run minerguardctl
echo
echo "# invalid values are refused and change nothing:"
run "echo bogus > /sys/kernel/minerguard/mode"
run cat /sys/kernel/minerguard/mode
echo
echo "# root of a user namespace cannot change policy:"
run "unshare -U -r sh -c 'echo off > /sys/kernel/minerguard/mode'"
run cat /sys/kernel/minerguard/mode
run rmmod minerguard
run minerguardctl
echo
