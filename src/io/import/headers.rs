//! Step 3 of an import: column headers → fields.
//!
//! A header matches a field by any of its names, Chinese or English, ignoring case, spaces,
//! full-width/half-width forms and a bracketed unit or note (`笔试成绩（百分制）`,
//! `Exam (100)`); a criterion matches by its key, Chinese name or English name. A
//! [`Mapping`] given by the user (`--mapping FILE`) wins over matching. The
//! first column that matches a field gets it; a later one that matches the same field
//! is treated like an unknown column (kept on the person as extra, or ignored for
//! ratings), so no data is silently merged.

use crate::model::{Criterion, Scheme};

use super::mapping::Mapping;

/// Headers that name the person id.
pub(super) const ID: &[&str] = &["编号", "准考证号", "考号", "工号", "身份证号", "id"];
/// More headers that name the person id, not listed in messages.
const ID_MORE: &[&str] = &[
    "身份证号码",
    "证件号码",
    "人员编号",
    "员工编号",
    "准考证号码",
    "考生编号",
    "考生号",
    "报名号",
    "职工号",
];
/// Headers that name the person's name.
const NAME: &[&str] = &["姓名", "name", "名字"];
/// Headers that name the department.
const DEPARTMENT: &[&str] = &["部门", "单位", "department"];
/// Headers that name the post applied for.
const POST: &[&str] = &["报考岗位", "报考职位", "岗位", "职位", "post"];
/// Headers that name a rating's criterion.
const CRITERION: &[&str] = &["指标", "criterion"];
/// Headers that name a rating's rater.
const RATER: &[&str] = &["评委", "rater"];
/// Headers that name a rating's rater group.
const GROUP: &[&str] = &["评委类别", "rater group", "group"];
/// Headers that name a rating's score.
const SCORE: &[&str] = &["分数", "score"];
/// Headers that name a ballot's mark.
const MARK: &[&str] = &[
    "评价",
    "等次",
    "测评结果",
    "测评等次",
    "意见",
    "表决",
    "mark",
    "vote",
];

/// What a column is read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Field {
    /// The person id (both kinds).
    Id,
    /// The person's name.
    Name,
    /// The person's department.
    Department,
    /// The post applied for.
    Post,
    /// A direct score on the criterion with this key.
    Score(String),
    /// Kept on the person in `extra`.
    Extra,
    /// A rating's criterion (key or name).
    Criterion,
    /// A rating's rater.
    Rater,
    /// A rating's rater group.
    Group,
    /// A rating's value.
    Value,
    /// Not used (unknown columns of a ratings file).
    Ignored,
    /// A ballot's mark (优秀, 赞成…).
    Mark,
    /// A tally column: how many ballots gave this mark.
    Tally(String),
}

impl Field {
    /// The field a [`Field::label`] names; `criterion:NAME` takes a criterion's key,
    /// Chinese or English name.
    pub(super) fn from_label(label: &str, scheme: &Scheme) -> Option<Field> {
        let label = label.trim();
        if let Some(mark) = label.strip_prefix("tally:") {
            return Some(Field::Tally(mark.trim().to_string()));
        }
        if let Some(name) = label.strip_prefix("criterion:") {
            return find_criterion(scheme, name).map(|c| Field::Score(c.key.clone()));
        }
        Some(match label {
            "id" => Field::Id,
            "name" => Field::Name,
            "department" => Field::Department,
            "post" => Field::Post,
            "extra" => Field::Extra,
            "criterion" => Field::Criterion,
            "rater" => Field::Rater,
            "group" => Field::Group,
            "score" => Field::Value,
            "ignored" => Field::Ignored,
            "mark" => Field::Mark,
            _ => return None,
        })
    }

    /// The name shown in [`super::ImportPlan::mapping`].
    pub(super) fn label(&self) -> String {
        match self {
            Field::Id => "id".into(),
            Field::Name => "name".into(),
            Field::Department => "department".into(),
            Field::Post => "post".into(),
            Field::Score(key) => format!("criterion:{key}"),
            Field::Extra => "extra".into(),
            Field::Criterion => "criterion".into(),
            Field::Rater => "rater".into(),
            Field::Group => "group".into(),
            Field::Value => "score".into(),
            Field::Ignored => "ignored".into(),
            Field::Mark => "mark".into(),
            Field::Tally(mark) => format!("tally:{mark}"),
        }
    }
}

