//! The TOML shape of a rule pack. Fields that later checks may refuse are
//! kept `Spanned`, so every refusal points at file:line:column.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Reason, RuleError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    pub(crate) pack: PackHeader,
    #[serde(default)]
    pub(crate) settings: Settings,
    #[serde(default)]
    pub(crate) words: Words,
    #[serde(default, rename = "rule")]
    pub(crate) rules: Vec<RuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackHeader {
    pub(crate) name: String,
    /// Documentation for readers of the pack; `rules list` shows rules, not packs.
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) description: String,
    /// Built-in profiles this pack belongs to (built-in packs only).
    #[serde(default)]
    pub(crate) profiles: Vec<String>,
    /// Built-in packs to load with this one, whatever the profile.
    #[serde(default)]
    pub(crate) extends: Vec<Spanned<String>>,
    /// Rule ids or id prefixes to switch off.
    #[serde(default)]
    pub(crate) disable: Vec<String>,
}

/// Tunables shared by the rules of a phase. A later pack overrides an earlier one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// A line with at least this many letters and digits that ends like a
    /// sentence is content (letters, not words: later phases split words).
    pub(crate) core_min_letters: Option<usize>,
    /// The core holds at least this many letters of sentence-like lines...
    pub(crate) core_min_total: Option<usize>,
    /// ...and at least this share of all of them, or the page has no core.
    pub(crate) core_min_share: Option<f64>,
    /// A core fewer of whose lines are sentences than this share is sparse...
    pub(crate) core_dense_share: Option<f64>,
    /// ...and above it `head` rules drop only lines of at most this many words.
    pub(crate) sparse_head_max_words: Option<usize>,
    /// What a non-content line costs the content core, beyond its letters.
    pub(crate) short_line_cost: Option<usize>,
    /// The chrome phase may remove at most this share of a document's words.
    pub(crate) chrome_cap: Option<f64>,
    /// `anywhere` rules only drop lines with at most this many words.
    pub(crate) anywhere_max_words: Option<usize>,
    /// A `tail` cut-after marker inside the core ends the article when the
    /// core holds at least this many sentence letters above it...
    pub(crate) cut_core_min_letters: Option<usize>,
    /// ...and at most this share of the sentence lines after it stand next
    /// to another (a list or a thread follows, not paragraphs).
    pub(crate) cut_core_max_paragraphs: Option<f64>,
    /// On a page with no core, a `tail` cut-after marker ends the article
    /// under the same conditions when at least this share of the page's
    /// sentence letters stand above it.
    pub(crate) cut_page_min_share: Option<f64>,
    /// A tail marker ends the article from inside the core, or on a page
    /// with no core, only on a line of at most this many words (a label:
    /// `34 responses to "Title"`, not a sentence).
    pub(crate) cut_marker_max_words: Option<usize>,
    /// ...and, for a rule with a `thread` pattern, ends it whatever follows
    /// when at least this many short lines after it match that pattern.
    pub(crate) cut_thread_min_lines: Option<usize>,
    /// A line with at least this many letters and digits may be a repeat...
    pub(crate) repeat_min_letters: Option<usize>,
    /// ...when at least this share of its text stands in the lines above it.
    pub(crate) repeat_min_share: Option<f64>,
    /// A lexicon count at or above which a word is strong enough to be a split part.
    pub(crate) strong_count: Option<u64>,
    /// Beside a function word, a lexicon word this common is strong enough.
    pub(crate) weak_count: Option<u64>,
    /// A token at or above this lexicon count is a word and never a glue candidate.
    pub(crate) known_count: Option<u64>,
}

