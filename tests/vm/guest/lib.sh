# Helpers for guest test steps (busybox sh). A step fails on its first
# failed assertion: each helper prints what it expected and exits 1.

MG_SYSFS=/sys/kernel/minerguard
MG_KO=/mg/minerguard.ko

fail() {
	echo "FAIL: $*"
	exit 1
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	echo "ok: $3 = '$1'"
}

# assert_fails WHAT CMD...: CMD must exit non-zero.
assert_fails() {
	what=$1
	shift
	if "$@" 2>/tmp/assert_fails.err; then
		fail "$what: '$*' succeeded"
	fi
	echo "ok: $what refused ($(head -n 1 /tmp/assert_fails.err))"
}

# assert_ok WHAT CMD...: CMD must succeed.
assert_ok() {
	what=$1
	shift
	"$@" || fail "$what: '$*' exited $?"
	echo "ok: $what"
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
	case "$1" in
	*"$2"*) echo "ok: $3" ;;
	*) fail "$3: '$2' not in: $1" ;;
	esac
}

mg_load() {
	insmod "$MG_KO" "$@" || fail "insmod $MG_KO $*"
}

mg_unload() {
	rmmod minerguard || fail "rmmod minerguard"
}

mg_loaded() {
	grep -q '^minerguard ' /proc/modules
}

# as_nobody CMDLINE: runs a shell command line as uid/gid 65534.
as_nobody() {
	su -s /bin/sh -c "$1" nobody
}