/// The fields of a file's columns for an import of `kind`, as far as they can be told,
/// whether or not every required column is there.
pub(super) fn classify(
    kind: super::ImportKind,
    headers: &[String],
    scheme: &Scheme,
    mapping: &Mapping,
) -> Vec<Field> {
    match kind {
        super::ImportKind::People => people_fields(headers, scheme, mapping),
        super::ImportKind::Ratings => ratings_fields(headers, scheme, mapping),
        super::ImportKind::Ballots => ballots_fields(headers, scheme, mapping),
    }
}

/// The fields of a people (wide) file's columns, or the required columns it lacks.
pub(super) fn map_people(
    headers: &[String],
    scheme: &Scheme,
    mapping: &Mapping,
) -> Result<Vec<Field>, Vec<String>> {
    require(
        people_fields(headers, scheme, mapping),
        &[(Field::Id, "id", ID)],
    )
}

/// [`map_people`]'s fields, before the required ones are looked for.
fn people_fields(headers: &[String], scheme: &Scheme, mapping: &Mapping) -> Vec<Field> {
    assign(headers, Field::Extra, |h| {
        if let Some(field) = mapping.field_of(h, scheme) {
            Some(field)
        } else if matches(h, ID) || matches(h, ID_MORE) {
            Some(Field::Id)
        } else if matches(h, NAME) {
            Some(Field::Name)
        } else if matches(h, DEPARTMENT) {
            Some(Field::Department)
        } else if matches(h, POST) {
            Some(Field::Post)
        } else {
            find_criterion(scheme, h).map(|c| Field::Score(c.key.clone()))
        }
    })
}

/// The fields of a ratings (long) file's columns, or the required columns it lacks.
pub(super) fn map_ratings(
    headers: &[String],
    scheme: &Scheme,
    mapping: &Mapping,
) -> Result<Vec<Field>, Vec<String>> {
    require(
        ratings_fields(headers, scheme, mapping),
        &[
            (Field::Id, "id", ID),
            (Field::Criterion, "criterion", CRITERION),
            (Field::Rater, "rater", RATER),
            (Field::Value, "score", SCORE),
        ],
    )
}

/// [`map_ratings`]' fields, before the required ones are looked for.
fn ratings_fields(headers: &[String], scheme: &Scheme, mapping: &Mapping) -> Vec<Field> {
    let known = [
        (Field::Id, ID),
        (Field::Criterion, CRITERION),
        (Field::Rater, RATER),
        (Field::Group, GROUP),
        (Field::Value, SCORE),
    ];
    assign(headers, Field::Ignored, |h| {
        mapping.field_of(h, scheme).or_else(|| {
            known
                .iter()
                .find(|(_, names)| matches(h, names))
                .map(|(f, _)| f.clone())
        })
    })
}

/// The fields of a ballots file's columns: id, rater, group, criterion, and either a
/// mark column (one row per rater and person) or tally columns named by marks (one row
/// per person with counts); or the required columns it lacks.
pub(super) fn map_ballots(
    headers: &[String],
    scheme: &Scheme,
    mapping: &Mapping,
) -> Result<Vec<Field>, Vec<String>> {
    let fields = ballots_fields(headers, scheme, mapping);
    let tally = fields.iter().any(|f| matches!(f, Field::Tally(_)));
    let mut required: Vec<(Field, &str, &[&str])> = vec![(Field::Id, "id", ID)];
    if !tally {
        required.push((Field::Rater, "rater", RATER));
        required.push((
            Field::Mark,
            "mark (or one column per mark with counts)",
            MARK,
        ));
    }
    require(fields, &required)
}

