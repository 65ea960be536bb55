//! Texts too long to hold whole (a 100 MB file, a 100 MB JSON string) are
//! cleaned a segment at a time, from a reader to a writer, so memory is
//! bounded by the segment size and the number of threads, not the input.
//!
//! Segments end at paragraph breaks where there are any. Each is cleaned
//! with its neighbours' edges in view (`phases::Edges`): regex anchors mean
//! what they mean in the whole text, and only the first segment has a head
//! for chrome rules, only the last a tail. What a segment cannot see is the
//! rest of the text: document evidence for glued words (names used
//! elsewhere) comes from the segment itself.

use std::io::{self, Read, Write};

use rayon::prelude::*;

use crate::cleaner::{Cleaner, Fix, Meta};
use crate::phases::Edges;

/// A segment ends at the first paragraph break after this many bytes.
const SEGMENT: usize = 1 << 20;

/// Bytes of each neighbour a segment's rules see.
const EDGE: usize = 256;

/// Cleans a long text from a reader to a writer. Built by `Cleaner::stream`.
#[derive(Clone, Debug)]
pub struct Stream<'c> {
    cleaner: &'c Cleaner,
    pool: Option<&'c rayon::ThreadPool>,
    lossy: bool,
    segment: usize,
}

/// What a streamed clean read and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Bytes read and written.
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Values the rules extracted, from the segment that found them first.
    pub meta: Meta,
    /// Where the first invalid UTF-8 was, when `lossy` replaced it.
    pub invalid_utf8_at: Option<u64>,
}

impl Cleaner {
    /// Cleans a text of any length a segment at a time; see `Stream::run`.
    pub fn stream(&self) -> Stream<'_> {
        Stream {
            cleaner: self,
            pool: None,
            lossy: false,
            segment: SEGMENT,
        }
    }
}

impl<'c> Stream<'c> {
    /// Replaces invalid UTF-8 with U+FFFD instead of stopping at it.
    pub fn lossy(mut self, yes: bool) -> Stream<'c> {
        self.lossy = yes;
        self
    }

    /// Cleans segments on `pool` instead of rayon's global pool.
    pub fn pool(mut self, pool: &'c rayon::ThreadPool) -> Stream<'c> {
        self.pool = Some(pool);
        self
    }

    /// The size after which a segment ends at the next paragraph break: 1 MiB
    /// by default, about the glue phase's evidence window; at least 1. A
    /// segment without a line break or a space ends at a character boundary
    /// at twice this size.
    pub fn segment_size(mut self, bytes: usize) -> Stream<'c> {
        self.segment = bytes.max(1);
        self
    }

    /// Reads `input` to its end and writes the clean text to `output`,
    /// handing each fix to `on_fix` in input order, with offsets, line and
    /// column in the whole input. Segments are cleaned in parallel, as many
    /// at a time as the pool has threads (eight at most).
    ///
    /// Invalid UTF-8 (unless `lossy`) and read or write errors stop the run
    /// with an `io::Error`; what was written before stays written.
    pub fn run<R: Read, W: Write>(
        &self,
        input: R,
        mut output: W,
        mut on_fix: impl FnMut(Fix),
    ) -> io::Result<Streamed> {
        let mut segments = Segments {
            reader: input,
            buf: Vec::new(),
            eof: false,
            size: self.segment,
        };
        let mut out = Streamed::default();
        let mut at = Position::default();
        let mut before = String::new();
        let threads = self
            .pool
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let in_flight = threads.clamp(1, 8);
        let mut queue: Vec<String> = Vec::new();
        loop {
            while queue.len() <= in_flight {
                let Some(bytes) = segments.next()? else {
                    break;
                };
                queue.push(self.decode(bytes, at.offset + queued(&queue), &mut out)?);
            }
            if queue.is_empty() {
                break;
            }
            // The last queued segment waits for the next batch unless it ends the text.
            let n = queue.len().min(in_flight);
            let batch: Vec<(Edges<'_>, &str)> = (0..n)
                .map(|i| {
                    let prev = if i == 0 {
                        before.as_str()
                    } else {
                        tail(&queue[i - 1])
                    };
                    let next = queue.get(i + 1).map_or("", |s| head(s));
                    (
                        Edges {
                            before: prev,
                            after: next,
                        },
                        queue[i].as_str(),
                    )
                })
                .collect();
            let clean = || -> Vec<_> {
                batch
                    .par_iter()
                    .map(|(edges, text)| self.cleaner.clean_segment(text, *edges))
                    .collect()
            };
            let cleaned = match self.pool {
                Some(pool) => pool.install(clean),
                None => clean(),
            };
            for ((_, text), c) in batch.iter().zip(cleaned) {
                output.write_all(c.text.as_bytes())?;
                out.bytes_out += c.text.len() as u64;
                for mut fix in c.fixes {
                    at.shift(&mut fix);
                    on_fix(fix);
                }
                for (k, v) in c.meta {
                    out.meta.entry(k).or_insert(v);
                }
                at.advance(text);
            }
            before = tail(&queue[n - 1]).to_string();
            queue.drain(..n);
        }
        out.bytes_in = at.offset as u64;
        Ok(out)
    }

    fn decode(&self, bytes: Vec<u8>, offset: usize, out: &mut Streamed) -> io::Result<String> {
        match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(e) => {
                let at = (offset + e.utf8_error().valid_up_to()) as u64;
                if !self.lossy {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("invalid UTF-8 at byte {at}"),
                    ));
                }
                out.invalid_utf8_at.get_or_insert(at);
                Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }
}

