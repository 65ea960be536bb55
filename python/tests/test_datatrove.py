"""The datatrove block, run in a real datatrove pipeline when datatrove is installed."""

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.formatters.base import BaseFormatter  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import unglue  # noqa: E402
from unglue.datatrove import UnglueFormatter  # noqa: E402

TEXTS = [
    "date 2022-04-22\nThe fightingleading forces said “no”.\n",
    "Already clean.\n",
    "The officialto said the talks would resume.\n",
]


def docs() -> list[Document]:
    return [Document(text=t, id=str(i), metadata={"n": i}) for i, t in enumerate(TEXTS)]


def test_is_a_datatrove_formatter() -> None:
    block = UnglueFormatter()
    assert isinstance(block, BaseFormatter)
    assert block.format("The officialto said.\n") == "The official to said.\n"


def test_cleans_documents_in_order_and_counts_rules() -> None:
    block = UnglueFormatter(batch_size=2)
    out = list(block.run(iter(docs())))
    assert [d.text for d in out] == [unglue.clean(t).text for t in TEXTS]
    assert [d.id for d in out] == ["0", "1", "2"]
    assert out[0].text == 'The fighting leading forces said "no".\n'
    assert all("unglue" not in d.metadata for d in out)
    stats = block.stats
    assert stats["total"].total == 3
    assert stats["changed"].total == 2
    assert stats["glue.split-word"].total == 2
    assert stats["chrome.date-debris"].total == 1


def test_fixes_in_metadata() -> None:
    block = UnglueFormatter(fixes_in_metadata=True)
    first = next(iter(block.run(iter(docs()))))
    record = first.metadata["unglue"]
    assert record["meta"] == {"date": "2022-04-22"}
    rules = [f["rule"] for f in record["fixes"]]
    assert "glue.split-word" in rules
    json.dumps(first.metadata)  # writers store metadata as JSON
    for f in record["fixes"]:
        assert TEXTS[0][f["start"] : f["end"]] == f["before"]


def test_broken_rules_fail_when_the_pipeline_is_built(tmp_path: Path) -> None:
    pack = tmp_path / "broken.toml"
    pack.write_text("[pack]\nname = 'x'\n[[rule]]\nid = 1\n", encoding="utf-8")
    with pytest.raises(unglue.RulePackError):
        UnglueFormatter(rules=[str(pack)])


def test_local_pipeline_with_two_workers(tmp_path: Path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for shard in range(2):
        with gzip.open(raw / f"{shard}.jsonl.gz", "wt", encoding="utf-8") as f:
            for i, t in enumerate(TEXTS):
                f.write(json.dumps({"id": f"{shard}-{i}", "text": t}) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            UnglueFormatter(fixes_in_metadata=True),
            JsonlWriter(str(clean)),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    records = [
        json.loads(line)
        for path in sorted(clean.glob("*.jsonl.gz"))
        for line in gzip.open(path, "rt", encoding="utf-8")
    ]
    assert len(records) == 6
    by_id = {r["id"]: r for r in records}
    assert by_id["1-0"]["text"] == 'The fighting leading forces said "no".\n'
    assert by_id["0-2"]["text"] == "The official to said the talks would resume.\n"
    assert by_id["0-0"]["metadata"]["unglue"]["meta"] == {"date": "2022-04-22"}
