//! The seeds: the default profile turns each into its expected file byte for
//! byte, and each expected file is a fixed point.

use std::borrow::Cow;
use std::fs;

use unglue::{Cleaned, Cleaner};

fn seeds() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir("fixtures/seeds").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let input = fs::read_to_string(&path).unwrap();
            let expected = fs::read_to_string(format!("fixtures/seeds/expected/{name}")).unwrap();
            out.push((name, input, expected));
        }
    }
    out.sort();
    assert_eq!(out.len(), 2, "both seeds are in fixtures/seeds");
    out
}

#[test]
fn seeds_clean_to_expected() {
    let cleaner = Cleaner::new().unwrap();
    for (name, input, expected) in seeds() {
        let out = cleaner.clean(&input);
        assert_eq!(out.text, expected, "{name}");
        assert_eq!(
            Cleaned::replay(&input, &out.fixes),
            expected,
            "{name}: replay"
        );
    }
}

#[test]
fn expected_outputs_are_fixed_points() {
    let cleaner = Cleaner::new().unwrap();
    for (name, _, expected) in seeds() {
        let out = cleaner.clean(&expected);
        assert!(out.fixes.is_empty(), "{name}: {:?}", out.fixes);
        assert!(matches!(out.text, Cow::Borrowed(_)), "{name}");
    }
}

#[test]
fn seed_fixes_name_their_rules() {
    let cleaner = Cleaner::new().unwrap();
    let (_, input, _) = &seeds()[1];
    let out = cleaner.clean(input);
    let pairs: Vec<(&str, &str, &str)> = out
        .fixes
        .iter()
        .filter(|f| f.rule.starts_with("glue."))
        .map(|f| (&*f.rule, f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("glue.closing-quote", "t\u{201D}i", "t\" i"),
            ("glue.split-word", "fightingleading", "fighting leading"),
            ("glue.split-word", "officialto", "official to"),
            ("glue.split-word", "Kyivin", "Kyiv in"),
        ]
    );
    assert_eq!(out.meta.get("date").map(String::as_str), Some("2022-04-22"));
    let first = &out.fixes[0];
    assert_eq!(
        (first.rule.as_ref(), first.line, first.col),
        ("chrome.date-debris", 1, 1)
    );
    assert_eq!(first.before, " date 2022-04-22 ");
}
