//! The command line's shape (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "unglue",
    version,
    about = "Clean scraped text: strip chrome, repair glued words, normalise quotes and Unicode, and report every fix."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write cleaned text (to stdout, -o FILE or --in-place)
    Clean(CleanArgs),
    /// Report what would change; exit 1 if anything would
    Check(CheckArgs),
    /// List, test and explain rules
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Debug, Args)]
pub(crate) struct CleanArgs {
    /// Files or directories to read; `-` or none reads stdin
    pub(crate) paths: Vec<PathBuf>,
    /// Write the cleaned text to this file instead of stdout
    #[arg(short, long, conflicts_with = "in_place")]
    pub(crate) output: Option<PathBuf>,
    /// Rewrite each input file with its cleaned text
    #[arg(long)]
    pub(crate) in_place: bool,
    /// Write the report of fixes to this file, in --format
    #[arg(long)]
    pub(crate) report: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to read; `-` or none reads stdin
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// List the selected rules
    List {
        #[command(flatten)]
        config: Config,
    },
    /// Run every rule's examples; exit 1 if one fails
    Test {
        /// Pack files to test (all loaded rules when none)
        packs: Vec<PathBuf>,
        #[command(flatten)]
        config: Config,
    },
    /// Show a rule: phase, kind, pattern, why and examples
    Explain {
        id: String,
        #[command(flatten)]
        config: Config,
    },
}

/// Which rules run.
#[derive(Debug, Args, Clone)]
pub(crate) struct Config {
    /// Rule pack file or directory of packs, added to the profile (repeatable)
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub(crate) rules: Vec<PathBuf>,
    /// Built-in profile
    #[arg(long, default_value = "default")]
    pub(crate) profile: String,
    /// Run only rules under this id prefix or phase (repeatable, comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Skip rules under this id prefix or phase (repeatable, comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct Common {
    #[command(flatten)]
    pub(crate) config: Config,
    /// How inputs are read
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub(crate) input_format: InputFormat,
    /// The JSONL field to clean
    #[arg(long, default_value = "text")]
    pub(crate) field: String,
    /// How findings are written
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Print per-rule counts: fixes, documents touched, characters removed
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file
    #[arg(long)]
    pub(crate) lossy: bool,
    /// Worker threads for JSONL records (0: one per core)
    #[arg(short = 'j', long, default_value_t = 0)]
    pub(crate) threads: usize,
    /// In directories, only files matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub(crate) include: Vec<String>,
    /// In directories, skip files matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub(crate) exclude: Vec<String>,
    /// JSONL: add each record's fixes to the record under this field
    #[arg(long, value_name = "NAME")]
    pub(crate) report_field: Option<String>,
    /// No progress bar
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    Jsonl,
    Github,
    Sarif,
}
