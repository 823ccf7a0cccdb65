"""A small Flower network whose server-side strategy measures every update.

8-10 clients train scikit-learn's LogisticRegression on the digits data set
scikit-learn ships (no download), split across them; some clients poison
(shuffled labels) and some free-ride (return the global model untouched).
`MeasuredFedAvg` wraps Flower's FedAvg: before aggregating a round it scores
each client's update on a held-out set as the global model's accuracy
without that update (the model the round started from) and with it (that
update applied alone, FedAvg over that one result), in ppm, and writes one
JSON line per update for flt-validator (tools/validator/README.md).

The engine: Flower 1.42's simulation engine (`flwr.simulation`) needs Ray,
a large native dependency that on 2 cores costs more start-up time than
this whole network; so the clients run in this process behind a small
`ClientProxy`, driven by Flower's own `Server` round loop (`Server.fit`:
configure_fit, fit_clients, aggregate_fit) with Flower's `FedAvg` and
`SimpleClientManager`. A real network swaps the in-process proxies for
SuperNodes connected to a SuperLink; the strategy is unchanged.

Usage:
  python flower_network.py --clients clients.json --out rounds/ [--rounds 3] [--seed 7]
clients.json: [{"address": "0x...", "behaviour": "honest" | "poisoner" | "free_rider"}, ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import warnings
from pathlib import Path

import numpy as np
from flwr.client import NumPyClient
from flwr.common import (
    Code,
    DisconnectRes,
    GetPropertiesRes,
    Status,
    ndarrays_to_parameters,
    parameters_to_ndarrays,
)
from flwr.server import Server, SimpleClientManager
from flwr.server.client_proxy import ClientProxy
from flwr.server.strategy import FedAvg
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore", category=ConvergenceWarning)

PPM = 1_000_000
CLASSES = np.arange(10)
# Each client fits LogisticRegression (lbfgs, warm-started from the global
# model) for up to LOCAL_ITERATIONS and sends the global model moved
# LOCAL_STEP of the way to its fit (the server's fit config says both):
# a full step from 127 samples would undo what the others taught the
# global model, half a step keeps every honest update an improvement.
LOCAL_ITERATIONS = 100
LOCAL_STEP = 0.5
# The server's initial model: a short fit (INITIAL_ITERATIONS) on its own
# seed set, so that round 1 starts from a model worth poisoning.
INITIAL_ITERATIONS = 5


def model_from(params: list[np.ndarray]) -> LogisticRegression:
    model = LogisticRegression(max_iter=LOCAL_ITERATIONS, warm_start=True)
    model.classes_ = CLASSES
    model.coef_ = params[0].copy()
    model.intercept_ = params[1].copy()
    return model


def accuracy_ppm(params: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> int:
    """Accuracy in ppm, in integers: correct * 10^6 // total (floor)."""
    correct = int((model_from(params).predict(x) == y).sum())
    return correct * PPM // len(y)


class DigitsClient(NumPyClient):
    """One participant; `behaviour` says how it answers a fit request."""

    def __init__(self, behaviour: str, x: np.ndarray, y: np.ndarray, seed: int):
        self.behaviour = behaviour
        self.x = x
        self.y = y
        self.rng = np.random.default_rng(seed)

    def fit(self, parameters, config):
        if self.behaviour == "free_rider":
            # No training: the model it was sent, claimed as its work.
            return [p.copy() for p in parameters], len(self.y), {}
        labels = self.y
        if self.behaviour == "poisoner":
            labels = self.rng.permutation(self.y)
        model = model_from(parameters)
        model.max_iter = int(config["local_iterations"])
        model.fit(self.x, labels)
        step = float(config["local_step"])
        sent = [g + step * (p - g) for g, p in zip(parameters, (model.coef_, model.intercept_))]
        return sent, len(self.y), {}

    def evaluate(self, parameters, config):
        acc = accuracy_ppm(parameters, self.x, self.y) / PPM
        return 1.0 - acc, len(self.y), {"accuracy": acc}


class InProcessProxy(ClientProxy):
    """A ClientProxy that calls a client object in this process."""

    def __init__(self, cid: str, client: NumPyClient):
        super().__init__(cid)
        self.client = client.to_client()

    def get_properties(self, ins, timeout, group_id):
        return GetPropertiesRes(status=Status(code=Code.OK, message=""), properties={})

    def get_parameters(self, ins, timeout, group_id):
        return self.client.get_parameters(ins)

    def fit(self, ins, timeout, group_id):
        return self.client.fit(ins)

    def evaluate(self, ins, timeout, group_id):
        return self.client.evaluate(ins)

    def reconnect(self, ins, timeout, group_id):
        return DisconnectRes(reason="")


