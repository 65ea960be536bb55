//! The built-in packs, embedded in the binary.

/// `(name, TOML source)` of every built-in pack, in load order.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("repair", include_str!("../../rules/repair.toml")),
    ("unicode", include_str!("../../rules/unicode.toml")),
    ("web", include_str!("../../rules/web.toml")),
    ("news", include_str!("../../rules/news.toml")),
    ("glue", include_str!("../../rules/glue.toml")),
    ("punct", include_str!("../../rules/punct.toml")),
    ("layout", include_str!("../../rules/layout.toml")),
];

/// The profiles the built-in packs declare.
pub(crate) fn profile_names() -> Vec<String> {
    let mut names: Vec<String> = BUILTIN
        .iter()
        .filter_map(|(_, src)| src.parse::<toml::Table>().ok())
        .filter_map(|t| t.get("pack")?.get("profiles")?.as_array().cloned())
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}
