//! Importing people and ratings from the spreadsheets HR already has (`merit import`).
//!
//! An import never changes a project by itself: [`plan_import`] reads a file into an
//! [`ImportPlan`] that says what would be added, updated and rejected, and why; the caller
//! shows it and, once the user confirms, calls [`ImportPlan::apply`], which changes nothing
//! when the plan has any problem.
//!
//! The pipeline, one module per step, so that each can be swapped without touching the
//! others:
//!
//! 1. `decode` (text files): bytes → text: a named encoding, else a byte-order mark, else
//!    UTF-8, else a detected one (GBK…); `sheet` (XLSX/XLS/ODS): bytes → rows;
//! 2. `records`: text → numbered rows (delimiter sniffed), then a table once the header
//!    row is found (title rows above it and blank rows skipped and reported);
//! 3. `headers` (+ `mapping`, the user's): headers → fields;
//! 4. `cells` / `rows`: cells → validated values (full-width digits, `85%`, absence
//!    markers such as 缺考); summary rows and notes skipped; bad ids refused;
//! 5. `people` / `ratings` / `ballots`: rows → the plan, merged with the project.
//!
//! Every problem is collected, not just the first, each with its spreadsheet row,
//! column header, value and reason. [`plan_import_with`] takes [`ImportOptions`] (what the
//! command line's `--encoding`, `--delimiter`, `--sheet`, `--mapping` set, and what the
//! app's import wizard sets); the plan's [`SourceInfo`] says how the file was read.

mod ballot_marks;
mod ballots;
mod cells;
mod changes;
mod decode;
mod effect;
mod headers;
mod lines;
mod mapping;
mod merge;
mod people;
mod plan;
mod ratings;
mod records;
mod rows;
mod seen;
mod sheet;
mod sniff;
mod table;
mod table_read;

use std::path::Path;

use crate::model::Project;

pub use changes::AddedPerson;
pub use decode::encoding_for_label;
pub use mapping::{Mapping, MappingError};
pub use plan::{
    FieldChange, ImportError, ImportKind, ImportPlan, ImportReport, PREVIEW_ROWS, PersonUpdate,
    Problem, Skipped, SourceInfo,
};
pub use ratings::directly_scored;
pub use sheet::sheet_names;
pub use table::PeopleTable;
pub use table_read::TableImport;

use cells::NumberStyle;
use records::{CsvRows, Row};

/// The format of a file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum FileFormat {
    /// Delimited text (comma, semicolon or tab).
    Csv,
    /// Excel 2007 and later, WPS.
    Xlsx,
    /// Old binary Excel.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

impl FileFormat {
    /// The format of `bytes` by their signature: a zip is XLSX (or ODS), an OLE file is
    /// XLS, anything else is delimited text, whatever the name says (web systems often
    /// export tab-separated text as `.xls`). `path` is not consulted.
    pub fn detect(bytes: &[u8], _path: &Path) -> FileFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            let head = &bytes[..bytes.len().min(200)];
            let ods = head.windows(11).any(|w| w == b"opendocumen");
            return if ods {
                FileFormat::Ods
            } else {
                FileFormat::Xlsx
            };
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return FileFormat::Xls;
        }
        FileFormat::Csv
    }

    /// `CSV`, `XLSX`, `XLS`, `ODS`.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Csv => "CSV",
            FileFormat::Xlsx => "XLSX",
            FileFormat::Xls => "XLS",
            FileFormat::Ods => "ODS",
        }
    }
}

/// How to read a file; the default detects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The text encoding, as a WHATWG label (`utf-8`, `gbk`, `gb18030`, `utf-16le`…);
    /// `None` detects it.
    pub encoding: Option<String>,
    /// The CSV delimiter; `None` sniffs comma, semicolon or tab.
    pub delimiter: Option<u8>,
    /// The sheet of a workbook; `None` takes the first.
    pub sheet: Option<String>,
    /// The user's column mapping; columns it does not list are matched by name.
    pub mapping: Mapping,
    /// The file format; `None` detects it from the bytes.
    pub format: Option<FileFormat>,
}

