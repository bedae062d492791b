//! The publication period (公示期): a start date and a number of working days. A working
//! day is a weekday that is not a public holiday, or a weekend day worked in exchange for
//! one (调休上班). The official Chinese calendars this build knows (国务院办公厅's notices
//! for 2025 and 2026) are built in; other years count weekends only until their dates are
//! given by hand, and [`WorkCalendar::unknown_years`] says which years those are so the
//! report's author can check them before publishing.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A month and a day of the month.
type MonthDay = (u32, u32);

/// One year of the State Council's holiday notice: holiday ranges (first, last; month, day)
/// and the weekend days worked in exchange.
struct OfficialYear {
    year: i32,
    holidays: &'static [(MonthDay, MonthDay)],
    workdays: &'static [MonthDay],
}

/// 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12) and
/// 关于2026年部分节假日安排的通知 (2025-11-04), as published by Xinhua.
const OFFICIAL: &[OfficialYear] = &[
    OfficialYear {
        year: 2025,
        holidays: &[
            ((1, 1), (1, 1)),
            ((1, 28), (2, 4)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((5, 31), (6, 2)),
            ((10, 1), (10, 8)),
        ],
        workdays: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    OfficialYear {
        year: 2026,
        holidays: &[
            ((1, 1), (1, 3)),
            ((2, 15), (2, 23)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((6, 19), (6, 21)),
            ((9, 25), (9, 27)),
            ((10, 1), (10, 7)),
        ],
        workdays: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

/// Which days are working days: weekdays, minus holidays, plus weekend days worked in
/// exchange (调休).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    known_years: BTreeSet<i32>,
    /// Whether the official calendar is meant to be followed (not weekends only by choice).
    official: bool,
}

impl WorkCalendar {
    /// Weekends only, by choice: no holiday is known, and no year is reported unknown.
    pub fn weekends_only() -> Self {
        WorkCalendar::default()
    }

    /// The official mainland China calendar for the years built in (2025, 2026).
    pub fn china() -> Self {
        let mut calendar = WorkCalendar {
            official: true,
            ..WorkCalendar::default()
        };
        for year in OFFICIAL {
            let day = |(m, d): MonthDay| NaiveDate::from_ymd_opt(year.year, m, d);
            for &(first, last) in year.holidays {
                if let (Some(first), Some(last)) = (day(first), day(last)) {
                    calendar.add_holidays(first, last);
                }
            }
            calendar
                .workdays
                .extend(year.workdays.iter().filter_map(|&md| day(md)));
            calendar.known_years.insert(year.year);
        }
        calendar
    }

    /// Adds the holidays from `first` to `last` inclusive (a single day when equal).
    pub fn add_holidays(&mut self, first: NaiveDate, last: NaiveDate) {
        let mut day = first;
        while day <= last {
            self.workdays.remove(&day);
            self.holidays.insert(day);
            match day.checked_add_days(Days::new(1)) {
                Some(next) => day = next,
                None => break,
            }
        }
    }

    /// Adds a weekend day that is worked (调休上班).
    pub fn add_workday(&mut self, day: NaiveDate) {
        self.holidays.remove(&day);
        self.workdays.insert(day);
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.workdays.contains(&day) {
            return true;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The years from `first` to `last` whose official holidays are not built in: for them
    /// only weekends and the dates given by hand are skipped. None for a weekends-only
    /// calendar: the user chose not to follow the official one.
    pub fn unknown_years(&self, first: NaiveDate, last: NaiveDate) -> Vec<i32> {
        if !self.official {
            return Vec::new();
        }
        (first.year()..=last.year())
            .filter(|y| !self.known_years.contains(y))
            .collect()
    }

    /// The first and last day of a publication period of `days` working days starting on
    /// `start` (or on the first working day after it, if `start` is not one). `None` when
    /// `days` is 0 or the dates leave the calendar.
    pub fn publication_period(
        &self,
        start: NaiveDate,
        days: u32,
    ) -> Option<(NaiveDate, NaiveDate)> {
        if days == 0 {
            return None;
        }
        let mut day = start;
        while !self.is_working_day(day) {
            day = day.checked_add_days(Days::new(1))?;
        }
        let first = day;
        let mut counted = 1;
        while counted < days {
            day = day.checked_add_days(Days::new(1))?;
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        Some((first, day))
    }
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

    fn period(
        calendar: &WorkCalendar,
        start: NaiveDate,
        days: u32,
    ) -> Option<(NaiveDate, NaiveDate)> {
        calendar.publication_period(start, days)
    }

    #[test]
    fn five_working_days_from_a_tuesday_end_the_next_monday() {
        // 2026-12-01 is a Tuesday: Tue 1, Wed 2, Thu 3, Fri 4, (Sat 5, Sun 6), Mon 7.
        assert_eq!(d(2026, 12, 1).weekday(), Weekday::Tue);
        let china = WorkCalendar::china();
        assert_eq!(
            period(&china, d(2026, 12, 1), 5),
            Some((d(2026, 12, 1), d(2026, 12, 7)))
        );
    }

    #[test]
    fn a_weekend_start_moves_to_the_monday() {
        // Saturday 2026-12-05 → Mon 7 .. Fri 11.
        let weekends = WorkCalendar::weekends_only();
        // Chosen on purpose: no year is reported as not built in.
        assert!(
            weekends
                .unknown_years(d(2026, 1, 1), d(2027, 12, 31))
                .is_empty()
        );
        assert_eq!(
            period(&weekends, d(2026, 12, 5), 5),
            Some((d(2026, 12, 7), d(2026, 12, 11)))
        );
        assert_eq!(
            period(&weekends, d(2026, 12, 6), 1),
            Some((d(2026, 12, 7), d(2026, 12, 7)))
        );
    }

    #[test]
    fn holidays_given_by_hand_are_skipped_and_zero_days_is_no_period() {
        // 2026-12-31 Thu; 2027-01-01 Fri is New Year's Day: Thu 31, Mon 4, Tue 5, Wed 6, Thu 7.
        let mut calendar = WorkCalendar::china();
        assert_eq!(
            calendar.unknown_years(d(2026, 12, 31), d(2027, 1, 7)),
            [2027]
        );
        calendar.add_holidays(d(2027, 1, 1), d(2027, 1, 1));
        assert_eq!(
            period(&calendar, d(2026, 12, 31), 5),
            Some((d(2026, 12, 31), d(2027, 1, 7)))
        );
        assert_eq!(period(&calendar, d(2026, 12, 1), 0), None);
        assert_eq!(chinese_date(d(2026, 12, 7)), "2026年12月7日");
    }

    #[test]
    fn the_2026_spring_festival_and_its_saturday_workdays() {
        // 春节 2026: 2月15日–23日 off; Sat 2月14日 and Sat 2月28日 worked.
        let china = WorkCalendar::china();
        assert!(china.is_working_day(d(2026, 2, 14)));
        assert!(!china.is_working_day(d(2026, 2, 16)));
        assert!(china.is_working_day(d(2026, 2, 28)));
        // From Thu 2月12日: Thu 12, Fri 13, Sat 14 (调休), then Tue 24, Wed 25.
        assert_eq!(
            period(&china, d(2026, 2, 12), 5),
            Some((d(2026, 2, 12), d(2026, 2, 25)))
        );
        // The weekends-only count would have ended on Wed 2月18日, inside the holiday.
        assert_eq!(
            period(&WorkCalendar::weekends_only(), d(2026, 2, 12), 5),
            Some((d(2026, 2, 12), d(2026, 2, 18)))
        );
        assert!(
            china
                .unknown_years(d(2026, 2, 12), d(2026, 2, 25))
                .is_empty()
        );
    }

    #[test]
    fn national_day_2026_with_its_sunday_and_saturday_workdays() {
        // 国庆 2026: 10月1日–7日 off; Sun 9月20日 and Sat 10月10日 worked.
        let china = WorkCalendar::china();
        assert!(china.is_working_day(d(2026, 9, 20)));
        // From Tue 9月29日: Tue 29, Wed 30, (1–7 off), Thu 8, Fri 9, Sat 10 (调休).
        assert_eq!(
            period(&china, d(2026, 9, 29), 5),
            Some((d(2026, 9, 29), d(2026, 10, 10)))
        );
        // 2025: 10月1日–8日 off, Sat 10月11日 worked.
        assert_eq!(
            period(&china, d(2025, 9, 30), 3),
            Some((d(2025, 9, 30), d(2025, 10, 10)))
        );
    }

    #[test]
    fn a_holiday_given_by_hand_overrides_a_built_in_workday_and_back() {
        let mut calendar = WorkCalendar::china();
        calendar.add_holidays(d(2026, 2, 14), d(2026, 2, 14));
        assert!(!calendar.is_working_day(d(2026, 2, 14)));
        calendar.add_workday(d(2026, 2, 14));
        assert!(calendar.is_working_day(d(2026, 2, 14)));
    }
}
