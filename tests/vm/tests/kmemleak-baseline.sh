# Forgets what boot left in kmemleak so that the final scan reports only
# what the tests leaked.
kml=/sys/kernel/debug/kmemleak
assert_ok "kmemleak present" test -w "$kml"
echo scan >"$kml"
echo clear >"$kml"