/// [`map_ballots`]' fields, before the required ones are looked for.
fn ballots_fields(headers: &[String], scheme: &Scheme, mapping: &Mapping) -> Vec<Field> {
    let marks: Vec<&str> = scheme
        .criteria()
        .filter_map(|c| match &c.scale {
            crate::model::Scale::Categorical { categories } => Some(categories),
            crate::model::Scale::Numeric { .. } => None,
        })
        .flatten()
        .map(|(label, _)| label.as_str())
        .collect();
    let known = [
        (Field::Id, ID),
        (Field::Criterion, CRITERION),
        (Field::Rater, RATER),
        (Field::Group, GROUP),
        (Field::Mark, MARK),
    ];
    assign(headers, Field::Ignored, |h| {
        mapping.field_of(h, scheme).or_else(|| {
            let named = known.iter().find(|(_, names)| matches(h, names));
            let tally = || {
                marks
                    .iter()
                    .find(|m| normalize(m) == normalize(h))
                    .map(|m| Field::Tally((*m).to_string()))
            };
            named.map(|(f, _)| f.clone()).or_else(tally)
        })
    })
}

/// Why `headers`, read as `fields`, cannot be imported although every required column
/// is there: two columns read under the same header (which is which could not be told,
/// and one would overwrite the other), a `mapping` line for a column the file lacks, or
/// a mapping giving one field to two columns.
pub(super) fn clash(
    headers: &[String],
    fields: &[Field],
    mapping: &Mapping,
    scheme: &Scheme,
) -> Option<String> {
    let absent: Vec<&str> = mapping
        .columns
        .iter()
        .map(|(h, _)| h.as_str())
        .filter(|h| {
            !headers
                .iter()
                .any(|header| normalize(header) == normalize(h))
        })
        .collect();
    if !absent.is_empty() {
        return Some(format!(
            "the mapping names columns the file does not have: {} (the file's columns: {})",
            absent.join(", "),
            headers.join(", ")
        ));
    }
    // Each column the mapping gives a field, with the line that gives it: two lines giving
    // one field is a clash; one line matching two columns is not (the first takes it).
    let mapped: Vec<(usize, usize, Field)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let line = mapping.line_of(h)?;
            Some((i, line, mapping.field_of(h, scheme)?))
        })
        .filter(|(_, _, f)| !matches!(f, Field::Extra | Field::Ignored))
        .collect();
    for (n, (i, line, field)) in mapped.iter().enumerate() {
        let twin = mapped[n + 1..]
            .iter()
            .find(|(_, other, f)| f == field && other != line);
        if let Some((j, _, _)) = twin {
            return Some(format!(
                "the mapping gives {} to both {} and {}",
                field.label(),
                headers[*i],
                headers[*j]
            ));
        }
    }
    let read = |i: usize| fields[i] != Field::Ignored;
    for (i, header) in headers.iter().enumerate() {
        let header = header.trim();
        let twin = headers[i + 1..]
            .iter()
            .position(|other| !header.is_empty() && other.trim() == header)
            .map(|at| i + 1 + at);
        if let Some(j) = twin.filter(|&j| read(i) || read(j)) {
            return Some(format!(
                "columns {} and {} are both headed '{header}' (two columns, or one header \
                 cell merged across both): rename one or unmerge the cell, so that each \
                 column says what it holds",
                column_letters(i),
                column_letters(j)
            ));
        }
    }
    None
}

/// `fields`, or the [`clash`] in `headers` as an error naming the file `source`.
pub(super) fn checked(
    fields: Vec<Field>,
    headers: &[String],
    mapping: &Mapping,
    scheme: &Scheme,
    source: &std::path::Path,
) -> Result<Vec<Field>, super::ImportError> {
    match clash(headers, &fields, mapping, scheme) {
        None => Ok(fields),
        Some(reason) => Err(super::ImportError::Header {
            reason,
            path: source.to_path_buf(),
        }),
    }
}

/// A column's letters as a spreadsheet shows them: A for the first, Z, AA, AB…
pub(super) fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The plan's mapping: each header with its field's label.
pub(super) fn mapping(headers: &[String], fields: &[Field]) -> Vec<(String, String)> {
    headers
        .iter()
        .zip(fields)
        .map(|(h, f)| (h.clone(), f.label()))
        .collect()
}

