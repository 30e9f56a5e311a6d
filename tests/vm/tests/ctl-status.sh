# minerguardctl against the real module: status in text and JSON, show
# and metrics for a job, top on a terminal, and a clear error when the
# module is absent.
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
echo observe >"$MG_SYSFS/mode"

# One job, by path and by id: every file of its directory, in text, JSON
# and Prometheus metrics.
cg_run mgt/ctl 'exec spin 1 0'
worker=$!
wait_until 30 "[ \"\$(cg_value mgt/ctl path)\" = /mgt/ctl ]" "mgt/ctl tracked"
id=$(cg_id mgt/ctl)
show=$(minerguardctl show /mgt/ctl) || fail "show /mgt/ctl exited $?"
echo "$show" | grep -Eq "^id +$id\$" || fail "show: no id $id line: $show"
echo "$show" | grep -Eq '^verdict +clean$' || fail "show: no verdict line"
for f in "$MG_SYSFS/cgroups/$id"/*; do
	echo "$show" | grep -Eq "^${f##*/}( |\$)" || fail "show lacks ${f##*/}"
done
echo "ok: show lists every file of cgroups/$id"
assert_contains "$(minerguardctl show "$id")" "/mgt/ctl" "show by id"
assert_contains "$(minerguardctl show --json /mgt/ctl)" '"path":"/mgt/ctl"' \
	"show --json"
minerguardctl show /mgt/none >/dev/null 2>&1
assert_eq "$?" 3 "show of an unknown job exits"
minerguardctl metrics --output /tmp/mg.prom || fail "metrics --output"
metrics=$(cat /tmp/mg.prom)
assert_contains "$metrics" 'minerguard_mode{mode="observe"} 1' "metrics: mode"
assert_contains "$metrics" \
	"minerguard_job_verdict{id=\"$id\",path=\"/mgt/ctl\",verdict=\"clean\"} 1" \
	"metrics: the job's verdict"
assert_contains "$metrics" \
	"minerguard_job_score{id=\"$id\",path=\"/mgt/ctl\"}" "metrics: the job's score"

# top on a pseudo-terminal (tests/vm/progs/mg-pty.c), as a user runs it:
# it shows the job, refreshes, and q or Ctrl-C puts the terminal back
# (main screen, cursor shown) with exit 0.
esc=$(printf '\033')
mg-pty /tmp/top.out 120x30 3500 q -- minerguardctl top --interval 1 ||
	fail "top quit with q: exit $?"
grep -q "/mgt/ctl" /tmp/top.out || fail "top did not show /mgt/ctl"
[ "$(grep -o "minerguard $version" /tmp/top.out | wc -l)" -ge 2 ] ||
	fail "top did not refresh within 3 s"
grep -q "$esc\[?1049l" /tmp/top.out || fail "top left the alternate screen on"
grep -q "$esc\[?25h" /tmp/top.out || fail "top left the cursor hidden"
mg-pty /tmp/top.out 120x30 2000 "$(printf '\003')" -- minerguardctl top ||
	fail "top quit with Ctrl-C: exit $?"
grep -q "$esc\[?1049l" /tmp/top.out || fail "top after Ctrl-C left the alternate screen on"
echo "ok: top on a terminal"
kill "$worker"
cg_remove mgt/ctl
mg_unload
