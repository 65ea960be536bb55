#!/usr/bin/env python3
"""`Cleaner.clean_batch` against the CLI on the same ~20 MB corpus (built as in
benches/corpus.py), side by side in one run, both on every core.

usage: cargo build --release && pip install ./python && python3 benches/python_batch.py
"""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import PAGES, build_corpus, time_cli  # noqa: E402

import unglue  # noqa: E402

BATCH = 1000


def main():
    pages = sys.argv[1] if len(sys.argv) > 1 else PAGES
    binary = os.environ.get("UNGLUE", "target/release/unglue")
    records, corpus, size = build_corpus(pages)
    threads = os.cpu_count()
    cli, _ = time_cli(binary, corpus, threads)

    cleaner = unglue.Cleaner()
    t0 = time.perf_counter()
    out = []
    for i in range(0, len(records), BATCH):
        out.extend(c.text for c in cleaner.clean_batch(records[i : i + BATCH]))
    batch = time.perf_counter() - t0
    assert len(out) == len(records)

    print(f"corpus: {len(records)} records, {size:.1f} MB, {threads} threads")
    print("| run | seconds | MB/s |")
    print("|---|---|---|")
    print(f"| unglue clean -j {threads} (JSONL file) | {cli:.2f} | {size / cli:.1f} |")
    print(f"| Cleaner.clean_batch ({BATCH} per call) | {batch:.2f} | {size / batch:.1f} |")
    print(f"CLI / clean_batch: {batch / cli:.2f}x (target <= 1.3)")


if __name__ == "__main__":
    main()
