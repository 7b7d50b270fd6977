#!/usr/bin/env bash
# Interleaved A/B of two builds of the module in the pwsh host: bench/run.sh --host pwsh --rounds 1 with module A,
# then B, then A... (openssl runs beside each, so a loaded machine shows in its figures too). Writes each run's
# results under OUT/a-N and OUT/b-N and prints the CPU per connection of each, scenario by scenario.
# AB_A_ENV / AB_B_ENV: "NAME=value ..." set for that side only (runtime settings tried in pwsh, for example);
# the same module on both sides then compares the settings.
set -euo pipefail
usage() { echo "usage: bench/ab.sh A_MODULE_DIR B_MODULE_DIR OUT_DIR ROUNDS [bench/run.sh options: --only, --seconds, --warmup...]" >&2; }
[ $# -ge 4 ] || { usage; exit 64; }
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd) out=$3 rounds=$4; shift 4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for ((i = 1; i <= rounds; i++)); do
  for side in a b; do
    dir=$a vars=${AB_A_ENV:-}
    [ "$side" = b ] && dir=$b vars=${AB_B_ENV:-}
    # shellcheck disable=SC2086 # vars is a list of NAME=value words
    env $vars "$here/run.sh" --host pwsh --skip-build --rounds 1 --module "$dir" --out "$out/$side-$i" "$@" > "$out/$side-$i.out" 2>&1 \
      || { echo "ab: run $side-$i failed, see $out/$side-$i.out" >&2; exit 1; }
  done
done
# scenario, side, round: server CPU µs per connection of pwsh and of openssl in the same run; cold adds start-up.
for f in "$out"/[ab]-*/raw.tsv; do
  run=$(basename "$(dirname "$f")")
  awk -F'\t' -v run="$run" 'NR > 1 && $4 > 0 {
    x = ""; if ($1 == "cold") x = " " $7
    printf "%s\t%s\t%s\t%.0f µs/conn\t%d conns%s\n", $1, run, $2, $6 * 1e6 / $4, $4, x }' "$f"
done | sort -k1,1 -k3,3 -k2,2V
