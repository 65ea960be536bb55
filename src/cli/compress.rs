//! Compressed files, read and written transparently: gzip and zstd are
//! recognised by their magic bytes when read, by the file name when written.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

const GZIP: &[u8] = &[0x1F, 0x8B];
const ZSTD: &[u8] = &[0x28, 0xB5, 0x2F, 0xFD];

/// A reader that decompresses when the stream starts with a known magic.
pub(crate) fn decoding(inner: Box<dyn Read + Send>) -> io::Result<Box<dyn Read + Send>> {
    let mut buf = BufReader::with_capacity(1 << 16, inner);
    let head = buf.fill_buf()?;
    Ok(if head.starts_with(GZIP) {
        Box::new(flate2::read::MultiGzDecoder::new(buf))
    } else if head.starts_with(ZSTD) {
        Box::new(zstd::Decoder::with_buffer(buf)?)
    } else {
        Box::new(buf)
    })
}

/// A writer to `path` that compresses when its name ends in `.gz` or `.zst`.
pub(crate) fn create(path: &Path) -> io::Result<Box<dyn Write>> {
    let file = io::BufWriter::with_capacity(1 << 16, fs::File::create(path)?);
    Ok(match path.extension().and_then(|e| e.to_str()) {
        Some("gz") => Box::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::default(),
        )),
        Some("zst") => Box::new(zstd::Encoder::new(file, 3)?.auto_finish()),
        _ => Box::new(file),
    })
}
