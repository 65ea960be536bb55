//! Inputs: files, directories and stdin, as text documents or JSONL records.

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unglue::{Cleaner, Error};

use super::args::{Common, InputFormat};
use super::compress;
use super::huge::{self, LineRead};
use super::jsonl::{self, Outcome};
use super::report::{DocReport, DocTally, Stats};

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

    /// The source's bytes, decompressed when they are gzip or zstd.
    fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = match self {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(p) => Box::new(fs::File::open(p)?),
        };
        compress::decoding(raw)
    }

    /// The size on disk, for the progress bar.
    fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => fs::metadata(p).ok().map(|m| m.len()),
        }
    }
}

/// The sources named on the command line. Directories are walked with the
/// `ignore` crate (respecting .gitignore and hidden files), keeping files
/// that match an `--include` glob (all when none) and no `--exclude` glob,
/// in path order.
pub(crate) fn expand(
    paths: &[PathBuf],
    include: &[String],
    exclude: &[String],
) -> Result<Vec<Source>, Error> {
    if paths.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, include, exclude, &mut out)?;
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    include: &[String],
    exclude: &[String],
    out: &mut Vec<Source>,
) -> Result<(), Error> {
    let glob_err = |g: &str, e: ignore::Error| Error::Io {
        path: dir.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidInput, format!("bad glob `{g}`: {e}")),
    };
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for g in include {
        overrides.add(g).map_err(|e| glob_err(g, e))?;
    }
    for g in exclude {
        overrides
            .add(&format!("!{g}"))
            .map_err(|e| glob_err(g, e))?;
    }
    let overrides = overrides.build().map_err(|e| glob_err("", e))?;
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .overrides(overrides)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build()
    {
        let entry = entry.map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: io::Error::other(e.to_string()),
        })?;
        if entry.file_type().is_some_and(|t| t.is_file()) {
            files.push(Source::File(entry.into_path()));
        }
    }
    out.extend(files);
    Ok(())
}

/// Where cleaned output goes.
pub(crate) enum Sink<'w> {
    Write(&'w mut dyn Write),
    Discard,
}

impl Sink<'_> {
    /// Runs `f` with a writer: the sink's, or one that drops what it gets.
    fn with_writer<R>(&mut self, f: impl FnOnce(&mut dyn Write) -> R) -> R {
        match self {
            Sink::Write(w) => f(&mut **w),
            Sink::Discard => f(&mut io::sink()),
        }
    }
}

/// Text files cleaned in parallel at a time.
const FILES_AT_ONCE: usize = 32;

/// A cleaned text file, owned, ready to be written.
pub(crate) struct Cleaned {
    text: String,
    fixes: Vec<unglue::Fix>,
    meta: unglue::Meta,
    input_len: usize,
}

/// A text file at most this long is read and cleaned whole; a longer one
/// is streamed through the cleaner in segments (`unglue::Stream`), so
/// memory stays bounded whatever the file's size.
const WHOLE_MAX: usize = 8 << 20;

/// A text file read: cleaned whole, or too long for that and left to be
/// streamed (its first bytes, and the rest still to read).
pub(crate) enum Loaded {
    Whole(Cleaned),
    Long {
        head: Vec<u8>,
        rest: Box<dyn Read + Send>,
    },
}

fn read_and_clean(cleaner: &Cleaner, src: &Source, lossy: bool) -> io::Result<Loaded> {
    clean_reader(cleaner, &src.name(), src.open()?, lossy)
}