/// Bytes in the queued segments (decoded, so lossy replacement can move the
/// offset of a later error; it is reported from the first one on).
fn queued(queue: &[String]) -> usize {
    queue.iter().map(String::len).sum()
}

/// The last `EDGE` bytes of a segment, from a character boundary.
fn tail(s: &str) -> &str {
    let mut i = s.len().saturating_sub(EDGE);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// The first `EDGE` bytes of a segment, to a character boundary.
fn head(s: &str) -> &str {
    let mut i = EDGE.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Where a segment starts in the whole input.
#[derive(Default)]
struct Position {
    offset: usize,
    /// Lines before the segment.
    lines: usize,
    /// Characters between the last line break and the segment's start.
    col: usize,
}

impl Position {
    /// A fix located in its segment, located in the whole input.
    fn shift(&self, fix: &mut Fix) {
        fix.byte_start += self.offset;
        fix.byte_end += self.offset;
        if fix.line == 1 {
            fix.col += self.col;
        }
        fix.line += self.lines;
    }

    fn advance(&mut self, segment: &str) {
        self.offset += segment.len();
        match memchr::memrchr(b'\n', segment.as_bytes()) {
            Some(i) => {
                self.lines += memchr::memchr_iter(b'\n', segment.as_bytes()).count();
                self.col = segment[i + 1..].chars().count();
            }
            None => self.col += segment.chars().count(),
        }
    }
}

/// The input cut into segments of raw bytes.
struct Segments<R> {
    reader: R,
    buf: Vec<u8>,
    eof: bool,
    size: usize,
}

impl<R: Read> Segments<R> {
    fn next(&mut self) -> io::Result<Option<Vec<u8>>> {
        let max = self.size.saturating_mul(2);
        // A few bytes past `max`, so the character there is whole.
        let fill = max.saturating_add(4);
        while !self.eof && self.buf.len() < fill {
            let want = (fill - self.buf.len()) as u64;
            let n = (&mut self.reader).take(want).read_to_end(&mut self.buf)?;
            self.eof = n == 0;
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let end = if self.eof && self.buf.len() <= fill {
            cut(&self.buf, self.size).unwrap_or(self.buf.len())
        } else {
            cut(&self.buf, self.size).unwrap_or_else(|| boundary(&self.buf, max))
        };
        let rest = self.buf.split_off(end);
        Ok(Some(std::mem::replace(&mut self.buf, rest)))
    }
}

fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where the first segment of `buf` ends: before the first line that
/// starts a paragraph after `size` bytes; failing that, before the first
/// line after it; failing that, after the first space before a non-space.
/// Every cut is before a non-blank byte that follows ASCII white space.
fn cut(buf: &[u8], size: usize) -> Option<usize> {
    if buf.len() <= size {
        return None;
    }
    let from = size.max(2);
    let after = |pat: &[u8]| {
        memchr::memmem::find_iter(&buf[from - pat.len()..], pat)
            .map(|i| from - pat.len() + i + pat.len())
            .find(|&i| i < buf.len() && !blank(buf[i]))
    };
    after(b"\n\n")
        .or_else(|| after(b"\n"))
        .or_else(|| after(b" "))
}

/// A character boundary near `at` (for text without white space): before
/// it if the character there starts after the segment does, else after it.
fn boundary(buf: &[u8], at: usize) -> usize {
    if at >= buf.len() {
        return buf.len();
    }
    // UTF-8 continuation bytes are 0b10xxxxxx.
    let starts = |i: usize| i >= buf.len() || (buf[i] as i8) >= -0x40;
    if let Some(i) = (at.saturating_sub(3).max(1)..=at)
        .rev()
        .find(|&i| starts(i))
    {
        return i;
    }
    (at + 1..)
        .find(|&i| starts(i))
        .expect("the end is a boundary")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_before_paragraphs_then_lines_then_words() {
        let text = b"aaaa bbbb\ncccc\n\ndddd eeee\n\nffff";
        assert_eq!(cut(text, 4), Some(16));
        assert_eq!(cut(text, 17), Some(27));
        assert_eq!(cut(b"aaaa bbbb\ncccc dddd", 4), Some(10));
        assert_eq!(cut(b"aaaa bbbb cccc", 6), Some(10));
        assert_eq!(cut(b"aaaabbbbcccc", 4), None);
        assert_eq!(cut(b"aaaa\n\n\n\n bbbb", 4), Some(9));
    }

    #[test]
    fn boundaries_do_not_split_characters() {
        let text = "ééé".as_bytes();
        assert_eq!(boundary(text, 3), 2);
        assert_eq!(boundary(text, 4), 4);
        assert_eq!(boundary(text, 10), 6);
        assert_eq!(boundary("\u{201C}x".as_bytes(), 2), 3);
    }
}
