//! HTML character references (`&amp;`, `&eacute;`, `&#8217;`) left in text
//! that was extracted from HTML. Decided per document: text that still holds
//! markup (`<p>`, `</a>`) is HTML source, where references belong.

use std::sync::OnceLock;

use regex::Regex;

use crate::edit::Edit;

fn reference() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
            .expect("valid regex")
    })
}

fn markup() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^<>]{0,200}>")
            .expect("valid regex")
    })
}

pub(crate) fn decode(text: &str, rule: usize) -> Vec<Edit> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() || markup().is_match(text) {
        return Vec::new();
    }
    reference()
        .find_iter(text)
        .filter_map(|m| {
            let to = html_escape::decode_html_entities(m.as_str());
            // Unknown names stay; so do references to control characters.
            let ok = to != m.as_str()
                && !to
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n'));
            ok.then(|| Edit::new(m.range(), to.into_owned(), rule))
        })
        .collect()
}
