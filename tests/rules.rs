//! Rule packs: every built-in example holds, and broken packs are refused
//! with file:line:column, the rule id and the reason.

use unglue::{Cleaner, Error, Reason, RuleError};

#[test]
fn builtin_examples_hold_in_every_profile() {
    for profile in unglue::profiles() {
        let cleaner = Cleaner::builder()
            .profile(&profile)
            .include_opt_in(true)
            .build()
            .unwrap();
        let report = cleaner.test_examples();
        assert!(report.rules >= 25, "{profile}: {} rules", report.rules);
        assert!(
            report.examples >= 2 * report.rules,
            "{profile}: every rule has a change and a keep"
        );
        assert!(
            report.failures.is_empty(),
            "{profile}: {:#?}",
            report.failures
        );
    }
}

#[test]
fn every_builtin_rule_has_a_look_alike_it_keeps() {
    let cleaner = Cleaner::builder()
        .profile("news")
        .include_opt_in(true)
        .build()
        .unwrap();
    for rule in cleaner.rules() {
        let ex = rule.examples();
        assert!(
            ex.iter().any(|e| e.input != e.output),
            "{}: no example it changes",
            rule.id()
        );
        assert!(
            ex.iter().any(|e| e.input == e.output),
            "{}: no look-alike it keeps",
            rule.id()
        );
    }
}

fn refuse(source: &str) -> RuleError {
    match Cleaner::builder().rules_source("my.toml", source).build() {
        Err(Error::Rule(e)) => *e,
        other => panic!("expected a rule error, got {other:?}"),
    }
}

const HEAD: &str = "[pack]\nname = \"mine\"\n\n";

#[test]
fn unknown_field_is_located() {
    let e = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"chrome.x\"\nkind = \"drop-line\"\npatern = 'x'\nwhy = \"w\"\n"
    ));
    assert_eq!((e.path.as_str(), e.line, e.column), ("my.toml", 7, 1));
    assert!(
        matches!(&e.reason, Reason::Toml(m) if m.contains("unknown field `patern`")),
        "{:?}",
        e.reason
    );
    assert!(e.to_string().starts_with("my.toml:7:1: "), "{e}");
    assert!(e.snippet.contains("patern"), "{}", e.snippet);
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let e = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"chrome.x\"\nkind = \"drop-line\"\npattern = '(unclosed'\nwhy = \"w\"\nexamples = [{{ input = \"a\", output = \"a\" }}]\n"
    ));
    assert_eq!(
        (e.line, e.column, e.rule.as_deref()),
        (7, 11, Some("chrome.x"))
    );
    assert!(
        matches!(&e.reason, Reason::BadRegex(m) if m.contains("unclosed")),
        "{:?}",
        e.reason
    );
}

#[test]
fn duplicate_id_is_refused() {
    let rule = "[[rule]]\nid = \"punct.x\"\nkind = \"map\"\nmap = { \"a\" = \"b\" }\nwhy = \"w\"\nexamples = [{ input = \"a\", output = \"b\" }]\n";
    let e = refuse(&format!("{HEAD}{rule}\n{rule}"));
    assert_eq!(e.reason, Reason::DuplicateId);
    assert_eq!(
        (e.line, e.column, e.rule.as_deref()),
        (12, 6, Some("punct.x"))
    );
}

#[test]
fn duplicate_of_a_builtin_id_is_refused_unless_disabled() {
    let rule = "[[rule]]\nid = \"punct.curly-double\"\nkind = \"map\"\nmap = { \"\u{201C}\" = \"<<\" }\nwhy = \"w\"\nexamples = [{ input = \"\u{201C}\", output = \"<<\" }]\n";
    assert_eq!(refuse(&format!("{HEAD}{rule}")).reason, Reason::DuplicateId);
    let pack = format!("[pack]\nname = \"mine\"\ndisable = [\"punct.curly-double\"]\n\n{rule}");
    let cleaner = Cleaner::builder()
        .rules_source("my.toml", &pack)
        .build()
        .unwrap();
    assert_eq!(cleaner.clean("\u{201C}hi").text, "<<hi\n");
}

#[test]
fn unknown_kind_lists_the_known_ones() {
    let e = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"chrome.x\"\nkind = \"drop-lines\"\npattern = 'x'\nwhy = \"w\"\nexamples = [{{ input = \"a\", output = \"a\" }}]\n"
    ));
    assert_eq!((e.line, e.column), (6, 8));
    assert!(
        e.to_string()
            .contains("unknown kind `drop-lines` (known: drop-line, cut-after"),
        "{e}"
    );
}

#[test]
fn missing_examples_are_refused() {
    let e = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"chrome.x\"\nkind = \"drop-line\"\npattern = 'x'\nwhy = \"w\"\n"
    ));
    assert_eq!(e.reason, Reason::MissingExample);
    assert_eq!(e.line, 5);
}

#[test]
fn kind_must_fit_the_phase_and_id_must_name_one() {
    let wrong = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"punct.x\"\nkind = \"drop-line\"\npattern = 'x'\nwhy = \"w\"\nexamples = [{{ input = \"a\", output = \"a\" }}]\n"
    ));
    assert!(
        matches!(wrong.reason, Reason::WrongPhase { .. }),
        "{:?}",
        wrong.reason
    );
    let bad_id = refuse(&format!(
        "{HEAD}[[rule]]\nid = \"style.x\"\nkind = \"replace\"\npattern = 'x'\nreplacement = \"y\"\nwhy = \"w\"\nexamples = [{{ input = \"x\", output = \"y\" }}]\n"
    ));
    assert_eq!(bad_id.reason, Reason::BadId);
}

#[test]
fn user_pack_extends_and_disables() {
    let pack = "[pack]\nname = \"mine\"\nextends = [\"news\"]\ndisable = [\"glue\"]\n";
    let cleaner = Cleaner::builder()
        .rules_source("my.toml", pack)
        .build()
        .unwrap();
    assert!(cleaner.rules().iter().any(|r| r.id() == "chrome.dateline"));
    assert!(!cleaner.rules().iter().any(|r| r.id().starts_with("glue.")));
    let unknown = Cleaner::builder()
        .rules_source("my.toml", "[pack]\nname = \"m\"\nextends = [\"nope\"]\n")
        .build();
    assert!(matches!(unknown, Err(Error::UnknownPack { .. })));
}

#[test]
fn selection_by_prefix_and_opt_in() {
    let glue = Cleaner::builder().select("glue").build().unwrap();
    assert!(glue.rules().iter().all(|r| r.id().starts_with("glue.")));
    assert!(glue.rules().len() >= 2);
    let punct = Cleaner::builder().select("punct").build().unwrap();
    assert!(
        !punct.rules().iter().any(|r| r.opt_in()),
        "opt-in rules need their full id"
    );
    let dashes = Cleaner::builder().select("punct.dashes").build().unwrap();
    assert_eq!(dashes.clean("a\u{2014}b").text, "a--b");
    assert!(matches!(
        Cleaner::builder().select("glu").build(),
        Err(Error::NoSuchRule(p)) if p == "glu"
    ));
}
