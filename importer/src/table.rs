//! Reading a CSV file by column name: case-insensitive headers, a UTF-8 byte-order mark
//! tolerated, extra columns ignored, every row required to have the header's width.
use std::{collections::HashMap, path::Path};

use crate::ImportError;

/// A parsed CSV file whose cells are looked up by column name.
pub(crate) struct Table<'a> {
    path: &'a Path,
    columns: HashMap<String, usize>,
    reader: csv::Reader<&'a [u8]>,
}

/// One data row, with its line number for error messages.
pub(crate) struct Row<'t> {
    path: &'t Path,
    columns: &'t HashMap<String, usize>,
    record: csv::ByteRecord,
    pub line: u64,
}

impl<'a> Table<'a> {
    /// Opens `bytes` (the contents of `path`) and checks that every `required` column exists.
    pub fn open(path: &'a Path, bytes: &'a [u8], required: &[&str]) -> Result<Self, ImportError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
        let headers =
            reader.byte_headers().map_err(|e| ImportError::at(path, 1, format!("unreadable header: {e}")))?;
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(ImportError::at(path, 1, "the file is empty"));
        }
        let mut columns = HashMap::new();
        for (index, name) in headers.iter().enumerate() {
            let name = decode(name).trim().to_ascii_uppercase();
            columns.entry(name).or_insert(index);
        }
        for name in required {
            if !columns.contains_key(&name.to_ascii_uppercase()) {
                return Err(ImportError::at(path, 1, format!("missing column {name}")));
            }
        }
        Ok(Self { path, columns, reader })
    }

    /// Whether the header has this column (any case).
    pub fn has_column(&self, name: &str) -> bool {
        self.columns.contains_key(&name.to_ascii_uppercase())
    }

    /// Calls `each` for every data row, stopping at the first error.
    pub fn for_each_row(
        mut self,
        mut each: impl FnMut(Row<'_>) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let mut record = csv::ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    let line = record.position().map_or(0, |p| p.line());
                    each(Row { path: self.path, columns: &self.columns, record: record.clone(), line })?;
                }
                Err(e) => return Err(csv_error(self.path, e)),
            }
        }
    }
}

fn csv_error(path: &Path, error: csv::Error) -> ImportError {
    let line = error.position().map_or(0, |p| p.line());
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("truncated or malformed row: expected {expected_len} fields, found {len}")
        }
        _ => error.to_string(),
    };
    ImportError::at(path, line, message)
}

/// IPEDS files are UTF-8 today; older NCES releases were Windows-1252, read as Latin-1.
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

impl Row<'_> {
    /// The trimmed text of a column checked by [`Table::open`].
    pub fn text(&self, column: &str) -> String {
        let index = self.columns[&column.to_ascii_uppercase()];
        decode(self.record.get(index).unwrap_or_default()).trim().to_string()
    }

    /// The trimmed text of a column the file may lack (`None` when it has no such column).
    pub fn optional(&self, column: &str) -> Option<String> {
        let index = *self.columns.get(&column.to_ascii_uppercase())?;
        Some(decode(self.record.get(index).unwrap_or_default()).trim().to_string())
    }

    pub fn error(&self, message: impl Into<String>) -> ImportError {
        ImportError::at(self.path, self.line, message)
    }

    /// A required value parsed as `T`, or an error naming the column.
    pub fn parse<T: std::str::FromStr>(&self, column: &str) -> Result<T, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return Err(self.error(format!("{column} is empty")));
        }
        text.parse().map_err(|_| self.error(format!("{column} is not a valid number: '{text}'")))
    }

    /// A latitude or longitude, refused when outside its range.
    pub fn coordinate(&self, column: &str, limit: f64) -> Result<f64, ImportError> {
        let value: f64 = self.parse(column)?;
        if !value.is_finite() || value.abs() > limit {
            return Err(self.error(format!("{column} {value} is out of range (±{limit})")));
        }
        Ok(value)
    }
}

/// Refuses a file that yields nothing to import: replacing a dataset with nothing is
/// never what an import of public data means (a header-only or truncated download).
pub(crate) fn non_empty<T>(path: &Path, rows: Vec<T>, what: &str) -> Result<Vec<T>, ImportError> {
    if rows.is_empty() {
        return Err(ImportError::at(path, 2, format!("the file has no {what}")));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8], required: &[&str]) -> Result<Vec<(u64, String)>, ImportError> {
        let path = Path::new("t.csv");
        let mut out = Vec::new();
        Table::open(path, bytes, required)?.for_each_row(|row| {
            out.push((row.line, row.text("b")));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn reads_columns_by_name_ignoring_case_bom_and_extras() {
        let got = rows(b"\xEF\xBB\xBFA,B,Extra\n1, two ,x\n", &["a", "B"]).unwrap();
        assert_eq!(got, vec![(2, "two".to_string())]);
    }

    #[test]
    fn names_the_missing_column_on_line_one() {
        let err = rows(b"A,C\n1,2\n", &["a", "b"]).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:1: missing column b");
    }

    #[test]
    fn refuses_a_truncated_row_with_its_line() {
        let err = rows(b"A,B\n1,2\n3\n", &["a", "b"]).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:3: truncated or malformed row: expected 2 fields, found 1");
    }

    #[test]
    fn reads_latin1_cells() {
        let got = rows(b"A,B\n1,Espa\xF1ola\n", &["a", "b"]).unwrap();
        assert_eq!(got[0].1, "Española");
    }
}