/// Plans importing `bytes`, the contents of the file `source`, into `project` as `kind`,
/// detecting format, encoding and delimiter. `source` names the file in messages.
/// Errors are about the file as a whole (undecodable, empty, a
/// required column missing); problems with rows are in the plan.
pub fn plan_import(
    project: &Project,
    bytes: &[u8],
    kind: ImportKind,
    source: &Path,
) -> Result<ImportPlan, ImportError> {
    plan_import_with(project, bytes, kind, source, &ImportOptions::default())
}

/// [`plan_import`] with options: a named encoding, delimiter, sheet, format or mapping.
pub fn plan_import_with(
    project: &Project,
    bytes: &[u8],
    kind: ImportKind,
    source: &Path,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    let plan_rows = |table: records::Table, stream: Option<CsvRows<'_>>, style| match kind {
        ImportKind::People => people::plan(project, table, stream, source, &options.mapping, style),
        ImportKind::Ratings => ratings::plan(project, &table, source, &options.mapping, style),
        ImportKind::Ballots => ballots::plan(project, &table, source, &options.mapping),
    };
    let (mut plan, info) = with_records(project, bytes, kind, source, options, plan_rows)?;
    plan.source = info;
    Ok(plan)
}

/// Reads `bytes`, the contents of the file `source`, as a people file into a
/// [`PeopleTable`] (not into a project): the people a ranking straight from the file
/// needs, in a sixth of the memory of `Person`s. Rows are judged exactly as
/// [`plan_import_with`] judges them for an empty project with `project`'s scheme and
/// posts: the same problems, skipped rows and new posts; the table holds the rows an
/// import would add (the valid ones). `project`'s people play no part.
pub fn read_people_table(
    project: &Project,
    bytes: &[u8],
    source: &Path,
    options: &ImportOptions,
) -> Result<TableImport, ImportError> {
    read_people_table_in(
        project,
        bytes,
        source,
        options,
        table_read::Pieces::default(),
    )
}

/// [`read_people_table`] with a CSV file of any size cut into `count` pieces when it can
/// be (as a large one is): how tests and the fuzz target reach the reading in pieces
/// with small files. Reads exactly as [`read_people_table`].
#[doc(hidden)]
pub fn read_people_table_in_pieces(
    project: &Project,
    bytes: &[u8],
    source: &Path,
    options: &ImportOptions,
    count: usize,
) -> Result<TableImport, ImportError> {
    let pieces = table_read::Pieces {
        min_bytes: 0,
        count,
    };
    read_people_table_in(project, bytes, source, options, pieces)
}

/// [`read_people_table`], a large CSV file cut into `pieces` (tests cut small ones).
fn read_people_table_in(
    project: &Project,
    bytes: &[u8],
    source: &Path,
    options: &ImportOptions,
    pieces: table_read::Pieces,
) -> Result<TableImport, ImportError> {
    let read = |table: records::Table, stream: Option<CsvRows<'_>>, style| {
        table_read::read(
            project,
            table,
            stream,
            source,
            &options.mapping,
            style,
            pieces,
        )
    };
    let (mut read, info) = with_records(project, bytes, ImportKind::People, source, options, read)?;
    read.source = info;
    Ok(read)
}

/// The column mapping the header of the file `source` gets for an import of `kind`, as far
/// as it can be told: what `merit import --dry-run` prints when required columns are
/// missing, for the user to complete and pass back with `--mapping FILE`.
pub fn header_mapping(
    project: &Project,
    bytes: &[u8],
    kind: ImportKind,
    source: &Path,
    options: &ImportOptions,
) -> Result<Vec<(String, String)>, ImportError> {
    let mapping = |table: records::Table, _: Option<CsvRows<'_>>, _| {
        let fields = headers::classify(kind, &table.headers, &project.scheme, &options.mapping);
        Ok(headers::mapping(&table.headers, &fields))
    };
    let (mapping, _) = with_records(project, bytes, kind, source, options, mapping)?;
    Ok(mapping)
}

