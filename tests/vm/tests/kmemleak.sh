# Last step on the debug kernel: a kmemleak scan must report nothing.
kml=/sys/kernel/debug/kmemleak
# Objects freed late need two scans to be trusted as leaks or not.
echo scan >"$kml"
sleep 1
echo scan >"$kml"
leaks=$(cat "$kml")
if [ -n "$leaks" ]; then
	echo "$leaks" | head -n 60
	fail "kmemleak reports unreferenced objects"
fi
echo "ok: kmemleak clean"
