# Shared by the bench/ scripts (sourced): one guest boot runs a step whose
# output holds "round STATE NS" lines; these read them back.

# bench_run NAME TARGET: runs guest step bench/NAME.sh on TARGET into
# $out (build/bench/NAME-TARGET) and leaves its rounds in $out/rounds.
bench_run() {
	out=$top/build/bench/$1-$2
	MG_STEPS=$top/bench/$1 "$top/tests/vm/run-suite" "$2" "$out" >/dev/null ||
		{ echo "bench: guest run failed, see $out" >&2; exit 1; }
	tr -d '\r' <"$out/guest.results" | sed -n 's/^  | round //p' >"$out/rounds"
}

# median STATE / fastest STATE: of the rounds in STATE.
median() {
	grep "^$1 " "$out/rounds" | awk '{print $2}' | sort -n |
		awk '{ v[NR] = $1 } END { printf "%.0f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

fastest() {
	grep "^$1 " "$out/rounds" | awk '{print $2}' | sort -n | head -n 1
}

# value NAME: what the step printed as "NAME VALUE".
value() {
	tr -d '\r' <"$out/guest.results" | sed -n "s/^  | $1 //p"
}

# ratio LABEL A B: prints "LABEL: A/B" to four places.
ratio() {
	awk -v a="$2" -v b="$3" -v label="$1" 'BEGIN { printf "%s: %.4f\n", label, a / b }'
}