/// Steps 1–2 of every import: decodes `bytes` (or reads the sheet), finds the header and
/// hands the records (the rows read so far, and for CSV the rest still to read) to
/// `then`; returns what it returns with how the file was read.
fn with_records<R>(
    project: &Project,
    bytes: &[u8],
    kind: ImportKind,
    source: &Path,
    options: &ImportOptions,
    then: impl FnOnce(records::Table, Option<CsvRows<'_>>, NumberStyle) -> Result<R, ImportError>,
) -> Result<(R, SourceInfo), ImportError> {
    let path = || source.to_path_buf();
    let unknown = options.mapping.unknown_criteria(&project.scheme);
    if !unknown.is_empty() {
        return Err(ImportError::Mapping {
            unknown,
            path: path(),
        });
    }
    let format = options
        .format
        .unwrap_or_else(|| FileFormat::detect(bytes, source));
    let text; // a CSV file's decoded text, which `stream` reads
    let (mut rows, mut stream, mut info) = match format {
        FileFormat::Csv => {
            sniff::refuse_non_text(bytes, options, source)?;
            let (decoded, delimiter, info) = read_text(bytes, options, source)?;
            text = decoded;
            (Vec::new(), Some(CsvRows::new(&text, delimiter)), info)
        }
        _ => {
            let (rows, info) = read_sheet(bytes, options, format, source)?;
            (rows, None, info)
        }
    };
    info.format = format.name().to_string();
    let style = NumberStyle {
        decimal_comma: info.decimal_comma,
    };
    let malformed = |e| match e {
        records::RecordsError::Empty => ImportError::Empty { path: path() },
        records::RecordsError::Malformed(reason) => ImportError::Malformed {
            reason,
            path: path(),
        },
    };
    let header = find_header(&mut rows, stream.as_mut(), project, kind, &options.mapping)
        .map_err(malformed)?
        .ok_or_else(|| ImportError::Empty { path: path() })?;
    let table = records::table(rows, header).map_err(|_| ImportError::Empty { path: path() })?;
    info.header_row = table.header_row;
    info.headers.clone_from(&table.headers);
    info.preview = table
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|r| r.cells.clone())
        .collect();
    match then(table, stream, style) {
        Ok(done) => Ok((done, info)),
        Err(e) => Err(match &info.sheet {
            Some(sheet) => sheet::in_sheet(e, sheet, &info.sheets),
            None => e,
        }),
    }
}

/// The header's index in `rows` (see [`locate_header`]), reading from `stream` first.
/// A people import reads only the rows it needs to find the header and fill the
/// preview, then the rest one batch at a time (see `people`); the others read it all.
fn find_header(
    rows: &mut Vec<Row>,
    mut stream: Option<&mut CsvRows<'_>>,
    project: &Project,
    kind: ImportKind,
    mapping: &Mapping,
) -> Result<Option<usize>, records::RecordsError> {
    if let Some(more) = stream.as_deref_mut() {
        let wanted = if kind == ImportKind::People {
            HEAD_ROWS
        } else {
            usize::MAX
        };
        read_rows(more, rows, wanted)?;
    }
    loop {
        let Some(header) = locate_header(rows, project, kind, mapping) else {
            return Ok(None);
        };
        let width = rows[header].cells.len();
        let data = rows[header + 1..]
            .iter()
            .filter(|r| records::is_data(r, width))
            .count();
        let complete = header + 1 < rows.len() && data >= PREVIEW_ROWS;
        let more = match stream.as_deref_mut() {
            // Doubling: a file with many bad rows under its header is read in few rounds.
            Some(more) if !complete => read_rows(more, rows, rows.len().max(HEAD_ROWS))?,
            _ => false,
        };
        if !more {
            return Ok(Some(header));
        }
    }
}

/// How many non-blank rows a streamed import reads before looking for the header: the
/// header is among the first 30.
const HEAD_ROWS: usize = 31;

/// Reads rows from `stream` into `rows` until `wanted` more non-blank rows have come, or
/// the text ends; whether any row was read.
fn read_rows(
    stream: &mut CsvRows<'_>,
    rows: &mut Vec<Row>,
    wanted: usize,
) -> Result<bool, records::RecordsError> {
    let mut non_blank = 0;
    let mut any = false;
    while non_blank < wanted {
        let mut row = Row::default();
        if !stream.next_into(&mut row)? {
            break;
        }
        any = true;
        non_blank += usize::from(!row.is_blank());
        rows.push(row);
    }
    Ok(any)
}

