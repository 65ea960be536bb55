#!/usr/bin/env python3
"""ftfy.fix_text on the corpora of benches/pipeline.rs, for the side-by-side
figure in the notes: python3 benches/ftfy_compare.py (needs `pip install ftfy`)."""
import gzip, json, time
import ftfy

MOJIBAKE = " caf\u00c3\u00a9 \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d"
news = [json.loads(l)["gold"] for l in gzip.open("fixtures/glue-dev.jsonl.gz", "rt", encoding="utf-8")]
heavy = ["\n\n".join(p + MOJIBAKE for p in d.split("\n\n")) for d in news]
for name, docs in [("news", news), ("mojibake", heavy)]:
    size = sum(len(d.encode()) for d in docs) / 1e6
    t0 = time.perf_counter()
    for d in docs:
        ftfy.fix_text(d)
    dt = time.perf_counter() - t0
    print(f"ftfy.fix_text {name}: {size:.2f} MB in {dt:.2f} s = {size / dt:.2f} MB/s")
