//! The Python binding: `unglue.Cleaner`, `unglue.Cleaned`, `unglue.Fix` and
//! `unglue.RulePackError`. The Rust core does the work; this module only moves
//! text across, releasing the GIL while it cleans.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyo3::exceptions::{PyException, PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rayon::prelude::*;

pyo3::create_exception!(
    unglue,
    RulePackError,
    PyException,
    "A rule pack was refused; carries `path` (also `file`), `line`, `column`, `rule`, `reason` and `snippet`."
);

/// A cleaner compiled once from a profile, rule packs and a selection; share it
/// across threads and pickle it to send it to workers (it is rebuilt there).
#[pyclass(frozen, module = "unglue", name = "Cleaner")]
struct Cleaner {
    inner: unglue::Cleaner,
    profile: String,
    rules: Vec<PathBuf>,
    select: Vec<String>,
    ignore: Vec<String>,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (profile = "default", rules = None, select = None, ignore = None))]
    fn new(
        py: Python<'_>,
        profile: &str,
        rules: Option<Vec<PathBuf>>,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
    ) -> PyResult<Cleaner> {
        // Absolute paths: a pickled cleaner is rebuilt by workers that may
        // run in another directory.
        let rules = rules
            .unwrap_or_default()
            .into_iter()
            .map(|p| std::path::absolute(&p).unwrap_or(p))
            .collect::<Vec<_>>();
        let (select, ignore) = (select.unwrap_or_default(), ignore.unwrap_or_default());
        let mut builder = unglue::Cleaner::builder();
        builder.profile(profile);
        for path in &rules {
            builder.rules_path(path);
        }
        for prefix in &select {
            builder.select(prefix);
        }
        for prefix in &ignore {
            builder.ignore(prefix);
        }
        let inner = py
            .detach(|| builder.build())
            .map_err(|e| build_error(py, e))?;
        Ok(Cleaner {
            inner,
            profile: profile.to_string(),
            rules,
            select,
            ignore,
        })
    }

    /// Cleans one text.
    fn clean(&self, py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<Cleaned> {
        let input = Input::read(&text)?;
        let outcome = py.detach(|| Outcome::of(&self.inner, &input));
        Ok(outcome.into_cleaned(py, &text))
    }

    /// Cleans many texts in parallel with the GIL released; results come back
    /// in input order.
    fn clean_batch(&self, py: Python<'_>, texts: Bound<'_, PyAny>) -> PyResult<Vec<Cleaned>> {
        let texts: Vec<Bound<'_, PyString>> = texts
            .try_iter()?
            .enumerate()
            .map(|(i, item)| {
                item?.cast_into::<PyString>().map_err(|e| {
                    PyTypeError::new_err(format!(
                        "clean_batch: item {i} is {}, not str",
                        e.into_inner().get_type()
                    ))
                })
            })
            .collect::<PyResult<_>>()?;
        let inputs = texts
            .iter()
            .map(Input::read)
            .collect::<PyResult<Vec<_>>>()?;
        let cleaner = &self.inner;
        let outcomes: Vec<Outcome> = py.detach(|| {
            inputs
                .par_iter()
                .map(|input| Outcome::of(cleaner, input))
                .collect()
        });
        Ok(outcomes
            .into_iter()
            .zip(&texts)
            .map(|(outcome, text)| outcome.into_cleaned(py, text))
            .collect())
    }

    /// The ids of the selected rules, in the order they run.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.inner
            .rules()
            .iter()
            .map(|r| r.id().to_string())
            .collect()
    }

    #[getter]
    fn profile(&self) -> &str {
        &self.profile
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let this = slf.get();
        let args = (
            this.profile.clone(),
            this.rules.clone(),
            this.select.clone(),
            this.ignore.clone(),
        )
            .into_pyobject(slf.py())?;
        Ok((slf.get_type(), args))
    }

    fn __repr__(&self) -> String {
        format!(
            "Cleaner(profile={:?}, rules={:?}, select={:?}, ignore={:?})",
            self.profile, self.rules, self.select, self.ignore
        )
    }
}

/// The clean text, every fix and the values rules extracted.
#[pyclass(frozen, module = "unglue", name = "Cleaned")]
struct Cleaned {
    text: Py<PyString>,
    fixes: Vec<Fix>,
    meta: BTreeMap<String, String>,
    /// Python `Fix` objects are made on first access: most callers want only
    /// the text.
    fix_objects: PyOnceLock<Py<PyList>>,
}

#[pymethods]
impl Cleaned {
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    #[getter]
    fn fixes(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let list = self.fix_objects.get_or_try_init(py, || {
            PyList::new(py, self.fixes.iter().cloned()).map(Bound::unbind)
        })?;
        Ok(list.clone_ref(py))
    }

    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in &self.meta {
            dict.set_item(k, v)?;
        }
        Ok(dict)
    }

    /// Whether any rule changed the text.
    #[getter]
    fn changed(&self) -> bool {
        !self.fixes.is_empty()
    }

    /// Fix counts per rule id.
    fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.fixes {
            *counts.entry(f.rule.clone()).or_insert(0) += 1;
        }
        counts
    }

    fn __str__(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).to_cow()?;
        let shown: String = text.chars().take(40).collect();
        let more = if shown.len() < text.len() { "…" } else { "" };
        Ok(format!(
            "Cleaned(text={shown:?}{more}, fixes={}, meta={:?})",
            self.fixes.len(),
            self.meta
        ))
    }
}

