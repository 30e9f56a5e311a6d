# Loads the KUnit suite modules (their suites run at load) and hands the
# kernel's KTAP output to the host, which parses it with kunit.py.
before=$(dmesg | wc -l)
for ko in /mg/kunit/*.ko; do
	insmod "$ko" || fail "insmod $ko"
done
echo "MG-KTAP-BEGIN"
dmesg | tail -n +$((before + 1)) | sed 's/^\[[^]]*\] //'
echo "MG-KTAP-END"
for ko in /mg/kunit/*.ko; do
	name=$(basename "$ko" .ko)
	rmmod "$name" || fail "rmmod $name"
done
