#!/usr/bin/env bash
# ./flt app: builds the web app and serves it. Without --rpc it starts the
# local Stylus node (flt-node), deploys the system on it with flt-deploy
# (deploy/deployments/local.json) and stops the node on exit.
#
#   web/scripts/app.sh [--rpc URL --network local|arbitrum-sepolia|arbitrum-one] [--port 5173]
#
# With --rpc the addresses come from deploy/deployments/<network>.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
rpc="" network="local" port=5173
while [ $# -gt 0 ]; do
  case "$1" in
    --rpc) rpc="$2"; shift 2 ;;
    --network) network="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "usage: web/scripts/app.sh [--rpc URL --network NAME] [--port P]" >&2; exit 2 ;;
  esac
done

bash "$here/scripts/setup.sh" --no-browser
(cd "$here" && npm run --silent build)

node_pid=""
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if [ -z "$rpc" ]; then
  cd "$root"
  for p in FLToken FLTRewards FLTGovernor FLTCouncil; do
    [ -f "target/stylus/$p.wasm" ] || { echo "app: target/stylus/$p.wasm missing: run ./flt build first" >&2; exit 1; }
  done
  mkdir -p target/web
  log="target/web/app-node.out"
  cargo run --quiet --locked -p flt-node > "$log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 120); do
    grep -q 'export FLT_DEPLOYER_KEY_FILE=' "$log" 2>/dev/null && break
    kill -0 "$node_pid" 2>/dev/null || { cat "$log" >&2; echo "app: the node stopped" >&2; exit 1; }
    sleep 1
  done
  FLT_LOCAL_RPC="$(sed -n 's/^ *export FLT_LOCAL_RPC=//p' "$log" | head -1)"
  FLT_DEPLOYER_KEY_FILE="$(sed -n 's/^ *export FLT_DEPLOYER_KEY_FILE=//p' "$log" | head -1)"
  [ -n "$FLT_LOCAL_RPC" ] || { cat "$log" >&2; echo "app: no node URL" >&2; exit 1; }
  export FLT_LOCAL_RPC FLT_DEPLOYER_KEY_FILE
  cargo run --quiet --locked -p flt-deploy -- deploy local --yes
  rpc="$FLT_LOCAL_RPC"
  network="local"
  echo "Local Stylus node: $rpc (dev accounts: see $log; add the network to your wallet from the page)"
fi

record="$root/deploy/deployments/$network.json"
[ -f "$record" ] || { echo "app: $record missing (deploy first)" >&2; exit 1; }
exec_args=(--rpc "$rpc" --record "$record" --network "$network" --port "$port")
node "$here/scripts/serve.mjs" "${exec_args[@]}" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true; cleanup' EXIT INT TERM
echo "Open http://127.0.0.1:$port/ (Ctrl-C stops)"
wait "$serve_pid"
