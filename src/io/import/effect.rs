//! Whether an [`ImportPlan`] would change a project at all, so that a caller can leave
//! the project file (and its backup) alone when it would not. Reads the plan only; never
//! touches a project or a file.

use super::ImportPlan;

impl ImportPlan {
    /// Whether applying the valid rows ([`ImportPlan::apply_valid`]) would change the
    /// project: a person added or updated, a post added, a rating (or mark) added or
    /// replaced. False for a file whose rows are all unchanged or all rejected, and for
    /// one without data rows.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty()
            || !self.updated.is_empty()
            || !self.new_posts.is_empty()
            || self.ratings_added > 0
            || self.ratings_replaced > 0
    }

    /// The data rows read under the header: accepted plus rejected (rows skipped as not
    /// data, such as blank or totals rows, are not counted).
    pub fn data_rows(&self) -> usize {
        self.accepted + self.rejected
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::io::import::{ImportKind, plan_import};
    use crate::model::Project;

    fn plan(project: &Project, text: &str, kind: ImportKind) -> crate::io::import::ImportPlan {
        plan_import(project, text.as_bytes(), kind, Path::new("t.csv")).unwrap()
    }

    #[test]
    fn a_plan_changes_something_only_when_it_adds_updates_or_replaces() {
        let mut project = Project::default();
        let people = "考号,姓名,笔试成绩\n1,甲,80\n2,乙,70\n";
        let first = plan(&project, people, ImportKind::People);
        assert!(first.changes_anything());
        assert_eq!(first.data_rows(), 2);
        assert!(first.apply(&mut project));
        let again = plan(&project, people, ImportKind::People);
        assert!(!again.changes_anything(), "{}", again.summary());
        assert_eq!(again.data_rows(), 2);
        let one_changed = plan(
            &project,
            "考号,姓名,笔试成绩\n1,甲,81\n",
            ImportKind::People,
        );
        assert!(one_changed.changes_anything());
        let header_only = plan(&project, "考号,姓名,笔试成绩\n", ImportKind::People);
        assert!(!header_only.changes_anything());
        assert_eq!(header_only.data_rows(), 0);
        let all_bad = plan(
            &project,
            "考号,姓名,笔试成绩\n9,x,abc\n",
            ImportKind::People,
        );
        assert!(!all_bad.changes_anything());
        assert_eq!((all_bad.data_rows(), all_bad.rejected), (1, 1));
    }

    #[test]
    fn ratings_already_in_the_project_change_nothing() {
        let mut project = Project::default();
        let people = plan(&project, "考号,姓名\n1,甲\n", ImportKind::People);
        assert!(people.apply(&mut project));
        let ratings = "考号,指标,评委,评委类别,分数\n1,群众信任,王,群众,90\n";
        let first = plan(&project, ratings, ImportKind::Ratings);
        assert_eq!(first.problems, [], "{}", first.summary());
        assert!(first.changes_anything());
        assert!(first.apply(&mut project));
        let again = plan(&project, ratings, ImportKind::Ratings);
        assert!(!again.changes_anything(), "{}", again.summary());
        let replaced = plan(
            &project,
            "考号,指标,评委,评委类别,分数\n1,群众信任,王,群众,85\n",
            ImportKind::Ratings,
        );
        assert_eq!(replaced.ratings_replaced, 1);
        assert!(replaced.changes_anything());
    }
}
