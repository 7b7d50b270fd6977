#!/usr/bin/env bash
# TlsServer beside openssl s_server: the same certificates, the same clients, on this machine, interleaved
# (ours, openssl, ours, openssl...) for several rounds. Prints medians and the ratio TlsServer/openssl per
# scenario, and keeps every raw figure. Loopback only; every client is bounded in count and time.
# See bench/README.md for what each figure means.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--host bench|pwsh|both|ab] [--rounds N] [--seconds S] [--only LIST] [--out DIR] [--skip-build]
  --host H       which host runs our server (default both, interleaved with openssl): bench is TlsBench, a
                 console host of our own with tuned runtime settings; pwsh is the module in pwsh (the repository's
                 pinned `dotnet pwsh`), Start-TlsServer in a `pwsh -File` script with pwsh's defaults
  --rounds N     interleaved rounds per scenario (default 5)
  --seconds S    length of one s_time run (default 6)
  --warmup S     the scenario's load on each server before its rounds (default 20)
  --only LIST    comma-separated scenarios: tls13-ecdsa,tls13-rsa,tls12-ecdsa,tls12-rsa,tls12-resumed,
                 parallel,bulk,reverse,memory,load,cold (default: all)
  --out DIR      where results go (default bench/results/<date>-<host>)
  --load-clients N / --load-seconds S   the load test (default 1000 clients for 60 s)
  --hold N       idle connections held for the memory figure (default 10000)
  --module DIR   the laid-out module the pwsh host imports, instead of building one (A/B of two builds)
  --host ab --module A --module-b B   two pwsh hosts, pwsh (module A) and pwsh-b (module B), side by side with
                 openssl in the same rounds: an A/B of two builds that a loaded machine disturbs alike
  --cold N       the cold scenario's handshake count (default 1000)
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=5 seconds=6 warmup=20 only="" out="" skip_build=0 load_clients=1000 load_seconds=60 hold=10000 host=both
module_dir="" module_b="" cold=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --module) module_dir=$(cd "$2" && pwd); shift 2 ;;
    --module-b) module_b=$(cd "$2" && pwd); shift 2 ;;
    --cold) cold=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --load-clients) load_clients=$2; shift 2 ;;
    --load-seconds) load_seconds=$2; shift 2 ;;
    --hold) hold=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

case "$host" in
  bench) hosts=(bench) ;;
  pwsh) hosts=(pwsh) ;;
  both) hosts=(bench pwsh) ;;
  ab) hosts=(pwsh pwsh-b); [ -n "$module_dir" ] && [ -n "$module_b" ] || { echo "bench: --host ab needs --module and --module-b" >&2; exit 64; } ;;
  *) usage >&2; exit 64 ;;
esac

for tool in openssl curl dotnet awk pgrep; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not on PATH" >&2; exit 1; }
done

work=${BENCH_WORK:-$repo/bench/.work}
out=${out:-$repo/bench/results/$(date -u +%Y%m%d-%H%M)-$(hostname -s)}
mkdir -p "$work/certs" "$work/www" "$out"
raw="$out/raw.tsv"
log="$out/log.txt"
: > "$log"
printf 'scenario\tserver\tround\tconnections\twall_s\tcpu_s\textra\n' > "$raw"
say() { echo "$*" | tee -a "$log" >&2; }
wants() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

# Enough descriptors for 10,000 held connections in each of the two processes.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((hold + 1000)) ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((hold + 200)) ] || {
  say "bench: ulimit -n is $(ulimit -n); the memory scenario needs $((hold + 200)); raise the hard limit or pass --hold"; exit 1; }

# ---- our hosts: the bench host (TlsBench, also the hold and load clients) and the module for pwsh ---------------------
bin="$work/bin"
module=${module_dir:-$work/module}
if [ "$skip_build" = 0 ] || [ ! -x "$bin/TlsBench" ]; then
  say "building bench/TlsBench (Release)"
  dotnet build "$here/TlsBench/TlsBench.csproj" -c Release -o "$bin" -p:ModuleOutDir="$module/" -nologo -v q >> "$log" 2>&1 \
    || { echo "bench: build failed, see $log" >&2; exit 1; }
