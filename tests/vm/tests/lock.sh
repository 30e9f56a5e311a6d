# The lock: once 1 is written to locked, policy can only be tightened until
# reboot and the module refuses to unload. Runs last: the module stays.
# A bad load-time combination with locked=1 leaves nothing behind.
assert_fails "insmod with locked=1 and a bad mode" insmod "$MG_KO" locked=1 mode=bogus
assert_fails "module not loaded" mg_loaded

mg_load
P=$MG_SYSFS/policy
echo +/ci/x >"$MG_SYSFS/allow"
echo +/ci/y >"$MG_SYSFS/allow"
echo 1 >"$MG_SYSFS/locked" || fail "locking"
assert_eq "$(cat "$MG_SYSFS/locked")" 1 "locked reads 1"
assert_contains "$(dmesg | grep minerguard:)" "policy locked until reboot" \
	"locking logged"

# tighten FILE VALUE / loosen FILE VALUE
tighten() {
	echo "$2" >"$1" || fail "tightening ${1#"$MG_SYSFS"/} to $2"
	assert_eq "$(cat "$1")" "$2" "${1#"$MG_SYSFS"/} tightened"
}
loosen() {
	before=$(cat "$1")
	assert_eq "$(printf '%s' "$2" | mg-write "$1")" EPERM \
		"loosening ${1#"$MG_SYSFS"/} to $2"
	assert_eq "$(cat "$1")" "$before" "${1#"$MG_SYSFS"/} unchanged"
}

loosen "$MG_SYSFS/locked" 0
loosen "$MG_SYSFS/mode" off
tighten "$MG_SYSFS/mode" observe
tighten "$MG_SYSFS/mode" enforce
loosen "$MG_SYSFS/mode" observe
loosen "$P/suspect_score" 51
tighten "$P/suspect_score" 40
loosen "$P/miner_score" 101
tighten "$P/miner_score" 90
loosen "$P/weight_hashing" 59
tighten "$P/weight_hashing" 70
loosen "$P/clear_after_s" 59
tighten "$P/clear_after_s" 120
loosen "$P/grace_s" 6
tighten "$P/grace_s" 2
loosen "$P/sample_hz" 0
tighten "$P/sample_hz" 200
loosen "$P/action_miner" log
loosen "$P/action_miner" none
tighten "$P/action_miner" kill
loosen "$P/action_miner" freeze
tighten "$P/stratum_action" drop
loosen "$P/stratum_action" count
loosen "$P/job_depth" 1
tighten "$P/job_depth" 0
loosen "$MG_SYSFS/allow" +/ci/z
echo -/ci/x >"$MG_SYSFS/allow" || fail "removing an allowlist entry"
assert_eq "$(cat "$MG_SYSFS/allow")" /ci/y "allowlist shrank"
# Bad values still get EINVAL, not EPERM.
assert_eq "$(echo bogus | mg-write "$MG_SYSFS/mode")" EINVAL "bad mode"
# Nobody else gets further.
assert_eq "$(echo 0 | unshare -U -r mg-write "$MG_SYSFS/locked")" EPERM \
	"root of a user namespace cannot unlock"
assert_fails "rmmod of a locked module" rmmod minerguard
assert_ok "module still loaded" mg_loaded
assert_eq "$(cat "$MG_SYSFS/locked")" 1 "still locked"