/// Reads a workbook's sheet into rows, with how it was read.
fn read_sheet(
    bytes: &[u8],
    options: &ImportOptions,
    format: FileFormat,
    source: &Path,
) -> Result<(Vec<Row>, SourceInfo), ImportError> {
    let sheet = sheet::read(bytes, options.sheet.as_deref(), format).map_err(|reason| {
        ImportError::Spreadsheet {
            reason,
            path: source.to_path_buf(),
        }
    })?;
    let info = SourceInfo {
        sheet: Some(sheet.name),
        sheets: sheet.names,
        ..SourceInfo::default()
    };
    Ok((sheet.rows, info))
}

/// Decodes delimited text, with the delimiter (given or sniffed) and how it was read.
fn read_text<'a>(
    bytes: &'a [u8],
    options: &ImportOptions,
    source: &Path,
) -> Result<(std::borrow::Cow<'a, str>, u8, SourceInfo), ImportError> {
    let path = || source.to_path_buf();
    let forced = match &options.encoding {
        None => None,
        Some(label) => {
            Some(
                encoding_for_label(label).ok_or_else(|| ImportError::UnknownEncoding {
                    label: label.clone(),
                    path: path(),
                })?,
            )
        }
    };
    let decoded = decode::decode(bytes, forced).map_err(|e| {
        if forced.is_some() {
            ImportError::NotInNamedEncoding {
                encoding: e.encoding,
                offset: e.offset,
                path: path(),
            }
        } else if e.encoding == "UTF-8" {
            ImportError::NotUtf8 {
                offset: e.offset,
                path: path(),
            }
        } else {
            ImportError::Undecodable {
                encoding: e.encoding,
                offset: e.offset,
                path: path(),
            }
        }
    })?;
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| records::sniff_delimiter(&decoded.text));
    let info = SourceInfo {
        encoding: Some(decoded.encoding),
        delimiter: Some(char::from(delimiter)),
        decimal_comma: delimiter == b';' && cells::decimal_comma_in(&decoded.text),
        ..SourceInfo::default()
    };
    Ok((decoded.text, delimiter, info))
}

/// The index in `rows` of the header row: the first of the first 30 non-blank rows whose
/// cells hold every required column, moved down while the next row repeats its id
/// header (a header of two rows, merged cells filled); else the first non-blank row, so
/// that the error names the missing columns.
fn locate_header(
    rows: &[Row],
    project: &Project,
    kind: ImportKind,
    mapping: &Mapping,
) -> Option<usize> {
    let maps = |row: &Row| match kind {
        ImportKind::People => headers::map_people(&row.cells, &project.scheme, mapping).ok(),
        ImportKind::Ratings => headers::map_ratings(&row.cells, &project.scheme, mapping).ok(),
        ImportKind::Ballots => headers::map_ballots(&row.cells, &project.scheme, mapping).ok(),
    };
    let first = records::first_non_blank(rows)?;
    let found = rows
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, r)| !r.is_blank())
        .take(30)
        .find_map(|(i, r)| maps(r).map(|fields| (i, fields)));
    let Some((mut header, fields)) = found else {
        return Some(first);
    };
    let id = headers::column_of(&fields, &headers::Field::Id).unwrap_or(0);
    let id_text = |i: usize| rows.get(i).and_then(|r| r.cells.get(id)).map(|c| c.trim());
    while header + 1 < rows.len() && id_text(header + 1) == id_text(header) {
        header += 1;
    }
    Some(header)
}

/// Reads the file at `path` and plans importing it (see [`plan_import`]).
pub fn plan_import_file(
    project: &Project,
    path: &Path,
    kind: ImportKind,
) -> Result<ImportPlan, ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::Unreadable {
        path: path.to_path_buf(),
        error,
    })?;
    plan_import(project, &bytes, kind, path)
}

