# nginx's bill: its CPU, its wake-ups and the rows of measurements.tsv. Sourced by nginx-lib.sh.
#
#   nginx_ticks [PID] / nginx_nanos [PID] / nginx_wakeups [PID]
#                                    nginx's CPU in clock ticks (/proc/PID/stat) or nanoseconds
#                                    (/proc/PID/schedstat), and its wake-ups, master and workers summed
#   spin on|off                      with SPINNER set, a nice-19 busy loop on core 0
#   window S / record S START ROUND NAME PEER ASKED CLIENT
#                                    with pid[S] and log[S] (nginx S's master and access log) and
#                                    $out: a window's start, and its row of $out/measurements.tsv;
#                                    the CPU in ticks, or in nanoseconds when nginx_cpu=nginx_nanos

# After nginx_start: nginx's master and workers, pinned to core 0, and their CPU (clock ticks) and wake-ups.
# Each takes the master's pid, by default the last started ($nginx_pid).
nginx_pids() { local m=${1:-$nginx_pid}; echo "$m"; pgrep -P "$m" || true; }
nginx_pin_core0() { local p; for p in $(nginx_pids "${1:-}"); do taskset -acp 0 "$p" >/dev/null; done; }
# nginx_ticks: utime + stime of /proc/PID/stat (fields 14 and 15; nginx's comm has no spaces), summed
nginx_ticks() { local p f s=0; for p in $(nginx_pids "${1:-}"); do read -ra f < "/proc/$p/stat"; s=$(( s + f[13] + f[14] )); done; echo "$s"; }
# nginx_nanos: the same CPU in nanoseconds, from /proc/PID/schedstat (its first field), a hundred
# thousand times finer than a tick: what a short or slow run needs
nginx_nanos() { local p f s=0; for p in $(nginx_pids "${1:-}"); do read -ra f < "/proc/$p/schedstat"; s=$(( s + f[0] )); done; echo "$s"; }
# spin on|off: with SPINNER set, a nice-19 busy loop on core 0, so nginx's vCPU never idles (on a PVM
# guest a wake-up from idle is a hypercall whose cost varies); off stops it. Sets spinner.
spinner=""
spin() {
  [ -n "${SPINNER:-}" ] || return 0
  if [ "$1" = on ] && [ -z "$spinner" ]; then
    nice -n 19 taskset -c 0 bash -c 'while :; do :; done' & spinner=$!
  elif [ "$1" = off ] && [ -n "$spinner" ]; then
    kill "$spinner" 2>/dev/null || true; wait "$spinner" 2>/dev/null || true; spinner=""
  fi
}
# nginx_wakeups: how often nginx's processes went to sleep and were woken (voluntary context switches)
nginx_wakeups() {
  local p k v s=0
  for p in $(nginx_pids "${1:-}"); do
    while read -r k v; do [ "$k" = voluntary_ctxt_switches: ] && s=$(( s + v )); done < "/proc/$p/status"
  done
  echo "$s"
}

lines_of() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
# window S: the start of a window on server S (its ticks and log lines; flush the log every second)
window() { echo "$("${nginx_cpu:-nginx_ticks}" "${pid[$1]}") $(lines_of "${log[$1]}")"; }
# record S START ROUND NAME PEER ASKED CLIENT: one row of the server's bill since START
record() {
  local t0 l0; read -r t0 l0 <<< "$2"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t-\t%s\n' "$3" "$4" "$5" "$6" "$(( $("${nginx_cpu:-nginx_ticks}" "${pid[$1]}") - t0 ))" \
    "$(( $(lines_of "${log[$1]}") - l0 ))" "$7" >> "$out/measurements.tsv"
}
