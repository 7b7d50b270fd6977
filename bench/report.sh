#!/usr/bin/env bash
# Turns bench/run.sh's raw.tsv into a Markdown summary: medians per scenario and server, the ratio
# TlsServer/openssl, and each target of issue 9 marked met or not.
set -euo pipefail
raw=${1:?usage: report.sh raw.tsv}

awk -F'\t' '
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return ""
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function add(key, value) { values[key] = values[key] (values[key] == "" ? "" : " ") value }
function extra(text, name,   parts, i, kv, count) {
  count = split(text, parts, /[; ]/)
  for (i = 1; i <= count; i++) { split(parts[i], kv, "="); if (kv[1] == name) return kv[2] }
  return ""
}
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "n/a" : sprintf("%.2f", a / b) }
function fmt(v, f) { return v == "" ? "n/a" : sprintf(f, v) }
NR == 1 { next }
{
  scenario = $1; server = $2; n = $4 + 0; wall = $5 + 0; cpu = $6 + 0
  seen[scenario] = 1
  if (scenario ~ /^(tls1|parallel)/) {
    if (n > 0 && wall > 0) add(scenario SUBSEP server SUBSEP "cps", n / wall)
    if (n > 0) add(scenario SUBSEP server SUBSEP "cpu", cpu * 1e6 / n)
    add(scenario SUBSEP server SUBSEP "n", n)
    add(scenario SUBSEP server SUBSEP "resumed", extra($7, "resumed") + 0)
  } else if (scenario ~ /^bulk/) {
    bytes = extra($7, "bytes")
    if (wall > 0) add(scenario SUBSEP server SUBSEP "mbps", bytes / 1e6 / wall)
    if (cpu > 0) add(scenario SUBSEP server SUBSEP "mbcpu", bytes / 1e6 / cpu)
  } else if (scenario == "memory-idle") {
    add(scenario SUBSEP server SUBSEP "rss", extra($7, "rss_kib") / 1024)
  } else if (scenario == "memory-held") {
    before = extra($7, "rss_before_kib"); after = extra($7, "rss_after_kib")
    held_n = n; held_before = before / 1024; held_after = after / 1024
    if (n > 0) held_per = (after - before) / n
  } else if (scenario == "load") {
    load_line = $7; load_n = n; load_wall = wall; load_cpu = cpu
  }
}
END {
  print "# TlsServer beside openssl s_server"
  print ""
  print "Medians over the rounds; ratio = TlsServer / openssl. CPU is the server process'"'"'s user+system time from"
  print "/proc/<pid>/stat over the run, divided by the connections the client made."
  print ""
  print "| scenario | server | conn/s | server CPU µs/conn | resumed/conns (last round) |"
  print "|---|---|---:|---:|---:|"
  split("tls13-ecdsa tls13-rsa tls12-ecdsa tls12-rsa tls12-resumed parallel", order, " ")
  for (i = 1; i <= 6; i++) {
    s = order[i]; if (!(s in seen)) continue
    for (k = 1; k <= 2; k++) {
      srv = k == 1 ? "ours" : "openssl"
      cps[s, srv] = median(values[s, srv, "cps"]); cpuu[s, srv] = median(values[s, srv, "cpu"])
      nr = split(values[s, srv, "resumed"], rr, " "); split(values[s, srv, "n"], nn, " ")
      printf "| %s | %s | %s | %s | %s/%s |\n", s, srv == "ours" ? "TlsServer" : "openssl", fmt(cps[s, srv], "%.0f"), fmt(cpuu[s, srv], "%.0f"), rr[nr], nn[nr]
    }
    printf "| %s | **ratio** | %s | %s | |\n", s, ratio(cps[s, "ours"], cps[s, "openssl"]), ratio(cpuu[s, "ours"], cpuu[s, "openssl"])
  }
  if ("bulk-download" in seen) {
    print ""
    print "| bulk: curl downloads 64 MiB, TLS 1.3 AES-128-GCM | server | MB/s | MB per server CPU second |"
    print "|---|---|---:|---:|"
    for (k = 1; k <= 2; k++) {
      srv = k == 1 ? "ours" : "openssl"
      bulk[srv] = median(values["bulk-download", srv, "mbcpu"])
      printf "| %s | %s | %s | %s |\n", srv == "ours" ? "-WwwRoot" : "s_server -WWW", srv == "ours" ? "TlsServer" : "openssl", fmt(median(values["bulk-download", srv, "mbps"]), "%.0f"), fmt(bulk[srv], "%.0f")
    }
    printf "| | **ratio** | %s | %s |\n", ratio(median(values["bulk-download", "ours", "mbps"]), median(values["bulk-download", "openssl", "mbps"])), ratio(bulk["ours"], bulk["openssl"])
  }
  if ("memory-idle" in seen || "memory-held" in seen) {
    print ""
    print "| memory | TlsServer | openssl |"
    print "|---|---:|---:|"
    printf "| RSS idle after start (MiB) | %s | %s |\n", fmt(median(values["memory-idle", "ours", "rss"]), "%.1f"), fmt(median(values["memory-idle", "openssl", "rss"]), "%.1f")
    if ("memory-held" in seen)
      printf "| RSS per idle established TLS connection (KiB), %d held; RSS %.1f → %.1f MiB | %s | (serves one at a time) |\n", held_n, held_before, held_after, fmt(held_per, "%.1f")
  }
  if ("load" in seen) {
    print ""
    print "| load: handshake + GET + close, TlsServer -Www | figure |"
    print "|---|---|"
    m = split(load_line, parts, ";")
    for (i = 1; i <= m; i++) if (parts[i] != "") {
      split(parts[i], kv, "=")
      if (kv[1] ~ /^rss_(before|after)_kib$/) printf "| RSS %s the load (MiB) | %.1f |\n", kv[1] ~ /before/ ? "before" : "after", kv[2] / 1024
      else printf "| %s | %s |\n", kv[1], kv[2]
    }
    if (load_n > 0) printf "| server CPU µs per cycle | %.0f |\n", load_cpu * 1e6 / load_n
  }
  print ""
  print "## Targets (issue 9)"
  print ""
  print "| target | figure | met |"
  print "|---|---|---|"
  t("TLS1.3 ECDSA new, CPU/conn ≤ 1.0× openssl", ratio(cpuu["tls13-ecdsa", "ours"], cpuu["tls13-ecdsa", "openssl"]), "le", 1.0)
  t("TLS1.3 RSA-2048 new, CPU/conn ≤ 1.0× openssl", ratio(cpuu["tls13-rsa", "ours"], cpuu["tls13-rsa", "openssl"]), "le", 1.0)
  t("TLS1.2 resumed, CPU/conn ≤ 1.0× openssl", ratio(cpuu["tls12-resumed", "ours"], cpuu["tls12-resumed", "openssl"]), "le", 1.0)
  t("new handshakes, 2 clients, conn/s ≥ 1.5× openssl", ratio(cps["parallel", "ours"], cps["parallel", "openssl"]), "ge", 1.5)
  t("bulk, MB per server CPU second ≥ 1.0× openssl", ratio(bulk["ours"], bulk["openssl"]), "ge", 1.0)
  t("RSS idle ≤ 64 MiB", fmt(median(values["memory-idle", "ours", "rss"]), "%.1f"), "le", 64)
  t("RSS per idle connection ≤ 32 KiB", fmt(held_per, "%.1f"), "le", 32)
}
function t(name, value, op, limit) {
  met = value == "n/a" ? "not measured" : ((op == "le" ? value + 0 <= limit : value + 0 >= limit) ? "yes" : "no")
  printf "| %s | %s | %s |\n", name, value, met
}
' "$raw"