/// Plans an import of a CSV string, for tests.
#[cfg(test)]
fn plan_text(project: &Project, text: &str, kind: ImportKind) -> ImportPlan {
    match plan_import(project, text.as_bytes(), kind, Path::new("test.csv")) {
        Ok(plan) => plan,
        Err(e) => panic!("{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    const SAMPLE_PEOPLE: &[u8] = include_bytes!("../../../data-samples/exam_results.csv");
    const SAMPLE_RATINGS: &[u8] = include_bytes!("../../../data-samples/ratings.csv");

    #[test]
    fn the_sample_round_imports_without_problems() {
        let project = sample_project();
        let posts: Vec<&str> = project.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(posts, ["综合科科员", "财务科副科长", "信息中心技术岗"]);
        let first = &project.people[0];
        assert_eq!(
            (first.id.as_str(), first.name.as_str()),
            ("20260001", "蒋波")
        );
        assert_eq!(first.scores.get("exam"), Some(&Value::Number(79.9)));
        assert_eq!(first.extra.get("工龄").map(String::as_str), Some("18"));
        // One candidate was absent from the exam: missing, not 0.
        let absent = project
            .people
            .iter()
            .filter(|p| !p.scores.contains_key("exam"));
        assert_eq!(absent.count(), 1);
    }

    /// The sample files imported into a default project, checking the counts on the way.
    fn sample_project() -> Project {
        let mut project = Project::default();
        let plan = plan_import(
            &project,
            SAMPLE_PEOPLE,
            ImportKind::People,
            Path::new("exam_results.csv"),
        )
        .unwrap();
        assert_eq!(plan.problems, [], "{}", plan.summary());
        assert_eq!(
            (plan.added.len(), plan.new_posts.len(), plan.accepted),
            (48, 3, 48)
        );
        assert!(plan.apply(&mut project));
        assert_eq!(project.people.len(), 48);
        let plan = plan_import(
            &project,
            SAMPLE_RATINGS,
            ImportKind::Ratings,
            Path::new("ratings.csv"),
        )
        .unwrap();
        assert_eq!(plan.problems, [], "{}", plan.summary());
        assert_eq!((plan.ratings_added, plan.accepted), (624, 624));
        assert!(plan.apply(&mut project));
        assert_eq!(project.ratings.len(), 624);
        project
    }

    #[test]
    fn the_sample_round_imports_again_without_changes() {
        let project = sample_project();
        let again =
            plan_import(&project, SAMPLE_PEOPLE, ImportKind::People, Path::new("x")).unwrap();
        assert_eq!(
            (again.added.len(), again.updated.len(), again.unchanged),
            (0, 0, 48)
        );
        let again = plan_import(
            &project,
            SAMPLE_RATINGS,
            ImportKind::Ratings,
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(
            (
                again.ratings_added,
                again.ratings_replaced,
                again.ratings_unchanged
            ),
            (0, 0, 624)
        );
    }

    #[test]
    fn a_bom_and_crlf_do_not_reach_the_headers_or_cells() {
        let text = "\u{feff}准考证号,姓名\r\n001,张三\r\n";
        let plan = plan_text(&Project::default(), text, ImportKind::People);
        assert_eq!(plan.mapping[0], ("准考证号".to_string(), "id".to_string()));
        assert_eq!(plan.added[0].id, "001");
        assert_eq!(plan.added[0].name, "张三");
    }

    #[test]
    fn file_level_errors_name_the_file_last() {
        let project = Project::default();
        let utf8 = ImportOptions {
            encoding: Some("utf-8".into()),
            ..ImportOptions::default()
        };
        let err = plan_import_with(
            &project,
            b"id,\xFFname\n",
            ImportKind::People,
            Path::new("a.csv"),
            &utf8,
        )
        .unwrap_err();
        assert!(
            matches!(err, ImportError::NotInNamedEncoding { offset: 3, .. }),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("try another, or leave it out"),
            "{err}"
        );
        assert!(err.to_string().ends_with(": a.csv"), "{err}");
        let err = plan_import(
            &project,
            "姓名,笔试成绩\n张三,80\n".as_bytes(),
            ImportKind::People,
            Path::new("b.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing required column id (one of: 编号, 准考证号, 考号, 工号, 身份证号, id): b.csv"
        );
        let err =
            plan_import(&project, b"\r\n", ImportKind::Ratings, Path::new("c.csv")).unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }), "{err:?}");
        let err = plan_import_file(&project, Path::new("/no/such/file.csv"), ImportKind::People)
            .unwrap_err();
        assert!(err.to_string().ends_with(": /no/such/file.csv"), "{err}");
    }
}
