//! The `Cleaner`: rules compiled once, then shared across threads to clean
//! any number of texts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::edit::Document;
use crate::error::{Error, line_col};
use crate::phase::Phase;
use crate::phases::{self, Ctx, Edges, StandIns};
use crate::rules::{Rule, RuleSet, Tunables, WordLists, id_matches};

/// Values rules extract from a document (`date` from `date 2022-04-22`), and
/// notes such as a reverted chrome phase (`chrome.cap`).
pub type Meta = BTreeMap<String, String>;

/// One change, located in the original input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The id of the rule that made (or first touched) the change.
    pub rule: Arc<str>,
    /// Byte span in the original input.
    pub byte_start: usize,
    pub byte_end: usize,
    /// 1-based line and character column of `byte_start` in the original input.
    pub line: usize,
    pub col: usize,
    /// The original text of the span, and what replaced it.
    pub before: String,
    pub after: String,
}

/// The result of cleaning one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned<'a> {
    /// The clean text; borrowed from the input when nothing changed.
    pub text: Cow<'a, str>,
    /// Every change, in input order, non-overlapping.
    pub fixes: Vec<Fix>,
    pub meta: Meta,
}

impl Cleaned<'_> {
    /// Rebuilds the output from the input and the fixes alone.
    pub fn replay(input: &str, fixes: &[Fix]) -> String {
        crate::edit::replay(
            input,
            fixes
                .iter()
                .map(|f| (f.byte_start..f.byte_end, f.after.as_str())),
        )
    }
}

#[derive(Clone, Debug)]
enum PackInput {
    Path(PathBuf),
    Source { name: String, source: String },
}

/// Runs of the whole pipeline over a text: a second when a later phase
/// changed what an earlier one saw (see `phases::unsettled`).
const PIPELINE_ROUNDS: usize = 2;

/// Configures a `Cleaner`: the profile, extra rule packs and the selection.
#[derive(Clone, Debug)]
pub struct CleanerBuilder {
    profile: String,
    packs: Vec<PackInput>,
    select: Vec<String>,
    ignore: Vec<String>,
    opt_in: bool,
}

impl Default for CleanerBuilder {
    fn default() -> CleanerBuilder {
        CleanerBuilder {
            profile: "default".to_string(),
            packs: Vec::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            opt_in: false,
        }
    }
}

impl CleanerBuilder {
    pub fn new() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// The built-in profile (`default`, `news`) whose packs are loaded first.
    pub fn profile(&mut self, name: &str) -> &mut CleanerBuilder {
        self.profile = name.to_string();
        self
    }

    /// A rule pack file, or a directory whose `*.toml` files are loaded in name order.
    pub fn rules_path(&mut self, path: impl AsRef<Path>) -> &mut CleanerBuilder {
        self.packs
            .push(PackInput::Path(path.as_ref().to_path_buf()));
        self
    }

    /// A rule pack given as TOML text; `name` is used in error messages.
    pub fn rules_source(&mut self, name: &str, source: &str) -> &mut CleanerBuilder {
        self.packs.push(PackInput::Source {
            name: name.to_string(),
            source: source.to_string(),
        });
        self
    }

    /// Keeps only rules whose id is, or lies under, `prefix` (a phase name
    /// selects the phase). Opt-in rules need their full id.
    pub fn select(&mut self, prefix: &str) -> &mut CleanerBuilder {
        self.select.push(prefix.to_string());
        self
    }

    /// Drops rules whose id is, or lies under, `prefix`.
    pub fn ignore(&mut self, prefix: &str) -> &mut CleanerBuilder {
        self.ignore.push(prefix.to_string());
        self
    }

    /// Also runs opt-in rules without naming them (for listing and testing packs).
    pub fn include_opt_in(&mut self, yes: bool) -> &mut CleanerBuilder {
        self.opt_in = yes;
        self
    }