def contribution_id(server_round: int, address: str, params: list[np.ndarray]) -> str:
    """The update's hash: SHA3-256 over the round, the contributor and the
    update's float64 bytes (any collision-resistant 32-byte hash serves as
    an id; this one is in Python's standard library)."""
    h = hashlib.sha3_256()
    h.update(server_round.to_bytes(8, "big"))
    h.update(bytes.fromhex(address[2:]))
    for p in params:
        h.update(np.ascontiguousarray(p, dtype=np.float64).tobytes())
    return "0x" + h.hexdigest()


class MeasuredFedAvg(FedAvg):
    """FedAvg that measures each update on a held-out set and writes the
    evaluations as JSON lines (one file per round, written whole then
    renamed, so a watching validator never reads half a round)."""

    def __init__(self, x_eval, y_eval, out: Path, **kwargs):
        super().__init__(**kwargs)
        self.x_eval = x_eval
        self.y_eval = y_eval
        self.out = out
        self.current: list[np.ndarray] | None = None
        self.lines: list[dict] = []

    def configure_fit(self, server_round, parameters, client_manager):
        self.current = parameters_to_ndarrays(parameters)
        return super().configure_fit(server_round, parameters, client_manager)

    def aggregate_fit(self, server_round, results, failures):
        # Threads finish in any order; sorted, the float sums are the same
        # on every run.
        results = sorted(results, key=lambda r: r[0].cid)
        before = accuracy_ppm(self.current, self.x_eval, self.y_eval)
        lines = []
        for proxy, res in results:
            update = parameters_to_ndarrays(res.parameters)
            alone, _ = super().aggregate_fit(server_round, [(proxy, res)], [])
            after = accuracy_ppm(parameters_to_ndarrays(alone), self.x_eval, self.y_eval)
            lines.append(
                {
                    "contributor": proxy.cid,
                    "contribution_id": contribution_id(server_round, proxy.cid, update),
                    "accuracy_before_ppm": before,
                    "accuracy_after_ppm": after,
                    "round": server_round,
                }
            )
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / f"round-{server_round:03}.jsonl"
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(l) + "\n" for l in lines))
        os.replace(tmp, path)
        self.lines.extend(lines)
        aggregated = super().aggregate_fit(server_round, results, failures)
        after_round = accuracy_ppm(parameters_to_ndarrays(aggregated[0]), self.x_eval, self.y_eval)
        print(f"round {server_round}: global accuracy {before} -> {after_round} ppm; wrote {path}", file=sys.stderr)
        return aggregated


def split(seed: int, n_clients: int):
    """digits: 5 % seeds the initial global model, 25 % is the server's
    held-out set, the rest is shared out IID among the clients."""
    x, y = load_digits(return_X_y=True)
    x = x / 16.0
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order], y[order]
    n_seed, n_eval = len(y) * 5 // 100, len(y) * 25 // 100
    seed_set = (x[:n_seed], y[:n_seed])
    eval_set = (x[n_seed : n_seed + n_eval], y[n_seed : n_seed + n_eval])
    rest_x, rest_y = x[n_seed + n_eval :], y[n_seed + n_eval :]
    shards = [(sx, sy) for sx, sy in zip(np.array_split(rest_x, n_clients), np.array_split(rest_y, n_clients))]
    return seed_set, eval_set, shards


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    clients = json.loads(args.clients.read_text())
    if not 2 <= len(clients) <= 100:
        ap.error("clients.json needs 2..100 clients")
    for c in clients:
        if c.get("behaviour") not in ("honest", "poisoner", "free_rider"):
            ap.error(f"behaviour of {c} must be honest, poisoner or free_rider")
    (x_seed, y_seed), (x_eval, y_eval), shards = split(args.seed, len(clients))

    # The initial global model: a short fit on the server's seed set.
    initial = LogisticRegression(max_iter=INITIAL_ITERATIONS)
    initial.fit(x_seed, y_seed)
    init_params = [initial.coef_, initial.intercept_]

    manager = SimpleClientManager()
    for i, (c, (sx, sy)) in enumerate(zip(clients, shards)):
        manager.register(InProcessProxy(c["address"].lower(), DigitsClient(c["behaviour"], sx, sy, args.seed + i)))
    n = len(clients)
    strategy = MeasuredFedAvg(
        x_eval,
        y_eval,
        args.out,
        fraction_fit=1.0,
        fraction_evaluate=0.0,
        min_fit_clients=n,
        min_evaluate_clients=0,
        min_available_clients=n,
        initial_parameters=ndarrays_to_parameters(init_params),
        on_fit_config_fn=lambda server_round: {"local_iterations": LOCAL_ITERATIONS, "local_step": LOCAL_STEP},
    )
    server = Server(client_manager=manager, strategy=strategy)
    server.fit(num_rounds=args.rounds, timeout=None)
    by_behaviour = {c["address"].lower(): c["behaviour"] for c in clients}
    for l in strategy.lines:
        impact = l["accuracy_after_ppm"] - l["accuracy_before_ppm"]
        print(f"round {l['round']} {by_behaviour[l['contributor']]:10} {l['contributor']} impact {impact:+} ppm", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
