//! Invariants on arbitrary input: fixes replay to the output, cleaning is
//! idempotent, text with nothing to fix comes back borrowed, nothing panics.

use std::borrow::Cow;
use std::sync::OnceLock;

use proptest::prelude::*;
use unglue::{Cleaned, Cleaner};

mod common;

/// The default profile, and the news profile with the opt-in punctuation
/// maps. NFKC is checked apart (`nfkc_is_idempotent`): it turns symbols such
/// as `™` into ASCII, which changes what the repair phase saw as evidence of
/// mojibake, so it is only promised on text without mojibake.
fn cleaners() -> &'static [Cleaner] {
    static C: OnceLock<Vec<Cleaner>> = OnceLock::new();
    C.get_or_init(|| {
        let mut news = Cleaner::builder();
        news.profile("news");
        for id in ["repair", "unicode", "chrome", "glue", "punct", "layout"] {
            news.select(id);
        }
        news.select("punct.dashes").select("punct.ellipsis");
        vec![Cleaner::new().unwrap(), news.build().unwrap()]
    })
}

fn nfkc() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::builder().include_opt_in(true).build().unwrap())
}

/// Pieces that exercise every phase: chrome lines, glued words, quotes,
/// control characters, decomposed accents, odd white space.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The council met on Tuesday to discuss the budget for the coming year.".to_string()),
        Just("Leave a Comment".to_string()),
        Just("Recent Posts".to_string()),
        Just("From The Associated Press".to_string()),
        Just("Share this:".to_string()),
        Just(" date 2022-04-22 ".to_string()),
        Just("UNITED NATIONS (AP) \u{2014} ".to_string()),
        Just("fightingleading officialto Kyiv Kyivin resultsThe".to_string()),
        Just("\u{201C}moment\u{201D}in \u{2018}x\u{2019}s \u{02BC}".to_string()),
        Just("Cafe\u{301} \u{FB01} \u{FF21} \u{200B}\u{FEFF}".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\n\n\n".to_string()),
        Just("  \t ".to_string()),
        Just("\u{1B}[31m\u{0}\u{7}\u{85}\u{2028}".to_string()),
        Just(
            "caf\u{C3}\u{A9} \u{E2}\u{20AC}\u{153}x\u{E2}\u{20AC}\u{9D} H\u{C3}\u{201D}TEL"
                .to_string()
        ),
        Just("\u{C3}\u{C2}\u{D7}\u{2018}\u{D7}\u{A0}\u{FFFD}\u{80}\u{9F}\u{A5}".to_string()),
        "[\u{80}-\u{FF}\u{2018}-\u{2022}\u{20AC}\u{2122} a-z]{1,8}",
        // Letters and marks that compose into the mojibake alphabet (`Ã©`).
        "[AEIOUaeiou\u{300}-\u{308}\u{327}\u{A0}-\u{FF}\u{2018}-\u{201E}]{1,8}",
        Just("&amp;lt;b&amp;gt; &eacute; &#8217; &nope; <p>".to_string()),
        "[a-zA-Z]{1,12}",
        any::<String>(),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.join(""))
}

