# Harness self-test only: a guest step that must be reported as FAIL.
assert_eq "$((1 + 1))" 3 "deliberately wrong arithmetic"
