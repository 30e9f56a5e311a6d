# Policy knobs, the allowlist and who may change them. Every knob reads its
# documented default, takes each valid value, refuses bad ones with the
# right errno and keeps its value; writes need CAP_SYS_ADMIN in the
# initial user namespace; load-time parameters use the same parsers.
mg_load
P=$MG_SYSFS/policy

for kv in suspect_score=50 miner_score=100 clear_after_s=60 grace_s=5 \
	hashing_full_s=30 saturation_full_s=600 rounding_pct=20 \
	weight_hashing=60 weight_saturation=5 weight_stratum=60 \
	weight_rounding=40 weight_jit=25 weight_hugepages=20 weight_msr=40 \
	weight_thp=4 weight_exec_stack=4 weight_big_anon=4 \
	action_suspect=log action_miner=freeze stratum_action=count; do
	assert_eq "$(cat "$P/${kv%%=*}")" "${kv#*=}" "default ${kv%%=*}"
done

# refused FILE VALUE ERRNO: the write fails with ERRNO, the value stays.
refused() {
	before=$(cat "$1")
	assert_eq "$(printf '%b' "$2" | mg-write "$1")" "$3" "writing '$2' to ${1#"$MG_SYSFS"/}"
	assert_eq "$(cat "$1")" "$before" "${1#"$MG_SYSFS"/} unchanged"
}

for f in "$P"/*; do
	name=${f##*/}
	value=$(cat "$f")
	case $value in
	*[!0-9]*)	# a knob with names
		case $name in
		stratum_action) names="count drop" ;;
		*) names="none log throttle freeze kill" ;;
		esac
		for a in $names; do
			echo "$a" >"$f" || fail "writing $a to $name"
			assert_eq "$(cat "$f")" "$a" "$name takes $a"
		done
		for bad in Kill 'kill ' ' kill' 'kill\n\n' '\n' 0 'log,kill' \
			Drop 'drop ' 'count,drop'; do
			refused "$f" "$bad" EINVAL
		done
		;;
	*)
		for bad in x -1 +1 ' 1' '1 ' '1\n\n' '0x10' '1.5' '\n' '\377'; do
			refused "$f" "$bad" EINVAL
		done
		refused "$f" 99999999999 ERANGE
		refused "$f" 4294967296 ERANGE
		;;
	esac
	echo "$value" >"$f" || fail "writing $name's value back"
done

# Ranges: the ends are taken, one past them is not.
for spec in suspect_score:1:100000 miner_score:1:100000 \
	clear_after_s:0:86400 grace_s:0:86400 hashing_full_s:1:86400 \
	saturation_full_s:1:86400 rounding_pct:1:100 weight_jit:0:1000000; do
	name=${spec%%:*}
	range=${spec#*:}
	lo=${range%:*}
	hi=${range#*:}
	old=$(cat "$P/$name")
	echo "$lo" >"$P/$name" && echo "$hi" >"$P/$name" ||
		fail "$name takes $lo and $hi"
	assert_eq "$(cat "$P/$name")" "$hi" "$name at its maximum"
	[ "$lo" -gt 0 ] && refused "$P/$name" $((lo - 1)) ERANGE
	refused "$P/$name" $((hi + 1)) ERANGE
	echo "$old" >"$P/$name"
done

# The allowlist.
A=$MG_SYSFS/allow
assert_eq "$(cat "$A")" "" "allowlist starts empty"
echo +/ci/a >"$A" && echo +/ci/b >"$A" && printf +/ci/a >"$A" ||
	fail "adding entries"
assert_eq "$(cat "$A" | tr '\n' ' ')" "/ci/a /ci/b " "entries listed once each"
echo -/ci/a >"$A" || fail "removing /ci/a"
assert_eq "$(cat "$A")" "/ci/b" "allowlist after removal"
refused "$A" "-/ci/a" ENOENT
for bad in /ci +ci '+/ci/' '+/ci//x' '+/ci/../x' '+/ci/.' '+' '\n' \
	'+/a\n+/b' '+/c\ti' '*/ci'; do
	refused "$A" "$bad" EINVAL
done
long=$(head -c 1025 /dev/zero | tr '\0' x)
refused "$A" "+/$long" ENAMETOOLONG
# A page of entries at most.
entry=/$(head -c 999 /dev/zero | tr '\0' y)
for i in 1 2 3 4; do
	echo "+$entry$i" >"$A" || fail "adding long entry $i"
done
refused "$A" "+${entry}5" ENOSPC
for i in 1 2 3 4; do
	echo "-$entry$i" >"$A" || fail "removing long entry $i"
done
echo -/ci/b >"$A" || fail "removing /ci/b"
assert_eq "$(cat "$A")" "" "allowlist empty again"

# Privilege: root without CAP_SYS_ADMIN, root of a user namespace, nobody.
for f in "$P/suspect_score" "$A" "$MG_SYSFS/locked"; do
	case $f in
	"$A") value=+/ci/z ;;
	*) value=1 ;;
	esac
	before=$(cat "$f")
	assert_eq "$(echo "$value" | mg-dropcap mg-write "$f")" EPERM \
		"${f#"$MG_SYSFS"/} without CAP_SYS_ADMIN"
	assert_eq "$(echo "$value" | unshare -U -r mg-write "$f")" EPERM \
		"${f#"$MG_SYSFS"/} from root of a user namespace"
	assert_eq "$(as_nobody "echo $value | /mg/bin/mg-write $f")" EACCES \
		"${f#"$MG_SYSFS"/} as nobody"
	assert_eq "$(cat "$f")" "$before" "${f#"$MG_SYSFS"/} unchanged"
	assert_eq "$(as_nobody "cat $f")" "$before" "nobody reads ${f#"$MG_SYSFS"/}"