/// The column index of `field`, if a column has it.
pub(super) fn column_of(fields: &[Field], field: &Field) -> Option<usize> {
    fields.iter().position(|f| f == field)
}

/// The criterion of `scheme` whose key, Chinese name or English name is `text` (trimmed,
/// case-insensitive).
pub(super) fn find_criterion<'a>(scheme: &'a Scheme, text: &str) -> Option<&'a Criterion> {
    let wanted = normalize(text);
    if wanted.is_empty() {
        return None;
    }
    scheme.criteria().find(|c| {
        [&c.key, &c.name, &c.name_en]
            .iter()
            .any(|name| normalize(name) == wanted)
    })
}

/// For matching: half-width, lower-cased, without white space, `_`, `-`, and without
/// bracketed parts (`笔试成绩（百分制）` → `笔试成绩`, `Exam (100)` → `exam`).
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in super::cells::half_width(text).chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || c == '_' || c == '-' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_empty() {
        // A header that is all brackets, e.g. "(备注)": match on the whole of it.
        return text.trim().to_lowercase();
    }
    out
}

/// Whether `header` is one of `names`.
fn matches(header: &str, names: &[&str]) -> bool {
    let header = normalize(header);
    names.iter().any(|n| normalize(n) == header)
}

/// Classifies each header; a field already taken by an earlier column becomes `fallback`.
fn assign(
    headers: &[String],
    fallback: Field,
    classify: impl Fn(&str) -> Option<Field>,
) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::with_capacity(headers.len());
    for header in headers {
        let field = classify(header)
            .filter(|f| !fields.contains(f))
            .unwrap_or_else(|| fallback.clone());
        fields.push(field);
    }
    fields
}

