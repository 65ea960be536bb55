//! Rules: loading packs (built-in and the user's), checking them, and
//! compiling each into a `Rule` whose kind the phases know how to run.

mod builtin;
mod pack;

use std::fmt;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::FxHashSet;

use crate::error::{Error, Reason, RuleError};
use crate::phase::Phase;

pub use self::pack::Example;
use self::pack::{PackFile, RuleDef, Settings, Words};

pub(crate) use self::builtin::{BUILTIN, profile_names};

/// Every rule kind a pack may name.
pub(crate) const KIND_NAMES: &[&str] = &[
    "drop-line",
    "cut-after",
    "drop-repeat",
    "strip-prefix",
    "replace",
    "map",
    "normalize",
    "split-glued",
    "mojibake",
    "c1-controls",
    "html-entities",
];

/// Where in a document a chrome rule may act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Any line, but only short ones (whole-line matches).
    Anywhere,
    /// Before the content core (for `strip-prefix`: the very start of the text).
    Head,
    /// After the content core.
    Tail,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    Nfc,
    Nfkc,
}

/// What a rule does; each kind runs in one phase (`replace` and `map` in any).
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    DropLine {
        re: Regex,
        zone: Zone,
        /// Sentence-like lines are never dropped by this rule.
        keep_sentences: bool,
        /// A matching line is dropped only in a run of at least this many
        /// (blank lines between them aside): a footer's links, not a page
        /// titled `Privacy Policy`.
        min_run: usize,
        /// In zone `anywhere`, the longest line it acts on, in words, if
        /// not the pack's `anywhere_max_words` (a cookie notice is a long
        /// sentence no article writes).
        max_words: Option<usize>,
    },
    CutAfter {
        re: Regex,
        zone: Zone,
        /// What the header lines of a thread's posts hold (a time, `2 days
        /// ago`): enough of them after a marker inside the core show a
        /// thread follows, however long its posts.
        thread: Option<Regex>,
    },
    /// Drops lines that restate the text above them (see `repeats`).
    DropRepeat {
        zone: Zone,
    },
    StripPrefix {
        re: Regex,
        zone: Zone,
    },
    Replace {
        re: Regex,
        replacement: String,
        /// A literal every match contains, when the pattern has one.
        anchor: Option<Box<Anchor>>,
    },
    Map {
        ac: AhoCorasick,
        /// The keys, in the automaton's pattern order.
        from: Vec<String>,
        to: Vec<String>,
        /// When every key is one ASCII byte (control characters): the index
        /// of each byte's replacement, found by a table scan instead.
        bytes: Option<Box<[u8; 128]>>,
    },
    Normalize {
        form: Form,
    },
    SplitGlued,
    Mojibake,
    C1Controls,
    HtmlEntities,
}

impl Kind {
    fn name(&self) -> &'static str {
        match self {
            Kind::DropLine { .. } => "drop-line",
            Kind::CutAfter { .. } => "cut-after",
            Kind::DropRepeat { .. } => "drop-repeat",
            Kind::StripPrefix { .. } => "strip-prefix",
            Kind::Replace { .. } => "replace",
            Kind::Map { .. } => "map",
            Kind::Normalize { .. } => "normalize",
            Kind::SplitGlued => "split-glued",
            Kind::Mojibake => "mojibake",
            Kind::C1Controls => "c1-controls",
            Kind::HtmlEntities => "html-entities",
        }
    }
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub(crate) id: Arc<str>,
    pub(crate) phase: Phase,
    pub(crate) kind: Kind,
    why: String,
    pack: String,
    source: String,
    opt_in: bool,
    examples: Vec<Example>,
}

