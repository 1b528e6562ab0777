//! JSON Lines manifests: one JSON object per line, keyed by the same column names as
//! a CSV header. Blank lines are skipped; `null` is an absent value; the record
//! identifier may be a string or an integer, everything else is a string. A key that
//! is not a column is an error that is never skipped (it is a typo or another schema,
//! not one bad row).

use std::fs::File;
use std::io::{BufRead, BufReader};

use serde_json::{Map, Value};

use crate::error::RowError;
use crate::input::Input;
use crate::manifest::columns::{self, Column};

/// The longest line accepted (a row is a few hundred bytes).
const MAX_LINE: usize = 1024 * 1024;

/// The rows of a JSON Lines manifest.
pub(crate) struct JsonlRows {
    reader: BufReader<File>,
    default_workflow: Option<String>,
    buf: Vec<u8>,
    line: u64,
    row: u64,
    finished: bool,
}

impl JsonlRows {
    pub(crate) fn new(file: File, default_workflow: Option<String>) -> Self {
        Self {
            reader: BufReader::new(file),
            default_workflow,
            buf: Vec::new(),
            line: 0,
            row: 0,
            finished: false,
        }
    }

    fn parse(&self, row: u64, line: u64) -> Result<Input, RowError> {
        let at = |column: Option<&str>, problem: String| {
            RowError::new(row, column, problem).at_line(line)
        };
        let text =
            std::str::from_utf8(&self.buf).map_err(|_| at(None, "not valid UTF-8".to_owned()))?;
        let object: Map<String, Value> = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| at(None, format!("not a JSON object ({e})")))?;
        let mut identifier = None;
        let mut values = Vec::new();
        for (key, value) in &object {
            let Some(column) = Column::named(key) else {
                return Err(at(Some(key), columns::unknown(key)).fatal());
            };
            let text = match (column, value) {
                (_, Value::Null) => continue,
                (_, Value::String(s)) => s.clone(),
                (Column::Identifier, Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
                (_, other) => {
                    let kind = match other {
                        Value::Bool(_) => "a boolean",
                        Value::Number(_) => "a number",
                        Value::Array(_) => "an array",
                        _ => "an object",
                    };
                    return Err(at(Some(key), format!("expected a string, found {kind}")));
                }
            };
            match column {
                Column::Identifier => identifier = Some(text),
                other => values.push((other, text)),
            }
        }
        let mut input = Input::new(identifier.unwrap_or_default()).at_line(line);
        if let Some(default) = &self.default_workflow {
            input = input.workflow_id(default.as_str());
        }
        for (column, value) in values {
            if !value.trim().is_empty() {
                input = column.set(input, &value);
            }
        }
        Ok(input)
    }

    /// Reads the next line into `buf` (without its end), at most [`MAX_LINE`] bytes
    /// kept; `Ok(None)` at the end, `Ok(Some(true))` when the line was longer.
    fn read_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(any.then_some(too_long));
            }
            any = true;
            let (chunk, end) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (&available[..i], Some(i + 1)),
                None => (available, None),
            };
            if self.buf.len() + chunk.len() > MAX_LINE {
                too_long = true;
            } else {
                self.buf.extend_from_slice(chunk);
            }
            let used = end.unwrap_or(available.len());
            self.reader.consume(used);
            if end.is_some() {
                if self.buf.last() == Some(&b'\r') {
                    self.buf.pop();
                }
                return Ok(Some(too_long));
            }
        }
    }
}

impl Iterator for JsonlRows {
    type Item = Result<Input, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            let read = self.read_line();
            self.line += 1;
            let line = self.line;
            match read {
                Ok(None) => self.finished = true,
                Ok(Some(_)) if self.buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Some(too_long)) => {
                    self.row += 1;
                    if too_long {
                        return Some(Err(RowError::new(
                            self.row,
                            None,
                            format!("the line is longer than {MAX_LINE} bytes"),
                        )
                        .at_line(line)));
                    }
                    return Some(self.parse(self.row, line));
                }
                Err(e) => {
                    self.finished = true;
                    return Some(Err(RowError::new(
                        self.row + 1,
                        None,
                        format!("cannot read further: {e}"),
                    )
                    .at_line(line)
                    .fatal()));
                }
            }
        }
        None
    }
}
