# 50 load/unload cycles, each using the sysfs files; the host fails the run
# on any kernel warning, and the debug kernel's kmemleak step on any leak.
i=0
while [ $i -lt 50 ]; do
	insmod "$MG_KO" || fail "cycle $i: insmod"
	[ "$(cat "$MG_SYSFS/mode")" = observe ] || fail "cycle $i: mode"
	echo enforce >"$MG_SYSFS/mode" || fail "cycle $i: mode write"
	cat "$MG_SYSFS/version" >/dev/null || fail "cycle $i: version"
	rmmod minerguard || fail "cycle $i: rmmod"
	i=$((i + 1))
done
assert_fails "not loaded after the cycles" mg_loaded
echo "ok: $i cycles"