impl Rule {
    /// The stable, namespaced id (`chrome.comment-prompt`).
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// The kind's name as written in the pack.
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }
    /// Why the rule exists.
    pub fn why(&self) -> &str {
        &self.why
    }
    /// The pack the rule came from.
    pub fn pack(&self) -> &str {
        &self.pack
    }
    /// The file the rule was loaded from (`builtin:NAME` for built-in packs).
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Whether the rule only runs when selected by its full id.
    pub fn opt_in(&self) -> bool {
        self.opt_in
    }
    /// Texts the rule must change and look-alikes it must keep.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }
    /// The rule's pattern, when its kind has one.
    pub fn pattern(&self) -> Option<&str> {
        match &self.kind {
            Kind::DropLine { re, .. }
            | Kind::CutAfter { re, .. }
            | Kind::StripPrefix { re, .. }
            | Kind::Replace { re, .. } => Some(re.as_str()),
            _ => None,
        }
    }
}

/// A literal that every match of a pattern contains, and how many bytes
/// before it a match can start: a text without the literal is passed over
/// with one `memmem` scan, and the pattern runs only near each occurrence.
#[derive(Clone, Debug)]
pub(crate) struct Anchor {
    pub(crate) literal: memchr::memmem::Finder<'static>,
    pub(crate) before: usize,
    /// The longest match, if bounded: a match that holds an occurrence of
    /// the literal ends within this many bytes of it, so the pattern need
    /// not look further when the occurrence is not in a match.
    pub(crate) longest: Option<usize>,
}

impl Anchor {
    /// The longest literal among the pattern's top-level pieces, if the
    /// pieces before it have a bounded length.
    pub(crate) fn of(pattern: &str) -> Option<Anchor> {
        use regex_syntax::hir::HirKind;
        let hir = regex_syntax::parse(pattern).ok()?;
        let mut top = &hir;
        while let HirKind::Capture(c) = top.kind() {
            top = &c.sub;
        }
        let HirKind::Concat(pieces) = top.kind() else {
            return None;
        };
        let (at, literal) = pieces
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p.kind() {
                HirKind::Literal(l) => Some((i, &l.0)),
                _ => None,
            })
            .max_by_key(|(_, l)| l.len())?;
        let before = pieces[..at]
            .iter()
            .map(|p| p.properties().maximum_len())
            .sum::<Option<usize>>()?;
        Some(Anchor {
            literal: memchr::memmem::Finder::new(literal.as_ref()).into_owned(),
            before,
            longest: hir.properties().maximum_len(),
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}", self.id, self.kind.name(), self.why)
    }
}

/// Settings merged over every loaded pack, later packs winning.
#[derive(Clone, Debug)]
pub(crate) struct Tunables {
    pub(crate) core_min_letters: usize,
    pub(crate) short_line_cost: usize,
    pub(crate) core_min_total: usize,
    pub(crate) core_min_share: f64,
    pub(crate) core_dense_share: f64,
    pub(crate) sparse_head_max_words: usize,
    pub(crate) chrome_cap: f64,
    pub(crate) anywhere_max_words: usize,
    pub(crate) cut_core_min_letters: usize,
    pub(crate) cut_core_max_paragraphs: f64,
    pub(crate) cut_page_min_share: f64,
    pub(crate) cut_marker_max_words: usize,
    pub(crate) cut_thread_min_lines: usize,
    pub(crate) repeat_min_letters: usize,
    pub(crate) repeat_min_share: f64,
    pub(crate) strong_count: u64,
    pub(crate) weak_count: u64,
    pub(crate) known_count: u64,
}

impl Default for Tunables {
    fn default() -> Tunables {
        Tunables {
            core_min_letters: 40,
            short_line_cost: 10,
            core_min_total: 0,
            core_min_share: 0.0,
            core_dense_share: 0.0,
            sparse_head_max_words: usize::MAX,
            chrome_cap: 0.5,
            anywhere_max_words: 8,
            cut_core_min_letters: usize::MAX,
            cut_core_max_paragraphs: 0.5,
            cut_page_min_share: f64::INFINITY,
            cut_marker_max_words: 16,
            cut_thread_min_lines: 3,
            repeat_min_letters: 300,
            repeat_min_share: 0.7,
            strong_count: 1_000_000,
            weak_count: 100_000,
            known_count: 1,
        }
    }
}

