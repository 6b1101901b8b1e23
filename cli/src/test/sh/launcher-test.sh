#!/usr/bin/env bash
# Real-process checks of bin/firefly-auth's class-data archive handling: it starts about 25 JVMs and takes
# 20-40 s per JDK. The test command runs it through LauncherIT (cli's integration tests) on the JDK of the build.
# Each check runs the launcher from a throw-away copy of the repository layout (bin/firefly-auth +
# cli/target/firefly-auth.jar), so the real cli/target is never touched.
#
# Usage: cli/src/test/sh/launcher-test.sh [JAVA_HOME ...]   (default: the java on the PATH; every JDK given is checked)
# Needs cli/target/firefly-auth.jar. Runs `token` with FIREFLY_SERVICES_ACCESS_TOKEN (the static provider), so no
# IMS and no network are involved: what is checked is the launcher, not the exchange.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../../.." && pwd)"
jar="$repo/cli/target/firefly-auth.jar"
[ -f "$jar" ] || { echo "launcher-test: $jar is missing: build it with mvn -o -q -f cli/pom.xml package -DskipTests" >&2; exit 2; }
unset FIREFLY_AUTH_CDS FIREFLY_AUTH_JAVA_OPTS FIREFLY_TOKEN_STORE
work="$(mktemp -d)"
chmod 711 "$work"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
token="launcher-test-static-token"
passed=0
failed=0

check() { # check NAME CONDITION-COMMAND...
  local name="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "  ok   $name"
  else
    failed=$((failed + 1))
    echo "  FAIL $name"
  fi
}

tree() { # a fresh copy of the layout the launcher expects; prints its root
  local t
  t="$(mktemp -d "$work/tree.XXXX")"
  mkdir -p "$t/bin" "$t/cli/target" "$t/xdg"
  chmod 700 "$t/xdg"
  cp "$repo/bin/firefly-auth" "$t/bin/"
  cp "$jar" "$t/cli/target/"
  echo "$t"
}

run() { # run TREE ARGS... : the launcher's stdout in $out, stderr in $err, exit code in $rc
  local t="$1"
  shift
  rc=0
  out="$(env FIREFLY_SERVICES_ACCESS_TOKEN="$token" \
    XDG_CACHE_HOME="$t/xdg" "$t/bin/firefly-auth" "$@" 2>"$work/stderr")" || rc=$?
  err="$(cat "$work/stderr")"
}

archives() { # the archives next to the jar of TREE, one per line
  find "$1/cli/target" -maxdepth 1 \( -name '*.jsa' -o -name '*.aot' \) | sort
}

leftovers() { # recorded class lists, temp archives and locks of TREE
  find "$1/cli/target" -maxdepth 1 \( -name '*.recorded' -o -name '*.tmp' -o -name '.firefly-auth.archive.lock' \)
}

wait_archive() { # waits up to 60 s for the background build of TREE to publish an archive and release its lock
  local i
  for i in $(seq 1 300); do
    if [ -n "$(archives "$1")" ] && [ -z "$(leftovers "$1")" ]; then return 0; fi
    sleep 0.2
  done
  return 1
}

whole() { # exactly one archive in TREE, as long as the size its name carries, and nothing left behind
  local a n
  a="$(archives "$1")"
  [ "$(echo "$a" | wc -l)" -eq 1 ] && [ -n "$a" ] && [ -z "$(leftovers "$1")" ] || return 1
  n="${a%.*}"
  n="${n##*.}"
  [ "$(wc -c <"$a" | tr -d ' ')" = "$n" ]
}

wait_whole() {
  local i
  for i in $(seq 1 300); do
    if whole "$1"; then return 0; fi
    sleep 0.2
  done
  return 1
}

from_archive() {
  printed_token && grep -q 'dev.fireflyauth.cli.Main source: shared objects file' "$work/classes.txt"
}

printed_token() { [ "$rc" -eq 0 ] && [ "$out" = "$token" ]; }
no_stderr() { [ -z "$err" ]; }
one_archive() { [ "$(archives "$1" | wc -l)" -eq 1 ]; }
none_left() { [ -z "$(leftovers "$1")" ]; }
no_archive() { [ -z "$(archives "$1")" ]; }

