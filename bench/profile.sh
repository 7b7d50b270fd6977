#!/usr/bin/env bash
# Samples our server under s_time load with perf (cpu-clock: this VM has no hardware counters) and writes the split
# by library, the top symbols and the thread names: bench/profile.sh --host pwsh|bench --scenario S [--out DIR].
# Needs bench/run.sh to have built bench/.work (TlsBench, the module, the certificates). Loopback only.
set -euo pipefail
usage() {
  echo "usage: bench/profile.sh [--host pwsh|bench] [--scenario tls13-ecdsa|tls12-resumed|bulk] [--warmup S] [--seconds S] [--module DIR] [--out DIR]" >&2
}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-$repo/bench/.work}
host=pwsh scenario=tls13-ecdsa warmup=20 seconds=10 module="$work/module" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --module) module=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage; exit 64 ;;
  esac
done
case "$scenario" in
  tls13-ecdsa) client=(-new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256) ;;
  tls12-resumed) client=(-reuse -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256) ;;
  bulk) client=() ;;
  *) usage; exit 64 ;;
esac
# What the server serves: the -Www page to s_time, or bench/.work/www (run.sh writes bulk.bin there) to curl.
serve=(-Www) serve_bench=(--www)
[ "$scenario" = bulk ] && serve=(-WwwRoot "$work/www") serve_bench=(--www-root "$work/www")
load() { # seconds: s_time, or curl downloading bulk.bin over and over
  if [ "$scenario" = bulk ]; then
    local end=$((SECONDS + $1)) n=0
    while [ $SECONDS -lt $end ]; do
      curl -sSk --tlsv1.3 --tls13-ciphers TLS_AES_128_GCM_SHA256 -o /dev/null "https://127.0.0.1:$port/bulk.bin" && n=$((n + 1))
    done
    echo "$n downloads of bulk.bin in $1 s"
  else
    openssl s_time -connect "127.0.0.1:$port" -time "$1" "${client[@]}" 2>&1 | grep 'connections in' || true
  fi
}
out=${out:-$work/profile-$host-$scenario}
mkdir -p "$out"
certs="$work/certs"
# Names for JIT-compiled frames (and code mapped once, so perf finds them); nothing else the server does changes.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
log="$out/server.log"
fifo=$(mktemp -u "$work/stdin.XXXX"); mkfifo "$fifo"
sleep 100000 > "$fifo" &
feeder=$!
if [ "$host" = bench ]; then
  env DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_gcServer=0 DOTNET_gcConcurrent=0 DOTNET_GCgen0size=0x400000 \
    "$work/bin/TlsBench" server --cert "$certs/ecdsa.pem" --key "$certs/ecdsa.key" "${serve_bench[@]}" < "$fifo" > "$log" 2>&1 &
else
  (cd "$repo" && exec dotnet pwsh -NoProfile -NonInteractive -File "$here/PwshServer.ps1" -ModulePath "$module/TlsServer.psd1" \
    -CertificatePath "$certs/ecdsa.pem" -KeyPath "$certs/ecdsa.key" "${serve[@]}") < "$fifo" > "$log" 2>&1 &
fi
launcher=$!
for ((i = 0; i < 900; i++)); do grep -q '^PORT ' "$log" && break; sleep 0.1; done
rm -f "$fifo"
port=$(awk '/^PORT / { print $2; exit }' "$log")
pid=$launcher
if [ "$host" = pwsh ]; then
  for p in $(pgrep -f '/pwsh\.dll( |$)'); do
    q=$p
    while [ "$q" -gt 1 ]; do
      [ "$q" = "$launcher" ] && { pid=$p; break 2; }
      q=$(awk '{ sub(/^.*\) /, ""); print $2 }' "/proc/$q/stat")
    done
  done
fi
load "$warmup" > /dev/null
perf record -F 999 -g -o "$out/perf.data" -p "$pid" -- sleep "$seconds" 2> "$out/perf-record.txt" &
rec=$!
load "$((seconds - 1))" > "$out/client.txt"
wait "$rec" || true
ps -L -o tid,comm,time -p "$pid" > "$out/threads.txt" || true
if [ "$host" = bench ]; then kill -TERM "$pid"; fi
kill "$feeder" 2>/dev/null || true
for ((i = 0; i < 300; i++)); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
wait "$launcher" 2>/dev/null || true
wait "$feeder" 2>/dev/null || true
# head closes its pipe early: no pipefail from here on.
set +o pipefail
perf report -i "$out/perf.data" --no-children --sort dso -g none --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -25 > "$out/by-library.txt"
perf report -i "$out/perf.data" --no-children --sort symbol -g none --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -60 > "$out/top-symbols.txt"
perf report -i "$out/perf.data" --no-children --sort comm -g none --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -25 > "$out/by-thread.txt"
perf report -i "$out/perf.data" --children --sort symbol -g none --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -80 > "$out/inclusive.txt"
echo "profile of $host ($scenario) in $out: $(cat "$out/client.txt")"