impl Tunables {
    fn merge(&mut self, s: &Settings) {
        macro_rules! take {
            ($($field:ident),*) => {$(
                if let Some(v) = s.$field {
                    self.$field = v;
                }
            )*};
        }
        take!(
            core_min_letters,
            core_min_total,
            core_min_share,
            core_dense_share,
            sparse_head_max_words,
            short_line_cost,
            chrome_cap,
            anywhere_max_words,
            cut_core_min_letters,
            cut_core_max_paragraphs,
            cut_page_min_share,
            cut_marker_max_words,
            cut_thread_min_lines,
            repeat_min_letters,
            repeat_min_share,
            strong_count,
            weak_count,
            known_count
        );
    }
}

/// Word lists merged over every loaded pack (lower-cased).
#[derive(Clone, Debug, Default)]
pub(crate) struct WordLists {
    pub(crate) allow: FxHashSet<String>,
    pub(crate) never_split: FxHashSet<String>,
    pub(crate) function: FxHashSet<String>,
    pub(crate) prefixes: FxHashSet<String>,
    pub(crate) suffixes: FxHashSet<String>,
    pub(crate) heads: FxHashSet<String>,
    pub(crate) particles: FxHashSet<String>,
    /// Kept as written: matched against the capitalised head.
    pub(crate) heads_2: FxHashSet<String>,
    pub(crate) name_safe_tails: FxHashSet<String>,
    pub(crate) tails_2: FxHashSet<String>,
    pub(crate) sentence_heads: FxHashSet<String>,
    pub(crate) bare_tails: FxHashSet<String>,
    pub(crate) name_endings: FxHashSet<String>,
    pub(crate) name_heads: FxHashSet<String>,
    pub(crate) camel_heads: FxHashSet<String>,
    pub(crate) name_tails: FxHashSet<String>,
    pub(crate) determiners: FxHashSet<String>,
    pub(crate) doc_heads: FxHashSet<String>,
    pub(crate) doc_tails: FxHashSet<String>,
    pub(crate) doc_compound_heads: FxHashSet<String>,
    pub(crate) dictionary_heads: FxHashSet<String>,
    pub(crate) negation_heads: FxHashSet<String>,
    pub(crate) german_compound_heads: FxHashSet<String>,
    pub(crate) number_words: FxHashSet<String>,
    pub(crate) foreign_endings: FxHashSet<String>,
    pub(crate) foreign_prefixes: FxHashSet<String>,
    /// The longest of `doc_heads` and `doc_tails`, in characters.
    pub(crate) doc_function_chars: usize,
    /// The longest of `dictionary_heads` and `negation_heads`, in characters.
    pub(crate) dictionary_head_chars: usize,
    /// The longest function word and suffix, in bytes: a longer part is
    /// neither, and is not looked up.
    pub(crate) function_len: usize,
    pub(crate) suffix_len: usize,
    /// The function words of up to seven bytes, packed (see `short_key`):
    /// the splitter asks about every prefix of a candidate.
    pub(crate) function_keys: FxHashSet<u64>,
}

