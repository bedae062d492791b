//! The publication period (公示期): a start date and a number of working days, weekends
//! skipped. Public holidays and the weekend days worked in exchange (调休) differ every
//! year and are not known here: pass the holidays that fall in the period, and check the
//! dates against the year's official calendar before publishing.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Whether `day` is a working day: not Saturday, not Sunday, not in `holidays`.
pub fn is_working_day(day: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day)
}

/// The first and last day of a publication period of `days` working days starting on
/// `start` (or on the first working day after it, if `start` is not one). `None` when
/// `days` is 0 or the dates leave the calendar.
pub fn publication_period(
    start: NaiveDate,
    days: u32,
    holidays: &[NaiveDate],
) -> Option<(NaiveDate, NaiveDate)> {
    if days == 0 {
        return None;
    }
    let mut day = start;
    while !is_working_day(day, holidays) {
        day = day.checked_add_days(Days::new(1))?;
    }
    let first = day;
    let mut counted = 1;
    while counted < days {
        day = day.checked_add_days(Days::new(1))?;
        if is_working_day(day, holidays) {
            counted += 1;
        }
    }
    Some((first, day))
}

/// `2026年12月1日`: a date as a Chinese notice writes it.
pub fn chinese_date(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn five_working_days_from_a_tuesday_end_the_next_monday() {
        // 2026-12-01 is a Tuesday: Tue 1, Wed 2, Thu 3, Fri 4, (Sat 5, Sun 6), Mon 7.
        assert_eq!(d(2026, 12, 1).weekday(), Weekday::Tue);
        assert_eq!(
            publication_period(d(2026, 12, 1), 5, &[]),
            Some((d(2026, 12, 1), d(2026, 12, 7)))
        );
    }

    #[test]
    fn a_weekend_start_moves_to_the_monday() {
        // Saturday 2026-12-05 → Mon 7 .. Fri 11.
        assert_eq!(
            publication_period(d(2026, 12, 5), 5, &[]),
            Some((d(2026, 12, 7), d(2026, 12, 11)))
        );
        assert_eq!(
            publication_period(d(2026, 12, 6), 1, &[]),
            Some((d(2026, 12, 7), d(2026, 12, 7)))
        );
    }

    #[test]
    fn holidays_are_skipped_and_zero_days_is_no_period() {
        // 2026-12-31 Thu; 2027-01-01 Fri is New Year's Day: Thu 31, Mon 4, Tue 5, Wed 6, Thu 7.
        assert_eq!(
            publication_period(d(2026, 12, 31), 5, &[d(2027, 1, 1)]),
            Some((d(2026, 12, 31), d(2027, 1, 7)))
        );
        assert_eq!(publication_period(d(2026, 12, 1), 0, &[]), None);
        assert_eq!(chinese_date(d(2026, 12, 7)), "2026年12月7日");
    }
}
