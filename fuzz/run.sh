#!/usr/bin/env bash
# Fuzzes every target of fuzz/ for SECONDS_PER_TARGET seconds (default 20), each from a
# fresh corpus seeded with fuzz/seeds/<target> (so every run starts from the same inputs),
# and prints the executions per target and a summary line:
#   fuzz: 6 targets, 1234567 executions, 0 crashes
# Exits non-zero on any crash, leaving the input that crashed in fuzz/artifacts/<target>/.
#
# Installs nothing: it needs the nightly toolchain and cargo-fuzz (scripts/setup.sh --fuzz).
set -uo pipefail

seconds=${1:-20}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: fuzz/run.sh [SECONDS_PER_TARGET]" >&2
  exit 2
fi

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
cd "$fuzz_dir/.." # cargo fuzz works from the directory that holds fuzz/

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: needs the nightly toolchain and cargo-fuzz: run scripts/setup.sh --fuzz" >&2
  exit 1
fi

targets=$(cargo +nightly fuzz list) || exit 1
echo "fuzz: building $(echo "$targets" | wc -w) targets"
if ! cargo +nightly fuzz build; then
  echo "fuzz: build failed" >&2
  exit 1
fi

# Run the binaries built just now: `cargo fuzz run` would rebuild (and so test other code)
# if the sources changed in between.
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
bin_dir="$fuzz_dir/target/$triple/release"
for target in $targets; do
  [ -x "$bin_dir/$target" ] || { echo "fuzz: no binary $bin_dir/$target after the build" >&2; exit 1; }
done
logs="$fuzz_dir/target/logs"
mkdir -p "$logs"
total_targets=0 total_execs=0 total_crashes=0 failed=()

for target in $targets; do
  total_targets=$((total_targets + 1))
  corpus="$fuzz_dir/corpus/$target"
  artifacts="$fuzz_dir/artifacts/$target"
  rm -rf "$corpus"
  mkdir -p "$corpus" "$artifacts"
  if [ -d "$fuzz_dir/seeds/$target" ]; then
    cp -R "$fuzz_dir/seeds/$target/." "$corpus/"
  fi
  dict=()
  [ -f "$fuzz_dir/json.dict" ] && dict=("-dict=$fuzz_dir/json.dict")
  before=$(find "$artifacts" -type f | sort)
  log="$logs/$target.log"

  ASAN_OPTIONS="detect_odr_violation=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$bin_dir/$target" \
    -artifact_prefix="$artifacts/" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" "$corpus" >"$log" 2>&1
  status=$?

  # libFuzzer's final stats, else its "#N DONE" line, else the last "#N" progress line.
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)
  execs=${execs:-0}
  total_execs=$((total_execs + execs))

  new=$(comm -13 <(echo "$before") <(find "$artifacts" -type f | sort) | grep -E '/(crash|oom|timeout|leak)-' || true)
  crashes=$(echo -n "$new" | grep -c . || true)
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1
  fi
  total_crashes=$((total_crashes + crashes))

  if [ "$crashes" -eq 0 ]; then
    printf 'fuzz: %-20s %12s executions in %ss, corpus %s inputs\n' \
      "$target" "$execs" "$seconds" "$(find "$corpus" -type f | wc -l)"
  else
    failed+=("$target")
    printf 'fuzz: %-20s %12s executions, CRASHED (exit %s); log: %s\n' "$target" "$execs" "$status" "$log"
    grep -m 1 -E "panicked at|ERROR: (libFuzzer|AddressSanitizer)" "$log" | sed 's/^/      /'
    grep -A 3 -E "panicked at" "$log" | sed -n '2,4p' | sed 's/^/      /'
    for file in $new; do
      echo "      input: $file"
      echo "      again: cargo +nightly fuzz run $target ${file#"$PWD/"}"
    done
  fi
done

echo "fuzz: $total_targets targets, $total_execs executions, $total_crashes crashes"
if [ "$total_crashes" -ne 0 ]; then
  echo "fuzz: crashed: ${failed[*]}" >&2
  exit 1
fi
