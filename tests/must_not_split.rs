//! The glue splitter leaves real words, names and brands whole: each entry of
//! tests/data/must-not-split.txt, alone in an ordinary English paragraph.

use unglue::Cleaner;

const CONTEXT: &str = "The council met on Tuesday to discuss the budget for the coming year, \
and the members said that the plan would help the people who live in the city. \
They also agreed to meet again next month to review the results of the vote.";

#[test]
fn listed_words_are_never_split() {
    let list = std::fs::read_to_string("tests/data/must-not-split.txt").unwrap();
    let words: Vec<&str> = list
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(words.len() >= 200, "{} words", words.len());
    let glue = Cleaner::builder().select("glue").build().unwrap();
    let split: Vec<String> = words
        .iter()
        .filter_map(|w| {
            let text = format!("{CONTEXT} We talked about {w} with them.");
            let out = glue.clean(&text);
            (!out.fixes.is_empty()).then(|| {
                format!(
                    "{w} -> {:?}",
                    out.fixes.iter().map(|f| &f.after).collect::<Vec<_>>()
                )
            })
        })
        .collect();
    assert!(split.is_empty(), "split {} words: {split:#?}", split.len());
}