fi
if [[ " ${hosts[*]} " == *" pwsh "* ]] && [ -z "$module_dir" ] && { [ "$skip_build" = 0 ] || [ ! -s "$module/TlsServer.psd1" ]; }; then
  say "building the module (Release) into $module"
  dotnet build "$repo/src/TlsServer.PowerShell/TlsServer.PowerShell.csproj" -c Release -p:ModuleOutDir="$module/" -nologo -v q >> "$log" 2>&1 \
    || { echo "bench: module build failed, see $log" >&2; exit 1; }
  (cd "$repo" && dotnet tool restore >> "$log" 2>&1) || { echo "bench: dotnet tool restore failed, see $log" >&2; exit 1; }
fi

# Runtime settings for the bench host only (a module cannot set them in the pwsh that imports it): no thread-pool
# spin-waiting, workstation non-concurrent GC, a small gen0 budget so RSS follows the live set.
bench_env=(DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_gcServer=0 DOTNET_gcConcurrent=0
  "DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x400000}")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- certificates: the same files for both servers ----------------------------------------------------------------
certs="$work/certs"
[ -s "$certs/ecdsa.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 365 \
  -keyout "$certs/ecdsa.key" -out "$certs/ecdsa.pem" -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>>"$log"
[ -s "$certs/rsa.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 365 \
  -keyout "$certs/rsa.key" -out "$certs/rsa.pem" -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>>"$log"
bulk_bytes=$((64 * 1024 * 1024))
[ -s "$work/www/bulk.bin" ] || head -c "$bulk_bytes" /dev/urandom > "$work/www/bulk.bin"
# The reverse scenario's input: 16 MiB of text lines of 1 to 200 bytes, then CLOSE.
reverse_input="$work/reverse.txt"
wants reverse && [ ! -s "$reverse_input" ] && { head -c $((12 * 1024 * 1024)) /dev/urandom | base64 -w 0 | fold -w 97 | awk '{ print substr($0, 1, 1 + (NR * 37) % 200) }' | head -c $((16 * 1024 * 1024)); printf '\nCLOSE\n'; } > "$reverse_input"

# ---- process helpers ----------------------------------------------------------------------------------------------
clk=$(getconf CLK_TCK)
cpu_s() { awk -v t="$clk" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / t }' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
now() { date +%s.%N; }
# server_pid is the process measured; launcher_pid the one started (for pwsh, the `dotnet pwsh` tool shim, whose
# child runs pwsh.dll and the server); feeder_pid keeps a server's standard input open until it is killed.
server_pid="" launcher_pid="" server_port="" server_log="" feeder_pid=""

wait_for_line() { # file pattern timeout_s
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

stdin_feeder() { # sets feeder_fifo: a fifo that stays open, and sends nothing, until feeder_pid is killed
  feeder_fifo=$(mktemp -u "$work/stdin.XXXX"); mkfifo "$feeder_fifo"
  sleep 100000 > "$feeder_fifo" &
  feeder_pid=$!
}

descendant_running() { # ancestor_pid regex: prints the pid of a descendant whose command line matches
  local pid p
  for pid in $(pgrep -f "$2" || true); do
    p=$pid
    while [ -n "$p" ] && [ "$p" -gt 1 ]; do
      [ "$p" = "$1" ] && { echo "$pid"; return 0; }
      p=$(awk '{ sub(/^.*\) /, ""); print $2 }' "/proc/$p/stat" 2>/dev/null || true)
    done
  done
}

start_ours() { # bench|pwsh key [--www | --www-root DIR | --reverse] [--connection-limit N]
  local host=$1 key=$2; shift 2
  server_log=$(mktemp "$work/$host.XXXX")
  if [ "$host" = bench ]; then
    env "${bench_env[@]}" "$bin/TlsBench" server --cert "$certs/$key.pem" --key "$certs/$key.key" "$@" > "$server_log" 2>&1 &
    server_pid=$! launcher_pid=$!
  else
    local args=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --www) args+=(-Www); shift ;;
        --www-root) args+=(-WwwRoot "$2"); shift 2 ;;
        --reverse) args+=(-Reverse); shift ;;
        --connection-limit) args+=(-ConnectionLimit "$2"); shift 2 ;;
        *) say "bench: no pwsh form for $1"; exit 1 ;;
      esac
    done
    stdin_feeder
    # Started as a user starts it: the pinned tool through the dotnet shim, from the repository.
    local imported=$module
    [ "$host" = pwsh-b ] && imported=$module_b
    (cd "$repo" && exec dotnet pwsh -NoProfile -NonInteractive -File "$here/PwshServer.ps1" -ModulePath "$imported/TlsServer.psd1" \
      -CertificatePath "$certs/$key.pem" -KeyPath "$certs/$key.key" "${args[@]}") < "$feeder_fifo" > "$server_log" 2>&1 &
    launcher_pid=$!
  fi
  wait_for_line "$server_log" '^PORT ' 90 || { say "our server ($host) did not start:"; cat "$server_log" >&2; exit 1; }
  server_port=$(awk '/^PORT / { print $2; exit }' "$server_log")
  [ "$host" != bench ] && rm -f "$feeder_fifo"
  if [ "$host" != bench ]; then
    # `dotnet pwsh` starts the tool's shim (Microsoft.PowerShell.GlobalTool.Shim.dll), which starts pwsh.dll in a
    # process of its own: that descendant is the server measured.
    server_pid=$(descendant_running "$launcher_pid" '/pwsh\.dll( |$)')
    [ -n "$server_pid" ] || { say "bench: no process under the dotnet shim $launcher_pid runs pwsh.dll"; ps -ef --forest >&2; exit 1; }
  fi
}

