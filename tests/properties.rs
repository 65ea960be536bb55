//! Invariants on arbitrary input: fixes replay to the output, cleaning is
//! idempotent, text with nothing to fix comes back borrowed, nothing panics.

use std::borrow::Cow;
use std::sync::OnceLock;

use proptest::prelude::*;
use unglue::{Cleaned, Cleaner};

fn cleaners() -> &'static [Cleaner] {
    static C: OnceLock<Vec<Cleaner>> = OnceLock::new();
    C.get_or_init(|| {
        vec![
            Cleaner::new().unwrap(),
            Cleaner::builder()
                .profile("news")
                .include_opt_in(true)
                .build()
                .unwrap(),
        ]
    })
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
}