/// One change. `start`/`end` index the original `str` (code points), so
/// `original[fix.start:fix.end] == fix.before`; `byte_start`/`byte_end` are
/// the UTF-8 offsets the CLI's reports use. Made while the GIL is released;
/// a Python object only when asked for.
#[pyclass(frozen, eq, get_all, module = "unglue", name = "Fix")]
#[derive(Clone, PartialEq)]
struct Fix {
    rule: String,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    col: usize,
    before: String,
    after: String,
}

#[pymethods]
impl Fix {
    /// The fix as a plain dict, e.g. to store in JSON metadata.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rule", &self.rule)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("byte_start", self.byte_start)?;
        dict.set_item("byte_end", self.byte_end)?;
        dict.set_item("line", self.line)?;
        dict.set_item("col", self.col)?;
        dict.set_item("before", &self.before)?;
        dict.set_item("after", &self.after)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Fix(rule={:?}, start={}, end={}, before={:?}, after={:?})",
            self.rule, self.start, self.end, self.before, self.after
        )
    }
}

/// A Python `str` as UTF-8: borrowed when it is valid, else a copy with lone
/// surrogates (which UTF-8 cannot hold) read as U+FFFD, one for one, so code
/// point offsets still index the original.
struct Input<'a> {
    text: std::borrow::Cow<'a, str>,
    surrogates: usize,
}

impl<'a> Input<'a> {
    fn read(text: &'a Bound<'_, PyString>) -> PyResult<Input<'a>> {
        if let Ok(s) = text.to_str() {
            return Ok(Input {
                text: s.into(),
                surrogates: 0,
            });
        }
        let bytes = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
        let (text, surrogates) = replace_surrogates(bytes.extract::<&[u8]>()?);
        Ok(Input {
            text: text.into(),
            surrogates,
        })
    }
}

/// Decodes `surrogatepass` UTF-8, replacing each encoded surrogate with U+FFFD.
fn replace_surrogates(mut bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return (out, count);
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                count += 1;
                // A surrogate is three bytes (ED A0..BF 80..BF); anything else
                // invalid cannot come out of `str.encode`, but is skipped safely.
                let skip = match rest {
                    [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] => 3,
                    _ => e.error_len().unwrap_or(rest.len()),
                };
                bytes = &rest[skip..];
            }
        }
    }
}

/// What cleaning one input produced, before it becomes Python objects.
struct Outcome {
    /// `None` when nothing changed: the caller's own `str` is returned.
    text: Option<String>,
    fixes: Vec<Fix>,
    meta: BTreeMap<String, String>,
}

impl Outcome {
    fn of(cleaner: &unglue::Cleaner, input: &Input<'_>) -> Outcome {
        let cleaned = cleaner.clean(&input.text);
        let changed = matches!(cleaned.text, std::borrow::Cow::Owned(_)) || input.surrogates > 0;
        let text = changed.then(|| cleaned.text.into_owned());
        let mut meta = cleaned.meta;
        if input.surrogates > 0 {
            meta.insert(
                "repair.surrogates".to_string(),
                format!("{} lone surrogates read as U+FFFD", input.surrogates),
            );
        }
        // Fixes are in input order: code point offsets in one forward scan.
        let (mut byte, mut chars) = (0, 0);
        let mut char_at = |to: usize| {
            chars += input.text[byte..to].chars().count();
            byte = to;
            chars
        };
        let fixes = cleaned
            .fixes
            .into_iter()
            .map(|f| Fix {
                start: char_at(f.byte_start),
                end: char_at(f.byte_end),
                rule: f.rule.to_string(),
                byte_start: f.byte_start,
                byte_end: f.byte_end,
                line: f.line,
                col: f.col,
                before: f.before,
                after: f.after,
            })
            .collect();
        Outcome { text, fixes, meta }
    }

    fn into_cleaned(self, py: Python<'_>, original: &Bound<'_, PyString>) -> Cleaned {
        let text = match self.text {
            Some(text) => PyString::new(py, &text).unbind(),
            None => original.clone().unbind(),
        };
        Cleaned {
            text,
            fixes: self.fixes,
            meta: self.meta,
            fix_objects: PyOnceLock::new(),
        }
    }
}

/// Maps a build error to the Python exception a caller would catch.
fn build_error(py: Python<'_>, error: unglue::Error) -> PyErr {
    match error {
        unglue::Error::Rule(e) => {
            let err = RulePackError::new_err(e.to_string());
            let value = err.value(py);
            // Setting attributes on a fresh exception instance cannot fail.
            let _ = value.setattr("path", &e.path);
            let _ = value.setattr("file", &e.path);
            let _ = value.setattr("line", e.line);
            let _ = value.setattr("column", e.column);
            let _ = value.setattr("rule", &e.rule);
            let _ = value.setattr("reason", e.reason.to_string());
            let _ = value.setattr("snippet", &e.snippet);
            err
        }
        unglue::Error::Io { path, source } => {
            let msg = (source.raw_os_error().unwrap_or(0), source.to_string(), path);
            if source.kind() == std::io::ErrorKind::NotFound {
                PyFileNotFoundError::new_err(msg)
            } else {
                PyOSError::new_err(msg)
            }
        }
        other => PyValueError::new_err(other.to_string()),
    }
}

/// The built-in profile names.
#[pyfunction]
fn profiles() -> Vec<String> {
    unglue::profiles()
}

#[pymodule]
fn _unglue(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<Cleaned>()?;
    m.add_class::<Fix>()?;
    m.add("RulePackError", m.py().get_type::<RulePackError>())?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    Ok(())
}