start_openssl() { # key [s_server args...]
  local key=$1; shift
  server_log=$(mktemp "$work/openssl.XXXX")
  # s_server's default mode reads stdin: give it one that never ends, nor sends anything.
  local fifo
  stdin_feeder; fifo=$feeder_fifo
  if [[ " $* " == *" -quiet "* ]]; then
    # -quiet prints nothing, not even the port: give it one and wait until it listens.
    server_port=$((20000 + RANDOM % 20000))
    openssl s_server -accept "127.0.0.1:$server_port" -cert "$certs/$key.pem" -key "$certs/$key.key" "$@" \
      < "$fifo" > /dev/null 2> "$server_log" &
    server_pid=$! launcher_pid=$!
    local i
    for ((i = 0; i < 300; i++)); do
      ss -ltn "sport = :$server_port" | grep -q LISTEN && return 0
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    say "openssl s_server -quiet did not start on port $server_port:"; cat "$server_log" >&2; exit 1
  fi
  openssl s_server -accept 127.0.0.1:0 -cert "$certs/$key.pem" -key "$certs/$key.key" "$@" \
    < "$fifo" > "$server_log" 2>&1 &
  server_pid=$! launcher_pid=$!
  wait_for_line "$server_log" '^ACCEPT ' 30 || { say "openssl s_server did not start:"; cat "$server_log" >&2; exit 1; }
  server_port=$(awk -F: '/^ACCEPT / { print $NF; exit }' "$server_log")
}

start_server() { # bench|pwsh|openssl key mode(www|plain|files|reverse)
  case "$1:$3" in
    openssl:www) start_openssl "$2" -www ;;
    openssl:reverse) start_openssl "$2" -rev ;;
    *:reverse) start_ours "$1" "$2" --reverse ;;
    openssl:files) pushd "$work/www" >/dev/null; start_openssl "$2" -WWW; popd >/dev/null ;;
    openssl:plain) start_openssl "$2" -quiet ;;
    *:www) start_ours "$1" "$2" --www ;;
    *:plain) start_ours "$1" "$2" ;;
    *:files) start_ours "$1" "$2" --www-root "$work/www" ;;
  esac
}

