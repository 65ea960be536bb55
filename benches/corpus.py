#!/usr/bin/env python3
"""Corpus-scale figures, side by side in one run.

Builds a ~20 MB JSONL corpus from the pages of ../shared/eval/chrome-wcxb-dev.jsonl.gz
(or the file given as the first argument), then times on the same records:
- unglue clean (default profile) with -j 1 and -j 2, best of three runs, with its peak RSS;
- ftfy.fix_text alone (pip install ftfy), which does far less work.

usage: cargo build --release && python3 benches/corpus.py [PAGES.jsonl.gz]
"""
import gzip, json, os, resource, subprocess, sys, tempfile, time

PAGES = "../shared/eval/chrome-wcxb-dev.jsonl.gz"


def build_corpus(pages=PAGES, target=20_000_000):
    """The pages repeated to ~`target` bytes of text; returns (texts, JSONL path, MB)."""
    texts = [json.loads(l)["text"] for l in gzip.open(pages, "rt", encoding="utf-8")]
    records = []
    while sum(len(t.encode()) for t in records) < target:
        records.extend(texts)
    size = sum(len(t.encode()) for t in records) / 1e6
    corpus = os.path.join(tempfile.mkdtemp(), "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for i, t in enumerate(records):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    return records, corpus, size


def time_cli(binary, corpus, threads):
    """Seconds and peak RSS (MB) of one `unglue clean` over the JSONL corpus."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([binary, "clean", "-q", "-j", str(threads), "--input-format", "jsonl", corpus],
                   check=True, stdout=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    return dt, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main():
    pages = sys.argv[1] if len(sys.argv) > 1 else PAGES
    binary = os.environ.get("UNGLUE", "target/release/unglue")
    records, corpus, size = build_corpus(pages)
    rows = []
    # Best of three: the machine's noise only ever slows a run down.
    for threads in ("1", "2"):
        runs = [time_cli(binary, corpus, threads) for _ in range(3)]
        rows.append((f"unglue clean -j {threads}", min(dt for dt, _ in runs), max(r for _, r in runs)))
    try:
        import ftfy
        t0 = time.perf_counter()
        for t in records:
            ftfy.fix_text(t)
        rows.append(("ftfy.fix_text", time.perf_counter() - t0, None))
    except ImportError:
        print("ftfy not installed: pip install ftfy")

    print(f"corpus: {len(records)} records, {size:.1f} MB")
    print("| run | seconds | MB/s | peak RSS |")
    print("|---|---|---|---|")
    for name, dt, rss in rows:
        print(f"| {name} | {dt:.2f} | {size / dt:.1f} | {f'{rss:.0f} MB' if rss else '-'} |")
    base = {n: size / dt for n, dt, _ in rows}
    if "ftfy.fix_text" in base:
        for n in ("unglue clean -j 1", "unglue clean -j 2"):
            print(f"{n}: {base[n] / base['ftfy.fix_text']:.1f}x ftfy")
    print(f"-j 2 / -j 1: {base['unglue clean -j 2'] / base['unglue clean -j 1']:.2f}x")


if __name__ == "__main__":
    main()
