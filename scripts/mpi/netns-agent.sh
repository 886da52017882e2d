#!/usr/bin/env bash
# The "ssh" of scripts/mpi/two-hosts.sh: mpirun runs `AGENT HOST COMMAND…` to start its daemon
# (orted) on another host; here each host is a network namespace of this machine, named in
# NMT_NETNS_HOSTS ("10.77.0.2=nmt-b …"), and the command runs inside it with a hostname of its
# own (so that Open MPI sees two nodes, not one).
#   scripts/mpi/netns-agent.sh HOST COMMAND…      (mpirun's plm_rsh_agent, set by scripts/mpi/two-hosts.sh)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 HOST COMMAND…  (NMT_NETNS_HOSTS=\"ADDRESS=NAMESPACE …\")" >&2; exit 255; }
host=$1
shift
namespace=""
for entry in ${NMT_NETNS_HOSTS:?set by scripts/mpi/two-hosts.sh}; do
  [ "${entry%%=*}" = "$host" ] && namespace=${entry#*=}
done
[ -n "$namespace" ] || { echo "mpi/netns-agent: no network namespace for host $host (NMT_NETNS_HOSTS=$NMT_NETNS_HOSTS)" >&2; exit 255; }
# mpirun passes the remote command as words of one shell command line, as ssh would.
exec ip netns exec "$namespace" unshare --uts sh -c "hostname $namespace && $*"
