# Last step on the debug kernel: a kmemleak scan must report nothing that
# the tests could have leaked. Objects allocated by pid 0 during early boot
# (ACPI's caches, reported only late in the run) are the kernel's own and
# are listed but not counted.
kml=/sys/kernel/debug/kmemleak
# Objects freed late need two scans to be trusted as leaks or not.
echo scan >"$kml"
sleep 1
echo scan >"$kml"
cat "$kml" >/tmp/kmemleak.txt
boot=$(grep -c 'comm "swapper/0", pid 0,' /tmp/kmemleak.txt)
total=$(grep -c '^unreferenced object' /tmp/kmemleak.txt)
echo "kmemleak: $total suspects, $boot of them from early boot"
if [ $((total - boot)) -ne 0 ]; then
	head -n 80 /tmp/kmemleak.txt
	fail "kmemleak reports $((total - boot)) unreferenced objects"
fi
echo "ok: nothing leaked by the tests"
