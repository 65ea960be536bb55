//! The library's promises beyond the seeds: sharing, the chrome cap, opt-in rules.

use std::borrow::Cow;

use unglue::{Cleaned, Cleaner};

mod common;

#[test]
fn cleaner_is_shared_across_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let cleaner = Cleaner::new().unwrap();
    shared(&cleaner);
    let outs: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| cleaner.clean("officialto Moscow").text.into_owned()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outs.iter().all(|o| o == "official to Moscow\n"));
}

#[test]
fn chrome_cap_reverts_and_says_so() {
    // A short story under a very long tail of chrome: removing the tail would
    // take nearly all of the document, so nothing is removed.
    let mut text = String::from(
        "The council met on Tuesday to discuss the budget for the coming year, and it approved the plan after a long debate about schools and roads.\n",
    );
    for i in 0..200 {
        text.push_str(&format!("Budget vote delayed again number {i}\n"));
    }
    let out = Cleaner::builder()
        .select("chrome")
        .build()
        .unwrap()
        .clean(&text);
    assert!(matches!(out.text, Cow::Borrowed(_)));
    assert!(out.fixes.is_empty());
    assert!(
        out.meta["chrome.cap"].starts_with("reverted"),
        "{:?}",
        out.meta
    );
}

#[test]
fn a_document_is_never_emptied() {
    let out = Cleaner::builder()
        .select("chrome")
        .build()
        .unwrap()
        .clean("Share this:\nFacebook\n");
    assert_eq!(out.text, "Share this:\nFacebook\n");
    assert!(out.meta.contains_key("chrome.cap"));
}

#[test]
fn fixes_carry_line_and_column_in_characters() {
    let input = "\u{00E9}\u{00E9} line one\nsecond officialto here\n";
    let out = Cleaner::new().unwrap().clean(input);
    let fix = out
        .fixes
        .iter()
        .find(|f| f.rule.as_ref() == "glue.split-word")
        .unwrap();
    assert_eq!((fix.line, fix.col), (2, 8));
    assert_eq!(&input[fix.byte_start..fix.byte_end], "officialto");
    assert_eq!(Cleaned::replay(input, &out.fixes), out.text);
}

/// A text longer than the glue phase's evidence window (about a megabyte of
/// letters) is cleaned window by window; it must still come back clean.
#[test]
fn a_long_text_is_cleaned_to_a_fixed_point() {
    let cleaner = Cleaner::new().unwrap();
    let paragraph = "Kyiv said on Monday that the forces had withdrawn, and \
                     \u{201C}officials said\u{201D}the talks would resume.\n\n";
    let glued = [
        "fightingleading",
        "officialto",
        "Kyivin",
        "thewar",
        "newdrugsinclude",
    ];
    let mut input = String::new();
    for i in 0..20_000 {
        input.push_str(paragraph);
        if i % 4_000 == 7 {
            input.push_str(&format!("The {} report.\n\n", glued[i / 4_000]));
        }
    }
    assert!(input.len() > 2_000_000);
    let once = cleaner.clean(&input);
    let splits: Vec<&str> = once
        .fixes
        .iter()
        .filter(|f| f.rule.as_ref() == "glue.split-word")
        .map(|f| f.before.as_str())
        .collect();
    assert!(splits.len() >= 4, "{splits:?}");
    assert!(once.text.contains("fighting leading"));
    let twice = cleaner.clean(&once.text);
    assert!(
        twice.fixes.is_empty(),
        "{:?}",
        &twice.fixes[..twice.fixes.len().min(3)]
    );
}

/// Paragraph by paragraph, a text streamed in small segments comes out as
/// it does cleaned whole: the first segment has the head, the last the
/// final newline, and the ones between lose nothing at their edges.
#[test]
fn a_streamed_text_cleans_as_the_whole_does() {
    let cleaner = Cleaner::new().unwrap();
    let mut input =
        String::from("\n\ndate 2022-04-22 The council met on Monday to discuss the talks.\n\n");
    for i in 0..300 {
        input.push_str(&format!(
            "Paragraph {i} said \u{201C}officials said\u{201D}the talks inthe city   would resume.  \n\
             The caf\u{E9} owner said \u{2018}x\u{2019}s were fine and the talks would go on.\n\n\n\n"
        ));
    }
    input.push_str("The talks ended on Friday in the city, the officials said.\n\n\n");
    let whole = cleaner.clean(&input);
    // Segments no shorter than a line: the rules see every word whole.
    for segment in [40, 100, 1000, 1 << 20] {
        let (out, fixes, done) = common::stream(&cleaner, &input, segment);
        let differs = out.lines().zip(whole.text.lines()).find(|(a, b)| a != b);
        assert_eq!(differs, None, "segment {segment}");
        assert!(out == whole.text, "segment {segment}: the ends differ");
        assert!(fixes == whole.fixes, "segment {segment}: the fixes differ");
        assert_eq!(done.meta, whole.meta);
    }
}

