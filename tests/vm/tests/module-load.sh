# The module loads, shows its version and default mode, logs, and unloads
# leaving nothing behind in sysfs.
mg_load
assert_ok "sysfs root present" test -d "$MG_SYSFS"
assert_eq "$(cat "$MG_SYSFS/version")" "$(modinfo -F version "$MG_KO")" \
	"version matches the module's"
assert_eq "$(cat "$MG_SYSFS/mode")" observe "default mode"
assert_contains "$(dmesg | grep 'minerguard: version' | tail -n 1)" \
	"mode observe" "load line in the kernel log"
mg_unload
assert_fails "sysfs root gone after unload" test -e "$MG_SYSFS"