/// Words that adjust the glue lexicon.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    /// Words accepted as known and as split parts (names, jargon).
    #[serde(default)]
    pub(crate) allow: Vec<String>,
    /// Tokens that are never split.
    #[serde(default)]
    pub(crate) never_split: Vec<String>,
    /// The closed class of function words a split may produce.
    #[serde(default)]
    pub(crate) function: Vec<String>,
    /// Bound prefixes: a split part only before a function word.
    #[serde(default)]
    pub(crate) prefixes: Vec<String>,
    /// Bound suffixes: never a split part.
    #[serde(default)]
    pub(crate) suffixes: Vec<String>,
    /// Compound heads (`-long`, `-making`, `-land`): a split part only beside a
    /// function word, never after another content word.
    #[serde(default)]
    pub(crate) heads: Vec<String>,
    /// Two-letter function words that may head a capitalised token
    /// (`Ingeneral`) before a long common word.
    #[serde(default)]
    pub(crate) heads_2: Vec<String>,
    /// Words that start a sentence run into the one before (`resultsThe`).
    #[serde(default)]
    pub(crate) sentence_heads: Vec<String>,
    /// Function words a two-letter head may take (`Inthe`).
    #[serde(default)]
    pub(crate) tails_2: Vec<String>,
    /// Function words a capitalised common word may take (`Openthe`).
    #[serde(default)]
    pub(crate) bare_tails: Vec<String>,
    /// Function words that may follow an inflected capitalised word
    /// (`Dozensof`) because no common name ends in them.
    #[serde(default)]
    pub(crate) name_safe_tails: Vec<String>,
    /// Function words that also end names (`on`: Juston): never the tail
    /// of a capitalised token split after a function word.
    #[serde(default)]
    pub(crate) name_endings: Vec<String>,
    /// Function words that also begin names (`May`: Mayfield, `All`:
    /// Allcock): never the head of a capitalised token.
    #[serde(default)]
    pub(crate) name_heads: Vec<String>,
    /// Function words that begin brands and identifiers in camel case
    /// (`mySimon`, `isVisible`): no capitalised word splits off after one.
    #[serde(default)]
    pub(crate) camel_heads: Vec<String>,
    /// Function words that end names after a word of the document
    /// (`us`: Markus): never split off a capitalised token.
    #[serde(default)]
    pub(crate) name_tails: Vec<String>,
    /// Verb particles: after a bare content word they form a compound noun.
    #[serde(default)]
    pub(crate) particles: Vec<String>,
    /// Words that open a noun phrase (numbers, `last`, `own`): a content
    /// word glued after one is a phrase however short (`lastyear`).
    #[serde(default)]
    pub(crate) determiners: Vec<String>,
    /// Function words of a language without a lexicon that may be split off
    /// the front of a token whose rest the document uses (`для` + `выпечки`).
    #[serde(default)]
    pub(crate) doc_heads: Vec<String>,
    /// The same, off the end of a token (`хватит` + `на`).
    #[serde(default)]
    pub(crate) doc_tails: Vec<String>,
    /// Heads that also begin compounds (`все`): split off only a word the
    /// document uses, never a word of the dictionary alone.
    #[serde(default)]
    pub(crate) doc_compound_heads: Vec<String>,
    /// Prepositions split off a lower-case token whose rest is a form of
    /// the dictionary and not a verb's (`в` + `середине`), never a prefix
    /// (`вмешайте`, `досолить`).
    #[serde(default)]
    pub(crate) dictionary_heads: Vec<String>,
    /// Negations split off a lower-case token whose rest is a form of the
    /// dictionary in a tense (`не` + `нравятся`; not `нежареных`).
    #[serde(default)]
    pub(crate) negation_heads: Vec<String>,
    /// Common German words that also begin compounds (`auf`, `mit`:
    /// Aufgabe, Mitarbeiter): never a split's head.
    #[serde(default)]
    pub(crate) german_compound_heads: Vec<String>,
    /// Units and magnitudes some styles write glued to a number (`60fps`,
    /// `£38million`): split off one only where the document writes them
    /// apart too.
    #[serde(default)]
    pub(crate) number_words: Vec<String>,
    /// Words of another language that are also its endings, clitics or
    /// suffixes, as `LANG:word` (`de:den`, `es:los`, `it:mente`): never
    /// split off the end of a token.
    #[serde(default)]
    pub(crate) foreign_endings: Vec<String>,
    /// Articles and prepositions of other languages that are also prefixes,
    /// as `LANG:word` (`es:en`, `it:con`): split off only a common word.
    #[serde(default)]
    pub(crate) foreign_prefixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub(crate) id: Spanned<String>,
    pub(crate) kind: Spanned<String>,
    pub(crate) why: String,
    pub(crate) pattern: Option<Spanned<String>>,
    pub(crate) replacement: Option<String>,
    pub(crate) zone: Option<Spanned<String>>,
    pub(crate) map: Option<Spanned<BTreeMap<String, String>>>,
    pub(crate) form: Option<Spanned<String>>,
    /// cut-after: what post headers of a thread after the marker hold.
    pub(crate) thread: Option<Spanned<String>>,
    /// drop-line: leave sentence-like lines alone.
    #[serde(default)]
    pub(crate) keep_sentences: bool,
    /// drop-line: drop only runs of at least this many matching lines.
    pub(crate) min_run: Option<Spanned<usize>>,
    /// drop-line in zone `anywhere`: the longest line (in words) it acts on.
    pub(crate) max_words: Option<Spanned<usize>>,
    /// Off unless selected by its full id.
    #[serde(default)]
    pub(crate) opt_in: bool,
    #[serde(default)]
    pub(crate) examples: Vec<Example>,
}

/// A text the rule must change (`output` differs) or leave alone (`output` equal).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub input: String,
    pub output: String,
}

impl PackFile {
    pub(crate) fn parse(path: &str, source: &str) -> Result<PackFile, Box<RuleError>> {
        toml::from_str(source).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            RuleError::new(
                path,
                source,
                span,
                None,
                Reason::Toml(e.message().to_string()),
            )
        })
    }
}