wait_gone() { # pid timeout_s: true once the process has ended
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

stop_server() {
  # The pwsh host stops when its standard input ends (it prints its statistics first); the others on SIGTERM.
  if [ -n "$launcher_pid" ] && [ "$launcher_pid" != "$server_pid" ]; then
    kill "$feeder_pid" 2>/dev/null || true
    wait_gone "$server_pid" 30 || kill -TERM "$server_pid" 2>/dev/null || true
  elif [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$launcher_pid" ]; then
    wait_gone "$launcher_pid" 30 || kill -KILL "$launcher_pid" 2>/dev/null || true
    wait "$launcher_pid" 2>/dev/null || true
  fi
  if [ -n "$feeder_pid" ]; then
    kill "$feeder_pid" 2>/dev/null || true
    wait "$feeder_pid" 2>/dev/null || true
  fi
  [ -n "$server_log" ] && { cat "$server_log" >> "$log"; rm -f "$server_log"; }
  server_pid="" launcher_pid="" feeder_pid="" server_log=""
}

record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$raw"; }

# ---- s_time scenarios ---------------------------------------------------------------------------------------------
# s_time prints one character per connection: 'r' when the session was resumed.
stime() { # args... ; prints "connections resumed"
  local o
  o=$(openssl s_time -connect "127.0.0.1:$server_port" -time "$seconds" "$@" 2>&1) || true
  echo "$o" >> "$log"
  local n r
  n=$(echo "$o" | awk '/connections in [0-9.]+s;/ { n = $1 } END { print n + 0 }')
  r=$(echo "$o" | grep -v 'connections\|Collecting\|starting\|Now timing' | tr -cd 'r' | wc -c)
  echo "$n $r"
}

declare -A pid_of launcher_of port_of log_of feeder_of
keep_server() { # name: remember the running server under a name, so several can run at once
  pid_of[$1]=$server_pid launcher_of[$1]=$launcher_pid port_of[$1]=$server_port log_of[$1]=$server_log feeder_of[$1]=$feeder_pid
  server_pid="" launcher_pid="" server_port="" server_log="" feeder_pid=""
}
use_server() {
  server_pid=${pid_of[$1]} launcher_pid=${launcher_of[$1]} server_port=${port_of[$1]} server_log=${log_of[$1]}
  feeder_pid=${feeder_of[$1]}
}
cleanup() {
  stop_server
  local name
  for name in "${!pid_of[@]}"; do use_server "$name"; stop_server; unset "pid_of[$name]"; done
}
trap cleanup EXIT

# The servers (our hosts and openssl) run side by side for the whole scenario, each warmed up first (our JIT tiers up under load; a
# cold .NET process is measured by nobody), then the rounds alternate between them: bench, pwsh, openssl, bench, ...
run_stime() { # scenario key clients s_time-args...
  local scenario=$1 key=$2 clients=$3; shift 3
  local round server
  for server in "${hosts[@]}" openssl; do
    start_server "$server" "$key" www
    openssl s_time -connect "127.0.0.1:$server_port" -time "$warmup" "$@" >/dev/null 2>&1 || true
    keep_server "$server"
  done
  for ((round = 1; round <= rounds; round++)); do
    for server in "${hosts[@]}" openssl; do
      use_server "$server"
      local c0 t0 t1 c1 n=0 r=0 i
      c0=$(cpu_s "$server_pid"); t0=$(now)
      if [ "$clients" = 1 ]; then
        read -r n r < <(stime "$@")
      else
        local files=() pids=()
        for ((i = 0; i < clients; i++)); do
          files+=("$(mktemp "$work/stime.XXXX")")
          stime "$@" > "${files[$i]}" &
          pids+=($!)
        done
        wait "${pids[@]}" 2>/dev/null || true
        for f in "${files[@]}"; do read -r a b < "$f"; n=$((n + a)); r=$((r + b)); rm -f "$f"; done
      fi
      t1=$(now); c1=$(cpu_s "$server_pid")
      record "$scenario" "$server" "$round" "$n" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" \
        "$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.3f", b - a }')" "resumed=$r"
      say "$scenario $server round $round: $n connections, resumed $r"
    done
  done
  for server in "${hosts[@]}" openssl; do use_server "$server"; stop_server; unset "pid_of[$server]"; done
}

wants tls13-ecdsa && run_stime tls13-ecdsa ecdsa 1 -new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
wants tls13-rsa && run_stime tls13-rsa rsa 1 -new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
wants tls12-ecdsa && run_stime tls12-ecdsa ecdsa 1 -new -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
wants tls12-rsa && run_stime tls12-rsa rsa 1 -new -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
wants tls12-resumed && run_stime tls12-resumed ecdsa 1 -reuse -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
wants parallel && run_stime parallel ecdsa 2 -new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256

# ---- cold: a fresh process, from its start to its first --cold handshakes (issue 19: ReadyToRun, the JIT's warm-up) --
# Start-up is launch to "PORT" (for pwsh: pwsh's own start, Import-Module and Start-TlsServer) in wall and CPU time;
# then s_time runs 1 s at a time until the server has made --cold connections; CPU per connection over those.
if wants cold; then
  for ((round = 1; round <= rounds; round++)); do
    for server in "${hosts[@]}" openssl; do
      t0=$(now)
      start_server "$server" ecdsa www
      t1=$(now); c1=$(cpu_s "$server_pid")
      # The pwsh host's CPU includes the shim's, which only waits: count the measured process alone.
      n=0
      while [ "$n" -lt "$cold" ]; do
        o=$(openssl s_time -connect "127.0.0.1:$server_port" -time 1 -new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 2>&1) || true
        n=$((n + $(echo "$o" | awk '/connections in [0-9.]+s;/ { n = $1 } END { print n + 0 }')))
      done
      t2=$(now); c2=$(cpu_s "$server_pid")
      record cold "$server" "$round" "$n" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f", b - a }')" \
        "$(awk -v a="$c1" -v b="$c2" 'BEGIN { printf "%.3f", b - a }')" \
        "startup_wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }');startup_cpu_s=$c1"
      say "cold $server round $round: started in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s, $n connections"
      stop_server
    done
  done
fi

# ---- bulk and reverse: the record layer with large transfers -----------------------------------------------------
# As for the handshakes, each server starts once and takes --warmup seconds of the same load first (our JIT compiles
# the record path at full optimisation only after a while), then the rounds alternate between the servers.
run_transfer() { # scenario mode bytes load-function
  local scenario=$1 mode=$2 bytes=$3 load=$4 round server end
  for server in "${hosts[@]}" openssl; do
    start_server "$server" ecdsa "$mode"
    end=$((SECONDS + warmup))
    while [ $SECONDS -lt $end ]; do "$load" "$server_port" 2>>"$log" || { say "$scenario warm-up on $server failed"; break; }; done
    keep_server "$server"
  done
  for ((round = 1; round <= rounds; round++)); do
    for server in "${hosts[@]}" openssl; do
      use_server "$server"
      local c0 t0 t1 c1
      c0=$(cpu_s "$server_pid"); t0=$(now)
      "$load" "$server_port" 2>>"$log" || say "$scenario on $server failed"
      t1=$(now); c1=$(cpu_s "$server_pid")
      record "$scenario" "$server" "$round" 1 "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" \
        "$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.3f", b - a }')" "bytes=$bytes"
      say "$scenario $server round $round done"
    done
  done
  for server in "${hosts[@]}" openssl; do use_server "$server"; stop_server; unset "pid_of[$server]"; done
}

# bulk: curl downloads the same 64 MiB file four times per round (one is a few ticks of /proc's 10 ms clock) from
# -WwwRoot and from s_server -WWW, serving bench/.work/www. TLS 1.3 AES-128-GCM.
bulk_downloads=4
bulk_load() { # port; fails when a download does
  local i
  for ((i = 0; i < bulk_downloads; i++)); do
    curl -sSk --fail --tlsv1.3 --tls13-ciphers TLS_AES_128_GCM_SHA256 -o /dev/null "https://127.0.0.1:$1/bulk.bin" || return 1
  done
}
wants bulk && run_transfer bulk-download files $((bulk_bytes * bulk_downloads)) bulk_load

# reverse: s_client sends bench/.work/reverse.txt (text lines, then CLOSE) to -Reverse and to s_server -rev, and every
# line comes back reversed: the server opens as many records as it seals. TLS 1.3 AES-128-GCM.
reverse_load() { # port; fails unless every line came back
  local got
  got=$(openssl s_client -connect "127.0.0.1:$1" -quiet -ign_eof -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
    < "$reverse_input" 2>>"$log" | wc -c)
  [ "$got" -ge $(($(wc -c < "$reverse_input") - 7)) ] || { say "reverse: $got bytes came back"; return 1; }
}
wants reverse && run_transfer bulk-reverse reverse "$(wc -c < "$reverse_input")" reverse_load

# ---- memory: idle RSS, and RSS per idle established connection ----------------------------------------------------
# The pwsh host's idle RSS includes pwsh itself: its log gives pwsh's RSS before the module was imported (base_rss_kib).
base_rss() { awk '/^BASE_RSS_KIB / { print $2; exit }' "$server_log"; }
if wants memory; then
  for ((round = 1; round <= rounds; round++)); do
    for server in "${hosts[@]}" openssl; do
      start_server "$server" ecdsa plain
      sleep 2
      record memory-idle "$server" "$round" 0 0 0 "rss_kib=$(rss_kib "$server_pid") base_rss_kib=$(base_rss)"
      stop_server
    done
  done
  # s_server serves one connection at a time, so only our server can hold many.
  for server in "${hosts[@]}"; do
    start_ours "$server" ecdsa --connection-limit $((hold + 100))
    sleep 2
    rss0=$(rss_kib "$server_pid")
    fifo="$work/hold.fifo"; rm -f "$fifo"; mkfifo "$fifo"
    holdout=$(mktemp "$work/hold.XXXX")
    "$bin/TlsBench" hold --port "$server_port" --count "$hold" --seconds 300 < "$fifo" > "$holdout" 2>&1 &
    hold_pid=$!
    exec 7> "$fifo" # keeps the client's stdin open until we close it
    wait_for_line "$holdout" '^HELD ' 300 || say "hold client did not report"
    sleep 5
    rss1=$(rss_kib "$server_pid")
    held=$(awk '/^HELD / { print $2 }' "$holdout")
    cat "$holdout" >> "$log"
    record memory-held "$server" 1 "${held:-0}" 0 0 "rss_before_kib=$rss0 rss_after_kib=$rss1"
    say "memory ($server): $held connections held, RSS $rss0 -> $rss1 KiB"
    exec 7>&-
    wait "$hold_pid" 2>/dev/null || true
    rm -f "$fifo" "$holdout"
    stop_server
  done
fi

# ---- load (issue 10): 1,000 concurrent clients, handshake + GET + close, for 60 s, against -Www -------------------
if wants load; then
  for server in "${hosts[@]}"; do
    start_ours "$server" ecdsa --www --connection-limit $((load_clients + 1000))
    sleep 2
    rss0=$(rss_kib "$server_pid"); c0=$(cpu_s "$server_pid"); t0=$(now)
    o=$("$bin/TlsBench" load --port "$server_port" --clients "$load_clients" --seconds "$load_seconds" 2>&1) || true
    t1=$(now); c1=$(cpu_s "$server_pid"); rss1=$(rss_kib "$server_pid")
    srvlog=$server_log server_log=""
    stop_server # prints the server's STATS into its log first
    stats=$(grep -E '^(STATS|FAILED)' "$srvlog" || true)
    cat "$srvlog" >> "$log"; rm -f "$srvlog"
    echo "$o" >> "$log"
    n=$(echo "$o" | awk '/^LOAD/ { for (i = 1; i <= NF; i++) if ($i ~ /^completed=/) { split($i, a, "="); print a[2] } }')
    record load "$server" 1 "${n:-0}" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" \
      "$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.3f", b - a }')" \
      "$(echo "$o" | awk '/^LOAD/ { $1 = ""; print }' | tr ' ' ';');rss_before_kib=$rss0;rss_after_kib=$rss1;$(echo "$stats" | head -1 | cut -d' ' -f2- | tr ' ' ';')"
    say "load ($server): $(echo "$o" | head -3)"
    say "load server ($server): $stats"
  done
fi

# ---- the report -----------------------------------------------------------------------------------------------------
"$here/report.sh" "$raw" > "$out/summary.md"
{
  echo
  echo "## Machine and versions"
  echo '```'
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "kernel: $(uname -srm)"
  echo "cpu: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) x $(nproc)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "openssl: $(openssl version)"
  echo "curl: $(curl --version | head -1)"
  echo "dotnet: $(dotnet --version) (runtime $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }'))"
  echo "BouncyCastle.Cryptography: $(sed -n 's/.*BouncyCastle.Cryptography" Version="\([^"]*\)".*/\1/p' "$repo/src/TlsServer.Engine/TlsServer.Engine.csproj")"
  echo "TlsServer commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "pwsh: $(cd "$repo" && dotnet pwsh -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || echo unknown)"
  [ -n "$module_b" ] && echo "pwsh: module $module; pwsh-b: module $module_b"
  echo "hosts: ${hosts[*]}; bench host settings: ${bench_env[*]}; pwsh host: runtime defaults"
  echo "settings: rounds=$rounds seconds=$seconds warmup=$warmup"
  echo '```'
} >> "$out/summary.md"
cat "$out/summary.md"
say "results in $out"
