# /sys/kernel/minerguard/mode takes exactly off, observe or enforce; any
# other write gets EINVAL and changes nothing; writes need CAP_SYS_ADMIN in
# the initial user namespace. The load-time parameter uses the same parser.
mg_load
mode=$MG_SYSFS/mode

for m in off enforce observe enforce; do
	echo "$m" >"$mode" || fail "writing $m"
	assert_eq "$(cat "$mode")" "$m" "mode after writing $m"
done
printf off >"$mode" || fail "writing off without newline"
assert_eq "$(cat "$mode")" off "mode after writing off without newline"
echo enforce >"$mode"

write_refused() { # write_refused VALUE ERRNO
	assert_eq "$(printf '%b' "$1" | mg-write "$mode")" "$2" "writing '$1'"
	assert_eq "$(cat "$mode")" enforce "mode unchanged after '$1'"
}
for bad in bogus Enforce ' observe' 'observe ' 'observe\n\n' '\n' \
	'off\r\n' 'off\0' 'observe\nx' '\377\376'; do
	write_refused "$bad" EINVAL
done
write_refused "$(head -c 4000 /dev/zero | tr '\0' o)" EINVAL

# Root without CAP_SYS_ADMIN, root of a user namespace, and a plain user.
assert_eq "$(echo off | mg-dropcap mg-write "$mode")" EPERM \
	"root without CAP_SYS_ADMIN"
assert_eq "$(echo off | unshare -U -r mg-write "$mode")" EPERM \
	"root of a user namespace"
assert_eq "$(as_nobody "echo off | /mg/bin/mg-write $mode")" EACCES "nobody"
assert_eq "$(cat "$mode")" enforce "mode unchanged after unprivileged writes"
assert_eq "$(as_nobody "cat $mode")" enforce "nobody can read the mode"
mg_unload

# Load-time parameter.
mg_load mode=enforce
assert_eq "$(cat "$mode")" enforce "mode from the load-time parameter"
assert_fails "parameter is read-only at runtime" \
	sh -c "echo off | mg-write /sys/module/minerguard/parameters/mode"
assert_eq "$(cat "$mode")" enforce "mode unchanged by the parameter file"
mg_unload
assert_fails "insmod with mode=bogus" insmod "$MG_KO" mode=bogus
assert_fails "module not loaded after a bad parameter" mg_loaded
