#!/usr/bin/env bash
# Turns bench/run.sh's raw.tsv into a Markdown summary: medians per scenario and server, the ratio of each of our
# hosts to openssl, and each target marked met or not. Our hosts are `pwsh` (the module in pwsh, where the targets
# count) and `bench` (TlsBench, tuned); `ours` in older raw files is the bench host.
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
# A transfer scenario'"'"'s table: MB/s and MB per server CPU second per server, then each host'"'"'s ratios; cpu gets the medians.
function transfer(scenario, title, ours, theirs, cpu,   k, srv, rate) {
  print ""
  print "| " title " | server | MB/s | MB per server CPU second |"
  print "|---|---|---:|---:|"
  for (k = 1; k <= nh + 1; k++) {
    srv = k <= nh ? hosts[k] : "openssl"
    cpu[srv] = median(values[scenario, srv, "mbcpu"]); rate[srv] = median(values[scenario, srv, "mbps"])
    printf "| %s | %s | %s | %s |\n", srv == "openssl" ? theirs : ours, label(srv), fmt(rate[srv], "%.0f"), fmt(cpu[srv], "%.0f")
  }
  for (k = 1; k <= nh; k++)
    printf "| | **ratio, %s** | %s | %s |\n", hosts[k], ratio(rate[hosts[k]], rate["openssl"]), ratio(cpu[hosts[k]], cpu["openssl"])
}
function label(h) { return h == "pwsh" ? "TlsServer in pwsh" : h == "pwsh-b" ? "TlsServer in pwsh, module B" : h == "bench" ? "TlsServer, bench host" : "openssl" }
NR == 1 { next }
{
  scenario = $1; server = $2 == "ours" ? "bench" : $2; n = $4 + 0; wall = $5 + 0; cpu = $6 + 0
  seen[scenario] = 1
  if (server != "openssl") host_seen[server] = 1
  if (scenario ~ /^(tls1|parallel)/) {
    if (n > 0 && wall > 0) add(scenario SUBSEP server SUBSEP "cps", n / wall)
    if (n > 0) add(scenario SUBSEP server SUBSEP "cpu", cpu * 1e6 / n)
    add(scenario SUBSEP server SUBSEP "n", n)
    add(scenario SUBSEP server SUBSEP "resumed", extra($7, "resumed") + 0)
  } else if (scenario == "cold") {
    if (n > 0) add("cold" SUBSEP server SUBSEP "cpu", cpu * 1e6 / n)
    if (n > 0 && wall > 0) add("cold" SUBSEP server SUBSEP "cps", n / wall)
    add("cold" SUBSEP server SUBSEP "swall", extra($7, "startup_wall_s"))
    add("cold" SUBSEP server SUBSEP "scpu", extra($7, "startup_cpu_s"))
  } else if (scenario ~ /^bulk/) {
    bytes = extra($7, "bytes")
    if (wall > 0) add(scenario SUBSEP server SUBSEP "mbps", bytes / 1e6 / wall)
    if (cpu > 0) add(scenario SUBSEP server SUBSEP "mbcpu", bytes / 1e6 / cpu)
  } else if (scenario == "memory-idle") {
    add(scenario SUBSEP server SUBSEP "rss", extra($7, "rss_kib") / 1024)
    if (extra($7, "base_rss_kib") != "") add(scenario SUBSEP server SUBSEP "module", (extra($7, "rss_kib") - extra($7, "base_rss_kib")) / 1024)
  } else if (scenario == "memory-held") {
    before = extra($7, "rss_before_kib"); after = extra($7, "rss_after_kib")
    held_n[server] = n; held_before[server] = before / 1024; held_after[server] = after / 1024
    if (n > 0) held_per[server] = (after - before) / n
  } else if (scenario == "load") {
    load_line[server] = $7; load_n[server] = n; load_cpu[server] = cpu
  }
}
END {
  nh = 0
  if ("pwsh" in host_seen) hosts[++nh] = "pwsh"
  if ("pwsh-b" in host_seen) hosts[++nh] = "pwsh-b"
  if ("bench" in host_seen) hosts[++nh] = "bench"
  target_host = nh > 0 ? hosts[1] : "pwsh"
  print "# TlsServer beside openssl s_server"
  print ""
  print "Medians over the rounds; ratio = TlsServer / openssl. CPU is the server process'"'"'s user+system time from"
  print "/proc/<pid>/stat over the run, divided by the connections the client made. TlsServer runs in pwsh (the module,"
  print "`Start-TlsServer` in a `pwsh -File` script: the process measured is the one running pwsh.dll) and/or in the"
  print "bench host (TlsBench, with tuned runtime settings). The targets count in " (target_host == "pwsh" ? "pwsh." : "the bench host (pwsh was not run).")
  print ""
  print "| scenario | server | conn/s | server CPU µs/conn | resumed/conns (last round) |"
  print "|---|---|---:|---:|---:|"
  split("tls13-ecdsa tls13-rsa tls12-ecdsa tls12-rsa tls12-resumed parallel", order, " ")
  for (i = 1; i <= 6; i++) {
    s = order[i]; if (!(s in seen)) continue
    for (k = 1; k <= nh + 1; k++) {
      srv = k <= nh ? hosts[k] : "openssl"
      cps[s, srv] = median(values[s, srv, "cps"]); cpuu[s, srv] = median(values[s, srv, "cpu"])
      nr = split(values[s, srv, "resumed"], rr, " "); split(values[s, srv, "n"], nn, " ")
      printf "| %s | %s | %s | %s | %s/%s |\n", s, label(srv), fmt(cps[s, srv], "%.0f"), fmt(cpuu[s, srv], "%.0f"), rr[nr], nn[nr]
    }
    for (k = 1; k <= nh; k++)
      printf "| %s | **ratio, %s** | %s | %s | |\n", s, hosts[k], ratio(cps[s, hosts[k]], cps[s, "openssl"]), ratio(cpuu[s, hosts[k]], cpuu[s, "openssl"])
  }
  if ("cold" in seen) {
    print ""
    print "| cold: a fresh process, start-up then its first handshakes (TLS 1.3 ECDSA, s_time) | server | start-up wall s | start-up CPU s | conn/s | server CPU µs/conn |"
    print "|---|---|---:|---:|---:|---:|"
    for (k = 1; k <= nh + 1; k++) {
      srv = k <= nh ? hosts[k] : "openssl"
      printf "| | %s | %s | %s | %s | %s |\n", label(srv), fmt(median(values["cold", srv, "swall"]), "%.2f"), fmt(median(values["cold", srv, "scpu"]), "%.2f"), fmt(median(values["cold", srv, "cps"]), "%.0f"), fmt(median(values["cold", srv, "cpu"]), "%.0f")
    }
  }
  if ("bulk-download" in seen)
    transfer("bulk-download", "bulk: curl downloads 64 MiB (4 times per round), TLS 1.3 AES-128-GCM", "-WwwRoot", "s_server -WWW", bulk)
  if ("bulk-reverse" in seen)
    transfer("bulk-reverse", "reverse: s_client sends 16 MiB of lines, each comes back reversed, TLS 1.3 AES-128-GCM", "-Reverse", "s_server -rev", rev)
  if ("memory-idle" in seen || "memory-held" in seen) {
    print ""
    printf "| memory |"; for (k = 1; k <= nh; k++) printf " %s |", label(hosts[k]); print " openssl |"
    printf "|---|"; for (k = 1; k <= nh; k++) printf "---:|"; print "---:|"
    printf "| RSS idle after start (MiB) |"
    for (k = 1; k <= nh; k++) { idle[hosts[k]] = median(values["memory-idle", hosts[k], "rss"]); printf " %s |", fmt(idle[hosts[k]], "%.1f") }
    printf " %s |\n", fmt(median(values["memory-idle", "openssl", "rss"]), "%.1f")
    if ("pwsh" in host_seen) {
      printf "| of which the module and its server (RSS over pwsh before Import-Module, MiB) |"
      module_idle = median(values["memory-idle", "pwsh", "module"])
      for (k = 1; k <= nh; k++) printf " %s |", hosts[k] == "pwsh" ? fmt(module_idle, "%.1f") : "–"
      print " – |"
    }
    if ("memory-held" in seen) {
      printf "| RSS per idle established TLS connection (KiB) |"
      for (k = 1; k <= nh; k++) printf " %s |", (hosts[k] in held_per) ? sprintf("%.1f (%d held; %.1f → %.1f MiB)", held_per[hosts[k]], held_n[hosts[k]], held_before[hosts[k]], held_after[hosts[k]]) : "n/a"
      print " (serves one at a time) |"
    }
  }
  if ("load" in seen) {
    for (k = 1; k <= nh; k++) {
      h = hosts[k]; if (!(h in load_line)) continue
      print ""
      print "| load: handshake + GET + close, " label(h) " -Www | figure |"
      print "|---|---|"
      m = split(load_line[h], parts, ";")
      for (i = 1; i <= m; i++) if (parts[i] != "") {
        split(parts[i], kv, "=")
        if (kv[1] ~ /^rss_(before|after)_kib$/) printf "| RSS %s the load (MiB) | %.1f |\n", kv[1] ~ /before/ ? "before" : "after", kv[2] / 1024
        else printf "| %s | %s |\n", kv[1], kv[2]
      }
      if (load_n[h] > 0) printf "| server CPU µs per cycle | %.0f |\n", load_cpu[h] * 1e6 / load_n[h]
    }
  }
  print ""
  print "## Targets (issues 9 and 19), in " label(target_host) (nh > 1 ? "; the bench host beside it" : "")
  print ""
  printf "| target |"; for (k = 1; k <= nh; k++) printf " %s |", hosts[k]; print " met (" target_host ") |"
  printf "|---|"; for (k = 1; k <= nh; k++) printf "---|"; print "---|"
  t("TLS1.3 ECDSA new, CPU/conn ≤ 1.0× openssl", "cpu", "tls13-ecdsa", "le", 1.0)
  t("TLS1.3 RSA-2048 new, CPU/conn ≤ 1.0× openssl", "cpu", "tls13-rsa", "le", 1.0)
  t("TLS1.2 resumed, CPU/conn ≤ 1.0× openssl", "cpu", "tls12-resumed", "le", 1.0)
  t("new handshakes, 2 clients, conn/s ≥ 1.5× openssl", "cps", "parallel", "ge", 1.5)
  t("bulk, MB per server CPU second ≥ 1.0× openssl", "bulk", "", "ge", 1.0)
  t("RSS idle ≤ 64 MiB (pwsh: the module and its server, over pwsh before Import-Module)", "idle", "", "le", 64)
  t("RSS per idle connection ≤ 32 KiB", "held", "", "le", 32)
}
function figure(kind, s, h) {
  if (kind == "cpu") return ratio(cpuu[s, h], cpuu[s, "openssl"])
  if (kind == "cps") return ratio(cps[s, h], cps[s, "openssl"])
  if (kind == "bulk") return ratio(bulk[h], bulk["openssl"])
  if (kind == "idle") return fmt(h == "pwsh" && module_idle != "" ? module_idle : idle[h], "%.1f")
  if (kind == "held") return (h in held_per) ? sprintf("%.1f", held_per[h]) : "n/a"
}
function t(name, kind, s, op, limit,   k, value, met) {
  printf "| %s |", name
  for (k = 1; k <= nh; k++) printf " %s |", figure(kind, s, hosts[k])
  value = figure(kind, s, target_host)
  met = (value == "n/a" || value == "") ? "not measured" : ((op == "le" ? value + 0 <= limit : value + 0 >= limit) ? "yes" : "no")
  printf " %s |\n", met
}
' "$raw"
