//! What an import changes, person by person: the part of a plan that `merit import
//! --dry-run` prints below the counts and `--report FILE` writes whole. Never changes the
//! plan.

use std::collections::HashMap;

use serde::Serialize;

use super::plan::{FieldChange, ImportPlan};

/// A person the import adds, as the report lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedPerson {
    /// The person's id, as in the file.
    pub id: String,
    /// The person's name; empty when the file has none.
    pub name: String,
}

impl ImportPlan {
    /// The people the import adds, in file order.
    pub fn added_people(&self) -> Vec<AddedPerson> {
        self.added
            .iter()
            .map(|p| AddedPerson {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect()
    }

    /// The people changes, a line each: `+ 20269999 王五` for a person added, `~ 20260001
    /// 张三: 笔试成绩 79.9 → 80.5; 工龄 18 → 19` for one updated (fields named by their
    /// column in the file), then `= 30 unchanged`. At most `limit` lines of added and of
    /// updated people, then how many more there are. Empty when nobody changes.
    pub fn changes(&self, limit: usize) -> String {
        let mut lines = Vec::new();
        for person in self.added.iter().take(limit) {
            lines.push(format!("+ {}", id_and_name(&person.id, &person.name)));
        }
        more(&mut lines, self.added.len(), limit, "added");
        let names: HashMap<&str, &str> = self
            .replacements
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        for update in self.updated.iter().take(limit) {
            let name = names.get(update.id.as_str()).copied().unwrap_or("");
            let fields: Vec<String> = update
                .changes
                .iter()
                .map(|change| self.describe(change))
                .collect();
            lines.push(format!(
                "~ {}: {}",
                id_and_name(&update.id, name),
                fields.join("; ")
            ));
        }
        more(&mut lines, self.updated.len(), limit, "updated");
        if !lines.is_empty() && self.unchanged > 0 {
            lines.push(format!("= {} unchanged", self.unchanged));
        }
        lines.join("\n")
    }

    /// `笔试成绩 79.9 → 80.5`: the field by the column it came from, `(none)` for a value
    /// that was or becomes empty.
    fn describe(&self, change: &FieldChange) -> String {
        let column = self
            .mapping
            .iter()
            .find(|(_, field)| *field == change.field)
            .map(|(header, _)| header.as_str())
            .or_else(|| change.field.strip_prefix("extra:"))
            .unwrap_or(&change.field);
        let shown = |value: &str| {
            if value.is_empty() {
                "(none)".to_string()
            } else {
                value.to_string()
            }
        };
        format!("{column} {} → {}", shown(&change.old), shown(&change.new))
    }
}

/// `20260001 张三`, or the id alone.
fn id_and_name(id: &str, name: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

/// The line saying how many of `total` were left out of a list cut at `limit`.
fn more(lines: &mut Vec<String>, total: usize, limit: usize, what: &str) {
    if total > limit {
        lines.push(format!(
            "… and {} more {what} (--report FILE lists every one)",
            total - limit
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::io::import::{ImportKind, ImportOptions, plan_import_with};
    use crate::model::{Person, Project};

    /// A project with 张三 (exam 79.9, 工龄 18) and 李四 (exam 70).
    fn project() -> Project {
        let csv = "编号,姓名,笔试成绩,工龄\n0001,张三,79.9,18\n0002,李四,70,5\n";
        let mut project = Project::default();
        let plan = plan_import_with(
            &project,
            csv.as_bytes(),
            ImportKind::People,
            Path::new("a.csv"),
            &ImportOptions::default(),
        )
        .unwrap();
        assert!(plan.apply(&mut project));
        project
    }

    fn plan(project: &Project, csv: &str) -> crate::io::import::ImportPlan {
        plan_import_with(
            project,
            csv.as_bytes(),
            ImportKind::People,
            Path::new("b.csv"),
            &ImportOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn each_person_added_or_updated_is_listed_field_by_field() {
        let project = project();
        let plan = plan(
            &project,
            "编号,姓名,笔试成绩,工龄\n0001,张三,80.5,19\n0002,李四,70,5\n0009,王五,缺考,\n",
        );
        assert_eq!(
            plan.changes(100),
            "+ 0009 王五\n~ 0001 张三: 笔试成绩 79.9 → 80.5; 工龄 18 → 19\n= 1 unchanged"
        );
        let added = plan.added_people();
        assert_eq!(
            (added[0].id.as_str(), added[0].name.as_str()),
            ("0009", "王五")
        );
    }

    #[test]
    fn a_long_list_is_cut_with_how_many_more() {
        let mut csv = String::from("编号,姓名,笔试成绩\n");
        for i in 0..5 {
            csv.push_str(&format!("A{i},某{i},80\n"));
        }
        let plan = plan(&Project::default(), &csv);
        assert_eq!(
            plan.changes(2),
            "+ A0 某0\n+ A1 某1\n… and 3 more added (--report FILE lists every one)"
        );
        let mut project = Project::default();
        project.people.push(Person {
            id: "A0".into(),
            ..Person::default()
        });
        let plan = plan_import_with(
            &project,
            "编号,笔试成绩\nA0,\n".as_bytes(),
            ImportKind::People,
            Path::new("c.csv"),
            &ImportOptions::default(),
        )
        .unwrap();
        // Nobody changes: nothing to list.
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.changes(10), "");
    }
}
