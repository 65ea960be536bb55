//! unglue cleans scraped text: it strips site chrome, repairs glued words,
//! normalises quotes and Unicode, and reports every change it makes with its
//! span in the original input.
//!
//! ```
//! let cleaner = unglue::Cleaner::new().unwrap();
//! let out = cleaner.clean("He said \u{201C}hello\u{201D}to them.");
//! assert_eq!(out.text, "He said \"hello\" to them.\n");
//! assert_eq!(unglue::Cleaned::replay("He said \u{201C}hello\u{201D}to them.", &out.fixes), out.text);
//! ```

mod cleaner;
mod edit;
mod error;
mod fingerprint;
mod lexicon;
mod phase;
mod phases;
mod rules;
mod selftest;
mod stream;

pub use crate::cleaner::{Cleaned, Cleaner, CleanerBuilder, Fix, Meta};
pub use crate::error::{Error, Reason, RuleError};
pub use crate::phase::Phase;
pub use crate::rules::{Example, Rule};
pub use crate::selftest::{ExampleFailure, ExampleReport};
pub use crate::stream::{Stream, Streamed};

/// The built-in profiles.
pub fn profiles() -> Vec<String> {
    rules::profile_names()
}
