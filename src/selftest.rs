//! Runs every rule's examples against the rule alone: each `input` must become
//! its `output`, the fixes must replay, and the output must be a fixed point.

use crate::cleaner::{Cleaned, Cleaner};
use crate::rules::{Example, Rule};

/// A rule example that did not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub example: Example,
    /// What the rule produced instead.
    pub got: String,
    pub reason: &'static str,
}

/// The outcome of testing every rule's examples.
#[derive(Clone, Debug, Default)]
pub struct ExampleReport {
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<ExampleFailure>,
}

impl Cleaner {
    /// Checks every selected rule against its own examples.
    pub fn test_examples(&self) -> ExampleReport {
        self.test_examples_of(|_| true)
    }

    /// Checks the examples of the selected rules that `keep` accepts.
    pub fn test_examples_of(&self, keep: impl Fn(&Rule) -> bool) -> ExampleReport {
        let mut report = ExampleReport::default();
        for (i, rule) in self.rules().iter().enumerate() {
            if !keep(rule) {
                continue;
            }
            let alone = self.only(i);
            report.rules += 1;
            for ex in rule.examples() {
                report.examples += 1;
                let out = alone.clean(&ex.input);
                let again = alone.clean(&out.text);
                let reason = if out.text != ex.output {
                    Some("output differs")
                } else if Cleaned::replay(&ex.input, &out.fixes) != out.text {
                    Some("fixes do not replay to the output")
                } else if !again.fixes.is_empty() {
                    Some("output is not a fixed point")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    report.failures.push(ExampleFailure {
                        rule: rule.id().to_string(),
                        example: ex.clone(),
                        got: out.text.into_owned(),
                        reason,
                    });
                }
            }
        }
        report
    }
}