/// A word of at most seven bytes as a number, ASCII letters lower-cased:
/// its bytes, then its length in the top byte.
pub(crate) fn short_key(w: &[u8]) -> Option<u64> {
    if w.len() > 7 {
        return None;
    }
    let mut key = (w.len() as u64) << 56;
    for (i, b) in w.iter().enumerate() {
        key |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    Some(key)
}

impl WordLists {
    fn merge(&mut self, w: &Words) {
        let lower = |v: &Vec<String>| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        self.allow.extend(lower(&w.allow));
        self.never_split.extend(lower(&w.never_split));
        self.function.extend(lower(&w.function));
        self.prefixes.extend(lower(&w.prefixes));
        self.suffixes.extend(lower(&w.suffixes));
        self.heads.extend(lower(&w.heads));
        self.particles.extend(lower(&w.particles));
        self.heads_2.extend(w.heads_2.iter().cloned());
        self.name_safe_tails.extend(lower(&w.name_safe_tails));
        self.tails_2.extend(lower(&w.tails_2));
        self.sentence_heads.extend(lower(&w.sentence_heads));
        self.bare_tails.extend(lower(&w.bare_tails));
        self.name_endings.extend(lower(&w.name_endings));
        self.name_heads.extend(lower(&w.name_heads));
        self.camel_heads.extend(lower(&w.camel_heads));
        self.name_tails.extend(lower(&w.name_tails));
        self.determiners.extend(lower(&w.determiners));
        self.doc_heads.extend(lower(&w.doc_heads));
        self.doc_tails.extend(lower(&w.doc_tails));
        self.doc_compound_heads.extend(lower(&w.doc_compound_heads));
        self.dictionary_heads.extend(lower(&w.dictionary_heads));
        self.negation_heads.extend(lower(&w.negation_heads));
        self.german_compound_heads
            .extend(lower(&w.german_compound_heads));
        self.number_words.extend(lower(&w.number_words));
        self.foreign_endings.extend(lower(&w.foreign_endings));
        self.foreign_prefixes.extend(lower(&w.foreign_prefixes));
        let longest = |set: &FxHashSet<String>| set.iter().map(String::len).max().unwrap_or(0);
        self.function_len = longest(&self.function);
        self.function_keys = (self.function.iter())
            .filter_map(|w| short_key(w.as_bytes()))
            .collect();
        self.suffix_len = longest(&self.suffixes);
        self.dictionary_head_chars = (self.dictionary_heads.iter())
            .chain(&self.negation_heads)
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        self.doc_function_chars = (self.doc_heads.iter())
            .chain(&self.doc_tails)
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
    }
}

/// Everything loaded from packs, before selection.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) tunables: Tunables,
    pub(crate) words: WordLists,
    loaded: FxHashSet<String>,
}

/// True if `id` is `prefix` or lies under it (`chrome` covers `chrome.x`).
pub(crate) fn id_matches(id: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('.');
    id == prefix || (id.starts_with(prefix) && id.as_bytes().get(prefix.len()) == Some(&b'.'))
}

impl RuleSet {
    /// Loads the built-in packs of a profile.
    pub(crate) fn load_profile(&mut self, profile: &str) -> Result<(), Error> {
        let mut found = false;
        for (name, source) in BUILTIN {
            let file = PackFile::parse(&format!("builtin:{name}"), source)?;
            if file.pack.profiles.iter().any(|p| p == profile) {
                found = true;
                self.add(&format!("builtin:{name}"), source, file)?;
            }
        }
        if !found {
            return Err(Error::UnknownProfile(
                profile.to_string(),
                profile_names().join(", "),
            ));
        }
        Ok(())
    }

    /// Loads a user pack from its source text.
    pub(crate) fn load_source(&mut self, path: &str, source: &str) -> Result<(), Error> {
        let file = PackFile::parse(path, source)?;
        self.add(path, source, file)
    }

    fn add(&mut self, path: &str, source: &str, file: PackFile) -> Result<(), Error> {
        for ext in &file.pack.extends {
            let Some((name, src)) = BUILTIN.iter().find(|(n, _)| *n == ext.get_ref().as_str())
            else {
                return Err(Error::UnknownPack {
                    path: path.to_string(),
                    pack: file.pack.name.clone(),
                    extends: ext.get_ref().clone(),
                });
            };
            if !self.loaded.contains(*name) {
                let p = format!("builtin:{name}");
                let f = PackFile::parse(&p, src)?;
                self.add(&p, src, f)?;
            }
        }
        self.loaded.insert(file.pack.name.clone());
        self.rules
            .retain(|r| !file.pack.disable.iter().any(|d| id_matches(&r.id, d)));
        self.tunables.merge(&file.settings);
        self.words.merge(&file.words);
        for def in file.rules {
            let span = def.id.span();
            let rule = compile(path, source, &file.pack.name, def)?;
            if self.rules.iter().any(|r| r.id == rule.id) {
                return Err(Error::Rule(RuleError::new(
                    path,
                    source,
                    span,
                    Some(&rule.id),
                    Reason::DuplicateId,
                )));
            }
            self.rules.push(rule);
        }
        Ok(())
    }
}

