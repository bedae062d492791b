//! The explanation in words: what makes up one person's total
//! ([`crate::scoring::explain::contributions`]) and why one person is above another
//! ([`crate::scoring::explain::compare_exact`], whose cents add up exactly to the
//! difference of the published totals). Pure text, in both languages, tested here.

use crate::scoring::describe::Lang;
use crate::scoring::explain::{Contribution, ExactDifference};
use crate::scoring::number::format_cents;

/// `+1.20` / `−0.35` / `0.00`: a signed number of cents.
pub fn signed_cents(cents: i64) -> String {
    match cents.signum() {
        1 => format!("+{}", format_cents(cents)),
        -1 => format!("−{}", format_cents(-cents)),
        _ => format_cents(0),
    }
}

/// The criterion with the largest part (first in scheme order among equals).
pub fn largest(parts: &[Contribution]) -> Option<&Contribution> {
    parts
        .iter()
        .filter(|c| c.score.is_some())
        .fold(None, |best: Option<&Contribution>, c| match best {
            Some(b) if b.points >= c.points => Some(b),
            _ => Some(c),
        })
}

/// `总分 83.45 = 笔试成绩 28.50（95.00 × 30.0%）+ …`, then the largest part; `label` names
/// the total (`总分`, `Stage total`).
pub fn contribution_words(
    names: &[String],
    parts: &[Contribution],
    (label, total): (&str, i64),
    lang: Lang,
) -> String {
    let items: Vec<String> = parts
        .iter()
        .map(|c| {
            let name = names.get(c.criterion).map_or("?", String::as_str);
            let score = c.score.map_or_else(|| "—".into(), |s| format!("{s:.2}"));
            let weight = c.weight * 100.0;
            match lang {
                Lang::Zh => format!("{name} {:.2}（得分 {score} × 权重 {weight:.1}%）", c.points),
                Lang::En => format!(
                    "{name} {:.2} (score {score} × weight {weight:.1}%)",
                    c.points
                ),
            }
        })
        .collect();
    let total = format_cents(total);
    let first = match lang {
        Lang::Zh => format!("{label} {total} = {}。", items.join(" + ")),
        Lang::En => format!("{label} {total} = {}.", items.join(" + ")),
    };
    let Some(top) = largest(parts) else {
        return first;
    };
    let name = names.get(top.criterion).map_or("?", String::as_str);
    match lang {
        Lang::Zh => format!("{first}贡献最大的是 {name}（{:.2} 分）。", top.points),
        Lang::En => format!(
            "{first} The largest part is {name} ({:.2} points).",
            top.points
        ),
    }
}

/// "Why is A above B": the published difference, each criterion's exact share in cents
/// (largest first), and the biggest one named.
pub fn difference_words(
    names: &[String],
    (upper, lower): (&str, &str),
    d: &ExactDifference,
    lang: Lang,
) -> String {
    let diff = format_cents(d.published_cents);
    let parts: Vec<String> = d
        .parts
        .iter()
        .map(|p| {
            let name = names.get(p.criterion).map_or("?", String::as_str);
            format!("{name} {}", signed_cents(p.cents))
        })
        .collect();
    let head = match (lang, d.published_cents) {
        (Lang::Zh, 0) => format!("{upper} 与 {lower} 公示总分相同，名次由并列规则决定。"),
        (Lang::En, 0) => {
            format!("{upper} and {lower} have the same published total; the tie-breakers decide.")
        }
        (Lang::Zh, _) => format!("{upper} 比 {lower} 高 {diff} 分（公示总分之差）。"),
        (Lang::En, _) => {
            format!("{upper} is {diff} points above {lower} (difference of the published totals).")
        }
    };
    let body = match lang {
        Lang::Zh => format!("按指标分解（从大到小）：{}。", parts.join("，")),
        Lang::En => format!("By criterion, largest first: {}.", parts.join(", ")),
    };
    let Some(top) = d.parts.first() else {
        return head;
    };
    let name = names.get(top.criterion).map_or("?", String::as_str);
    let cents = signed_cents(top.cents);
    // The biggest part may favour the one below: say so, so the words cannot mislead.
    let tail = match (lang, top.cents < 0) {
        (Lang::Zh, false) => format!("差距最大的是 {name}（{cents}）。"),
        (Lang::Zh, true) => format!("差距最大的是 {name}（{cents}，对 {lower} 有利）。"),
        (Lang::En, false) => format!("The biggest difference is {name} ({cents})."),
        (Lang::En, true) => {
            format!("The biggest difference is {name} ({cents}, in favour of {lower}).")
        }
    };
    format!("{head}{}{body}{}{tail}", sep(lang), sep(lang))
}

fn sep(lang: Lang) -> &'static str {
    lang.pick("", " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;
    use num_rational::BigRational;

    use crate::scoring::explain::ExactPart;

    fn names() -> Vec<String> {
        vec!["笔试成绩".into(), "群众信任".into()]
    }

    #[test]
    fn one_persons_total_in_words() {
        let parts = vec![
            Contribution {
                criterion: 0,
                weight: 0.3,
                score: Some(95.0),
                points: 28.5,
            },
            Contribution {
                criterion: 1,
                weight: 0.7,
                score: Some(80.0),
                points: 56.0,
            },
        ];
        assert_eq!(
            contribution_words(&names(), &parts, ("总分", 8450), Lang::Zh),
            "总分 84.50 = 笔试成绩 28.50（得分 95.00 × 权重 30.0%） + 群众信任 56.00（得分 80.00 × \
             权重 70.0%）。贡献最大的是 群众信任（56.00 分）。"
        );
    }

    #[test]
    fn a_difference_in_words_names_the_biggest_part() {
        let r = |n: i64| BigRational::new(BigInt::from(n), BigInt::from(100));
        let d = ExactDifference {
            parts: vec![
                ExactPart {
                    criterion: 1,
                    points: r(150),
                    cents: 150,
                },
                ExactPart {
                    criterion: 0,
                    points: r(-35),
                    cents: -35,
                },
            ],
            full: r(115),
            published_cents: 115,
        };
        assert_eq!(
            difference_words(&names(), ("王伟", "李娜"), &d, Lang::En),
            "王伟 is 1.15 points above 李娜 (difference of the published totals). By criterion, \
             largest first: 群众信任 +1.50, 笔试成绩 −0.35. The biggest difference is 群众信任 (+1.50)."
        );
        assert!(
            difference_words(&names(), ("王伟", "李娜"), &d, Lang::Zh)
                .ends_with("差距最大的是 群众信任（+1.50）。")
        );
        // When the biggest part favours the one below, the words say so.
        let mut flipped = d.clone();
        flipped.parts[0].cents = -150;
        flipped.parts[1].cents = 265;
        assert!(
            difference_words(&names(), ("王伟", "李娜"), &flipped, Lang::Zh)
                .ends_with("差距最大的是 群众信任（−1.50，对 李娜 有利）。")
        );
    }
}
