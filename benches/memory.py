#!/usr/bin/env python3
"""Peak memory on huge inputs: one ~100 MB document, as a text file of
paragraphs, as a text of one single line, and as one JSONL record.

The pages of ../shared/eval/chrome-wcxb-dev.jsonl.gz (or the file given as the
first argument) are joined, blank line between them, to ~100 MB. Each run is a
fresh `unglue clean -q -j N FILE -o /dev/null`; its peak RSS comes from wait4.

usage: cargo build --release && python3 benches/memory.py [PAGES.jsonl.gz]
"""
import gzip, json, os, subprocess, sys, tempfile, time

PAGES = "../shared/eval/chrome-wcxb-dev.jsonl.gz"


def build(pages, target=100_000_000):
    """The three files, written page by page (this process stays small: a
    child's peak RSS counts its parent's memory from before the exec)."""
    texts = [json.loads(l)["text"] for l in gzip.open(pages, "rt", encoding="utf-8")]
    d = tempfile.mkdtemp()
    files = {
        "text, paragraphs": (os.path.join(d, "doc.txt"), []),
        "text, one line": (os.path.join(d, "line.txt"), []),
        "JSONL, one record": (os.path.join(d, "doc.jsonl"), ["--input-format", "jsonl"]),
    }
    paths = [p for p, _ in files.values()]
    with open(paths[0], "w", encoding="utf-8") as doc, open(paths[1], "w", encoding="utf-8") as line, \
            open(paths[2], "w", encoding="utf-8") as record:
        record.write('{"id": 1, "text": "')
        n = 0
        while n < target:
            for t in texts:
                doc.write(t + "\n\n")
                line.write(t.replace("\n", " ") + "  ")
                record.write(json.dumps(t + "\n\n", ensure_ascii=False)[1:-1])
                n += len(t.encode()) + 2
        record.write('"}\n')
    return files


def run(binary, path, args, threads):
    """Seconds and peak RSS (MB) of one clean."""
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "clean", "-q", "-j", str(threads), *args, path, "-o", os.devnull])
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if status != 0:
        sys.exit(f"FAIL: unglue exited with status {status} on {path}")
    return dt, usage.ru_maxrss / 1024


def main():
    pages = sys.argv[1] if len(sys.argv) > 1 else PAGES
    binary = os.environ.get("UNGLUE", "target/release/unglue")
    files = build(pages)
    print("| input | MB | threads | seconds | peak RSS |")
    print("|---|---|---|---|---|")
    for name, (path, args) in files.items():
        size = os.path.getsize(path) / 1e6
        for threads in (1, 2):
            dt, rss = run(binary, path, args, threads)
            print(f"| {name} | {size:.0f} | {threads} | {dt:.1f} | {rss:.0f} MB |")
        os.unlink(path)


if __name__ == "__main__":
    main()
