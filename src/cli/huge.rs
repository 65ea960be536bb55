//! JSONL records too long to hold in memory (a 100 MB page in one line):
//! the reader spills the line to a temporary file, which is checked in one
//! streaming pass and cleaned in a second, the field's text going through
//! the cleaner's segment stream (`unglue::Stream`) straight to the output.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

use struson::reader::{JsonReader, JsonStreamReader, ValueType};
use struson::writer::{JsonStreamWriter, JsonWriter, StringValueWriter};
use unglue::Cleaner;

use super::jsonl::{Outcome, fixes_json};

/// How reading one line ended.
pub(crate) enum LineRead {
    /// No more input.
    End,
    /// The line (with its newline, if any) is in the buffer.
    Line,
    /// The line was longer than the limit: it is in this file, of this size.
    Spilled(File, usize),
}

/// Reads from the buffer up to and including the next `\n`, handing the
/// bytes to `take`: `None` at the end of the input, else whether the line ended.
fn chunk(
    reader: &mut impl BufRead,
    mut take: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<Option<bool>> {
    let (n, done) = loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(None);
        }
        let (n, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        take(&buf[..n])?;
        break (n, done);
    };
    reader.consume(n);
    Ok(Some(done))
}

/// Reads a line into `line`, or into a temporary file once it grows past
/// `max` bytes.
pub(crate) fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    loop {
        let read = chunk(reader, |bytes| {
            line.extend_from_slice(bytes);
            Ok(())
        })?;
        match read {
            None if line.is_empty() => return Ok(LineRead::End),
            None | Some(true) => return Ok(LineRead::Line),
            Some(false) if line.len() > max => return spill(reader, std::mem::take(line)),
            Some(false) => {}
        }
    }
}

/// Copies the rest of the line after `start` into a temporary file.
fn spill(reader: &mut impl BufRead, start: Vec<u8>) -> io::Result<LineRead> {
    let mut file = BufWriter::new(tempfile::tempfile()?);
    file.write_all(&start)?;
    let mut size = start.len();
    drop(start);
    while let Some(false) = chunk(reader, |bytes| {
        size += bytes.len();
        file.write_all(bytes)
    })? {}
    let mut file = file.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    Ok(LineRead::Spilled(file, size))
}

/// Cleans the record in `file` into `out` (one line, with its newline).
/// A bad record is copied unchanged, as a short one is.
pub(crate) fn clean_record(
    cleaner: &Cleaner,
    pool: Option<&rayon::ThreadPool>,
    mut file: File,
    field: &str,
    report_field: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Err(reason) = check(BufReader::new(&file), field) {
        file.seek(SeekFrom::Start(0))?;
        let mut raw = BufReader::new(&file);
        copy_line(&mut raw, out)?;
        return Ok(Outcome::Bad(reason));
    }
    file.seek(SeekFrom::Start(0))?;
    let broken =
        |e: &dyn std::fmt::Display| io::Error::other(format!("reading a long record: {e}"));
    let mut reader = JsonStreamReader::new(BufReader::new(&file));
    let mut writer = JsonStreamWriter::new(BufWriter::new(&mut *out));
    let mut fixes = Vec::new();
    let mut meta = unglue::Meta::new();
    let mut cleaned = false;
    reader.begin_object().map_err(|e| broken(&e))?;
    writer.begin_object()?;
    while reader.has_next().map_err(|e| broken(&e))? {
        let name = reader.next_name_owned().map_err(|e| broken(&e))?;
        if Some(name.as_str()) == report_field {
            reader.skip_value().map_err(|e| broken(&e))?;
            continue;
        }
        writer.name(&name)?;
        if name == field && !cleaned {
            let text = reader.next_string_reader().map_err(|e| broken(&e))?;
            let mut value = writer.string_value_writer()?;
            let mut stream = cleaner.stream();
            if let Some(pool) = pool {
                stream = stream.pool(pool);
            }
            meta = stream.run(text, &mut value, |f| fixes.push(f))?.meta;
            value.finish_value()?;
            cleaned = true;
        } else {
            reader.transfer_to(&mut writer).map_err(|e| broken(&e))?;
        }
    }
    if let Some(name) = report_field {
        writer.name(name)?;
        writer
            .serialize_value(&fixes_json(&fixes))
            .map_err(|e| broken(&e))?;
    }
    reader.end_object().map_err(|e| broken(&e))?;
    writer.end_object()?;
    let mut buffered = writer.finish_document()?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(Outcome::Record {
        line: None,
        fixes,
        meta,
    })
}

/// Whether the record is an object whose `field` is a string, read once
/// through without holding any value.
fn check(file: impl io::Read, field: &str) -> Result<(), String> {
    let json = |e: struson::reader::ReaderError| format!("not a JSON object: {e}");
    let mut reader = JsonStreamReader::new(file);
    reader.begin_object().map_err(json)?;
    let mut found = None;
    while reader.has_next().map_err(json)? {
        let name = reader.next_name_owned().map_err(json)?;
        if name == field && found.is_none() {
            found = Some(reader.peek().map_err(json)?);
        }
        reader.skip_value().map_err(json)?;
    }
    reader.end_object().map_err(json)?;
    reader.consume_trailing_whitespace().map_err(json)?;
    match found {
        None => Err(format!("no field `{field}`")),
        Some(ValueType::String) => Ok(()),
        Some(_) => Err(format!("field `{field}` is not a string")),
    }
}

/// Copies a spilled line to `out` without its line ending, then a newline,
/// as a short bad line is written.
fn copy_line(raw: &mut impl BufRead, out: &mut dyn Write) -> io::Result<()> {
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        // The line's final `\n` is not copied: hold back the last byte.
        out.write_all(&pending)?;
        pending.clear();
        let keep = n.min(1);
        out.write_all(&buf[..n - keep])?;
        pending.extend_from_slice(&buf[n - keep..]);
        raw.consume(n);
    }
    let end = pending.strip_suffix(b"\n").unwrap_or(&pending);
    out.write_all(end)?;
    out.write_all(b"\n")
}
