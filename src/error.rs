//! Errors with the context a user needs to fix them: the file, the line and
//! column, the rule id and the reason.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Anything that stops a `Cleaner` from being built or a file from being read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule pack was refused.
    #[error(transparent)]
    Rule(#[from] Box<RuleError>),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A profile name that no built-in pack declares.
    #[error("unknown profile `{0}` (known: {1})")]
    UnknownProfile(String, String),
    /// A `--select` or `--ignore` prefix that names no loaded rule.
    #[error("`{0}` matches no rule (see `unglue rules list`)")]
    NoSuchRule(String),
    /// A pack extends a pack that is not built in.
    #[error("{path}: pack `{pack}` extends unknown pack `{extends}`")]
    UnknownPack {
        path: String,
        pack: String,
        extends: String,
    },
}

/// Why a rule pack was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The TOML itself, or its shape (unknown field, wrong type), is wrong.
    Toml(String),
    /// A `pattern` that does not compile.
    BadRegex(String),
    /// Two rules share an id.
    DuplicateId,
    /// A `kind` that is not one of the known kinds.
    UnknownKind(String),
    /// A kind that does not belong to the phase the id names.
    WrongPhase { kind: String, phase: String },
    /// An id whose first segment is not a phase name.
    BadId,
    /// A rule without examples.
    MissingExample,
    /// A field the kind needs is absent.
    MissingField(&'static str),
    /// A field has a value the kind does not accept.
    BadValue(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Toml(msg) => write!(f, "{msg}"),
            Reason::BadRegex(msg) => write!(f, "bad regex: {msg}"),
            Reason::DuplicateId => write!(f, "duplicate rule id"),
            Reason::UnknownKind(k) => write!(
                f,
                "unknown kind `{k}` (known: {})",
                crate::rules::KIND_NAMES.join(", ")
            ),
            Reason::WrongPhase { kind, phase } => {
                write!(f, "kind `{kind}` does not run in the `{phase}` phase")
            }
            Reason::BadId => write!(
                f,
                "rule id must start with a phase name (repair, unicode, chrome, glue, punct, layout) and a dot"
            ),
            Reason::MissingExample => write!(
                f,
                "rule has no examples: give at least one text it changes and one look-alike it keeps"
            ),
            Reason::MissingField(name) => write!(f, "missing field `{name}`"),
            Reason::BadValue(msg) => write!(f, "{msg}"),
        }
    }
}

/// A refused rule pack, located in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The pack's path (`builtin:NAME` for embedded packs).
    pub path: String,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column (in characters) of the offending text.
    pub column: usize,
    /// The rule's id, when the error belongs to one rule.
    pub rule: Option<String>,
    pub reason: Reason,
    /// The source excerpt with the offending span underlined.
    pub snippet: String,
}

impl RuleError {
    pub(crate) fn new(
        path: &str,
        source: &str,
        span: std::ops::Range<usize>,
        rule: Option<&str>,
        reason: Reason,
    ) -> Box<RuleError> {
        let span = span.start.min(source.len())..span.end.min(source.len());
        let (line, column) = line_col(source, span.start);
        let title = match rule {
            Some(id) => format!("rule `{id}`: {reason}"),
            None => reason.to_string(),
        };
        let snippet = {
            use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
            let label = reason.to_string();
            let report = &[Level::ERROR.primary_title(&title).element(
                Snippet::source(source)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span.clone()).label(&label)),
            )];
            Renderer::plain().render(report).to_string()
        };
        Box::new(RuleError {
            path: path.to_string(),
            line,
            column,
            rule: rule.map(str::to_string),
            reason,
            snippet,
        })
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if let Some(id) = &self.rule {
            write!(f, "rule `{id}`: ")?;
        }
        write!(f, "{}", self.reason)
    }
}

impl std::error::Error for RuleError {}

/// 1-based line and character column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}