#[test]
fn a_stream_stops_at_invalid_utf8_unless_lossy() {
    let cleaner = Cleaner::new().unwrap();
    let input = [&b"one\n\n"[..], &[0xFF], &b"two\n"[..]].concat();
    let err = cleaner
        .stream()
        .segment_size(2)
        .run(&input[..], Vec::new(), |_| {})
        .unwrap_err();
    assert_eq!(err.to_string(), "invalid UTF-8 at byte 5");
    let mut out = Vec::new();
    let done = cleaner
        .stream()
        .lossy(true)
        .run(&input[..], &mut out, |_| {})
        .unwrap();
    assert_eq!(out, "one\n\n\u{FFFD}two\n".as_bytes());
    assert_eq!(done.invalid_utf8_at, Some(5));
}

/// Cleans `input` and checks that cleaning the output again changes
/// nothing; the output.
fn clean_settled(cleaner: &Cleaner, input: &str) -> String {
    let once = cleaner.clean(input);
    let twice = cleaner.clean(&once.text);
    assert!(twice.fixes.is_empty(), "{input:?}: {:?}", twice.fixes);
    once.text.into_owned()
}

/// A cleaner with the default profile and one more pack.
fn with_pack(name: &str, pack: &str) -> Cleaner {
    Cleaner::builder().rules_source(name, pack).build().unwrap()
}

const PARA: &str = "The council met on Tuesday to discuss the budget for the coming year, and it approved the plan after a long debate about schools.";

/// A pack may map any character to `"`; the glue phase must count it as a
/// quote in the first run, as the second run sees it, or cleaning twice
/// would split what cleaning once did not.
#[test]
fn a_pack_mapped_quote_counts_as_a_quote() {
    let cleaner = with_pack(
        "odd.toml",
        r#"
[pack]
name = "guillemets"
description = "An odd quote mark made straight"

[[rule]]
id = "punct.odd-quote"
kind = "map"
map = { "\u02DD" = "\"" }
why = "A double acute accent used as a quote mark"
examples = [{ input = "\u02DDa\u02DD\n", output = "\"a\"\n" }]
"#,
    );
    let input = "He said \u{2DD}the deal is over,\u{2DD}Trump said.\n";
    assert_eq!(
        clean_settled(&cleaner, input),
        "He said \"the deal is over,\" Trump said.\n"
    );
}

/// Mojibake is judged as the normalize rule will leave the text: letters
/// composed with the marks after them. Judged decomposed, `A` + U+0303 + `©`
/// passes in the first run and, composed to `Ã©`, is repaired in the second.
#[test]
fn mojibake_is_judged_composed() {
    let cleaner = Cleaner::new().unwrap();
    let input = "Un cafA\u{303}\u{A9} noir.\n";
    let fix = &cleaner.clean(input).fixes[0];
    assert_eq!(
        (&*fix.rule, fix.before.as_str()),
        ("repair.mojibake", "A\u{303}\u{A9}")
    );
    assert_eq!(clean_settled(&cleaner, input), "Un café noir.\n");
    clean_settled(&cleaner, "I\u{301}e\u{301}\u{C5} \n");
}

/// A later phase can change what an earlier one saw: a split makes a line a
/// chrome rule drops, and dropping the only markup lets character references
/// be decoded. The pipeline runs again, so cleaning twice changes nothing,
/// and the drop is reported under the chrome rule.
#[test]
fn a_second_round_finishes_what_later_phases_started() {
    let cleaner = Cleaner::new().unwrap();
    let input = format!("{PARA}\n\nShare onFacebook\n\n{PARA}\n");
    assert_eq!(
        clean_settled(&cleaner, &input),
        format!("{PARA}\n\n{PARA}\n")
    );
    let fixes = cleaner.clean(&input).fixes;
    let drop = fixes
        .iter()
        .find(|f| f.before.contains("Facebook"))
        .unwrap();
    assert_eq!(&*drop.rule, "chrome.share");

    let input = format!("<b>Menu</b>\n\n{PARA} Fish &amp; chips.\n");
    assert_eq!(
        clean_settled(&cleaner, &input),
        format!("{PARA} Fish & chips.\n")
    );
}

