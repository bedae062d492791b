//! Blank score sheets for raters: one per rater, one row per (candidate, criterion), with
//! the criterion's scale, in the long layout that `merit import --kind ratings` reads back
//! (the name and scale columns are ignored on import). Never reads or writes files.

use crate::model::Project;

use super::export::{Cell, Sheet};

/// A rater and their group, for whom a sheet is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rater {
    /// The rater's name or code.
    pub name: String,
    /// The rater group (`领导`, `群众`), may be empty.
    pub group: String,
}

/// The raters who already rated in `project`, with their group, in order of appearance.
pub fn known_raters(project: &Project) -> Vec<Rater> {
    let mut raters: Vec<Rater> = Vec::new();
    for r in &project.ratings {
        if !raters.iter().any(|x| x.name == r.rater) {
            raters.push(Rater {
                name: r.rater.clone(),
                group: r.group.clone(),
            });
        }
    }
    raters
}

/// The criteria sheets are for: those with ratings in `project`, else all of them.
pub fn rated_criteria(project: &Project) -> Vec<String> {
    let rated: Vec<String> = project
        .scheme
        .criteria()
        .filter(|c| project.ratings.iter().any(|r| r.criterion == c.key))
        .map(|c| c.key.clone())
        .collect();
    if rated.is_empty() {
        project.scheme.criteria().map(|c| c.key.clone()).collect()
    } else {
        rated
    }
}

/// One blank sheet per rater over `criteria` (keys), every person, in project order.
/// Columns: 考号, 姓名, 指标, 量表, 评委, 评委类别, 分数 (empty, to fill in).
pub fn score_sheets(project: &Project, raters: &[Rater], criteria: &[String]) -> Vec<Sheet> {
    let headers: Vec<String> = ["考号", "姓名", "指标", "量表", "评委", "评委类别", "分数"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    raters
        .iter()
        .map(|rater| {
            let mut rows = Vec::new();
            for person in &project.people {
                for key in criteria {
                    let Some(c) = project.scheme.criterion(key) else {
                        continue;
                    };
                    let name = if c.name.is_empty() { &c.key } else { &c.name };
                    rows.push(vec![
                        Cell::Text(person.id.clone()),
                        Cell::Text(person.name.clone()),
                        Cell::Text(name.clone()),
                        Cell::Text(c.scale.describe()),
                        Cell::Text(rater.name.clone()),
                        Cell::Text(rater.group.clone()),
                        Cell::Empty,
                    ]);
                }
            }
            Sheet {
                name: rater.name.clone(),
                headers: headers.clone(),
                rows,
            }
        })
        .collect()
}

/// A file name for `rater`'s sheet: `评分表_NAME`, without characters file systems refuse.
pub fn file_stem(rater: &str) -> String {
    let clean: String = rater
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("评分表_{}", clean.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Rating, Value};

    #[test]
    fn one_sheet_per_rater_one_row_per_person_and_criterion() {
        let mut project = Project::default();
        for id in ["001", "002"] {
            project.people.push(Person {
                id: id.into(),
                name: format!("P{id}"),
                ..Person::default()
            });
        }
        project.ratings.push(Rating {
            person: "001".into(),
            criterion: "peer_trust".into(),
            rater: "甲".into(),
            group: "群众".into(),
            value: Value::Number(80.0),
        });
        let raters = known_raters(&project);
        let criteria = rated_criteria(&project);
        assert_eq!(criteria, ["peer_trust"]);
        let sheets = score_sheets(&project, &raters, &criteria);
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].rows.len(), 2);
        assert_eq!(sheets[0].rows[1][0], Cell::Text("002".into()));
        assert_eq!(sheets[0].rows[1][2], Cell::Text("群众信任".into()));
        assert_eq!(file_stem("a/b"), "评分表_a_b");
    }
}
