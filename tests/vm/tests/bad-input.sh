# Bad input to every writable file under /sys/kernel/minerguard, found by
# walking the tree (so a new file is covered without naming it): values
# negative, overflowing, oversized (8 KiB), with bytes that are not UTF-8
# or not text, with a NUL inside, with stray spaces or lines; and a valid
# name written a few bytes at a time. Each write fails, and everything the
# module shows under mode, locked, allow and policy/ reads back unchanged.
mg_load

# The whole writable state, one "file: value" line each.
state() {
	grep -r . "$MG_SYSFS/mode" "$MG_SYSFS/locked" "$MG_SYSFS/allow" \
		"$MG_SYSFS/policy"
	echo "allow entries: $(wc -l <"$MG_SYSFS/allow")"
}

echo +/ci/kept >"$MG_SYSFS/allow" || fail "allowlisting /ci/kept"
files=$(find "$MG_SYSFS" -type f -perm -u+w | sort)
assert_eq "$(echo "$files" | wc -l)" \
	"$(($(find "$MG_SYSFS/policy" -type f | wc -l) + 3))" \
	"writable files: policy/*, mode, locked, allow"
before=$(state)
long=$(head -c 8192 /dev/zero | tr '\0' 7)

# refused FILE VALUE: writing VALUE (printf %b) fails and changes nothing.
refused() {
	result=$(printf '%b' "$2" | mg-write "$1")
	[ "$result" != ok ] ||
		fail "${1#"$MG_SYSFS"/} took '$(printf '%.40s' "$2")'"
	[ "$(state)" = "$before" ] ||
		fail "writing '$(printf '%.40s' "$2")' to ${1#"$MG_SYSFS"/} changed: $(state)"
	echo "ok: ${1#"$MG_SYSFS"/} '$(printf '%.20s' "$2")' -> $result"
}

for f in $files; do
	for bad in -1 -0 18446744073709551616 99999999999999999999999 \
		'\377\376' '\303\251' '\0' '1\0002' 'x\001' '\t' ' ' '\n\n' \
		'1 2' '0x1' '1e3' "$long" "/$long" "+/$long"; do
		refused "$f" "$bad"
	done
done

# A name written in pieces: each piece alone is refused.
for spec in mode:observe policy/action_miner:freeze \
	policy/stratum_action:count; do
	f=$MG_SYSFS/${spec%%:*}
	printf '%s' "${spec#*:}" | dd of="$f" bs=3 conv=notrunc 2>/dev/null &&
		fail "${spec%%:*} took ${spec#*:} in 3-byte pieces"
	[ "$(state)" = "$before" ] ||
		fail "pieces of ${spec#*:} changed ${spec%%:*}"
	echo "ok: ${spec%%:*} refuses ${spec#*:} in 3-byte pieces"
done
mg_unload
