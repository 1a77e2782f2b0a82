#!/usr/bin/env bash
# A throw-away one-node Slurm cluster (Debian 12's Slurm 22.05 and MUNGE 0.5) for tests and CI, run as root.
#
#   one-node-slurm.sh start DIR   DIR must be absent or empty, and every folder above it passable by all (o+x).
#                                 Writes DIR/slurm.conf, starts a private munged, slurmctld and slurmd, waits until the
#                                 node is idle, then prints `export SLURM_CONF=DIR/slurm.conf`: the one variable a
#                                 caller needs (eval the output or set it yourself).
#   one-node-slurm.sh stop DIR    Cancels the cluster's jobs, stops the daemons that start recorded in DIR/*.pid and
#                                 waits for them to exit. Leaves DIR and everything else as it is.
#
# Everything lives under DIR, munge key and socket included (AuthInfo=socket=...), and the two TCP ports are the first
# free pair from 6817 up, so the cluster neither needs nor disturbs a system munged or Slurm. The script installs
# nothing: `apt-get install -y slurm-wlm munge` provides what it runs. See README.md beside it.
set -euo pipefail
shopt -s extglob
# Folders that start creates, above DIR included, must be searchable by all for munged.
umask 022

readonly start_timeout_s=60
readonly stop_timeout_s=30
readonly log_lines=20
# Daemons live in /usr/sbin, which a test runner's PATH may lack.
PATH="$PATH:/usr/sbin:/sbin"

fail() {
  echo "one-node-slurm.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: one-node-slurm.sh start|stop DIR" >&2
  exit 2
}

require_binaries() {
  local pair
  for pair in munged:munge mungekey:munge munge:munge slurmctld:slurmctld slurmd:slurmd sinfo:slurm-client \
    scontrol:slurm-client squeue:slurm-client scancel:slurm-client; do
    command -v "${pair%%:*}" >/dev/null ||
      fail "${pair%%:*} not found on PATH: install Debian package ${pair#*:} (apt-get install -y slurm-wlm munge)"
  done
}

# Ports are checked, not reserved: a port taken between this check and the bind shows as a daemon failing to start.
port_listened() {
  local hex
  hex=$(printf '%04X' "$1")
  # Column 2 is address:port in hex, column 4 the state; 0A is LISTEN.
  awk -v port="$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 3) == port { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

free_port_pair() {
  local port
  for ((port = 6817; port < 7817; port += 2)); do
    if ! port_listened "$port" && ! port_listened $((port + 1)); then
      echo "$port"
      return
    fi
  done
  fail "no free pair of TCP ports between 6817 and 7817 for slurmctld and slurmd"
}

write_conf() { # write_conf DIR HOST CTLD_PORT NODE_LINE
  local dir=$1 host=$2 port=$3 node=$4
  cat >"$dir/slurm.conf.tmp" <<EOF
# Written by one-node-slurm.sh for a throw-away test cluster; see tests/AdaMomentumSharp.Cli.Tests/Sweeps/Slurm/README.md.
ClusterName=onenode
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# Without a mail program slurmctld logs an error at every start.
MailProg=/bin/true
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$dir/slurm.conf.tmp" "$dir/slurm.conf"
}

# launch NAME DIR COMMAND...: runs a daemon in the foreground of its own session, output to DIR/log/NAME.out, and
# records its pid in DIR/NAME.pid at once, so that stop can end it even if start fails later. Its standard streams
# must not be the caller's: a test that reads this script's output to the end would otherwise wait for the daemon.
launch() {
  local name=$1 dir=$2
  shift 2
  setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/$name.pid"
}

daemon_log() { # daemon_log NAME DIR: the file holding the daemon's last words (fatal errors go to stderr only)
  local out=$2/log/$1.out log=$2/log/$1.log
  if [[ -s $out ]]; then echo "$out"; elif [[ -s $log ]]; then echo "$log"; else echo "$out"; fi
}

# start_failed DIR MESSAGE NAME...: names the cause with the last lines of the named daemons' logs, read before stop
# adds its own lines, then stops what start launched.
start_failed() {
  local dir=$1 report="one-node-slurm.sh: $2" name log
  shift 2
  for name; do
    log=$(daemon_log "$name" "$dir")
    report+=$'\n'"last lines of $log:"$'\n'"$(tail -n "$log_lines" "$log" 2>/dev/null | sed 's/^/  /')"
  done
  stop_daemons "$dir" >/dev/null 2>&1 || true
  echo "$report" >&2
  exit 1
}

alive() { # alive NAME DIR: whether the daemon recorded in DIR/NAME.pid still runs as that daemon of this DIR
  local pid
  pid=$(cat "$2/$1.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  # A recycled pid must not be taken for the daemon: its command line names the daemon and DIR. Just after launch it
  # may still be setsid, not yet replaced by the daemon (seen on a loaded machine): that is a daemon starting.
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2/" &&
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == @("$1"|setsid) ]]
}