done
# minerguardctl policy load: all or nothing.
cat >/tmp/good.conf <<'CONF'
# tuning for this runner
mode = enforce
suspect_score = 45
action_miner = kill
allow = /ci/trusted
CONF
minerguardctl policy load /tmp/good.conf || fail "loading a good policy file"
assert_eq "$(cat "$MG_SYSFS/mode") $(cat "$P/suspect_score") $(cat "$P/action_miner")" \
	"enforce 45 kill" "policy file applied"
assert_eq "$(cat "$A")" /ci/trusted "allow entry from the policy file"
printf 'suspect_score = 41\nminer_score = 0\n' >/tmp/bad.conf
minerguardctl policy load /tmp/bad.conf 2>/tmp/bad.err
assert_eq "$?" 1 "a value the kernel refuses fails the load"
assert_contains "$(cat /tmp/bad.err)" "/tmp/bad.conf:2:" "error names the line"
assert_eq "$(cat "$P/suspect_score")" 45 "earlier line rolled back"
echo observe >"$MG_SYSFS/mode"
echo -/ci/trusted >"$A"
echo 50 >"$P/suspect_score"
echo freeze >"$P/action_miner"

assert_eq "$(cat "$MG_SYSFS/locked")" 0 "not locked"
echo 0 >"$MG_SYSFS/locked" || fail "writing 0 to locked while unlocked"
refused "$MG_SYSFS/locked" 2 EINVAL
refused "$MG_SYSFS/locked" yes EINVAL
mg_unload

# Load-time parameters.
mg_load suspect_score=30 action_miner=kill weight_jit=70 grace_s=0
assert_eq "$(cat "$P/suspect_score")" 30 "suspect_score from its parameter"
assert_eq "$(cat "$P/action_miner")" kill "action_miner from its parameter"
assert_eq "$(cat "$P/weight_jit")" 70 "weight_jit from its parameter"
assert_eq "$(cat "$P/grace_s")" 0 "grace_s from its parameter"
assert_eq "$(cat /sys/module/minerguard/parameters/action_miner)" kill \
	"parameter file shows the name"
mg_unload
for bad in suspect_score=0 action_miner=bogus weight_jit=-1 locked=2 \
	"locked=1 mode=bogus"; do
	# shellcheck disable=SC2086 # two parameters in one case
	assert_fails "insmod with $bad" insmod "$MG_KO" $bad
	assert_fails "module not loaded after $bad" mg_loaded
done