/// Chrome patterns see quotes as the punct maps will leave them: a pack's
/// `Don't miss` drops the line written `Don’t miss` in the first run, as a
/// second run would.
#[test]
fn chrome_patterns_see_straightened_quotes() {
    let cleaner = with_pack(
        "teasers.toml",
        r#"
[pack]
name = "teasers"
description = "A teaser label"

[[rule]]
id = "chrome.dont-miss"
kind = "drop-line"
zone = "anywhere"
pattern = "^Don't miss$"
why = "A teaser label"
examples = [{ input = "Don't miss\n", output = "" }, { input = "Don't miss it.\n", output = "Don't miss it.\n" }]
"#,
    );
    let input = format!("{PARA}\n\nDon\u{2019}t miss\n\n{PARA}\n");
    assert_eq!(
        clean_settled(&cleaner, &input),
        format!("{PARA}\n\n{PARA}\n")
    );
}

/// Mojibake is judged without the invisible characters the unicode phase
/// deletes: `Â` + U+200B + space reads as `Â` + space in a second run.
#[test]
fn mojibake_is_judged_without_deleted_characters() {
    let cleaner = Cleaner::new().unwrap();
    let input = "voil\u{C3}\u{200B}  le chat\n";
    assert_eq!(clean_settled(&cleaner, input), "voil\u{E0} le chat\n");
    clean_settled(&cleaner, "Caf\u{C2}\u{200B} fun\n");
}

/// With the opt-in dash map, `—` is `--` to the comma rule in the first run
/// as in the second: `game,set—match` splits once, not on the second clean.
/// (A glued comma splits in a text that lost spaces elsewhere.)
#[test]
fn a_glued_comma_before_a_dash_splits_in_the_first_run() {
    let cleaner = Cleaner::builder()
        .select("glue")
        .select("punct")
        .select("punct.dashes")
        .build()
        .unwrap();
    let input = "Inthe end theteam won forthe fans: the game,set\u{2014}and the match.\n";
    assert_eq!(
        clean_settled(&cleaner, input),
        "In the end the team won for the fans: the game, set--and the match.\n"
    );
}

/// A page that prints its own article body again as one line (its metadata's
/// `articleBody`) below the article: the copy goes, with the chrome around it
/// that it hid in the core; the article stays whole.
#[test]
fn an_article_dump_below_the_article_is_dropped() {
    let paras = [
        PARA,
        "The new mayor was sworn in on Monday in a short ceremony at the city hall, and she promised to fix the roads before the winter.",
        "Residents who spoke at the meeting asked for more buses on the northern routes and for longer opening hours at the public library.",
        "Several shop owners on the high street said the new parking rules had cost them customers, and they asked for a review in the spring.",
    ];
    let article = paras.join("\n\n") + "\n";
    let input = format!(
        "{article}\nRelated coverage:\n\nHow the budget was made\n2019-11-13T23:06:00+01:00\n{}\nhttps://example.com/logo.png\n",
        paras.join(" ")
    );
    let out = clean_settled(&Cleaner::builder().build().unwrap(), &input);
    assert_eq!(out, article);
}

/// Loads one rule (its TOML lines after `[[rule]]`) in a pack named
/// `name` and checks it is refused at `location` (`file:line:column: rule
/// `id``) for `reason`.
fn assert_refused(name: &str, rule: &str, location: &str, reason: &str) {
    let pack = format!(
        "[pack]\nname = \"x\"\ndescription = \"x\"\n\n[[rule]]\n{rule}why = \"w\"\nexamples = [{{ input = \"x\\n\", output = \"\\n\" }}]\n"
    );
    let err = Cleaner::builder()
        .rules_source(name, &pack)
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains(location) && err.contains(reason), "{err}");
}

#[test]
fn drop_repeat_refuses_the_anywhere_zone_with_its_location() {
    assert_refused(
        "again.toml",
        "id = \"chrome.again\"\nkind = \"drop-repeat\"\nzone = \"anywhere\"\n",
        "again.toml:8:8: rule `chrome.again`",
        "zone `head` or `tail`",
    );
}

