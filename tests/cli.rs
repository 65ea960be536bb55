//! The command-line contract: outputs, report shapes and exit codes.

use std::fs;

use assert_cmd::Command;
use serde_json::Value;

fn unglue() -> Command {
    Command::cargo_bin("unglue").unwrap()
}

const SEED: &str = "fixtures/seeds/001_898aff2efecb9d6a.txt";

fn tmp(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("unglue-cli-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

#[test]
fn clean_writes_the_expected_seed() {
    let want = fs::read("fixtures/seeds/expected/001_898aff2efecb9d6a.txt").unwrap();
    unglue()
        .args(["clean", SEED])
        .assert()
        .success()
        .stdout(want);
}

#[test]
fn check_exits_one_on_findings_and_zero_when_clean() {
    unglue().args(["check", SEED]).assert().code(1);
    unglue()
        .args(["check", "fixtures/seeds/expected/001_898aff2efecb9d6a.txt"])
        .assert()
        .code(0);
}

#[test]
fn check_json_report_has_the_contract_names() {
    let out = unglue()
        .args(["check", "--format", "json", SEED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["path"], SEED);
    assert_eq!(file["meta"]["date"], "2022-04-22");
    for key in [
        "rule",
        "line",
        "col",
        "byte_start",
        "byte_end",
        "before",
        "after",
    ] {
        assert!(file["fixes"][0].get(key).is_some(), "fix lacks {key}");
    }
    let summary = &v["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(
        summary["fixes"].as_u64().unwrap() as usize,
        file["fixes"].as_array().unwrap().len()
    );
    assert_eq!(summary["by_rule"]["glue.split-word"], 3);
}

#[test]
fn human_report_snapshot() {
    let out = unglue()
        .args(["check", "--select", "glue,chrome", SEED])
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn report_file_replays_to_the_output() {
    let report = tmp("report.json", b"");
    let out = unglue()
        .args([
            "clean",
            "--format",
            "json",
            "--report",
            report.to_str().unwrap(),
            SEED,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let input = fs::read_to_string(SEED).unwrap();
    let v: Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let mut replayed = String::new();
    let mut pos = 0;
    for f in v["files"][0]["fixes"].as_array().unwrap() {
        let (s, e) = (
            f["byte_start"].as_u64().unwrap() as usize,
            f["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], f["before"].as_str().unwrap());
        replayed.push_str(&input[pos..s]);
        replayed.push_str(f["after"].as_str().unwrap());
        pos = e;
    }
    replayed.push_str(&input[pos..]);
    assert_eq!(replayed.as_bytes(), out.stdout);
}

#[test]
fn jsonl_keeps_order_fields_and_bad_lines() {
    let input = concat!(
        "{\"id\": 7, \"text\": \"officialto Moscow\", \"extra\": {\"k\": [1, 2.50]}}\n",
        "{\"id\": 8, \"text\": \n",
        "{\"id\": 9, \"body\": \"no text\"}\n",
        "{\"id\": 10, \"text\": \"clean\"}\n",
    );
    let path = tmp("in.jsonl", input.as_bytes());
    let out = unglue()
        .args([
            "clean",
            "--input-format",
            "jsonl",
            "--select",
            "glue",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        r#"{"id":7,"text":"official to Moscow","extra":{"k": [1, 2.50]}}"#
    );
    assert_eq!(lines[1], "{\"id\": 8, \"text\": ");
    assert_eq!(lines[2], "{\"id\": 9, \"body\": \"no text\"}");
    assert_eq!(lines[3], "{\"id\": 10, \"text\": \"clean\"}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("in.jsonl:2: bad record"), "{stderr}");
    assert!(
        stderr.contains("in.jsonl:3: bad record, copied unchanged: no field `text`"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_offset_unless_lossy() {
    let path = tmp("bad.txt", b"ok\xffthen");
    let out = unglue()
        .args(["clean", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at byte 2"));
    unglue()
        .args(["clean", "--lossy", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("ok\u{FFFD}then\n");
}

#[test]
fn empty_input_stays_empty() {
    let path = tmp("empty.txt", b"");
    unglue()
        .args(["clean", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    unglue()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(0);
}

#[test]
fn broken_pack_exits_two_with_its_location() {
    let pack = tmp("bad.toml", b"[pack]\nname = \"x\"\n\n[[rule]]\nid = \"chrome.x\"\nkind = \"drop-line\"\npattern = '(('\nwhy = \"w\"\nexamples = [{ input = \"a\", output = \"a\" }]\n");
    let out = unglue()
        .args(["check", "--rules", pack.to_str().unwrap(), SEED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad.toml:7:11: rule `chrome.x`: bad regex"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_two() {
    unglue()
        .args(["clean", "--format", "yaml"])
        .assert()
        .code(2);
    unglue()
        .args(["check", "--select", "nothing.here", SEED])
        .assert()
        .code(2);
}

#[test]
fn rules_test_passes_and_explain_shows_examples() {
    unglue().args(["rules", "test"]).assert().success();
    let out = unglue()
        .args(["rules", "explain", "chrome.comment-prompt"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("kind:    cut-after") && text.contains("keeps"),
        "{text}"
    );
}

#[test]
fn in_place_rewrites_the_file() {
    let path = tmp("inplace.txt", "It\u{2019}s here".as_bytes());
    unglue()
        .args(["clean", "--in-place", path.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&path).unwrap(), "It's here\n");
}

#[test]
fn github_and_sarif_formats() {
    let gh = unglue()
        .args(["check", "--format", "github", SEED])
        .output()
        .unwrap();
    let gh = String::from_utf8(gh.stdout).unwrap();
    assert!(gh.lines().all(|l| l.starts_with("::warning file=")), "{gh}");
    let sarif = unglue()
        .args(["check", "--format", "sarif", SEED])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn compressed_inputs_and_outputs() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\":1,\"text\":\"officialto Moscow\"}\n")
        .unwrap();
    let input = tmp("in.jsonl.gz", &gz.finish().unwrap());
    let output = input.with_file_name("out.jsonl.zst");
    unglue()
        .args(["clean", "--input-format", "jsonl", "--select", "glue", "-o"])
        .args([&output, &input])
        .assert()
        .success();
    let raw = fs::read(&output).unwrap();
    assert_eq!(&raw[..4], &[0x28, 0xB5, 0x2F, 0xFD], "zstd magic");
    let text = zstd::decode_all(&raw[..]).unwrap();
    assert_eq!(text, b"{\"id\":1,\"text\":\"official to Moscow\"}\n");
}

/// A truncated shard is an error, but the records before the break are
/// still cleaned and written.
#[test]
fn truncated_gzip_keeps_the_records_read_before_the_break() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2_000 {
        writeln!(
            gz,
            "{{\"id\":{i},\"text\":\"officialto Moscow number {i}\"}}"
        )
        .unwrap();
    }
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() - 40);
    let input = tmp("cut.jsonl.gz", &bytes);
    let out = unglue()
        .args(["clean", "--input-format", "jsonl", "--select", "glue"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a read error is an error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut.jsonl.gz"));
    let text = String::from_utf8(out.stdout).unwrap();
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 1_500, "{} records written", records.len());
    assert_eq!(records[0]["text"], "official to Moscow number 0");
}

#[test]
fn report_field_adds_each_records_fixes() {
    let path = tmp(
        "rf.jsonl",
        b"{\"id\":1,\"text\":\"officialto Moscow\"}\n{\"id\":2,\"text\":\"clean\"}\n",
    );
    let out = unglue()
        .args([
            "clean",
            "--input-format",
            "jsonl",
            "--select",
            "glue",
            "--report-field",
            "fixes",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["fixes"][0]["rule"], "glue.split-word");
    assert_eq!(lines[0]["fixes"][0]["before"], "officialto");
    assert_eq!(lines[1]["fixes"], serde_json::json!([]));
}

/// Cleaning its own output again: the old report is replaced, the record
/// stays valid JSON. A report named like the text field is refused.
#[test]
fn report_field_replaces_an_earlier_report() {
    let path = tmp(
        "rf2.jsonl",
        b"{\"fixes\":[1],\"text\":\"officialto Moscow\"}\n",
    );
    let out = unglue()
        .args([
            "clean",
            "--input-format",
            "jsonl",
            "--report-field",
            "fixes",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["fixes"][0]["before"], "officialto");
    let out = unglue()
        .args(["clean", "--input-format", "jsonl", "--report-field", "text"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn directories_are_walked_with_globs() {
    let dir = std::env::temp_dir().join(format!("unglue-walk-{}", std::process::id()));
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::write(dir.join("a.txt"), "officialto\n").unwrap();
    fs::write(dir.join("sub/b.txt"), "Kyiv and Kyivin\n").unwrap();
    fs::write(dir.join("skip.md"), "thisone isnot read\n").unwrap();
    let out = unglue()
        .args([
            "check",
            "--select",
            "glue",
            "--format",
            "json",
            "--include",
            "*.txt",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.txt"),
        "{paths:?}"
    );
    assert_eq!(v["summary"]["rules"]["glue.split-word"]["fixes"], 2);
}

/// A text of more than 8 MB: paragraphs with a glued word and curly quotes.
fn long_text() -> String {
    let paragraph = "The council said on Monday that \u{201C}the talks\u{201D}would resume \
                     inthe city after the holiday, officials said.\n\n";
    paragraph.repeat((9 << 20) / paragraph.len())
}

/// Files past the size cleaned whole are streamed in segments: the output is
/// clean, and the report's fixes still replay to it from the input.
#[test]
fn a_long_text_file_is_streamed_and_its_report_replays() {
    let input = long_text();
    let path = tmp("long.txt", input.as_bytes());
    let report = tmp("long-report.json", b"");
    let out = unglue()
        .args(["clean", "--format", "json", "--report"])
        .arg(&report)
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("inthe") && !text.contains('\u{201C}'));
    assert!(text.ends_with("said.\n") && !text.ends_with("\n\n"));
    let v: Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let fixes = v["files"][0]["fixes"].as_array().unwrap();
    let (mut replayed, mut pos, mut line, mut counted) = (String::new(), 0, 1, 0);
    for f in fixes {
        let s = f["byte_start"].as_u64().unwrap() as usize;
        let e = f["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(&input[s..e], f["before"].as_str().unwrap());
        line += input[counted..s].matches('\n').count();
        counted = s;
        assert_eq!(f["line"].as_u64().unwrap() as usize, line);
        replayed.push_str(&input[pos..s]);
        replayed.push_str(f["after"].as_str().unwrap());
        pos = e;
    }
    replayed.push_str(&input[pos..]);
    assert!(replayed == text, "the report does not replay to the output");
}

/// A record of more than 8 MB is spilled to disk and streamed: its other
/// fields are kept, its fixes reported; a broken one is copied unchanged.
#[test]
fn long_jsonl_records_are_streamed_and_broken_ones_copied() {
    let text = long_text();
    let good = serde_json::json!({"id": 7, "text": text, "tags": ["a", {"b": 1.5}]}).to_string();
    let broken = format!(
        "{{\"id\": 8, \"text\": {}, \"x\": tru}}",
        Value::from(text.as_str())
    );
    let input = format!("{good}\n{{\"text\":\"inthe end\"}}\n{broken}\n{{\"text\":\"ok\"}}\n");
    let path = tmp("long.jsonl", input.as_bytes());
    let out = unglue()
        .args(["clean", "--input-format", "jsonl", "--report-field", "fx"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("long.jsonl:3: bad record, copied unchanged"),
        "{stderr}"
    );
    let lines: Vec<&[u8]> = out.stdout.split(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), 5, "four records and the final newline");
    let first: Value = serde_json::from_slice(lines[0]).unwrap();
    assert_eq!(first["id"], 7);
    assert_eq!(first["tags"], serde_json::json!(["a", {"b": 1.5}]));
    let cleaned = first["text"].as_str().unwrap();
    assert!(!cleaned.contains("inthe") && cleaned.ends_with("said.\n"));
    let fixes = first["fx"].as_array().unwrap();
    assert!(fixes.iter().any(|f| f["before"] == "inthe"));
    let last = &fixes[fixes.len() - 1];
    let end = last["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &text[last["start"].as_u64().unwrap() as usize..end],
        last["before"]
    );
    let second: Value = serde_json::from_slice(lines[1]).unwrap();
    assert_eq!(second["text"], "in the end\n");
    assert_eq!(lines[2], broken.as_bytes());
    let fourth: Value = serde_json::from_slice(lines[3]).unwrap();
    assert_eq!(fourth["text"], "ok\n");
}
