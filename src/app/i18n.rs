//! Words of the interface in both languages. Every label goes through [`t`], so a screen
//! never mixes languages.

use crate::scoring::describe::Lang;

/// The text for `lang`: `t(lang, "保存", "Save")`.
pub fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh, en)
}

/// Formats a message in the right language from two already formatted texts.
pub fn tf(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

use crate::edit::EditError;

/// A refused change in words of `lang`.
pub fn edit_error_text(error: &EditError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        EditError::NoSuchPerson(id) => format!("没有编号为“{id}”的人员"),
        EditError::NoSuchCriterion(key) => format!("没有键为“{key}”的指标"),
        EditError::NoSuchPost(id) => format!("没有编号为“{id}”的岗位"),
        EditError::Invalid {
            person,
            criterion,
            value,
            reason,
        } => format!(
            "{person} / {criterion}：“{value}”不予接受：{}",
            reason_text(reason, lang)
        ),
        EditError::BadWeight(w) => format!("权重 {w} 不予接受：权重须为非负数"),
        EditError::NoSuchGroup(g) => format!("没有第 {} 个指标分组", g + 1),
        EditError::BadScheme(why) => format!("方案不予接受：{why}"),
        EditError::BadId(id) => format!("编号“{id}”不予接受：为空或已被使用"),
        EditError::BadPost { id, reason } => format!("岗位“{id}”不予接受：{reason}"),
        EditError::ImportHasProblems(n) => format!("不能导入：计划中有 {n} 个问题，请先修正文件"),
    }
}

/// A value's rejection reason (from the scoring core, in English) in words of `lang`.
pub fn reason_text(reason: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return reason.to_string();
    }
    let pairs = [
        ("outside the scale ", "超出量表 "),
        ("expected one of ", "应为以下之一："),
        ("not one of ", "不是以下之一："),
    ];
    for (en, zh) in pairs {
        if let Some(rest) = reason.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    match reason {
        "not a finite number" => return "不是有效数字".into(),
        "no id: every row needs one" => return "缺少编号：每行都必须有编号".into(),
        _ => {}
    }
    if let Some(rows) = reason
        .strip_prefix("duplicate id: rows ")
        .and_then(|r| r.strip_suffix(" have it"))
    {
        return format!("编号重复：第 {} 行", rows.replace(" and ", " 行和第 "));
    }
    if let Some(id) = reason
        .strip_prefix("no person with id ")
        .and_then(|r| r.strip_suffix(" in the project"))
    {
        return format!("项目中没有编号为 {id} 的人员");
    }
    if let Some(label) = reason
        .strip_suffix(" is not a number")
        .map(|s| s.trim_matches('\''))
    {
        return format!("“{label}”不是数字");
    }
    reason.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_in_chinese() {
        let e = EditError::Invalid {
            person: "20260001".into(),
            criterion: "exam".into(),
            value: "120".into(),
            reason: "outside the scale 0–100".into(),
        };
        assert_eq!(
            edit_error_text(&e, Lang::Zh),
            "20260001 / exam：“120”不予接受：超出量表 0–100"
        );
        assert_eq!(edit_error_text(&e, Lang::En), e.to_string());
        assert_eq!(
            reason_text("'优' is not a number", Lang::Zh),
            "“优”不是数字"
        );
    }
}
