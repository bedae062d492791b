//! The explanation in words: what makes up one person's total
//! ([`crate::scoring::explain::contributions`]) and why one person is above another
//! ([`crate::scoring::explain::compare_exact`], whose cents add up exactly to the
//! difference of the published totals). Pure text, in both languages, tested here.

use crate::scoring::describe::Lang;
use crate::scoring::explain::{Contribution, ExactDifference, published_parts};
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
/// the total (`总分`, `Stage total`). Each part is shown in the cents of
/// [`published_parts`], so the parts add up exactly to the published total.
pub fn contribution_words(
    names: &[String],
    parts: &[Contribution],
    (label, total): (&str, i64),
    lang: Lang,
) -> String {
    let cents = published_parts(parts, total);
    let items: Vec<String> = parts
        .iter()
        .zip(&cents)
        .map(|(c, &part)| {
            let name = names.get(c.criterion).map_or("?", String::as_str);
            let score = c.score.map_or_else(|| "—".into(), |s| format!("{s:.2}"));
            let weight = c.weight * 100.0;
            let part = format_cents(part);
            match lang {
                Lang::Zh => format!("{name} {part}（得分 {score} × 权重 {weight:.1}%）"),
                Lang::En => format!("{name} {part} (score {score} × weight {weight:.1}%)"),
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
    let top_cents = parts
        .iter()
        .position(|c| std::ptr::eq(c, top))
        .and_then(|k| cents.get(k))
        .map_or_else(|| format!("{:.2}", top.points), |&c| format_cents(c));
    match lang {
        Lang::Zh => format!("{first}贡献最大的是 {name}（{top_cents} 分）。"),
        Lang::En => format!("{first} The largest part is {name} ({top_cents} points)."),
    }
}

/// "Why is A above B": the published difference, each criterion's exact share in cents
/// (largest first), and the biggest one named.
/// How a comparison is framed: whether the two share a rank (the tie-breakers left them
/// equal), and whether the parts are stages (a composite) rather than criteria.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Framing {
    /// Both have the same rank.
    pub tied: bool,
    /// The parts are stage totals of a composite.
    pub by_stage: bool,
}

/// "Why is A above B" in words: the difference of the published totals, its parts largest
/// first, and the biggest part (saying so when it favours the one below).
pub fn difference_words(
    names: &[String],
    (upper, lower): (&str, &str),
    d: &ExactDifference,
    framing: Framing,
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
        (Lang::Zh, 0) if framing.tied => format!("{upper} 与 {lower} 公示总分相同，并列同一名次。"),
        (Lang::En, 0) if framing.tied => {
            format!("{upper} and {lower} have the same published total and share a rank.")
        }
        (Lang::Zh, 0) => format!("{upper} 与 {lower} 公示总分相同，名次由并列规则决定。"),
        (Lang::En, 0) => {
            format!("{upper} and {lower} have the same published total; the tie-breakers decide.")
        }
        (Lang::Zh, _) => format!("{upper} 比 {lower} 高 {diff} 分（公示总分之差）。"),
        (Lang::En, _) => {
            format!("{upper} is {diff} points above {lower} (difference of the published totals).")
        }
    };
    let body = match (lang, framing.by_stage) {
        (Lang::Zh, false) => format!("按指标分解（从大到小）：{}。", parts.join("，")),
        (Lang::Zh, true) => format!("按环节分解（从大到小）：{}。", parts.join("，")),
        (Lang::En, false) => format!("By criterion, largest first: {}.", parts.join(", ")),
        (Lang::En, true) => format!("By stage, largest first: {}.", parts.join(", ")),
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
    fn the_parts_in_words_add_up_to_the_published_total() {
        // DESIGN's example: 0.3 × 81.05 + 0.7 × 80 = 80.315, published 80.32.
        let parts = [
            Contribution {
                criterion: 0,
                weight: 0.3,
                score: Some(81.05),
                points: 0.3 * 81.05,
            },
            Contribution {
                criterion: 1,
                weight: 0.7,
                score: Some(80.0),
                points: 56.0,
            },
        ];
        assert_eq!(
            contribution_words(&names(), &parts, ("Total", 8032), Lang::En),
            "Total 80.32 = 笔试成绩 24.32 (score 81.05 × weight 30.0%) + 群众信任 56.00 (score \
             80.00 × weight 70.0%). The largest part is 群众信任 (56.00 points)."
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
            difference_words(&names(), ("王伟", "李娜"), &d, Framing::default(), Lang::En),
            "王伟 is 1.15 points above 李娜 (difference of the published totals). By criterion, \
             largest first: 群众信任 +1.50, 笔试成绩 −0.35. The biggest difference is 群众信任 (+1.50)."
        );
        assert!(
            difference_words(&names(), ("王伟", "李娜"), &d, Framing::default(), Lang::Zh)
                .ends_with("差距最大的是 群众信任（+1.50）。")
        );
        // When the biggest part favours the one below, the words say so.
        let mut flipped = d.clone();
        flipped.parts[0].cents = -150;
        flipped.parts[1].cents = 265;
        assert!(
            difference_words(
                &names(),
                ("王伟", "李娜"),
                &flipped,
                Framing::default(),
                Lang::Zh
            )
            .ends_with("差距最大的是 群众信任（−1.50，对 李娜 有利）。")
        );
        // Stages of a composite are named as stages.
        let by_stage = Framing {
            tied: false,
            by_stage: true,
        };
        assert!(
            difference_words(&names(), ("王伟", "李娜"), &d, by_stage, Lang::Zh)
                .contains("按环节分解（从大到小）：")
        );
    }

    #[test]
    fn equal_totals_say_whether_a_tie_breaker_decided() {
        let d = ExactDifference {
            parts: Vec::new(),
            full: BigRational::from_integer(BigInt::from(0)),
            published_cents: 0,
        };
        let words = |tied| {
            let framing = Framing {
                tied,
                by_stage: false,
            };
            difference_words(&names(), ("王伟", "李娜"), &d, framing, Lang::Zh)
        };
        assert_eq!(words(true), "王伟 与 李娜 公示总分相同，并列同一名次。");
        assert_eq!(
            words(false),
            "王伟 与 李娜 公示总分相同，名次由并列规则决定。"
        );
    }
}