/// Reads a text file and cleans it, unless it is longer than `WHOLE_MAX`.
/// Invalid UTF-8 is refused with its offset, or replaced with `--lossy`.
fn clean_reader(
    cleaner: &Cleaner,
    name: &str,
    mut reader: Box<dyn Read + Send>,
    lossy: bool,
) -> io::Result<Loaded> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(WHOLE_MAX as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > WHOLE_MAX {
        return Ok(Loaded::Long {
            head: bytes,
            rest: reader,
        });
    }
    let text: Cow<'_, str> = match std::str::from_utf8(&bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(e) if lossy => {
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
    let out = cleaner.clean(&text);
    Ok(Loaded::Whole(Cleaned {
        text: out.text.into_owned(),
        fixes: out.fixes,
        meta: out.meta,
        input_len: bytes.len(),
    }))
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
    report_field: Option<String>,
    pool: Option<rayon::ThreadPool>,
    progress: Option<indicatif::ProgressBar>,
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
            report_field: common.report_field.clone(),
            pool,
            progress: None,
            docs: Vec::new(),
            stats: Stats::default(),
        }
    }

    /// Runs parallel work on the `-j` pool, or on rayon's global one.
    fn parallel<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        on_pool(self.pool.as_ref(), work)
    }

    fn error(&mut self, name: &str, msg: impl std::fmt::Display) {
        let msg = format!("unglue: {name}: {msg}");
        match &self.progress {
            Some(bar) => bar.println(msg),
            None => eprintln!("{msg}"),
        }
        self.stats.errors += 1;
    }

    /// A progress bar on stderr (bytes, records, MB/s, ETA) when stderr is a
    /// terminal and `--quiet` is not given.
    pub(crate) fn show_progress(&mut self, sources: &[Source], quiet: bool) {
        use std::io::IsTerminal;
        if quiet || !io::stderr().is_terminal() {
            return;
        }
        let total: Option<u64> = sources.iter().map(Source::len).sum();
        let bar = match total {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::no_length(),
        };
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
        )
        .expect("valid template");
        bar.set_style(style);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        self.progress = Some(bar);
    }

    fn advance(&self, bytes: usize) {
        if let Some(bar) = &self.progress {
            bar.inc(bytes as u64);
            bar.set_message(format!("{} documents", self.stats.docs));
        }
    }

    pub(crate) fn finish_progress(&self) {
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
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
        // The temporary file keeps the extension, so a .gz file stays gzip.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".unglue-tmp.{name}"));
        let errors = self.stats.errors;
        let written = compress::create(&tmp).and_then(|mut w| {
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

    /// Cleans every source into the sink, in order. Text files are read and
    /// cleaned in parallel, a few dozen at a time; JSONL files one after
    /// another, their records in parallel.
    pub(crate) fn process_all(&mut self, sources: &[Source], sink: &mut Sink<'_>) {
        if self.format == InputFormat::Jsonl || sources.len() < 2 {
            for src in sources {
                self.process(src, sink);
            }
            return;
        }
        for chunk in sources.chunks(FILES_AT_ONCE) {
            let (cleaner, lossy) = (self.cleaner, self.lossy);
            let results: Vec<(String, io::Result<Loaded>)> = self.parallel(|| {
                chunk
                    .par_iter()
                    .map(|src| (src.name(), read_and_clean(cleaner, src, lossy)))
                    .collect()
            });
            for (name, result) in results {
                self.stats.files += 1;
                match result.and_then(|c| self.emit(&name, c, sink)) {
                    Ok(()) => {}
                    Err(e) => self.error(&name, e),
                }
            }
        }
    }

    fn text(
        &mut self,
        name: &str,
        reader: Box<dyn Read + Send>,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        let loaded = clean_reader(self.cleaner, name, reader, self.lossy)?;
        self.emit(name, loaded, sink)
    }

    /// Writes a cleaned text file, or streams a long one through the
    /// cleaner, and records what was done to it.
    fn emit(&mut self, name: &str, loaded: Loaded, sink: &mut Sink<'_>) -> io::Result<()> {
        let cleaned = match loaded {
            Loaded::Whole(cleaned) => cleaned,
            Loaded::Long { head, rest } => return self.stream(name, head, rest, sink),
        };
        if let Sink::Write(w) = sink {
            w.write_all(cleaned.text.as_bytes())?;
        }
        self.stats.add(&cleaned.fixes);
        self.advance(cleaned.input_len);
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

    /// Cleans a long text file segment by segment into the sink; fixes are
    /// counted as they come and kept only when a report needs them.
    fn stream(
        &mut self,
        name: &str,
        head: Vec<u8>,
        rest: Box<dyn Read + Send>,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        let input = io::Cursor::new(head).chain(rest);
        let mut stream = self.cleaner.stream().lossy(self.lossy);
        if let Some(pool) = &self.pool {
            stream = stream.pool(pool);
        }
        let (stats, want_docs) = (&mut self.stats, self.want_docs);
        let mut tally = DocTally::default();
        let mut fixes = Vec::new();
        let mut on_fix = |f: unglue::Fix| {
            stats.fix(&f, &mut tally);
            if want_docs {
                fixes.push(f);
            }
        };
        let done = sink.with_writer(|w| stream.run(input, w, &mut on_fix));
        self.stats.end_doc(tally);
        let done = done.map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => io::Error::new(
                e.kind(),
                format!("{e} (the text before it was written; --lossy replaces it with U+FFFD)"),
            ),
            _ => e,
        })?;
        if let Some(at) = done.invalid_utf8_at {
            eprintln!("unglue: {name}: invalid UTF-8 at byte {at} replaced (--lossy)");
        }
        self.advance(done.bytes_in as usize);
        if self.want_docs {
            self.docs.push(DocReport {
                path: name.to_string(),
                record: None,
                fixes,
                meta: done.meta,
            });
        }
        Ok(())
    }

    /// JSONL in batches: a thread reads the next batch while the pool cleans
    /// one and this thread writes the one before (decompressing and
    /// compressing shards is serial work too), output in input order.
    fn jsonl(
        &mut self,
        name: &str,
        reader: BufReader<Box<dyn Read + Send>>,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        let batches = read_batches(reader);
        let (cleaner, field) = (self.cleaner, self.field.clone());
        let report_field = self.report_field.clone();
        let pool = self.pool.take();
        let clean = |lines: &[Vec<u8>]| -> Vec<Outcome> {
            on_pool(pool.as_ref(), || {
                lines
                    .par_iter()
                    .map(|l| jsonl::clean_line(cleaner, l, &field, report_field.as_deref()))
                    .collect()
            })
        };
        let mut line_no = 0;
        let mut done: Option<(Batch, Vec<Outcome>)> = None;
        let result = loop {
            // A read error ends the run, after what was read before it is written.
            let (next, failed) = match batches.recv() {
                Ok(Ok(batch)) => (
                    Some(batch).filter(|b| !b.lines.is_empty() || b.huge.is_some()),
                    None,
                ),
                Ok(Err(e)) => (None, Some(e)),
                Err(_) => (None, Some(io::Error::other("the reading thread stopped"))),
            };
            let last = next.is_none();
            let (cleaned, written) = std::thread::scope(|scope| {
                let worker = next.map(|b| scope.spawn(|| (clean(&b.lines), b)));
                let written = match done.take() {
                    Some((batch, outcomes)) => {
                        self.write_batch(name, batch, outcomes, pool.as_ref(), &mut line_no, sink)
                    }
                    None => Ok(()),
                };
                let cleaned = worker.map(|w| match w.join() {
                    Ok((outcomes, batch)) => (batch, outcomes),
                    Err(panic) => std::panic::resume_unwind(panic),
                });
                (cleaned, written)
            });
            if let Err(e) = written {
                break Err(e);
            }
            done = cleaned;
            if let Some(e) = failed {
                break Err(e);
            }
            if last {
                break Ok(());
            }
        };
        self.pool = pool;
        result
    }

    /// Writes a cleaned batch and adds it to the statistics and reports.
    fn write_batch(
        &mut self,
        name: &str,
        mut batch: Batch,
        outcomes: Vec<Outcome>,
        pool: Option<&rayon::ThreadPool>,
        line_no: &mut usize,
        sink: &mut Sink<'_>,
    ) -> io::Result<()> {
        self.advance(batch.size);
        for (raw, outcome) in batch.lines.iter().zip(outcomes) {
            let out: &[u8] = match &outcome {
                Outcome::Record { line: Some(l), .. } => l.as_bytes(),
                _ => raw.strip_suffix(b"\n").unwrap_or(raw),
            };
            if let Sink::Write(w) = sink {
                w.write_all(out)?;
                w.write_all(b"\n")?;
            }
            self.record(name, outcome, line_no);
        }
        if let Some(file) = batch.huge.take() {
            let (field, report_field) = (self.field.as_str(), self.report_field.as_deref());
            let cleaner = self.cleaner;
            let outcome = sink
                .with_writer(|w| huge::clean_record(cleaner, pool, file, field, report_field, w))?;
            self.record(name, outcome, line_no);
        }
        Ok(())
    }

    /// Adds a written record to the statistics and reports.
    fn record(&mut self, name: &str, outcome: Outcome, line_no: &mut usize) {
        *line_no += 1;
        let line_no = *line_no;
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
                eprintln!("unglue: {name}:{line_no}: bad record, copied unchanged: {reason}");
                self.stats.bad_records += 1;
            }
            Outcome::Blank => {}
        }
    }
}

