//! JSONL records: the named field is cleaned in place, every other field is
//! copied byte for byte, and a bad line is copied unchanged and reported.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use unglue::{Cleaner, Fix, Meta};

/// A JSON object's members with their values left as raw text.
struct RawObject<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    members.push((k, v));
                }
                Ok(RawObject(members))
            }
        }
        d.deserialize_map(V)
    }
}

/// What became of one line.
pub(crate) enum Outcome {
    /// The field was cleaned; `line` is `None` when nothing changed.
    Record {
        line: Option<String>,
        fixes: Vec<Fix>,
        meta: Meta,
    },
    /// Not a record; the line is copied unchanged.
    Bad(String),
    /// A blank line, copied unchanged.
    Blank,
}

/// A JSON string literal with every `\\uD800`-`\\uDFFF` escape that is not
/// half of a valid pair replaced by `\\uFFFD`, and how many there were.
fn replace_lone_surrogates(raw: &str) -> (String, usize) {
    let hex = |s: &str| u16::from_str_radix(s, 16).ok();
    let escape_at = |i: usize| -> Option<u16> {
        raw.get(i..i + 2)
            .filter(|p| *p == "\\u")
            .and_then(|_| raw.get(i + 2..i + 6))
            .and_then(hex)
    };
    let (mut out, mut n, mut i) = (String::with_capacity(raw.len()), 0, 0);
    while i < raw.len() {
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        if c != '\\' {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        match escape_at(i) {
            Some(0xD800..=0xDBFF) if matches!(escape_at(i + 6), Some(0xDC00..=0xDFFF)) => {
                out.push_str(&raw[i..i + 12]);
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\uFFFD");
                n += 1;
                i += 6;
            }
            _ => {
                // Any other escape is copied whole (`\\\\` must not start a `\\u`).
                let len = raw[i + 1..].chars().next().map_or(1, |e| 1 + e.len_utf8());
                out.push_str(&raw[i..i + len]);
                i += len;
            }
        }
    }
    (out, n)
}

/// The fixes of a record as JSON, for `--report-field`: byte offsets into
/// the field's text.
pub(crate) fn fixes_json(fixes: &[Fix]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = fixes
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": &*f.rule, "start": f.byte_start, "end": f.byte_end,
                "line": f.line, "col": f.col, "before": f.before, "after": f.after,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

pub(crate) fn clean_line(
    cleaner: &Cleaner,
    raw: &[u8],
    field: &str,
    report_field: Option<&str>,
) -> Outcome {
    let Ok(line) = std::str::from_utf8(raw) else {
        let at = std::str::from_utf8(raw)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Outcome::Bad(format!("invalid UTF-8 at byte {at} of the line"));
    };
    let line = line.trim_end_matches(['\n', '\r']);
    if line.trim().is_empty() {
        return Outcome::Blank;
    }
    let obj: RawObject<'_> = match serde_json::from_str(line) {
        Ok(o) => o,
        Err(e) => return Outcome::Bad(format!("not a JSON object: {e}")),
    };
    let Some((_, raw_value)) = obj.0.iter().find(|(k, _)| k == field) else {
        return Outcome::Bad(format!("no field `{field}`"));
    };
    if !raw_value.get().starts_with('"') {
        return Outcome::Bad(format!("field `{field}` is not a string"));
    }
    // A lone surrogate escape (`\ud800`) is not text; JSON written by other
    // tools carries them. They become U+FFFD, counted in the record's meta.
    let (text, surrogates): (String, usize) = match serde_json::from_str(raw_value.get()) {
        Ok(t) => (t, 0),
        Err(_) => {
            let (fixed, n) = replace_lone_surrogates(raw_value.get());
            match serde_json::from_str(&fixed) {
                Ok(t) if n > 0 => (t, n),
                _ => return Outcome::Bad(format!("field `{field}` is not a valid JSON string")),
            }
        }
    };
    let mut cleaned = cleaner.clean(&text);
    if surrogates > 0 {
        cleaned.meta.insert(
            "repair.surrogates".to_string(),
            format!("{surrogates} lone surrogate escapes read as U+FFFD"),
        );
    }
    if cleaned.fixes.is_empty() && report_field.is_none() && surrogates == 0 {
        return Outcome::Record {
            line: None,
            fixes: Vec::new(),
            meta: cleaned.meta,
        };
    }
    let mut out = String::with_capacity(line.len() + 64);
    out.push('{');
    // The first member named `field` gets the cleaned text (a repeated name
    // keeps its own value, as in a long record); a member named like the
    // report is replaced by it.
    let mut first = true;
    for (k, v) in &obj.0 {
        if Some(k.as_str()) == report_field {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).expect("strings serialise"));
        out.push(':');
        if k == field && first {
            out.push_str(&serde_json::to_string(&*cleaned.text).expect("strings serialise"));
            first = false;
        } else {
            out.push_str(v.get());
        }
    }
    if let Some(name) = report_field {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(name).expect("strings serialise"));
        out.push(':');
        out.push_str(&fixes_json(&cleaned.fixes).to_string());
    }
    out.push('}');
    Outcome::Record {
        line: Some(out),
        fixes: cleaned.fixes,
        meta: cleaned.meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> Cleaner {
        Cleaner::new().unwrap()
    }

    #[test]
    fn other_fields_are_copied_verbatim() {
        let line = br#"{"id": 1.50, "text": "It\u2019s here", "tags": [1, {"a": "b"}]}"#;
        let Outcome::Record {
            line: Some(out),
            fixes,
            ..
        } = clean_line(&cleaner(), line, "text", None)
        else {
            panic!("expected a changed record");
        };
        assert_eq!(
            out,
            r#"{"id":1.50,"text":"It's here\n","tags":[1, {"a": "b"}]}"#
        );
        assert_eq!(fixes.len(), 2);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let line = br#"{"text": "a\ud800b \ud83d\ude00 c\\ud800 \udc00"}"#;
        let Outcome::Record {
            line: Some(out),
            meta,
            ..
        } = clean_line(&cleaner(), line, "text", None)
        else {
            panic!("expected a changed record");
        };
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["text"], "a\u{FFFD}b \u{1F600} c\\ud800 \u{FFFD}\n");
        assert_eq!(
            meta["repair.surrogates"],
            "2 lone surrogate escapes read as U+FFFD"
        );
    }

    #[test]
    fn a_report_member_already_there_is_replaced() {
        let line = br#"{"fx": [1], "text": "a  b", "id": 2}"#;
        let Outcome::Record {
            line: Some(out), ..
        } = clean_line(&cleaner(), line, "text", Some("fx"))
        else {
            panic!("expected a record");
        };
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["text"], "a b\n");
        assert_eq!(v["id"], 2);
        assert_eq!(v["fx"].as_array().unwrap().len(), 2);
    }

    /// Only the first member of a repeated name is cleaned; the others keep
    /// their values, as a long record's do.
    #[test]
    fn a_repeated_field_keeps_its_later_values() {
        let line = br#"{"text": "a  b", "text": "c  d"}"#;
        let Outcome::Record {
            line: Some(out), ..
        } = clean_line(&cleaner(), line, "text", None)
        else {
            panic!("expected a record");
        };
        assert_eq!(out, r#"{"text":"a b\n","text":"c  d"}"#);
    }

    #[test]
    fn bad_lines_say_why() {
        let c = cleaner();
        let reason = |l: &[u8]| match clean_line(&c, l, "text", None) {
            Outcome::Bad(r) => r,
            _ => panic!("expected a bad line"),
        };
        assert!(reason(b"{\"text\": ").starts_with("not a JSON object"));
        assert_eq!(reason(b"{\"body\": \"x\"}"), "no field `text`");
        assert_eq!(reason(b"{\"text\": 3}"), "field `text` is not a string");
        assert!(reason(b"{\"text\": \"a\\qb\"}").starts_with("not a JSON object"));
        assert!(reason(b"[1, 2]").starts_with("not a JSON object"));
        assert!(reason(b"{\"text\": \"\xff\"}").starts_with("invalid UTF-8"));
    }
}
