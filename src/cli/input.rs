//! Inputs: files, directories and stdin, as text documents or JSONL records.

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unglue::{Cleaner, Error};

use super::args::{Common, InputFormat};
use super::jsonl::{self, Outcome};
use super::report::{DocReport, Stats};

/// Where input comes from.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    fn open(&self) -> io::Result<Box<dyn Read>> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(p) => Box::new(fs::File::open(p)?),
        })
    }
}

/// The sources named on the command line; directories are walked in name order.
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<Source>, Error> {
    if paths.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.is_file() {
            out.push(Source::File(p));
        }
    }
    Ok(())
}

/// Where cleaned output goes.
pub(crate) enum Sink<'w> {
    Write(&'w mut dyn Write),
    Discard,
}

/// JSONL records are cleaned in parallel batches of this many bytes.
const BATCH_BYTES: usize = 8 << 20;

/// One run over many sources: the cleaner, the options, and what was found.
pub(crate) struct Run<'c> {
    cleaner: &'c Cleaner,
    format: InputFormat,
    field: String,
    lossy: bool,
    want_docs: bool,
    pool: Option<rayon::ThreadPool>,
    pub(crate) docs: Vec<DocReport>,
    pub(crate) stats: Stats,
}

impl<'c> Run<'c> {
    pub(crate) fn new(cleaner: &'c Cleaner, common: &Common, want_docs: bool) -> Run<'c> {
        let pool = (common.threads > 0)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(common.threads)
                    .build()
                    .ok()
            })
            .flatten();
        Run {
            cleaner,
            format: common.input_format,
            field: common.field.clone(),
            lossy: common.lossy,
            want_docs,
            pool,
            docs: Vec::new(),
            stats: Stats::default(),
        }
    }

    fn error(&mut self, name: &str, msg: impl std::fmt::Display) {
        eprintln!("unglue: {name}: {msg}");
        self.stats.errors += 1;
    }

    /// Cleans one source into the sink; errors are reported and counted.
    pub(crate) fn process(&mut self, src: &Source, sink: &mut Sink<'_>) {
        let name = src.name();
        self.stats.files += 1;
        let reader = match src.open() {
            Ok(r) => r,
            Err(e) => return self.error(&name, e),
        };
        let result = match self.format {
            InputFormat::Text => self.text(&name, reader, sink),
            InputFormat::Jsonl => {
                self.jsonl(&name, BufReader::with_capacity(1 << 16, reader), sink)
            }
        };
        if let Err(e) = result {
            self.error(&name, e);
        }
    }

    /// Cleans a file and replaces it, through a temporary file beside it.
    pub(crate) fn in_place(&mut self, src: &Source) {
        let Source::File(path) = src else {
            return self.error("<stdin>", "--in-place needs file paths, not stdin");
        };
        let tmp = path.with_extension(format!(
            "{}.unglue-tmp",
            path.extension()
                .map(|e| e.to_string_lossy())
                .unwrap_or_default()
        ));
        let errors = self.stats.errors;
        let written = fs::File::create(&tmp).and_then(|f| {
            let mut w = io::BufWriter::new(f);
            self.process(src, &mut Sink::Write(&mut w));
            w.flush()
        });
        let done = written.and_then(|()| {
            if self.stats.errors == errors {
                fs::rename(&tmp, path)
            } else {
                Ok(())
            }
        });
        let _ = fs::remove_file(&tmp);
        if let Err(e) = done {
            self.error(&path.display().to_string(), e);
        }
    }

    fn text(
        &mut self,
        name: &str,
        mut reader: Box<dyn Read>,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let text: Cow<'_, str> = match std::str::from_utf8(&bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(e) if self.lossy => {
                eprintln!(
                    "unglue: {name}: invalid UTF-8 at byte {} replaced (--lossy)",
                    e.valid_up_to()
                );
                String::from_utf8_lossy(&bytes)
            }
            Err(e) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "invalid UTF-8 at byte {} (nothing written; --lossy replaces it with U+FFFD)",
                        e.valid_up_to()
                    ),
                ));
            }
        };
        let cleaned = self.cleaner.clean(&text);
        if let Sink::Write(w) = sink {
            w.write_all(cleaned.text.as_bytes())?;
        }
        self.stats.add(&cleaned.fixes);
        if self.want_docs {
            self.docs.push(DocReport {
                path: name.to_string(),
                record: None,
                fixes: cleaned.fixes,
                meta: cleaned.meta,
            });
        }
        Ok(())
    }

    fn jsonl(
        &mut self,
        name: &str,
        mut reader: impl BufRead,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        let mut line_no = 0;
        loop {
            let mut batch: Vec<Vec<u8>> = Vec::new();
            let mut size = 0;
            while size < BATCH_BYTES {
                let mut line = Vec::new();
                if reader.read_until(b'\n', &mut line)? == 0 {
                    break;
                }
                size += line.len();
                batch.push(line);
            }
            if batch.is_empty() {
                return Ok(());
            }
            let (cleaner, field) = (self.cleaner, self.field.as_str());
            let work = || -> Vec<Outcome> {
                batch
                    .par_iter()
                    .map(|l| jsonl::clean_line(cleaner, l, field))
                    .collect()
            };
            let outcomes = match &self.pool {
                Some(pool) => pool.install(work),
                None => work(),
            };
            for (raw, outcome) in batch.iter().zip(outcomes) {
                line_no += 1;
                let out: &[u8] = match &outcome {
                    Outcome::Record { line: Some(l), .. } => l.as_bytes(),
                    _ => raw.strip_suffix(b"\n").unwrap_or(raw),
                };
                if let Sink::Write(w) = sink {
                    w.write_all(out)?;
                    w.write_all(b"\n")?;
                }
                match outcome {
                    Outcome::Record { fixes, meta, .. } => {
                        self.stats.add(&fixes);
                        if self.want_docs && (!fixes.is_empty() || !meta.is_empty()) {
                            self.docs.push(DocReport {
                                path: name.to_string(),
                                record: Some(line_no),
                                fixes,
                                meta,
                            });
                        }
                    }
                    Outcome::Bad(reason) => {
                        eprintln!(
                            "unglue: {name}:{line_no}: bad record, copied unchanged: {reason}"
                        );
                        self.stats.bad_records += 1;
                    }
                    Outcome::Blank => {}
                }
            }
        }
    }
}
