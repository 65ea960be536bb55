"""Derives the word lists in this folder from the wordfreq 3.1.1 wheel (PyPI).

usage: python3 derive.py WHEEL_DIR   (the wheel unzipped; needs the msgpack module)

Each wordfreq list is a gzipped msgpack "cBpack": a header, then buckets of
words, bucket i holding the words of frequency 10^(-i/100). A line here is
`word<TAB>zipf*100` (Zipf = log10 of the frequency per billion words), for the
words of Zipf 2.0 or more of the `large` list, or of the `small` list where a
language has no `large` one. English keeps the words of ASCII letters only, down
to Zipf 1.0: the web's compounds and spellings the main lexicon lacks. Russian
keeps the words of Cyrillic letters only.
"""
import gzip, os, re, sys
import msgpack

LANGS = ["de", "es", "fr", "id", "it", "pt", "ru", "en"]
MIN_ZIPF = {"en": 100}
ENGLISH_WORD = re.compile(r"[a-z]+")
RUSSIAN_WORD = re.compile(r"[а-яё]+")

wheel = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
for lang in LANGS:
    data = os.path.join(wheel, "wordfreq", "data")
    path = os.path.join(data, f"large_{lang}.msgpack.gz")
    if not os.path.exists(path):
        path = os.path.join(data, f"small_{lang}.msgpack.gz")
    buckets = msgpack.unpackb(gzip.open(path).read(), raw=False)[1:]
    rows = []
    for i, bucket in enumerate(buckets):
        zipf = 900 - i
        if zipf < MIN_ZIPF.get(lang, 200):
            break
        if lang == "en":
            bucket = [w for w in bucket if ENGLISH_WORD.fullmatch(w)]
        if lang == "ru":
            bucket = [w for w in bucket if RUSSIAN_WORD.fullmatch(w)]
        rows.extend(f"{w}\t{zipf}\n" for w in bucket if "\t" not in w and "\n" not in w)
    with gzip.GzipFile(os.path.join(here, f"{lang}.tsv.gz"), "wb", mtime=0) as f:
        f.write("".join(rows).encode())
    print(lang, len(rows))