suite() {
  local t first a as_nobody
  echo "$(java -version 2>&1 | head -1)"

  t="$(tree)"
  run "$t" token
  check "missing archive: the first token run prints only the token" printed_token
  check "missing archive: nothing on stderr" no_stderr
  check "missing archive: one archive is built in the background" wait_whole "$t"
  check "missing archive: nothing left behind (class list, temp file, lock)" none_left "$t"
  first="$(archives "$t")"

  run "$t" token
  check "archive present: prints only the token" printed_token
  FIREFLY_AUTH_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.txt" run "$t" token
  check "archive present: the JVM maps it (our Main comes from the archive)" from_archive

  run "$t" --version
  check "archive present: other verbs use it too" test "$rc" -eq 0

  touch -d '2001-01-01' "$t/cli/target/firefly-auth.jar"
  run "$t" token
  check "stale archive (jar rebuilt): prints only the token" printed_token
  check "stale archive: a new one is built" wait_archive "$t"
  check "stale archive: the old one is removed" test ! -e "$first"
  check "stale archive: exactly one archive left" one_archive "$t"

  a="$(archives "$t")"
  head -c 4096 "$a" >"$a.cut" && mv -f "$a.cut" "$a"
  run "$t" token
  check "truncated archive: prints only the token" printed_token
  check "truncated archive: nothing on stderr" no_stderr
  check "truncated archive: replaced by a whole one" wait_whole "$t"
  FIREFLY_AUTH_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.txt" run "$t" token
  check "truncated archive: the replacement is mapped" from_archive

  t="$(tree)"
  FIREFLY_AUTH_CDS=off run "$t" token
  check "FIREFLY_AUTH_CDS=off: prints only the token" printed_token
  sleep 1
  check "FIREFLY_AUTH_CDS=off: no archive is made" no_archive "$t"

  t="$(tree)"
  run "$t" sources
  sleep 1
  check "a verb other than token/headers never builds one" no_archive "$t"

  t="$(tree)"
  local i pids=()
  for i in 1 2 3 4 5 6; do
    (env FIREFLY_SERVICES_ACCESS_TOKEN="$token" XDG_CACHE_HOME="$t/xdg" "$t/bin/firefly-auth" token \
      >"$work/c$i.out" 2>"$work/c$i.err") &
    pids+=($!)
  done
  local all_ok=0
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || all_ok=1; done
  check "6 concurrent first runs: all exit 0" test "$all_ok" -eq 0
  check "6 concurrent first runs: each prints only the token" \
    bash -c "for f in $work/c*.out; do [ \"\$(cat \$f)\" = '$token' ] || exit 1; done"
  check "6 concurrent first runs: one archive, nothing left behind" wait_archive "$t"
  check "6 concurrent first runs: exactly one archive" one_archive "$t"

  if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null; then
    # Root may write anywhere: the read-only and foreign-owner cases run as nobody against root's files.
    t="$(tree)"
    chmod -R a+rX "$t"
    chmod 755 "$t/cli/target"
    mkdir -p "$work/nobody-xdg"
    chown nobody "$work/nobody-xdg"
    chmod 700 "$work/nobody-xdg"
    as_nobody() {
      rc=0
      out="$(runuser -u nobody -- env PATH="$PATH" FIREFLY_SERVICES_ACCESS_TOKEN="$token" \
        XDG_CACHE_HOME="$work/nobody-xdg" "$t/bin/firefly-auth" token 2>"$work/stderr")" || rc=$?
      err="$(cat "$work/stderr")"
    }
    as_nobody
    check "read-only directory: prints only the token" printed_token
    check "read-only directory: nothing on stderr" no_stderr
    check "read-only directory: no archive, no lock" bash -c "[ -z \"\$(ls -A '$t/cli/target' | grep -v '^firefly-auth.jar$')\" ]"
    run "$t" token
    wait_archive "$t" || true
    as_nobody
    check "archive owned by another user: not used, token printed" printed_token
  else
    echo "  skip read-only and foreign-owner checks (need root and runuser)"
  fi

  t="$(tree)"
  mkdir -p "$work/fakejdk/bin"
  printf '#!/bin/sh\nexec %s "$@"\n' "$(readlink -f "$(command -v java)")" >"$work/fakejdk/bin/java"
  chmod +x "$work/fakejdk/bin/java"
  PATH="$work/fakejdk/bin:$PATH" run "$t" token
  check "a java the launcher cannot identify (a wrapper script): runs without an archive" printed_token
  sleep 1
  check "a java the launcher cannot identify: no archive made" no_archive "$t"
}

if [ "$#" -eq 0 ]; then
  suite
else
  for home in "$@"; do
    PATH="$home/bin:$PATH" suite
  done
fi
echo "launcher-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