fn compile(path: &str, source: &str, pack: &str, def: RuleDef) -> Result<Rule, Box<RuleError>> {
    let id = def.id.get_ref().clone();
    let err = |span: std::ops::Range<usize>, reason: Reason| {
        RuleError::new(path, source, span, Some(&id), reason)
    };
    let valid_id = !id.is_empty()
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-' || c == '_'
        });
    let phase = match Phase::of_id(&id) {
        Some(p) if valid_id && id.contains('.') => p,
        _ => return Err(err(def.id.span(), Reason::BadId)),
    };
    let kind_name = def.kind.get_ref().as_str();
    let kind_span = def.kind.span();
    let missing = |name: &'static str| err(kind_span.clone(), Reason::MissingField(name));
    let runs_in = |want: Phase| {
        if phase == want {
            return Ok(());
        }
        Err(err(
            kind_span.clone(),
            Reason::WrongPhase {
                kind: kind_name.to_string(),
                phase: phase.to_string(),
            },
        ))
    };
    let regex = |p: &toml::Spanned<String>| {
        Regex::new(p.get_ref()).map_err(|e| err(p.span(), Reason::BadRegex(e.to_string())))
    };
    let zone = |z: Option<&toml::Spanned<String>>, default: Zone| match z {
        None => Ok(default),
        Some(z) => match z.get_ref().as_str() {
            "anywhere" => Ok(Zone::Anywhere),
            "head" => Ok(Zone::Head),
            "tail" => Ok(Zone::Tail),
            other => Err(err(
                z.span(),
                Reason::BadValue(format!(
                    "unknown zone `{other}` (known: anywhere, head, tail)"
                )),
            )),
        },
    };
    let min_run = match (&def.min_run, kind_name) {
        (None, _) => 1,
        (Some(n), "drop-line") if *n.get_ref() >= 1 => *n.get_ref(),
        (Some(n), "drop-line") => {
            return Err(err(
                n.span(),
                Reason::BadValue("`min_run` is at least 1".into()),
            ));
        }
        (Some(n), _) => {
            return Err(err(
                n.span(),
                Reason::BadValue("`min_run` is only for drop-line rules".into()),
            ));
        }
    };
    let bad_max_words = |span: std::ops::Range<usize>| {
        err(
            span,
            Reason::BadValue(
                "`max_words` is at least 1 and only for drop-line rules in zone `anywhere`".into(),
            ),
        )
    };
    if let (Some(n), false) = (&def.max_words, kind_name == "drop-line") {
        return Err(bad_max_words(n.span()));
    }
    if let (Some(thread), false) = (&def.thread, kind_name == "cut-after") {
        return Err(err(
            thread.span(),
            Reason::BadValue("`thread` is only for cut-after rules".into()),
        ));
    }
    let kind = match kind_name {
        "drop-line" | "cut-after" | "strip-prefix" => {
            runs_in(Phase::Chrome)?;
            let re = regex(def.pattern.as_ref().ok_or_else(|| missing("pattern"))?)?;
            match kind_name {
                "drop-line" => {
                    let zone = zone(def.zone.as_ref(), Zone::Anywhere)?;
                    let max_words = match &def.max_words {
                        None => None,
                        Some(n) if zone == Zone::Anywhere && *n.get_ref() >= 1 => {
                            Some(*n.get_ref())
                        }
                        Some(n) => return Err(bad_max_words(n.span())),
                    };
                    Kind::DropLine {
                        re,
                        zone,
                        keep_sentences: def.keep_sentences,
                        min_run,
                        max_words,
                    }
                }
                "cut-after" => Kind::CutAfter {
                    re,
                    zone: zone(def.zone.as_ref(), Zone::Tail)?,
                    thread: def.thread.as_ref().map(regex).transpose()?,
                },
                _ => Kind::StripPrefix {
                    re,
                    zone: zone(def.zone.as_ref(), Zone::Head)?,
                },
            }
        }
        "drop-repeat" => {
            runs_in(Phase::Chrome)?;
            // Repeats are long lines; `anywhere` acts only on short ones.
            match zone(def.zone.as_ref(), Zone::Tail)? {
                Zone::Anywhere => {
                    return Err(err(
                        def.zone.as_ref().map_or(kind_span.clone(), |z| z.span()),
                        Reason::BadValue(
                            "drop-repeat acts outside the core: zone `head` or `tail`".into(),
                        ),
                    ));
                }
                zone => Kind::DropRepeat { zone },
            }
        }
        "replace" => {
            let re = regex(def.pattern.as_ref().ok_or_else(|| missing("pattern"))?)?;
            let replacement = def
                .replacement
                .clone()
                .ok_or_else(|| err(kind_span.clone(), Reason::MissingField("replacement")))?;
            let anchor = Anchor::of(re.as_str()).map(Box::new);
            Kind::Replace {
                re,
                replacement,
                anchor,
            }
        }
        "map" => {
            let map = def
                .map
                .as_ref()
                .ok_or_else(|| err(kind_span.clone(), Reason::MissingField("map")))?;
            if map.get_ref().keys().any(|k| k.is_empty()) {
                return Err(err(
                    map.span(),
                    Reason::BadValue("map keys must not be empty".into()),
                ));
            }
            let (from, to): (Vec<_>, Vec<_>) = map
                .get_ref()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .unzip();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&from)
                .map_err(|e| err(map.span(), Reason::BadValue(e.to_string())))?;
            let bytes = (from.len() < usize::from(u8::MAX)
                && from.iter().all(|k| k.len() == 1 && k.is_ascii()))
            .then(|| {
                let mut table = Box::new([u8::MAX; 128]);
                for (i, k) in from.iter().enumerate() {
                    table[usize::from(k.as_bytes()[0])] = i as u8;
                }
                table
            });
            Kind::Map {
                ac,
                from,
                to,
                bytes,
            }
        }
        "normalize" => {
            runs_in(Phase::Unicode)?;
            let form = def.form.as_ref().ok_or_else(|| missing("form"))?;
            let form = match form.get_ref().as_str() {
                "nfc" => Form::Nfc,
                "nfkc" => Form::Nfkc,
                other => {
                    return Err(err(
                        form.span(),
                        Reason::BadValue(format!("unknown form `{other}` (known: nfc, nfkc)")),
                    ));
                }
            };
            Kind::Normalize { form }
        }
        "split-glued" => {
            runs_in(Phase::Glue)?;
            Kind::SplitGlued
        }
        "mojibake" => {
            runs_in(Phase::Repair)?;
            Kind::Mojibake
        }
        "c1-controls" => {
            runs_in(Phase::Repair)?;
            Kind::C1Controls
        }
        "html-entities" => {
            runs_in(Phase::Repair)?;
            Kind::HtmlEntities
        }
        other => return Err(err(kind_span, Reason::UnknownKind(other.to_string()))),
    };
    if def.examples.is_empty() {
        return Err(err(def.id.span(), Reason::MissingExample));
    }
    Ok(Rule {
        id: Arc::from(id.as_str()),
        phase,
        kind,
        why: def.why,
        pack: pack.to_string(),
        source: path.to_string(),
        opt_in: def.opt_in,
        examples: def.examples,
    })
}
