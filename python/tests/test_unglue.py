"""The Python API: the same results as the Rust core, offsets Python can slice
with, errors that carry their location, and batches in input order."""

import pickle
import threading
from pathlib import Path

import pytest

import unglue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))

# A user's rule pack: drops a shop prompt line.
PROMO_PACK = """
[pack]
name = "mine"

[[rule]]
id = "chrome.promo"
kind = "drop-line"
pattern = '^Buy now!$'
zone = "anywhere"
why = "Shop prompts between paragraphs"
examples = [
  { input = "Text of the story.\\nBuy now!\\n", output = "Text of the story.\\n" },
  { input = "He said: Buy now! Then left.\\n", output = "He said: Buy now! Then left.\\n" },
]
"""


def replay(original: str, fixes: list[unglue.Fix]) -> str:
    out, pos = [], 0
    for f in fixes:
        out.append(original[pos : f.start])
        out.append(f.after)
        pos = f.end
    out.append(original[pos:])
    return "".join(out)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_clean_to_expected(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    expected = (seed.parent / "expected" / seed.name).read_text(encoding="utf-8")
    cleaned = unglue.clean(original)
    assert cleaned.text == expected
    assert cleaned.changed
    assert replay(original, cleaned.fixes) == expected


def test_seeds_are_two() -> None:
    assert len(SEEDS) == 2


def test_fix_fields_index_the_original_str() -> None:
    original = "Café “news”: fightingleading troops.\n"
    cleaned = unglue.clean(original)
    assert cleaned.text == 'Café "news": fighting leading troops.\n'
    for f in cleaned.fixes:
        assert original[f.start : f.end] == f.before
        assert original.encode()[f.byte_start : f.byte_end].decode() == f.before
        assert f.line == 1
        assert f.col == f.start + 1
    glue = [f for f in cleaned.fixes if f.rule == "glue.split-word"]
    assert [(g.before, g.after) for g in glue] == [("fightingleading", "fighting leading")]
    assert glue[0].to_dict()["start"] == original.index("fightingleading")
    assert cleaned.counts() == {"glue.split-word": 1, "punct.curly-double": 2}


def test_meta_holds_extracted_values() -> None:
    cleaned = unglue.clean("date 2022-04-22\nThe officialto said it was over.\n")
    assert cleaned.meta == {"date": "2022-04-22"}
    assert cleaned.text == "The official to said it was over.\n"


def test_clean_text_comes_back_as_the_same_object() -> None:
    text = "Nothing to fix here.\n"
    cleaned = unglue.clean(text)
    assert cleaned.text is text
    assert not cleaned.changed
    assert cleaned.fixes == []
    assert cleaned.meta == {}


def test_cleaning_twice_changes_nothing() -> None:
    once = unglue.clean("“Quoted” text withglued wordsin it and Kyiv.\n\n\n").text
    assert not unglue.clean(once).changed


def test_lone_surrogates_become_replacement_characters() -> None:
    cleaned = unglue.clean("a \ud800 b\n")
    assert cleaned.text == "a \ufffd b\n"
    assert cleaned.meta["repair.surrogates"].startswith("1 ")


def test_clean_batch_keeps_input_order() -> None:
    cleaner = unglue.Cleaner()
    texts = [f"Item {i}: the officialto said “{i}”.\n" for i in range(500)]
    texts[7] = "Already clean.\n"
    results = cleaner.clean_batch(texts)
    assert [r.text for r in results] == [cleaner.clean(t).text for t in texts]
    assert results[3].text == 'Item 3: the official to said "3".\n'
    assert results[7].text is texts[7]


def test_clean_batch_takes_any_iterable_and_rejects_non_str() -> None:
    cleaner = unglue.Cleaner()
    assert [r.text for r in cleaner.clean_batch(t for t in ["a\n", "b\n"])] == ["a\n", "b\n"]
    with pytest.raises(TypeError, match="item 1"):
        cleaner.clean_batch(["ok", 3])


def test_clean_batch_from_threads() -> None:
    cleaner = unglue.Cleaner()
    texts = ["The fightingleading forces.\n"] * 200
    out: list[list[str]] = []

    def work() -> None:
        out.append([r.text for r in cleaner.clean_batch(texts)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [["The fighting leading forces.\n"] * 200] * 4


def test_select_and_ignore() -> None:
    text = "“Quoted” fightingleading\n"
    glue_only = unglue.Cleaner(select=["glue"])
    assert all(r.startswith("glue.") for r in glue_only.rule_ids)
    assert glue_only.clean(text).text == "“Quoted” fighting leading\n"
    no_punct = unglue.Cleaner(ignore=["punct"])
    assert not any(r.startswith("punct.") for r in no_punct.rule_ids)
    assert no_punct.clean(text).text == "“Quoted” fighting leading\n"
    with pytest.raises(ValueError, match="matches no rule"):
        unglue.Cleaner(select=["nosuch"])


def test_profiles() -> None:
    assert {"default", "news"} <= set(unglue.profiles())
    news = unglue.Cleaner(profile="news")
    assert len(news.rule_ids) > len(unglue.Cleaner().rule_ids)
    with pytest.raises(ValueError, match="unknown profile"):
        unglue.Cleaner(profile="nosuch")


def test_user_rule_pack(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(PROMO_PACK, encoding="utf-8")
    cleaner = unglue.Cleaner(rules=[pack])
    assert "chrome.promo" in cleaner.rule_ids
    cleaned = cleaner.clean("The story goes on.\nBuy now!\n")
    assert "chrome.promo" in cleaned.counts()
    assert "Buy now!" not in cleaned.text


def test_broken_rule_pack_raises_with_location(tmp_path: Path) -> None:
    pack = tmp_path / "broken.toml"
    pack.write_text(
        '[pack]\nname = "mine"\n\n[[rule]]\nid = "chrome.x"\nkind = "drop-line"\npattern = "(unclosed"\nwhy = "w"\n'
        'examples = [{ input = "a", output = "a" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(unglue.RulePackError) as info:
        unglue.Cleaner(rules=[str(pack)])
    err = info.value
    assert err.path == err.file == str(pack)
    assert (err.line, err.column) == (7, 11)
    assert err.rule == "chrome.x"
    assert "regex" in err.reason
    assert str(err).startswith(f"{pack}:7:11: ")
    assert "(unclosed" in err.snippet


def test_missing_rule_pack_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        unglue.Cleaner(rules=[tmp_path / "absent.toml"])


def test_cleaner_pickles_with_its_configuration() -> None:
    cleaner = unglue.Cleaner(profile="news", ignore=["punct"])
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.profile == "news"
    assert copy.rule_ids == cleaner.rule_ids
    text = "“Hi” — the officialto said.\n"
    assert copy.clean(text).text == cleaner.clean(text).text


def test_pickled_cleaner_finds_its_rule_packs_from_another_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.toml").write_text(PROMO_PACK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    blob = pickle.dumps(unglue.Cleaner(rules=["mine.toml"]))
    monkeypatch.chdir(ROOT)
    assert "chrome.promo" in pickle.loads(blob).rule_ids


def test_fix_equality_and_repr() -> None:
    a = unglue.clean("The officialto said.\n").fixes
    b = unglue.clean("The officialto said.\n").fixes
    assert a == b
    assert "glue.split-word" in repr(a[0])