/// Runs parallel work on `pool`, or on rayon's global one.
fn on_pool<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Lines of a JSONL source, about `BATCH_BYTES` at a time, and the
/// spilled record of more than `LINE_MAX` bytes that ended the batch, if one did.
struct Batch {
    lines: Vec<Vec<u8>>,
    size: usize,
    huge: Option<fs::File>,
}

/// A JSONL line longer than this is spilled to a temporary file and its
/// record streamed (`huge`), so memory stays bounded by this, not the line.
const LINE_MAX: usize = 8 << 20;

/// Reads batches on a thread of its own; an empty batch marks the end. The
/// thread stops when the receiver is dropped.
fn read_batches(
    mut reader: BufReader<Box<dyn Read + Send>>,
) -> std::sync::mpsc::Receiver<io::Result<Batch>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        loop {
            let mut batch = Batch {
                lines: Vec::new(),
                size: 0,
                huge: None,
            };
            let read = loop {
                if batch.size >= BATCH_BYTES {
                    break Ok(());
                }
                let mut line = Vec::new();
                match huge::read_line(&mut reader, &mut line, LINE_MAX) {
                    Ok(LineRead::End) => break Ok(()),
                    Ok(LineRead::Line) => {
                        batch.size += line.len();
                        batch.lines.push(line);
                    }
                    Ok(LineRead::Spilled(file, n)) => {
                        batch.size += n;
                        batch.huge = Some(file);
                        break Ok(());
                    }
                    Err(e) => break Err(e),
                }
            };
            // Lines read before an error (a truncated shard) are still cleaned.
            let empty = batch.lines.is_empty() && batch.huge.is_none();
            let end = empty || read.is_err();
            let sent = if empty && read.is_err() {
                Ok(())
            } else {
                tx.send(Ok(batch))
            };
            if let Err(e) = read {
                let _ = tx.send(Err(e));
            }
            if end || sent.is_err() {
                return;
            }
        }
    });
    rx
}
