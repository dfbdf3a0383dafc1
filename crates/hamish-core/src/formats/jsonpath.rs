//! Reading JSON by hand with field paths in every error message
//! (`annotations[2].target.selector: …`), shared by Hamish JSON and W3C.

use serde_json::{Map, Value};

use super::{Format, FormatError, Location};

/// Parses `data` as JSON; a syntax error names its line and column.
pub(crate) fn parse(format: Format, data: &str) -> Result<Value, FormatError> {
    if data.trim().is_empty() {
        return Err(FormatError::new(
            Some(format),
            Location::None,
            "the file is empty".to_owned(),
        ));
    }
    serde_json::from_str(data).map_err(|e| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; we say it up front.
        let msg = match full.rfind(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        let msg = if e.is_eof() {
            format!("{msg} (the file looks truncated)")
        } else {
            format!("invalid JSON: {msg}")
        };
        FormatError::new(
            Some(format),
            Location::LineColumn(e.line().max(1), e.column().max(1)),
            msg,
        )
    })
}

/// What kind of JSON value `v` is, for messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("the string {short:?}…")
            } else {
                format!("the string {short:?}")
            }
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A cursor on one JSON object with its path, producing errors in `format`.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub(crate) format: Format,
    pub(crate) path: &'a str,
    pub(crate) map: &'a Map<String, Value>,
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// An error at `path`.
pub(crate) fn error(format: Format, path: &str, message: String) -> FormatError {
    FormatError::new(Some(format), Location::Field(path.to_owned()), message)
}

impl<'a> Obj<'a> {
    /// `v` as an object, or an error at `path`.
    pub(crate) fn new(format: Format, path: &'a str, v: &'a Value) -> Result<Self, FormatError> {
        match v {
            Value::Object(map) => Ok(Obj { format, path, map }),
            other => Err(error(
                format,
                path,
                format!("expected an object, found {}", describe(other)),
            )),
        }
    }

    /// The value of `key`, `None` when absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// An error at field `key`.
    pub(crate) fn err(&self, key: &str, message: String) -> FormatError {
        error(self.format, &join(self.path, key), message)
    }

    /// The path, or `(top level)`.
    pub(crate) fn path_or_top(&self) -> String {
        if self.path.is_empty() {
            "(top level)".to_owned()
        } else {
            self.path.to_owned()
        }
    }

    /// An error at this object.
    pub(crate) fn err_here(&self, message: String) -> FormatError {
        error(self.format, self.path, message)
    }

    /// An optional string field.
    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'a str>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => {
                Err(self.err(key, format!("expected a string, found {}", describe(other))))
            }
        }
    }

    /// A required string field.
    pub(crate) fn req_str(&self, key: &str) -> Result<&'a str, FormatError> {
        self.opt_str(key)?
            .ok_or_else(|| self.err(key, "missing (expected a string)".to_owned()))
    }

    /// An optional non-negative integer field.
    pub(crate) fn opt_uint(&self, key: &str) -> Result<Option<usize>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => uint(v).map(Some).map_err(|m| self.err(key, m)),
        }
    }

    /// A required non-negative integer field.
    pub(crate) fn req_uint(&self, key: &str) -> Result<usize, FormatError> {
        self.opt_uint(key)?.ok_or_else(|| {
            self.err(
                key,
                "missing (expected a non-negative whole number)".to_owned(),
            )
        })
    }

    /// An optional number field.
    pub(crate) fn opt_f64(&self, key: &str) -> Result<Option<f64>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => {
                Err(self.err(key, format!("expected a number, found {}", describe(other))))
            }
        }
    }
}

/// `v` as a non-negative whole number that fits `usize`, or a message.
pub(crate) fn uint(v: &Value) -> Result<usize, String> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                usize::try_from(u).map_err(|_| format!("{u} is too large"))
            } else if n.as_i64().is_some() || n.as_f64().is_some_and(|f| f < 0.0) {
                Err(format!("must not be negative, found {n}"))
            } else if n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                Err(format!("{n} is too large"))
            } else {
                Err(format!("expected a whole number, found {n}"))
            }
        }
        other => Err(format!(
            "expected a non-negative whole number, found {}",
            describe(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = parse(Format::W3c, "{\n  \"a\": [1,\n").unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(
            e.to_string().starts_with("w3c: line 3, column 0")
                || e.to_string().contains("truncated"),
            "{e}"
        );
        let e = parse(Format::HamishJson, "{\"a\" 1}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "hamish: line 1, column 6: invalid JSON: expected `:`"
        );
        let e = parse(Format::HamishJson, "  \n ").unwrap_err();
        assert_eq!(e.to_string(), "hamish: the file is empty");
    }

    #[test]
    fn field_errors_name_the_path() {
        let v: Value = serde_json::from_str(r#"{"s":1,"n":-3,"f":1.5,"t":"x"}"#).unwrap();
        let o = Obj::new(Format::HamishJson, "annotations[2]", &v).unwrap();
        assert_eq!(
            o.req_str("s").unwrap_err().to_string(),
            "hamish: annotations[2].s: expected a string, found the number 1"
        );
        assert_eq!(
            o.req_uint("n").unwrap_err().to_string(),
            "hamish: annotations[2].n: must not be negative, found -3"
        );
        assert_eq!(
            o.req_uint("f").unwrap_err().to_string(),
            "hamish: annotations[2].f: expected a whole number, found 1.5"
        );
        assert_eq!(
            o.req_uint("t").unwrap_err().to_string(),
            "hamish: annotations[2].t: expected a non-negative whole number, found the string \"x\""
        );
        assert_eq!(
            o.req_uint("missing").unwrap_err().to_string(),
            "hamish: annotations[2].missing: missing (expected a non-negative whole number)"
        );
        assert!(Obj::new(Format::W3c, "", &Value::Null).is_err());
    }
}
