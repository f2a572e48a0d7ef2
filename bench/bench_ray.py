"""`claimcheck ingest` of a corpus, plain and with `--ray`, each into a fresh SQLite store in a
child process: wall time, and whether both stores hold the same claims, clusters and
relations. Needs the `[ray]` extra; `--ray` starts (and stops) a local Ray on every core.

    python bench/bench_ray.py [PATH ...]    # default: ../shared/corpus/seeds
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CLAIMCHECK = Path(sys.executable).parent / "claimcheck"


def ingest(paths: list[str], folder: Path, extra: list[str]) -> tuple[float, dict]:
    """Wall seconds of one ingest, and the store it made, in comparable form."""
    url = f"sqlite:///{folder / 'store.db'}"
    env = {**os.environ, "CLAIMCHECK_DATA_DIR": str(folder), "RAY_USAGE_STATS_ENABLED": "0"}
    start = time.perf_counter()
    subprocess.run([CLAIMCHECK, "ingest", *paths, "--db", url, *extra], env=env, check=True)
    wall = time.perf_counter() - start
    out = folder / "export.json"
    subprocess.run([CLAIMCHECK, "export", "--db", url, "--out", out], env=env, check=True)
    document = json.loads(out.read_text(encoding="utf-8"))
    texts = {claim["id"]: claim["text"] for claim in document["claims"]}
    store = {
        "claims": sorted(c["text"] for c in document["claims"]),
        "clusters": sorted(sorted(texts[i] for i in k["claim_ids"]) for k in document["clusters"]),
        "relations": sorted(
            (texts[r["a"]], texts[r["b"]], r["relation"]) for r in document["relations"]
        ),
    }
    return wall, store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=[str(SEEDS)])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as on_ray:
        plain_s, plain_store = ingest(args.paths, Path(plain), [])
        ray_s, ray_store = ingest(args.paths, Path(on_ray), ["--ray"])
    print(
        f"{len(plain_store['claims'])} claims, {len(plain_store['relations'])} relations, "
        f"{len(plain_store['clusters'])} clusters on {os.cpu_count()} cores"
    )
    print(f"plain ingest {plain_s:6.1f} s wall")
    print(f"--ray ingest {ray_s:6.1f} s wall (a local Ray started and stopped inside)")
    print(f"same store: {plain_store == ray_store}")


if __name__ == "__main__":
    main()
