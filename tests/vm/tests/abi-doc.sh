# Documentation/ABI/testing/sysfs-kernel-minerguard (at /mg/abi) and the
# module list the same files: every file the loaded module shows is
# documented, and every documented file exists.
ABI=/mg/abi
mg_load
cg_create mgt/abi
cg_spawn mgt/abi spin 1
spinner=$!
id=$(cg_id mgt/abi)
wait_until 10 "[ -d $MG_SYSFS/cgroups/$id ]" "a tracked job"

documented() {
	grep -q "^What:[[:space:]]*/sys/kernel/minerguard/$1\$" "$ABI"
}

n=0
for file in $(cd "$MG_SYSFS" && find . -type f | sed 's|^\./||'); do
	rel=$(echo "$file" | sed "s|^cgroups/[0-9]*/|cgroups/<id>/|")
	documented "$rel" || fail "$rel is not in the ABI document"
	n=$((n + 1))
done
echo "ok: all $n files of the live module are documented"

n=0
for what in $(sed -n 's|^What:[[:space:]]*/sys/kernel/minerguard/||p' "$ABI"); do
	case "$what" in
	*/ | "") continue ;;	# directories
	esac
	path=$MG_SYSFS/$(echo "$what" | sed "s|<id>|$id|")
	[ -f "$path" ] || fail "documented $what does not exist"
	n=$((n + 1))
done
echo "ok: all $n documented files exist"
kill "$spinner"
cg_kill_all mgt/abi
rmdir "$CG/mgt/abi"
mg_unload