    pub fn build(&self) -> Result<Cleaner, Error> {
        let mut set = RuleSet::default();
        set.load_profile(&self.profile)?;
        for pack in &self.packs {
            match pack {
                PackInput::Source { name, source } => set.load_source(name, source)?,
                PackInput::Path(path) => {
                    for file in pack_files(path)? {
                        let source = fs::read_to_string(&file).map_err(|source| Error::Io {
                            path: file.clone(),
                            source,
                        })?;
                        set.load_source(&file.display().to_string(), &source)?;
                    }
                }
            }
        }
        for p in self.select.iter().chain(&self.ignore) {
            if !set.rules.iter().any(|r| id_matches(&r.id, p)) {
                return Err(Error::NoSuchRule(p.clone()));
            }
        }
        let selected = |r: &Rule| {
            let picked = if self.select.is_empty() {
                self.opt_in || !r.opt_in()
            } else {
                self.select.iter().any(|p| {
                    if r.opt_in() && !self.opt_in {
                        r.id() == p.trim_end_matches('.')
                    } else {
                        id_matches(&r.id, p)
                    }
                })
            };
            picked && !self.ignore.iter().any(|p| id_matches(&r.id, p))
        };
        let rules: Vec<Rule> = set.rules.into_iter().filter(|r| selected(r)).collect();
        Ok(Cleaner::from_parts(rules, set.tunables, set.words))
    }
}

/// The pack files a `--rules` path names.
fn pack_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if !path.is_dir() {
        fs::metadata(path).map_err(io)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Cleans text. Build once (it compiles every rule), share freely: it is
/// `Send + Sync` and cleaning takes `&self`.
#[derive(Clone, Debug)]
pub struct Cleaner {
    rules: Vec<Rule>,
    by_phase: [Vec<usize>; 6],
    tunables: Tunables,
    words: WordLists,
    stand_ins: StandIns,
}

impl Cleaner {
    /// A cleaner with the built-in default profile.
    pub fn new() -> Result<Cleaner, Error> {
        CleanerBuilder::new().build()
    }

    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::new()
    }

    fn from_parts(rules: Vec<Rule>, tunables: Tunables, words: WordLists) -> Cleaner {
        let mut by_phase: [Vec<usize>; 6] = Default::default();
        for (i, r) in rules.iter().enumerate() {
            by_phase[r.phase as usize].push(i);
        }
        let stand_ins = phases::stand_ins(&rules);
        Cleaner {
            rules,
            by_phase,
            tunables,
            words,
            stand_ins,
        }
    }

    /// The same configuration with only the rule at `index`; how a rule's
    /// examples are checked on their own.
    pub(crate) fn only(&self, index: usize) -> Cleaner {
        Cleaner::from_parts(
            vec![self.rules[index].clone()],
            self.tunables.clone(),
            self.words.clone(),
        )
    }

    /// The selected rules, in the order they run within their phase.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn clean<'a>(&self, input: &'a str) -> Cleaned<'a> {
        self.clean_segment(input, Edges::default())
    }

    /// Cleans `input`, a segment of a longer text whose neighbouring text
    /// is `edges` (see `crate::stream`).
    pub(crate) fn clean_segment<'a>(&self, input: &'a str, edges: Edges<'_>) -> Cleaned<'a> {
        let mut doc = Document::new(input);
        let mut meta = Meta::new();
        let ctx = Ctx {
            rules: &self.rules,
            tunables: &self.tunables,
            words: &self.words,
            stand_ins: &self.stand_ins,
            edges,
        };
        for round in 1..=PIPELINE_ROUNDS {
            let mut late = false;
            for phase in Phase::ALL {
                let rules = &self.by_phase[phase as usize];
                if !rules.is_empty() {
                    let before = doc.changes();
                    phases::run(phase, rules, &ctx, &mut doc, &mut meta);
                    late |= phase == Phase::Glue && doc.changes() > before;
                }
            }
            if round == PIPELINE_ROUNDS
                || !phases::unsettled(&self.by_phase, &ctx, doc.text(), late)
            {
                break;
            }
        }
        let (text, spans) = doc.into_parts();
        let mut fixes = Vec::with_capacity(spans.len());
        // Spans are in input order, so line and column are found in one
        // forward scan (a text of one long line included).
        let (mut line, mut col, mut scanned) = (1, 1, 0);
        for s in spans {
            let at = s.orig.start;
            let chunk = &input[scanned..at];
            match memchr::memrchr(b'\n', chunk.as_bytes()) {
                Some(i) => {
                    line += memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
                    col = chunk[i + 1..].chars().count() + 1;
                }
                None => col += chunk.chars().count(),
            }
            scanned = at;
            debug_assert_eq!((line, col), line_col(input, at));
            fixes.push(Fix {
                rule: self.rules[s.rule].id.clone(),
                byte_start: s.orig.start,
                byte_end: s.orig.end,
                line,
                col,
                before: input[s.orig.clone()].to_string(),
                after: text[s.cur.clone()].to_string(),
            });
        }
        Cleaned { text, fixes, meta }
    }
}
