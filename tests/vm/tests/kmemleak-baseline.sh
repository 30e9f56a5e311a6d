# Forgets what boot left in kmemleak so that the final scan reports only
# what the tests leaked. kmemleak reports an object only once it is older
# than 5 s, so boot's suspects are made old enough, reported, then cleared.
kml=/sys/kernel/debug/kmemleak
assert_ok "kmemleak present" test -w "$kml"
while [ "$(cut -d. -f1 /proc/uptime)" -lt 8 ]; do
	sleep 1
done
echo scan >"$kml"
echo scan >"$kml"
echo "boot left $(grep -c '^unreferenced object' "$kml") suspects; clearing them"
echo clear >"$kml"