#[test]
fn thread_is_refused_on_a_kind_other_than_cut_after() {
    assert_refused(
        "stamp.toml",
        "id = \"chrome.stamp\"\nkind = \"drop-line\"\npattern = 'x'\nthread = '\\d:\\d\\d'\n",
        "stamp.toml:9:10: rule `chrome.stamp`",
        "`thread` is only for cut-after rules",
    );
}

#[test]
fn min_run_is_refused_below_one_and_on_other_kinds() {
    assert_refused(
        "links.toml",
        "id = \"chrome.links\"\nkind = \"drop-line\"\npattern = 'x'\nmin_run = 0\n",
        "links.toml:9:11: rule `chrome.links`",
        "`min_run` is at least 1",
    );
    assert_refused(
        "links.toml",
        "id = \"chrome.links\"\nkind = \"cut-after\"\npattern = 'x'\nmin_run = 2\n",
        "links.toml:9:11: rule `chrome.links`",
        "`min_run` is only for drop-line rules",
    );
}

#[test]
fn max_words_is_refused_outside_the_anywhere_zone() {
    assert_refused(
        "notice.toml",
        "id = \"chrome.notice\"\nkind = \"drop-line\"\nzone = \"tail\"\npattern = 'x'\nmax_words = 40\n",
        "notice.toml:10:13: rule `chrome.notice`",
        "only for drop-line rules in zone `anywhere`",
    );
}

/// Footer links go wherever they stand when two or more stand together;
/// one alone is kept (it may be a heading).
#[test]
fn footer_links_are_dropped_only_in_runs() {
    let cleaner = Cleaner::builder().build().unwrap();
    let input = format!("{PARA}\nTerms of Use\n\nSitemap\n{PARA}\nContact Us\n{PARA}\n");
    let out = clean_settled(&cleaner, &input);
    assert_eq!(out, format!("{PARA}\n\n{PARA}\nContact Us\n{PARA}\n"));
}

/// A news page whose headline list outweighs the article has no core; its
/// closing stamp still ends the article, which stands right above it.
#[test]
fn a_closing_stamp_ends_the_article_on_a_page_with_no_core() {
    let paras = [
        PARA,
        "The new mayor was sworn in on Monday in a short ceremony at the city hall, and she promised to fix the roads before the winter.",
        "Residents who spoke at the meeting asked for more buses on the northern routes and for longer opening hours at the public library.",
        "Several shop owners on the high street said the new parking rules had cost them customers, and they asked for a review in the spring.",
        "The budget will be published in full next week, and the council will hold two more public meetings about it before the final vote.",
    ];
    let article = paras.join("\n") + "\n";
    let menu = [
        "Gardening",
        "Cooking",
        "Motoring",
        "Cinema",
        "Theatre",
        "Fishing",
        "Puzzles",
        "Crosswords",
    ]
    .repeat(6)
    .join("\n");
    let teasers: String = (1..=15)
        .map(|i| {
            format!(
                "Headline number {i} about the news of the day\nA short summary of the story number {i} that says what happened and why it matters to readers.\n{i}H ago\n"
            )
        })
        .collect();
    // Two headline lists, long menus between: no block holds most of the
    // page's sentences, and the article only a fifth of them.
    let input = format!(
        "{article}\nFirst published on November 19, 2019 / 8:16 AM\n\n{menu}\n{teasers}{menu}\n{teasers}"
    );
    let out = clean_settled(&Cleaner::builder().build().unwrap(), &input);
    assert_eq!(out.trim_end(), article.trim_end());
}

/// A pack's never-split words hold in any script and language, not only
/// in English: the Russian and foreign-language splitters honour them.
#[test]
fn never_split_words_of_other_languages_stay_whole() {
    let text = "Фудблогеры радуют поклонниковрецептами и постами.\n\nOs professores estão comprandocom seus alunos, e as crianças para a escola levam o que você fala em casa.\n";
    let plain = Cleaner::builder()
        .build()
        .unwrap()
        .clean(text)
        .text
        .into_owned();
    assert!(plain.contains("поклонников рецептами") && plain.contains("comprando com"));
    let cleaner = with_pack(
        "words.toml",
        r#"
[pack]
name = "house-words"
description = "Words of the house"

[words]
never_split = ["ПоклонниковРецептами", "comprandocom"]
"#,
    );
    assert_eq!(clean_settled(&cleaner, text), text);
}
