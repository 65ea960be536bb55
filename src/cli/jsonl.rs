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

/// The fixes of a record as JSON, for `--report-field`: byte offsets into
/// the field's text.
fn fixes_json(fixes: &[Fix]) -> String {
    let list: Vec<serde_json::Value> = fixes
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": &*f.rule, "start": f.byte_start, "end": f.byte_end,
                "line": f.line, "col": f.col, "before": f.before, "after": f.after,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
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
    let text: String = match serde_json::from_str(raw_value.get()) {
        Ok(t) => t,
        Err(_) => return Outcome::Bad(format!("field `{field}` is not a string")),
    };
    let cleaned = cleaner.clean(&text);
    if cleaned.fixes.is_empty() && report_field.is_none() {
        return Outcome::Record {
            line: None,
            fixes: Vec::new(),
            meta: cleaned.meta,
        };
    }
    let mut out = String::with_capacity(line.len() + 64);
    out.push('{');
    for (i, (k, v)) in obj.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).expect("strings serialise"));
        out.push(':');
        if k == field {
            out.push_str(&serde_json::to_string(&*cleaned.text).expect("strings serialise"));
        } else if Some(k.as_str()) == report_field {
            continue;
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
        out.push_str(&fixes_json(&cleaned.fixes));
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
    fn bad_lines_say_why() {
        let c = cleaner();
        let reason = |l: &[u8]| match clean_line(&c, l, "text", None) {
            Outcome::Bad(r) => r,
            _ => panic!("expected a bad line"),
        };
        assert!(reason(b"{\"text\": ").starts_with("not a JSON object"));
        assert_eq!(reason(b"{\"body\": \"x\"}"), "no field `text`");
        assert_eq!(reason(b"{\"text\": 3}"), "field `text` is not a string");
        assert!(reason(b"[1, 2]").starts_with("not a JSON object"));
        assert!(reason(b"{\"text\": \"\xff\"}").starts_with("invalid UTF-8"));
    }
}