wait_for() { # wait_for SECONDS COMMAND...: polls every 0.2 s; fails when the time is up
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

node_idle() { # node_idle HOST DIR: whether slurmctld reports the node idle; also fails when a daemon died
  local name state
  for name in munged slurmctld slurmd; do
    alive "$name" "$2" || start_failed "$2" "$name exited ($(exit_status "$name" "$2")) while the node came up" "$name"
  done
  state=$(SLURM_CONF=$2/slurm.conf sinfo -h -n "$1" -o %T 2>/dev/null) || return 1
  [[ $state == idle ]]
}

exit_status() { # exit_status NAME DIR: how the daemon recorded in DIR/NAME.pid, a child of this shell, ended
  local code=0
  wait "$(cat "$2/$1.pid")" 2>/dev/null || code=$?
  if ((code > 128)); then echo "signal $((code - 128))"; else echo "status $code"; fi
}

munge_ready() { # munge_ready DIR: whether munged answers on its socket; fails start when munged died
  alive munged "$1" || start_failed "$1" "munged exited ($(exit_status munged "$1")) before it answered" munged
  munge -n -S "$1/munge/munge.socket" </dev/null >/dev/null 2>&1
}

# munged refuses a socket below a folder that not all users may pass through (it would be unusable to them).
check_searchable() { # check_searchable DIR: fails when an existing folder above DIR lacks execute permission for others
  local path=$1 mode
  while [[ $path != / ]]; do
    path=$(dirname "$path")
    [[ -d $path ]] || continue
    mode=$(stat -c %A "$path")
    [[ ${mode:9:1} == [xt] ]] ||
      fail "DIR $1 lies below $path (mode $mode), which others cannot pass: munged needs o+x on every folder above it"
  done
}

start() {
  local dir host node port
  require_binaries
  ((EUID == 0)) || fail "start must run as root (SlurmUser=root), not as uid $EUID"
  dir=$(realpath -m -- "$1")
  [[ ! -e $dir || -d $dir ]] || fail "DIR $dir is not a folder: start needs an absent or empty folder"
  [[ ! -d $dir || -z $(ls -A "$dir") ]] || fail "DIR $dir is not empty: start needs an absent or empty folder"
  # Unix socket paths are limited to 107 bytes.
  ((${#dir} + 20 <= 107)) || fail "DIR $dir is too long (${#dir} characters): the munge socket path must stay under 108"
  check_searchable "$dir"
  host=$(hostname -s)
  node=$(slurmd -C -N "$host" | head -n 1) || fail "slurmd -C could not describe this machine"
  [[ $node == NodeName=* ]] || fail "slurmd -C printed '$node', not a NodeName line"
  port=$(free_port_pair)
  mkdir -p "$dir"

  # munged needs DIR passable by all (mktemp -d makes it 0700) and refuses a key that others can read.
  chmod a+x "$dir"
  mkdir -m 755 "$dir/munge"
  mkdir -m 700 "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
  mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 ||
    fail "mungekey could not write $dir/munge/munge.key"
  write_conf "$dir" "$host" "$port" "$node"

  launch munged "$dir" munged --foreground --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/run/munged.pid" --seed-file="$dir/munge/munged.seed"
  wait_for 10 munge_ready "$dir" ||
    start_failed "$dir" "munged did not answer on $dir/munge/munge.socket in 10 s" munged
  launch slurmctld "$dir" slurmctld -D -f "$dir/slurm.conf"
  launch slurmd "$dir" slurmd -D -N "$host" -f "$dir/slurm.conf"
  wait_for "$start_timeout_s" node_idle "$host" "$dir" ||
    start_failed "$dir" "node $host not idle after $start_timeout_s s ($(SLURM_CONF=$dir/slurm.conf scontrol show node \
"$host" 2>&1 | grep -oE '(State|Reason)=[^ ]*' | paste -sd ' '))" slurmctld slurmd
  echo "export SLURM_CONF=$dir/slurm.conf"
}

# A job's processes belong to its slurmstepd, which outlives slurmd: cancelling first ends a test's stray jobs.
cancel_jobs() {
  local dir=$1 jobs
  alive slurmctld "$dir" || return 0
  jobs=$(SLURM_CONF=$dir/slurm.conf squeue -h -o %A 2>/dev/null) || return 0
  [[ -n $jobs ]] || return 0
  # shellcheck disable=SC2086 # one argument per job id
  SLURM_CONF=$dir/slurm.conf scancel $jobs 2>/dev/null || true
  wait_for 10 jobs_gone "$dir" || true
}

jobs_gone() { [[ -z $(SLURM_CONF=$1/slurm.conf squeue -h -o %A 2>/dev/null) ]]; }

# stop_daemons DIR: stops every daemon recorded in DIR that still runs, even when an earlier one would not stop.
stop_daemons() {
  local dir=$1 name stuck=0
  cancel_jobs "$dir"
  # Nodes first, controller next, munged last: each still needs the ones after it while it shuts down.
  for name in slurmd slurmctld munged; do
    alive "$name" "$dir" || continue
    kill -TERM "$(cat "$dir/$name.pid")"
    if ! wait_for "$stop_timeout_s" not_alive "$name" "$dir"; then
      echo "one-node-slurm.sh: $name (pid $(cat "$dir/$name.pid")) still runs $stop_timeout_s s after SIGTERM" >&2
      stuck=1
    fi
  done
  return "$stuck"
}

not_alive() { ! alive "$1" "$2"; }

stop() {
  local dir=$1
  [[ -d $dir ]] || fail "DIR $dir does not exist: nothing to stop"
  dir=$(cd "$dir" && pwd -P)
  [[ -e $dir/munged.pid || -e $dir/slurmctld.pid || -e $dir/slurmd.pid ]] ||
    fail "DIR $dir holds no munged.pid, slurmctld.pid or slurmd.pid: start did not run there"
  stop_daemons "$dir"
}

(($# == 2)) || usage
case $1 in
start) start "$2" ;;
stop) stop "$2" ;;
*) usage ;;
esac
