//! Round trips, atomic saves that fail midway, and loaders fed broken files.
use super::*;
use crate::model::{Criterion, Group, Person, Post, Rating, Scale, TieBreaker, TieKey, Value};
use proptest::prelude::*;

/// Default scheme plus a categorical criterion, two posts, three people with Chinese
/// names and extra columns, and ratings.
fn sample() -> Project {
    let mut project = Project {
        title: "2026年度竞争上岗 \"第一批\"".into(),
        ..Project::default()
    };
    let categories = vec![("优秀".into(), 100.0), ("称职".into(), 80.0)];
    let ballot = Criterion {
        key: "ballot".into(),
        scale: Scale::Categorical { categories },
        ..Criterion::default()
    };
    let group = Group {
        name: "民主测评".into(),
        criteria: vec![ballot],
        ..Group::default()
    };
    project.scheme.groups.push(group);
    let key = TieKey::Field("工龄".into());
    project.scheme.tie_breakers.push(TieBreaker {
        key,
        descending: true,
    });
    let post = Post {
        id: "科长".into(),
        openings: 2,
        shortlist_ratio: 1.5,
        ..Post::default()
    };
    project.posts = vec![
        post,
        Post {
            id: "副科长".into(),
            ..Post::default()
        },
    ];
    let people = [
        ("007", "张伟", Some("科长"), "exam", Value::Number(81.05)),
        ("008", "欧阳明", None, "exam", Value::Number(0.1 + 0.2)),
        (
            "009",
            "李娜",
            Some("副科长"),
            "ballot",
            Value::Category("优秀".into()),
        ),
    ];
    for (id, name, post, key, value) in people {
        project.people.push(Person {
            id: id.into(),
            name: name.into(),
            post: post.map(Into::into),
            scores: [(key, value.clone())].into(),
            extra: [("工龄", "12".to_string()), ("性别", "女".to_string())].into(),
            ..Person::default()
        });
        let rating = Rating {
            person: id.into(),
            criterion: key.into(),
            rater: "甲".into(),
            group: "领导".into(),
            value,
        };
        project.ratings.push(rating);
    }
    project
}

/// Serialized sample with `from` replaced (once) by `to`.
fn edited(from: &str, to: &str) -> String {
    to_ron_string(&sample()).unwrap().replacen(from, to, 1)
}

/// 1-based line and column of the first `needle` in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    position_of(text, text.find(needle).unwrap())
}

#[test]
fn save_then_load_gives_an_equal_project_with_exact_floats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.ron");
    save(&sample(), &path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, sample());
    let exam = |i: usize| {
        loaded.people[i].scores["exam"]
            .as_number()
            .unwrap()
            .to_bits()
    };
    assert_eq!(
        (exam(0), exam(1)),
        (81.05f64.to_bits(), (0.1f64 + 0.2).to_bits())
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("Project(") && text.contains("name: \"欧阳明\""),
        "{text}"
    );
    assert!(text.find("version: 1").unwrap() < text.find("people:").unwrap());
    assert!(!sibling(&path, ".tmp").unwrap().exists());
}

#[test]
fn saving_twice_keeps_the_first_version_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let second = Project {
        title: "第二版".into(),
        ..sample()
    };
    save(&sample(), &path).unwrap();
    save(&second, &path).unwrap();
    let bak = fs::read_to_string(sibling(&path, ".bak").unwrap()).unwrap();
    assert_eq!(bak, to_ron_string(&sample()).unwrap());
    assert_eq!(load(&path).unwrap(), second);
}

#[test]
fn a_save_failing_before_the_rename_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&sample(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let tmp = sibling(&path, ".tmp").unwrap();
    let changed = Project {
        title: "不该写入".into(),
        ..sample()
    };
    let err = save_with_hook(&changed, &path, || {
        assert!(
            tmp.exists(),
            "the temporary file is written before the hook"
        );
        Err(io::Error::other("simulated crash"))
    });
    assert!(err.unwrap_err().to_string().contains("simulated crash"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!tmp.exists());
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_saves_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("proj.ron");
    save(&sample(), &real).unwrap();
    let first = fs::read_to_string(&real).unwrap();
    // link.ron -> real/proj.ron (relative), and a link to that link.
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real/proj.ron", &link).unwrap();
    let link2 = dir.path().join("link2.ron");
    std::os::unix::fs::symlink(&link, &link2).unwrap();
    let changed = Project {
        title: "改过".into(),
        ..sample()
    };
    save(&changed, &link2).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata(&link2)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).unwrap(), changed);
    assert_eq!(
        fs::read_to_string(real_dir.join("proj.ron.bak")).unwrap(),
        first
    );
    assert!(!dir.path().join("link.ron.bak").exists());
    assert!(!dir.path().join("link2.ron.tmp").exists());
    // A link whose target does not exist yet: the target is created, the link kept.
    let dangling = dir.path().join("new.ron");
    std::os::unix::fs::symlink("real/new.ron", &dangling).unwrap();
    save(&changed, &dangling).unwrap();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real_dir.join("new.ron")).unwrap(), changed);
}

