//! Reading input files and standard input, with clear errors.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// An error reading or decoding input.
#[derive(Debug)]
pub struct InputError(String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// An error with a message.
    pub fn new(msg: impl Into<String>) -> Self {
        InputError(msg.into())
    }
}

/// Reads `path` (or standard input for `-`/`None`) as bytes.
pub fn read_bytes(path: Option<&Path>) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    match path {
        None => {
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| InputError(format!("cannot read standard input: {e}")))?;
        }
        Some(p) if p.as_os_str() == "-" => return read_bytes(None),
        Some(p) => {
            buf = std::fs::read(p)
                .map_err(|e| InputError(format!("cannot read {}: {e}", p.display())))?;
        }
    }
    Ok(buf)
}

/// Decodes bytes as UTF-8 (a leading byte-order mark is dropped), naming
/// the input and the byte offset of the first invalid sequence on failure.
pub fn decode_utf8(bytes: Vec<u8>, name: &str) -> Result<String, InputError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError(format!(
            "{name} is not valid UTF-8 (first invalid byte at offset {at}, line {line}); \
             convert it to UTF-8 first, e.g. with iconv"
        ))
    })
}

/// A display name for an input path.
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        None => "standard input".into(),
        Some(p) if p.as_os_str() == "-" => "standard input".into(),
        Some(p) => p.display().to_string(),
    }
}