fn check(input: &str) -> Result<(), TestCaseError> {
    for cleaner in cleaners() {
        let out = cleaner.clean(input);
        prop_assert_eq!(Cleaned::replay(input, &out.fixes), out.text.as_ref());
        let mut last = 0;
        for f in &out.fixes {
            prop_assert!(f.byte_start >= last && f.byte_start <= f.byte_end);
            prop_assert_eq!(&input[f.byte_start..f.byte_end], f.before.as_str());
            last = f.byte_end;
        }
        let again = cleaner.clean(&out.text);
        prop_assert!(again.fixes.is_empty(), "not idempotent: {:?}", again.fixes);
        prop_assert!(matches!(again.text, Cow::Borrowed(_)));
        if out.fixes.is_empty() {
            prop_assert!(matches!(out.text, Cow::Borrowed(_)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn invariants_hold_on_pieced_text(input in doc()) {
        check(&input)?;
    }

    #[test]
    fn invariants_hold_on_any_string(input in any::<String>()) {
        check(&input)?;
    }

    #[test]
    fn nfkc_is_idempotent(input in "[a-zA-Z0-9 .,\n\u{FB00}-\u{FB06}\u{FF01}-\u{FF5E}\u{2460}-\u{2473}\u{00B2}\u{00BD}\u{2126}\u{212B}\u{0301}\u{200B}]{0,60}") {
        let out = nfkc().clean(&input);
        prop_assert_eq!(Cleaned::replay(&input, &out.fixes), out.text.as_ref());
        let again = nfkc().clean(&out.text);
        prop_assert!(again.fixes.is_empty(), "not idempotent: {:?}", again.fixes);
    }
}

/// What the slices of real text are damaged with: page chrome, glue,
/// markup, references, mojibake, invisible and combining characters.
const DAMAGE: &[&str] = &[
    "\u{201D}",
    "\u{201C}",
    "\"",
    "'",
    "\u{2019}",
    "\u{E2}\u{20AC}\u{2122}",
    "\u{C3}\u{A9}",
    "\u{C2}",
    "\u{301}",
    "\u{200B}",
    "\u{A0}",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u{2026}",
    "\u{2014}",
    "-",
    ",",
    "?",
    "!",
    ";",
    "I",
    "a",
    "the",
    "<br>",
    "&amp;",
    "&#8217;",
    "\u{85}",
    "\u{93}",
    "\u{FFFD}",
    "\nShare on",
    "Facebook\n",
    "\nLeave a Comment\n",
    "\nRelated Articles\n",
    "\nFollow Us\n",
];

/// A slice of a real text with a few characters inserted, replaced or
/// deleted: real sentences around the damage, where pieced text has none.
fn damaged_news() -> impl Strategy<Value = String> {
    let edit = (any::<prop::sample::Index>(), 0usize..DAMAGE.len(), 0u8..3);
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::sample::select(vec![40usize, 200, 1000, 5000]),
        prop::collection::vec(edit, 0..8),
    )
        .prop_map(|(doc, start, len, edits)| {
            let news = common::glue_dev();
            let text = &news[doc.index(news.len())].0;
            let chars: Vec<char> = text.chars().collect();
            let a = start.index(chars.len().max(1));
            let mut s: Vec<String> = chars[a..(a + len).min(chars.len())]
                .iter()
                .map(char::to_string)
                .collect();
            for (at, d, op) in edits {
                let k = at.index(s.len() + 1);
                match op {
                    0 => s.insert(k, DAMAGE[d].to_string()),
                    1 if k < s.len() => s[k] = DAMAGE[d].to_string(),
                    _ if k < s.len() => {
                        s.remove(k);
                    }
                    _ => {}
                }
            }
            s.concat()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_hold_on_damaged_news(input in damaged_news()) {
        check(&input)?;
    }
}

/// Streamed in segments of any size, the fixes still replay to the output
/// and locate themselves in the whole input.
fn check_stream(input: &str, segment: usize) -> Result<(), TestCaseError> {
    let (out, fixes, done) = common::stream(&cleaners()[0], input, segment);
    prop_assert_eq!(done.bytes_in, input.len() as u64);
    prop_assert_eq!(done.bytes_out, out.len() as u64);
    prop_assert_eq!(Cleaned::replay(input, &fixes), out.as_str());
    let mut last = 0;
    for f in &fixes {
        prop_assert!(f.byte_start >= last && f.byte_start <= f.byte_end);
        prop_assert_eq!(&input[f.byte_start..f.byte_end], f.before.as_str());
        let before = &input[..f.byte_start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
        prop_assert_eq!((f.line, f.col), (line, col));
        last = f.byte_end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn streamed_fixes_replay_and_locate(input in doc(), segment in 1usize..200) {
        check_stream(&input, segment)?;
    }
}
