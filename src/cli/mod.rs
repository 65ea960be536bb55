//! The binary: argument handling, inputs and outputs, exit codes.
//! Exit codes: 0 ok, 1 findings (check) or a failed rule test, 2 usage,
//! configuration or I/O error.

mod args;
mod compress;
mod huge;
mod input;
mod jsonl;
mod report;

use std::fs;
use std::io::{self, BufWriter, Write};

use clap::{CommandFactory, Parser};
use unglue::{Cleaner, Error, Phase};

use self::args::{CheckArgs, CleanArgs, Cli, Command, Config, RulesCommand};
use self::input::{Run, Sink};
use self::report::Stats;

pub(crate) fn main() -> i32 {
    let cli = Cli::parse();
    if let Command::Clean(CleanArgs { common, .. }) | Command::Check(CheckArgs { common, .. }) =
        &cli.command
        && common.report_field.as_deref() == Some(common.field.as_str())
    {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--report-field must name another field than --field: the report would replace the cleaned text",
            )
            .exit();
    }
    let result = match cli.command {
        Command::Clean(a) => clean(a),
        Command::Check(a) => check(a),
        Command::Rules(c) => rules(c),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            2
        }
    }
}

fn report_error(e: &Error) {
    match e {
        Error::Rule(r) => eprintln!("{}\n{}", r, r.snippet),
        other => eprintln!("unglue: {other}"),
    }
}

fn build(config: &Config) -> Result<Cleaner, Error> {
    build_with(config, false)
}

fn build_with(config: &Config, opt_in: bool) -> Result<Cleaner, Error> {
    let mut b = Cleaner::builder();
    b.profile(&config.profile).include_opt_in(opt_in);
    for r in &config.rules {
        b.rules_path(r);
    }
    for s in &config.select {
        b.select(s);
    }
    for s in &config.ignore {
        b.ignore(s);
    }
    b.build()
}

fn io_err(path: &std::path::Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn clean(a: CleanArgs) -> Result<i32, Error> {
    let cleaner = build(&a.common.config)?;
    let want_docs = a.report.is_some();
    let mut run = Run::new(&cleaner, &a.common, want_docs);
    let sources = input::expand(&a.paths, &a.common.include, &a.common.exclude)?;
    run.show_progress(&sources, a.common.quiet);
    if a.in_place {
        for src in &sources {
            run.in_place(src);
        }
    } else {
        let sink: Box<dyn Write> = match &a.output {
            Some(p) => compress::create(p).map_err(io_err(p))?,
            None => Box::new(io::stdout().lock()),
        };
        let mut out = BufWriter::with_capacity(1 << 16, sink);
        run.process_all(&sources, &mut Sink::Write(&mut out));
        out.flush().map_err(|source| Error::Io {
            path: a.output.clone().unwrap_or_else(|| "<stdout>".into()),
            source,
        })?;
    }
    run.finish_progress();
    if let Some(path) = &a.report {
        let mut f = BufWriter::new(fs::File::create(path).map_err(io_err(path))?);
        report::write(
            a.common.format,
            &run.docs,
            &run.stats,
            cleaner.rules(),
            &mut f,
        )
        .and_then(|()| f.flush())
        .map_err(io_err(path))?;
    }
    if a.common.statistics {
        let _ = run.stats.write_table(&mut io::stderr().lock());
    }
    Ok(if run.stats.errors > 0 { 2 } else { 0 })
}

fn check(a: CheckArgs) -> Result<i32, Error> {
    let cleaner = build(&a.common.config)?;
    let mut run = Run::new(&cleaner, &a.common, true);
    let sources = input::expand(&a.paths, &a.common.include, &a.common.exclude)?;
    run.show_progress(&sources, a.common.quiet);
    run.process_all(&sources, &mut Sink::Discard);
    run.finish_progress();
    let stats: &Stats = &run.stats;
    let mut out = io::stdout().lock();
    let written = report::write(a.common.format, &run.docs, stats, cleaner.rules(), &mut out)
        .and_then(|()| {
            if a.common.statistics {
                stats.write_table(&mut out)?;
            }
            out.flush()
        });
    written.map_err(io_err("<stdout>".as_ref()))?;
    Ok(if stats.errors > 0 {
        2
    } else if stats.fixes > 0 {
        1
    } else {
        0
    })
}

fn rules(c: RulesCommand) -> Result<i32, Error> {
    match c {
        RulesCommand::List { config } => {
            let cleaner = build_with(&config, true)?;
            let mut out = io::stdout().lock();
            for r in cleaner.rules() {
                let opt = if r.opt_in() { " (opt-in)" } else { "" };
                let _ = writeln!(
                    out,
                    "{:<30} {:<8} {:<13} {}{opt}",
                    r.id(),
                    r.pack(),
                    r.kind_name(),
                    r.why()
                );
            }
            Ok(0)
        }
        RulesCommand::Test { packs, mut config } => {
            let mut names = Vec::new();
            for p in &packs {
                config.rules.push(p.clone());
                names.push(p.display().to_string());
            }
            let cleaner = build_with(&config, true)?;
            let report = cleaner.test_examples_of(|r| {
                names.is_empty() || names.iter().any(|n| n == r.pack() || n == r.source())
            });
            for f in &report.failures {
                println!(
                    "FAIL {}: {}\n  input:  {:?}\n  want:   {:?}\n  got:    {:?}",
                    f.rule, f.reason, f.example.input, f.example.output, f.got
                );
            }
            println!(
                "{} rules, {} examples, {} failed",
                report.rules,
                report.examples,
                report.failures.len()
            );
            Ok(if report.failures.is_empty() { 0 } else { 1 })
        }
        RulesCommand::Explain { id, mut config } => {
            config.select = vec![id.clone()];
            config.ignore.clear();
            let cleaner = build_with(&config, true)?;
            let Some(r) = cleaner.rules().iter().find(|r| r.id() == id) else {
                return Err(Error::NoSuchRule(id));
            };
            let phase: Phase = r.phase();
            println!(
                "{}\n  phase:   {phase}\n  kind:    {}\n  pack:    {}",
                r.id(),
                r.kind_name(),
                r.pack()
            );
            if r.opt_in() {
                println!("  opt-in:  runs only when selected by its id");
            }
            if let Some(p) = r.pattern() {
                println!("  pattern: {p}");
            }
            println!("  why:     {}", r.why());
            for ex in r.examples() {
                let verb = if ex.input == ex.output {
                    "keeps  "
                } else {
                    "changes"
                };
                println!("  {verb} {:?}\n       -> {:?}", ex.input, ex.output);
            }
            Ok(0)
        }
    }
}
