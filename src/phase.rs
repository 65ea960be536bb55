//! The six phases, in the fixed order they run.

use std::fmt;

/// A phase of the pipeline. Every rule belongs to exactly one, named by the
/// first segment of its id (`chrome.comment-prompt` is a chrome rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Mojibake, control characters, line endings, BOM, HTML entities.
    Repair,
    /// Normalisation forms and invisible characters.
    Unicode,
    /// Site chrome: navigation, share and comment prompts, scraper debris.
    Chrome,
    /// Glued words and glued closing quotes.
    Glue,
    /// Quotes, apostrophes and other punctuation maps.
    Punct,
    /// Trailing spaces, runs of blank lines, the final newline.
    Layout,
}

impl Phase {
    /// All phases in the order they run.
    pub const ALL: [Phase; 6] = [
        Phase::Repair,
        Phase::Unicode,
        Phase::Chrome,
        Phase::Glue,
        Phase::Punct,
        Phase::Layout,
    ];

    /// The name used in rule ids and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Repair => "repair",
            Phase::Unicode => "unicode",
            Phase::Chrome => "chrome",
            Phase::Glue => "glue",
            Phase::Punct => "punct",
            Phase::Layout => "layout",
        }
    }

    /// The phase a rule id belongs to, from its first dot-separated segment.
    pub fn of_id(id: &str) -> Option<Phase> {
        let head = id.split('.').next()?;
        Phase::ALL.into_iter().find(|p| p.name() == head)
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
