# minerguardctl against the real module: status in text and JSON, and a
# clear error when the module is absent.
assert_fails "ctl without the module" minerguardctl
assert_contains "$(minerguardctl 2>&1)" "module is not loaded" "ctl explains"

mg_load
version=$(cat "$MG_SYSFS/version")
out=$(minerguardctl) || fail "minerguardctl exited $?"
assert_contains "$out" "minerguard $version" "status shows the version"
assert_contains "$out" "mode: observe" "status shows the mode"
assert_eq "$(minerguardctl status)" "$out" "no arguments means status"
echo enforce >"$MG_SYSFS/mode"
assert_contains "$(minerguardctl status --json)" \
	"{\"version\":\"$version\",\"mode\":\"enforce\"" "status --json"
mg_unload
