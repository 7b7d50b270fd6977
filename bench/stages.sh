#!/usr/bin/env bash
# Issue 19 item 5: allocations and CPU per stage of one resumed TLS 1.2 connection (accept, ticket/cache lookup, record
# setup, session record, events, ...), as bench/README.md's table shows them:
#   bench/stages.sh [--module DIR] [--bench DIR] [--out DIR] [--warmup S] [--seconds S]
# --module and --bench take a built module and a built TlsBench folder (another build's, for a before/after); by
# default both are built from this tree.
#   allocations: TlsBench stages (the engine in the bench's own process, openssl s_time -reuse -tls1_2 against it, an
#                EventPipe session on the process: allocation samples with their stacks), without and with a subscriber
#                to every event; the total per connection is exact, the split by stage is sampled (one sample about
#                every 100 KB)
#   CPU:         bench/profile.sh --host pwsh (the module in pwsh under the same client, perf at 999 Hz), each sample's
#                stack put in a stage by the same rules (bench/TlsBench/Stages.cs)
# Loopback only; each client bounded in time. Needs openssl, perf and the .NET SDK.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-$repo/bench/.work}
module="$work/module" bench="" out="$work/stages" warmup=15 seconds=15
while [ $# -gt 0 ]; do
  case "$1" in
    --module) module=$(cd "$2" && pwd); shift 2 ;;
    --bench) bench=$(cd "$2" && pwd); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) echo "usage: bench/stages.sh [--module DIR] [--bench DIR] [--out DIR] [--warmup S] [--seconds S]"; exit 0 ;;
    *) echo "usage: bench/stages.sh [--module DIR] [--bench DIR] [--out DIR] [--warmup S] [--seconds S]" >&2; exit 64 ;;
  esac
done
mkdir -p "$out" "$work/certs"
out=$(cd "$out" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
certs="$work/certs"
[ -s "$certs/ecdsa.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 365 \
  -keyout "$certs/ecdsa.key" -out "$certs/ecdsa.pem" -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
if [ -z "$bench" ]; then
  echo "building bench/TlsBench (Release)" >&2
  bench="$work/bin"
  dotnet build "$here/TlsBench/TlsBench.csproj" -c Release -o "$bench" -nologo -v q > "$out/build.log" 2>&1 \
    || { echo "stages: build failed, see $out/build.log" >&2; exit 1; }
fi
if [ "$module" = "$work/module" ]; then
  echo "building the module (Release)" >&2
  dotnet build "$repo/src/TlsServer.PowerShell/TlsServer.PowerShell.csproj" -c Release -p:ModuleOutDir="$module/" -nologo -v q >> "$out/build.log" 2>&1 \
    || { echo "stages: module build failed, see $out/build.log" >&2; exit 1; }
fi
(cd "$repo" && dotnet tool restore > /dev/null)

"$bench/TlsBench" stages --cert "$certs/ecdsa.pem" --key "$certs/ecdsa.key" --warmup "$warmup" --seconds "$seconds" --out "$out" > /dev/null
"$bench/TlsBench" stages --cert "$certs/ecdsa.pem" --key "$certs/ecdsa.key" --warmup "$warmup" --seconds "$seconds" --out "$out" --subscribe > /dev/null

"$here/profile.sh" --host pwsh --scenario tls12-resumed --module "$module" --warmup "$warmup" --seconds "$seconds" --out "$out/profile" > /dev/null
connections=$(awk '/connections in/ { print $1; exit }' "$out/profile/client.txt")
perf script -i "$out/profile/perf.data" -F comm,tid,ip,sym,dso 2> /dev/null > "$out/perf-script.txt"
"$bench/TlsBench" stages --perf-script "$out/perf-script.txt" --connections "$connections" > "$out/cpu.md"
rm -f "$out/perf-script.txt" "$out/allocations.nettrace"
cat "$out/allocations.md" "$out/allocations-subscribed.md" "$out/cpu.md"