/// `fields`, or a description of each required field no column has.
fn require(
    fields: Vec<Field>,
    required: &[(Field, &str, &[&str])],
) -> Result<Vec<Field>, Vec<String>> {
    let missing: Vec<String> = required
        .iter()
        .filter(|(field, _, _)| !fields.contains(field))
        .map(|(_, label, names)| format!("{label} (one of: {})", names.join(", ")))
        .collect();
    if missing.is_empty() {
        Ok(fields)
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn labels(fields: &[Field]) -> Vec<String> {
        fields.iter().map(Field::label).collect()
    }

    #[test]
    fn chinese_and_english_headers_map_to_the_same_fields() {
        let scheme = Scheme::default();
        let zh = map_people(
            &strings(&["准考证号", "姓名", "单位", "报考职位", "笔试成绩", "工龄"]),
            &scheme,
            &Mapping::default(),
        );
        let en = map_people(
            &strings(&[
                " ID ",
                "Name",
                "DEPARTMENT",
                "post",
                "Written exam",
                "years",
            ]),
            &scheme,
            &Mapping::default(),
        );
        let expected = [
            "id",
            "name",
            "department",
            "post",
            "criterion:exam",
            "extra",
        ];
        assert_eq!(labels(&zh.unwrap()), expected);
        assert_eq!(labels(&en.unwrap()), expected);
        let by_key = map_people(
            &strings(&["工号", "peer_trust", "领导满意度"]),
            &scheme,
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(
            labels(&by_key),
            [
                "id",
                "criterion:peer_trust",
                "criterion:leader_satisfaction"
            ]
        );
    }

    #[test]
    fn repeated_headers_and_wrong_mappings_are_refused() {
        let scheme = Scheme::default();
        let people = |headers: &[&str], mapping: &Mapping| {
            let headers = strings(headers);
            let fields = map_people(&headers, &scheme, mapping).unwrap();
            clash(&headers, &fields, mapping, &scheme)
        };
        let none = Mapping::default();
        assert_eq!(
            people(&["考号", "姓名", "备注", "备注 ", "笔试成绩"], &none).as_deref(),
            Some(
                "columns C and D are both headed '备注' (two columns, or one header cell \
                 merged across both): rename one or unmerge the cell, so that each column \
                 says what it holds"
            )
        );
        // A printed mapping passed back: each header keeps its own line, though both
        // match 笔试成绩 once brackets are dropped.
        let headers = ["考号", "笔试成绩(百分制)", "笔试成绩(原始分)"];
        let fields = map_people(&strings(&headers), &scheme, &none).unwrap();
        let printed = Mapping::to_text(&mapping(&strings(&headers), &fields));
        let reread = Mapping::parse(&printed).unwrap();
        assert_eq!(people(&headers, &reread), None);
        let fields = map_people(&strings(&headers), &scheme, &reread).unwrap();
        assert_eq!(labels(&fields), ["id", "criterion:exam", "extra"]);
        assert!(people(&["考号", "姓名", "笔试成绩", "笔试成绩"], &none).is_some());
        // Different headers for one field: the second is kept as extra, as before.
        assert_eq!(people(&["工号", "身份证号", "姓名"], &none), None);
        // Empty headers are told apart by their column.
        assert_eq!(people(&["考号", "", ""], &none), None);
        let mapping = Mapping::parse("nope = id\n").unwrap();
        assert_eq!(
            people(&["考号", "姓名"], &mapping).as_deref(),
            Some(
                "the mapping names columns the file does not have: nope (the file's columns: 考号, 姓名)"
            )
        );
        let mapping = Mapping::parse("考号 = id\n姓名 = id\n").unwrap();
        assert_eq!(
            people(&["考号", "姓名"], &mapping).as_deref(),
            Some("the mapping gives id to both 考号 and 姓名")
        );
        // A ratings file may repeat a column it does not read.
        let headers = strings(&["考号", "指标", "评委", "分数", "备注", "备注"]);
        let fields = map_ratings(&headers, &scheme, &none).unwrap();
        assert_eq!(clash(&headers, &fields, &none, &scheme), None);
        assert_eq!(
            [0, 25, 26, 27, 701, 702].map(column_letters),
            ["A", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }

    #[test]
    fn a_second_column_for_the_same_field_is_kept_as_extra() {
        let fields = map_people(
            &strings(&["工号", "身份证号", "姓名"]),
            &Scheme::default(),
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(labels(&fields), ["id", "extra", "name"]);
    }

    #[test]
    fn missing_required_columns_are_all_named() {
        let missing = map_people(
            &strings(&["姓名", "笔试成绩"]),
            &Scheme::default(),
            &Mapping::default(),
        )
        .unwrap_err();
        assert_eq!(
            missing,
            ["id (one of: 编号, 准考证号, 考号, 工号, 身份证号, id)"]
        );
        let missing = map_ratings(
            &strings(&["考号", "评委", "备注"]),
            &Scheme::default(),
            &Mapping::default(),
        )
        .unwrap_err();
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(
            missing[0].starts_with("criterion (one of: 指标"),
            "{missing:?}"
        );
        assert!(missing[1].starts_with("score (one of: 分数"), "{missing:?}");
        let fields = map_ratings(
            &strings(&["考号", "Criterion", "评委", "Rater Group", "分数", "备注"]),
            &Scheme::default(),
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(
            labels(&fields),
            ["id", "criterion", "rater", "group", "score", "ignored"]
        );
    }

    #[test]
    fn headers_match_across_width_spaces_and_bracketed_notes() {
        let headers = strings(&[
            "准考证号 ",
            "姓　名",
            "笔试成绩（百分制）",
            "Written Exam (100)",
            "ＩＤ",
            "业务能力[满分100]",
        ]);
        let fields = map_people(&headers, &Scheme::default(), &Mapping::default()).unwrap();
        assert_eq!(
            labels(&fields),
            [
                "id",
                "name",
                "criterion:exam",
                "extra",
                "extra",
                "criterion:competence"
            ]
        );
    }

    #[test]
    fn a_mapping_wins_over_matching() {
        let mapping =
            Mapping::parse("exam_score = criterion:笔试成绩\n工号 = extra\ncand = id\n").unwrap();
        let headers = strings(&["cand", "工号", "exam_score", "备注"]);
        let fields = map_people(&headers, &Scheme::default(), &mapping).unwrap();
        assert_eq!(labels(&fields), ["id", "extra", "criterion:exam", "extra"]);
    }
}