#[test]
fn a_file_that_fails_to_load_is_not_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    fs::write(&path, "Project(version: 1, title: 3)").unwrap();
    assert!(load(&path).is_err());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Project(version: 1, title: 3)"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_type_error_names_line_column_field_and_path() {
    let text = edited("openings: 2,", "openings: \"two\",");
    let (line, column) = locate(&text, "\"two\"");
    let err = from_ron_str(&text, Path::new("/x/y.ron")).unwrap_err();
    assert!(
        matches!(err, ProjectFileError::Parse { line: l, column: c, .. } if (l, c) == (line, column))
    );
    let expected =
        format!("line {line}, column {column}: expected a whole number for `openings` in /x/y.ron");
    assert_eq!(err.to_string(), expected);
}

#[test]
fn a_newer_file_is_refused_even_with_unknown_fields() {
    let text = edited(
        "version: 1,",
        "version: 2,\n    future: Some(Thing(x: [1])),",
    )
    .replacen("department:", "unit: \"x\",\n            department:", 1);
    let err = from_ron_str(&text, Path::new("new.ron")).unwrap_err();
    assert!(matches!(
        err,
        ProjectFileError::NewerVersion { version: 2, .. }
    ));
    let message = err.to_string();
    assert!(message.contains("newer Merit (file version 2, this build reads up to 1)"));
    assert!(message.ends_with("in new.ron"), "{message}");
}

#[test]
fn an_unknown_field_is_named_with_its_position_and_version() {
    let text = edited(
        "department:",
        "nickname: \"小张\",\n            department:",
    );
    let (line, column) = locate(&text, "nickname");
    let message = from_ron_str(&text, Path::new("p.ron"))
        .unwrap_err()
        .to_string();
    let start = format!("line {line}, column {column}: unknown field `nickname` in `Person`;");
    assert!(message.starts_with(&start), "{message}");
    assert!(
        message.contains("version 1, which has no such field"),
        "{message}"
    );
}

#[test]
fn version_zero_and_empty_files_are_rejected_and_a_missing_version_means_current() {
    let err = from_ron_str(" \n", Path::new("e.ron")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1, column 1: the file is empty in e.ron"
    );
    let err = from_ron_str("Project(version: 0)", Path::new("old.ron")).unwrap_err();
    assert!(err.to_string().contains("file version 0 is not"), "{err}");
    let project = from_ron_str("Project(title: \"x\")", Path::new("min.ron")).unwrap();
    assert_eq!(
        (project.version, project.title.as_str()),
        (CURRENT_VERSION, "x")
    );
}

#[test]
fn text_in_another_encoding_is_reported_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.ron");
    fs::write(&path, b"Project(\n  title: \"\xd5\xc5\")").unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(
        message.starts_with("line 2, column 11: the file is not UTF-8"),
        "{message}"
    );
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    let text = to_ron_string(&sample()).unwrap();
    for end in 0..text.trim_end().len() {
        let cut = String::from_utf8_lossy(&text.as_bytes()[..end]);
        assert!(
            from_ron_str(&cut, Path::new("c.ron")).is_err(),
            "cut at {end}"
        );
    }
}

proptest! {
    #[test]
    fn damaged_files_never_panic(
        end in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = to_ron_string(&sample()).unwrap().into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = if byte % 2 == 0 { bytes[i] ^ (1 << (byte % 8)) } else { byte };
        }
        bytes.truncate(end.index(bytes.len() + 1));
        let _ = from_ron_str(&String::from_utf8_lossy(&bytes), Path::new("damaged.ron"));
    }
}
