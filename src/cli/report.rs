//! Reports: what changed, per document, in the formats scripts and CI read.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};
use unglue::{Fix, Meta, Rule};

use super::args::Format;

/// The fixes of one document: a text file, or one JSONL record of a file.
pub(crate) struct DocReport {
    pub(crate) path: String,
    /// 1-based line of the record, in JSONL mode.
    pub(crate) record: Option<usize>,
    pub(crate) fixes: Vec<Fix>,
    pub(crate) meta: Meta,
}

impl DocReport {
    fn location(&self) -> String {
        match self.record {
            Some(n) => format!("{}#{n}", self.path),
            None => self.path.clone(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct RuleStats {
    pub(crate) fixes: usize,
    pub(crate) docs: usize,
    pub(crate) chars_removed: usize,
}

/// Counts over a whole run.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    pub(crate) files: usize,
    pub(crate) docs: usize,
    pub(crate) docs_changed: usize,
    pub(crate) fixes: usize,
    pub(crate) bad_records: usize,
    pub(crate) errors: usize,
    pub(crate) by_rule: BTreeMap<String, RuleStats>,
}

/// What one document has added to the statistics so far; the document's
/// fixes need not be held (a streamed text hands them over one by one).
#[derive(Default)]
pub(crate) struct DocTally {
    fixes: usize,
    rules: Vec<std::sync::Arc<str>>,
}

impl Stats {
    pub(crate) fn add(&mut self, fixes: &[Fix]) {
        let mut doc = DocTally::default();
        for f in fixes {
            self.fix(f, &mut doc);
        }
        self.end_doc(doc);
    }

    /// Counts one fix of the document being tallied.
    pub(crate) fn fix(&mut self, f: &Fix, doc: &mut DocTally) {
        let s = self.by_rule.entry(f.rule.to_string()).or_default();
        s.fixes += 1;
        let (b, a) = (f.before.chars().count(), f.after.chars().count());
        s.chars_removed += b.saturating_sub(a);
        if !doc.rules.contains(&f.rule) {
            doc.rules.push(f.rule.clone());
            s.docs += 1;
        }
        doc.fixes += 1;
    }

    pub(crate) fn end_doc(&mut self, doc: DocTally) {
        self.docs += 1;
        self.fixes += doc.fixes;
        if doc.fixes > 0 {
            self.docs_changed += 1;
        }
    }

    fn summary_json(&self) -> Value {
        let by_rule: serde_json::Map<String, Value> = self
            .by_rule
            .iter()
            .map(|(k, v)| (k.clone(), json!(v.fixes)))
            .collect();
        let rules: serde_json::Map<String, Value> = self
            .by_rule
            .iter()
            .map(|(k, v)| {
                let stats = json!({ "fixes": v.fixes, "documents": v.docs, "chars_removed": v.chars_removed });
                (k.clone(), stats)
            })
            .collect();
        json!({
            "files": self.files,
            "documents": self.docs,
            "rules": rules,
            "documents_changed": self.docs_changed,
            "fixes": self.fixes,
            "bad_records": self.bad_records,
            "by_rule": by_rule,
        })
    }

    /// The `--statistics` table.
    pub(crate) fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{:<32} {:>9} {:>9} {:>12}",
            "rule", "fixes", "docs", "chars-removed"
        )?;
        for (rule, s) in &self.by_rule {
            writeln!(
                out,
                "{rule:<32} {:>9} {:>9} {:>12}",
                s.fixes, s.docs, s.chars_removed
            )?;
        }
        writeln!(
            out,
            "{} fixes in {} of {} documents ({} files); {} bad records",
            self.fixes, self.docs_changed, self.docs, self.files, self.bad_records
        )
    }
}

fn fix_json(f: &Fix) -> Value {
    json!({
        "rule": &*f.rule,
        "line": f.line,
        "col": f.col,
        "byte_start": f.byte_start,
        "byte_end": f.byte_end,
        "before": f.before,
        "after": f.after,
    })
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings always serialise")
}

/// GitHub workflow commands need `%`, CR and LF escaped.
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

pub(crate) fn write(
    format: Format,
    docs: &[DocReport],
    stats: &Stats,
    rules: &[Rule],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => {
            for d in docs {
                for f in &d.fixes {
                    writeln!(
                        out,
                        "{}:{}:{} {} {} -> {}",
                        d.location(),
                        f.line,
                        f.col,
                        f.rule,
                        quoted(&f.before),
                        quoted(&f.after)
                    )?;
                }
                for (k, v) in &d.meta {
                    writeln!(out, "{}: meta {k} = {}", d.location(), quoted(v))?;
                }
            }
            writeln!(
                out,
                "{} fixes in {} of {} documents",
                stats.fixes, stats.docs_changed, stats.docs
            )
        }
        Format::Json => {
            let files: Vec<Value> = docs
                .iter()
                .map(|d| {
                    let mut v = json!({
                        "path": d.path,
                        "fixes": d.fixes.iter().map(fix_json).collect::<Vec<_>>(),
                        "meta": d.meta,
                    });
                    if let Some(n) = d.record {
                        v["record"] = json!(n);
                    }
                    v
                })
                .collect();
            let doc = json!({ "files": files, "summary": stats.summary_json() });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).expect("json values serialise")
            )
        }
        Format::Jsonl => {
            for d in docs {
                for f in &d.fixes {
                    let mut v = fix_json(f);
                    v["path"] = json!(d.path);
                    if let Some(n) = d.record {
                        v["record"] = json!(n);
                    }
                    writeln!(out, "{v}")?;
                }
                if !d.meta.is_empty() {
                    writeln!(
                        out,
                        "{}",
                        json!({ "path": d.path, "record": d.record, "meta": d.meta })
                    )?;
                }
            }
            writeln!(out, "{}", json!({ "summary": stats.summary_json() }))
        }
        Format::Github => {
            for d in docs {
                for f in &d.fixes {
                    writeln!(
                        out,
                        "::warning file={},line={},col={},title={}::{}",
                        gh_escape(&d.path, true),
                        f.line,
                        f.col,
                        gh_escape(&f.rule, true),
                        gh_escape(
                            &format!("{} -> {}", quoted(&f.before), quoted(&f.after)),
                            false
                        )
                    )?;
                }
            }
            Ok(())
        }
        Format::Sarif => {
            let used: Vec<&Rule> = rules
                .iter()
                .filter(|r| stats.by_rule.contains_key(r.id()))
                .collect();
            let index: BTreeMap<&str, usize> =
                used.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
            let results: Vec<Value> = docs
                .iter()
                .flat_map(|d| d.fixes.iter().map(move |f| (d, f)))
                .map(|(d, f)| {
                    json!({
                        "ruleId": &*f.rule,
                        "ruleIndex": index.get(&*f.rule),
                        "level": "warning",
                        "message": { "text": format!("{} -> {}", quoted(&f.before), quoted(&f.after)) },
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": { "uri": d.path },
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.col,
                                    "byteOffset": f.byte_start,
                                    "byteLength": f.byte_end - f.byte_start,
                                },
                            },
                        }],
                    })
                })
                .collect();
            let doc = json!({
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0",
                "runs": [{
                    "tool": { "driver": {
                        "name": "unglue",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": used.iter().map(|r| json!({
                            "id": r.id(),
                            "shortDescription": { "text": r.why() },
                        })).collect::<Vec<_>>(),
                    }},
                    "results": results,
                }],
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).expect("json values serialise")
            )
        }
    }
}
