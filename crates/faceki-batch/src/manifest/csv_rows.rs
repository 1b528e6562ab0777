//! CSV manifests: a header row naming the columns, then one row per person. Empty
//! cells are absent values. Rows are read one at a time.

use std::fs::File;

use crate::error::{ManifestError, RowError};
use crate::input::Input;
use crate::manifest::columns::{self, Column};

/// The rows of a CSV manifest.
pub(crate) struct CsvRows {
    reader: csv::Reader<File>,
    columns: Vec<Column>,
    default_workflow: Option<String>,
    record: csv::StringRecord,
    row: u64,
    finished: bool,
}

impl CsvRows {
    /// Reads the header; its problems (unknown, repeated or missing columns) are
    /// returned all at once.
    pub(crate) fn open(
        file: File,
        path: &std::path::Path,
        default_workflow: Option<String>,
    ) -> Result<Self, ManifestError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(file);
        let header = reader.headers().map_err(|e| header_error(path, e))?.clone();
        let mut errors = Vec::new();
        let mut columns = Vec::with_capacity(header.len());
        for (index, name) in header.iter().enumerate() {
            let name = if index == 0 {
                name.trim_start_matches('\u{feff}')
            } else {
                name
            };
            let name = name.trim();
            match Column::named(name) {
                Some(column) if columns.contains(&column) => errors.push(
                    RowError::new(0, Some(name), "this column appears twice")
                        .at_line(1)
                        .fatal(),
                ),
                Some(column) => columns.push(column),
                None => errors.push(
                    RowError::new(0, Some(name), columns::unknown(name))
                        .at_line(1)
                        .fatal(),
                ),
            }
        }
        let has = |c: Column| columns.contains(&c);
        if !has(Column::Identifier) {
            errors.push(
                RowError::new(
                    0,
                    Some(columns::IDENTIFIER),
                    "missing: every row needs a record identifier, unique in the manifest",
                )
                .at_line(1)
                .fatal(),
            );
        }
        if !has(Column::Workflow) && default_workflow.is_none() {
            errors.push(
                RowError::new(
                    0,
                    Some(columns::WORKFLOW),
                    "missing: add the column, or give a default workflow (--workflow-id)",
                )
                .at_line(1)
                .fatal(),
            );
        }
        for slot in [crate::Slot::Selfie, crate::Slot::Document1Front] {
            if !has(Column::Image(slot)) {
                errors.push(
                    RowError::new(0, Some(slot.field()), "missing: this image is required")
                        .at_line(1)
                        .fatal(),
                );
            }
        }
        if !errors.is_empty() {
            return Err(ManifestError::Header(errors));
        }
        Ok(Self {
            reader,
            columns,
            default_workflow,
            record: csv::StringRecord::new(),
            row: 0,
            finished: false,
        })
    }

    fn input(&self, line: u64) -> Input {
        let mut input = None;
        let mut rest = Vec::new();
        for (column, value) in self.columns.iter().zip(self.record.iter()) {
            match column {
                Column::Identifier => input = Some(Input::new(value)),
                other if !value.trim().is_empty() => rest.push((*other, value)),
                _ => {}
            }
        }
        let mut input = input.unwrap_or_else(|| Input::new("")).at_line(line);
        if let Some(default) = &self.default_workflow {
            input = input.workflow_id(default.as_str());
        }
        for (column, value) in rest {
            input = column.set(input, value);
        }
        input
    }
}

impl Iterator for CsvRows {
    type Item = Result<Input, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let read = self.reader.read_record(&mut self.record);
        self.row += 1;
        let row = self.row;
        match read {
            Ok(false) => {
                self.finished = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, csv::Position::line);
                Some(Ok(self.input(line)))
            }
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                let problem = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields, but the header has {expected_len}"),
                    csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
                    _ => {
                        // An I/O error: nothing after this point can be trusted.
                        self.finished = true;
                        let error = RowError::new(row, None, format!("cannot read further: {e}"));
                        return Some(Err(error.fatal()));
                    }
                };
                let error = RowError::new(row, None, problem);
                Some(Err(match line {
                    Some(line) => error.at_line(line),
                    None => error,
                }))
            }
        }
    }
}

fn header_error(path: &std::path::Path, e: csv::Error) -> ManifestError {
    match e.into_kind() {
        csv::ErrorKind::Io(source) => ManifestError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => ManifestError::Header(vec![
            RowError::new(0, None, format!("cannot read the header: {other:?}"))
                .at_line(1)
                .fatal(),
        ]),
    }
}
