//! Business hours from Engage's time sheets: open now, or closed until when.
//!
//! # How Engage links time sheets
//!
//! The spec links a time sheet to sources only: a time sheet lists its `source_ids`, and a
//! source lists its `time_sheet_ids` (at most one). Categories and channels carry no time
//! sheet, so the hours that apply to a handover are those of its source. Inactive time sheets
//! (`active: false`) are ignored; when several active ones apply, the source is open when any
//! of them is open, and reopens at the earliest of their openings.
//!
//! # How a time sheet is read
//!
//! * `*_hours`: `"a-b,c-d"`, seconds from local midnight (wall-clock time, so 9:00 stays 9:00
//!   across daylight-saving changes); `b` may be 86400 (midnight ending the day). An empty or
//!   missing field means closed all day. Ranges that overlap or touch are merged; an empty
//!   range (`a-a`) is ignored; a reversed range, a bound past 86400 or text that is not a
//!   number is an error naming the day.
//! * `timezone`: an IANA name (`Europe/Paris`) or the Rails name Engage lists in
//!   `GET /timezones` (`Paris`, `Eastern Time (US & Canada)`); anything else is an error.
//! * holidays: the whole local day is closed. Dates are written in the domain locale's format;
//!   `2026-12-25`, `25/12/2026`, `12/25/2026`, `25.12.2026` and `25-12-2026` are read, an
//!   ambiguous day/month order follows [`DateOrder`]. A date without a year (`25/12`) recurs
//!   every year. Holidays in the past are kept and simply never match again.
//!
//! The crate lists `GET /time_sheets` (one page of 150; re-read every five minutes) and keeps
//! the active ones whose `source_ids` hold the handover's source. A time sheet without a time
//! zone is read in UTC. An unreadable time sheet never blocks a handover: the check logs why
//! it could not tell and the handover goes on.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;

use super::time_zones::time_zone;

use crate::models::{TimeSheet, Timestamp};

/// How an ambiguous holiday date (`01/02/2026`) is read: Engage writes dates in the domain
/// locale's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DateOrder {
    /// Day first (`25/12/2026`): most locales.
    #[default]
    DayFirst,
    /// Month first (`12/25/2026`): United States English.
    MonthFirst,
}

/// Why a time sheet cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeSheetError {
    /// The time zone is neither an IANA name nor one of Engage's (Rails) names.
    #[error("time sheet {sheet}: unknown time zone {zone:?}")]
    UnknownTimeZone {
        /// The time sheet's id.
        sheet: String,
        /// The zone as written.
        zone: String,
    },
    /// A day's hours are not `a-b,c-d` with `0 <= a <= b <= 86400`.
    #[error("time sheet {sheet}: {day} hours {text:?} are not ranges of seconds within a day")]
    InvalidHours {
        /// The time sheet's id.
        sheet: String,
        /// The day (`monday`...).
        day: &'static str,
        /// The hours as written.
        text: String,
    },
    /// A holiday date in no format the crate reads.
    #[error("time sheet {sheet}: holiday date {date:?} is not a date")]
    InvalidHoliday {
        /// The time sheet's id.
        sheet: String,
        /// The date as written.
        date: String,
    },
}

/// A holiday: a date, or a day of the year when written without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HolidayDate {
    Once(Date),
    Yearly { month: i8, day: i8 },
}

impl HolidayDate {
    fn matches(&self, date: Date) -> bool {
        match *self {
            HolidayDate::Once(d) => d == date,
            HolidayDate::Yearly { month, day } => date.month() == month && date.day() == day,
        }
    }
}

/// One time sheet, read and checked.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    zone: TimeZone,
    /// Opening ranges per weekday (Monday first), in seconds from midnight, sorted, disjoint.
    week: [Vec<(u32, u32)>; 7],
    holidays: Vec<HolidayDate>,
}

/// Whether a source is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Openness {
    /// Open now.
    Open,
    /// Closed; `reopens_at` is the next opening within a year, `None` when none.
    Closed { reopens_at: Option<Timestamp> },
}

/// How far ahead an opening is looked for.
const HORIZON_DAYS: usize = 366;
const DAY: u32 = 86_400;

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn parse_hours(
    sheet: &str,
    day: &'static str,
    text: Option<&str>,
) -> Result<Vec<(u32, u32)>, TimeSheetError> {
    let text = text.unwrap_or("").trim();
    let invalid = || TimeSheetError::InvalidHours {
        sheet: sheet.to_owned(),
        day,
        text: text.to_owned(),
    };
    let mut ranges = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').ok_or_else(invalid)?;
        let a: u32 = a.trim().parse().map_err(|_| invalid())?;
        let b: u32 = b.trim().parse().map_err(|_| invalid())?;
        if a > b || b > DAY {
            return Err(invalid());
        }
        if a < b {
            ranges.push((a, b));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    Ok(merged)
}

fn parse_holiday(text: &str, order: DateOrder) -> Option<HolidayDate> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/', '.']).map(str::trim).collect();
    let numbers: Vec<i32> = parts
        .iter()
        .map(|p| p.parse().ok().filter(|_| !p.is_empty() && p.len() <= 4))
        .collect::<Option<_>>()?;
    let (year, first, second) = match (parts.as_slice(), numbers.as_slice()) {
        // ISO: the year first.
        ([y, ..], [year, month, day]) if y.len() == 4 => (Some(*year), *day, *month),
        ([.., y], [a, b, year]) if y.len() == 4 || y.len() == 2 => {
            let year = if y.len() == 2 { 2000 + *year } else { *year };
            (Some(year), *a, *b)
        }
        (_, [a, b]) => (None, *a, *b),
        _ => return None,
    };
    // `first`/`second` are day/month in written order (ISO was put day-first above).
    let iso = parts.first().is_some_and(|p| p.len() == 4);
    let (day, month) = if iso || first > 12 {
        (first, second)
    } else if second > 12 {
        (second, first)
    } else {
        match order {
            DateOrder::DayFirst => (first, second),
            DateOrder::MonthFirst => (second, first),
        }
    };
    let (day, month) = (i8::try_from(day).ok()?, i8::try_from(month).ok()?);
    match year {
        Some(year) => Date::new(i16::try_from(year).ok()?, month, day)
            .ok()
            .map(HolidayDate::Once),
        // Checked against a leap year so 29/02 stays valid.
        None => Date::new(2024, month, day)
            .ok()
            .map(|_| HolidayDate::Yearly { month, day }),
    }
}

impl Schedule {
    /// Reads `sheet`; `fallback_zone` is used when it has none (the domain's zone).
    pub(crate) fn new(
        sheet: &TimeSheet,
        fallback_zone: &str,
        order: DateOrder,
    ) -> Result<Self, TimeSheetError> {
        let id = sheet.id.to_string();
        let zone_name = sheet
            .timezone
            .as_deref()
            .filter(|z| !z.trim().is_empty())
            .unwrap_or(fallback_zone);
        let zone = time_zone(zone_name).ok_or_else(|| TimeSheetError::UnknownTimeZone {
            sheet: id.clone(),
            zone: zone_name.to_owned(),
        })?;
        let hours = [
            &sheet.monday_hours,
            &sheet.tuesday_hours,
            &sheet.wednesday_hours,
            &sheet.thursday_hours,
            &sheet.friday_hours,
            &sheet.saturday_hours,
            &sheet.sunday_hours,
        ];
        let mut week: [Vec<(u32, u32)>; 7] = Default::default();
        for (i, text) in hours.iter().enumerate() {
            week[i] = parse_hours(&id, DAYS[i], text.as_deref())?;
        }
        let holidays = sheet
            .holidays
            .iter()
            .map(|h| {
                parse_holiday(&h.date, order).ok_or_else(|| TimeSheetError::InvalidHoliday {
                    sheet: id.clone(),
                    date: h.date.clone(),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Schedule { zone, week, holidays })
    }

    fn ranges(&self, date: Date) -> &[(u32, u32)] {
        if self.holidays.iter().any(|h| h.matches(date)) {
            return &[];
        }
        let index = match date.weekday() {
            Weekday::Monday => 0,
            Weekday::Tuesday => 1,
            Weekday::Wednesday => 2,
            Weekday::Thursday => 3,
            Weekday::Friday => 4,
            Weekday::Saturday => 5,
            Weekday::Sunday => 6,
        };
        &self.week[index]
    }

    /// The instant of `seconds` after local midnight of `date` (a time skipped by a DST
    /// change moves forward, as clocks do).
    fn instant(&self, date: Date, seconds: u32) -> Option<Timestamp> {
        let (date, seconds) = if seconds >= DAY {
            (date.tomorrow().ok()?, seconds - DAY)
        } else {
            (date, seconds)
        };
        let time = Time::new(
            (seconds / 3600) as i8,
            (seconds / 60 % 60) as i8,
            (seconds % 60) as i8,
            0,
        )
        .ok()?;
        let zoned = DateTime::from_parts(date, time)
            .to_zoned(self.zone.clone())
            .ok()?;
        Timestamp::from_unix_timestamp(zoned.timestamp().as_second()).ok()
    }

    /// Whether the schedule is open at `at`, else when it reopens.
    pub(crate) fn at(&self, at: Timestamp) -> Openness {
        let Ok(now) = jiff::Timestamp::from_second(at.unix_timestamp()) else {
            return Openness::Closed { reopens_at: None };
        };
        let local = now.to_zoned(self.zone.clone());
        let today = local.date();
        let time = local.time();
        let seconds = time.hour() as u32 * 3600 + time.minute() as u32 * 60 + time.second() as u32;
        if self
            .ranges(today)
            .iter()
            .any(|&(a, b)| a <= seconds && seconds < b)
        {
            return Openness::Open;
        }
        let mut date = today;
        for offset in 0..HORIZON_DAYS {
            for &(start, _) in self.ranges(date) {
                if offset > 0 || start > seconds {
                    if let Some(when) = self.instant(date, start) {
                        if when > at {
                            return Openness::Closed {
                                reopens_at: Some(when),
                            };
                        }
                    }
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        Openness::Closed { reopens_at: None }
    }
}

/// Several schedules applying at once: open when any is open, reopening at the earliest.
pub(crate) fn combined(schedules: &[Schedule], at: Timestamp) -> Openness {
    let mut earliest: Option<Timestamp> = None;
    for schedule in schedules {
        match schedule.at(at) {
            Openness::Open => return Openness::Open,
            Openness::Closed { reopens_at } => {
                earliest = match (earliest, reopens_at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
        }
    }
    if schedules.is_empty() {
        return Openness::Open;
    }
    Openness::Closed { reopens_at: earliest }
}

/// The time sheets of `sheets` that apply to `source` (linked either way) and are active.
pub(crate) fn applying<'a>(
    sheets: &'a [TimeSheet],
    source: &crate::models::SourceId,
    source_sheets: &[crate::models::TimeSheetId],
) -> Vec<&'a TimeSheet> {
    sheets
        .iter()
        .filter(|s| s.active != Some(false))
        .filter(|s| s.source_ids.contains(source) || source_sheets.contains(&s.id))
        .collect()
}

/// How long time sheets read from Engage are used before being read again.
const REFRESH: std::time::Duration = std::time::Duration::from_secs(300);

/// The schedules last read, and when (one entry: bounded).
pub(crate) type ScheduleCache =
    std::sync::Mutex<Option<(tokio::time::Instant, std::sync::Arc<Vec<Schedule>>)>>;

impl super::Inner {
    /// `Some(reopens_at)` when business hours are checked and the source is closed now.
    /// Time sheets that cannot be read or parsed never block: logged, and treated as open.
    pub(super) async fn closed_until(&self) -> Option<Option<Timestamp>> {
        let order = self.config.features.business_hours?;
        let schedules = match self.schedules(order).await {
            Ok(schedules) => schedules,
            Err(error) => {
                tracing::warn!(%error, "business hours unknown; handing over anyway");
                return None;
            }
        };
        match combined(&schedules, super::now()) {
            Openness::Open => None,
            Openness::Closed { reopens_at } => Some(reopens_at),
        }
    }

    /// The source's schedules: `GET /time_sheets` (one page of 150), at most every [`REFRESH`].
    async fn schedules(&self, order: DateOrder) -> Result<std::sync::Arc<Vec<Schedule>>, String> {
        let cache = &self.config.features.schedules;
        if let Some((at, schedules)) = cache.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if at.elapsed() < REFRESH {
                return Ok(schedules.clone());
            }
        }
        let page = self
            .config
            .client
            .time_sheets()
            .list()
            .limit(150)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let schedules = applying(&page.records, &self.config.source_id, &[])
            .into_iter()
            .map(|sheet| Schedule::new(sheet, "UTC", order))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let schedules = std::sync::Arc::new(schedules);
        *cache.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((tokio::time::Instant::now(), schedules.clone()));
        Ok(schedules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    fn sheet(extra: serde_json::Value) -> TimeSheet {
        let mut raw = json!({"id": "ts1", "active": true, "source_ids": ["s1"], "timezone": "Europe/Paris"});
        raw.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(raw).unwrap()
    }

    /// Weekdays 9:00-12:00 and 14:00-18:00, closed at weekends.
    fn office(extra: serde_json::Value) -> Schedule {
        let mut hours = json!({});
        for day in &DAYS[..5] {
            hours[format!("{day}_hours")] = json!("32400-43200,50400-64800");
        }
        hours
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        Schedule::new(&sheet(hours), "UTC", DateOrder::DayFirst).unwrap()
    }

    fn closed_until(s: &Schedule, at: Timestamp) -> Option<Timestamp> {
        match s.at(at) {
            Openness::Open => panic!("open at {at}"),
            Openness::Closed { reopens_at } => reopens_at,
        }
    }

    #[test]
    fn open_and_reopening_times_follow_the_zone_and_its_daylight_saving() {
        let s = office(json!({}));
        // Thursday 2026-11-26, Paris is UTC+1: 9:00 local is 8:00 UTC.
        assert_eq!(s.at(datetime!(2026-11-26 8:00 UTC)), Openness::Open);
        assert_eq!(
            closed_until(&s, datetime!(2026-11-26 7:59:59 UTC)),
            Some(datetime!(2026-11-26 8:00 UTC))
        );
        // Lunch break: reopens at 14:00 local.
        assert_eq!(
            closed_until(&s, datetime!(2026-11-26 11:00 UTC)),
            Some(datetime!(2026-11-26 13:00 UTC))
        );
        // The end of a range is closed.
        assert_eq!(
            closed_until(&s, datetime!(2026-11-26 17:00 UTC)),
            Some(datetime!(2026-11-27 8:00 UTC))
        );
        // Friday evening: Monday 9:00.
        assert_eq!(
            closed_until(&s, datetime!(2026-11-27 18:00 UTC)),
            Some(datetime!(2026-11-30 8:00 UTC))
        );
        // In summer Paris is UTC+2: 9:00 local is 7:00 UTC.
        assert_eq!(s.at(datetime!(2026-07-01 7:00 UTC)), Openness::Open);
        assert_eq!(
            closed_until(&s, datetime!(2026-07-01 6:59 UTC)),
            Some(datetime!(2026-07-01 7:00 UTC))
        );
        // Across the spring change (Sunday 2026-03-29): Monday 9:00 is already summer time.
        assert_eq!(
            closed_until(&s, datetime!(2026-03-27 20:00 UTC)),
            Some(datetime!(2026-03-30 7:00 UTC))
        );
    }

    #[test]
    fn holidays_close_the_whole_local_day_in_every_written_form() {
        for (date, order) in [
            ("2026-12-25", DateOrder::DayFirst),
            ("25/12/2026", DateOrder::DayFirst),
            ("12/25/2026", DateOrder::DayFirst),
            ("25.12.2026", DateOrder::MonthFirst),
            ("25-12-2026", DateOrder::DayFirst),
            ("25/12", DateOrder::DayFirst),
            ("12/25", DateOrder::MonthFirst),
            ("25/12/26", DateOrder::DayFirst),
        ] {
            let raw = sheet(json!({
                "thursday_hours": "0-86400", "friday_hours": "0-86400", "monday_hours": "32400-64800",
                "holidays": [{"name": "Christmas", "date": date}]
            }));
            let s = Schedule::new(&raw, "UTC", order).unwrap();
            // Friday 2026-12-25 is a holiday: from Thursday's end (midnight Paris) to Monday.
            assert_eq!(
                closed_until(&s, datetime!(2026-12-25 10:00 UTC)),
                Some(datetime!(2026-12-28 8:00 UTC)),
                "{date}"
            );
            assert_eq!(s.at(datetime!(2026-12-24 22:59 UTC)), Openness::Open, "{date}");
        }
        // The ambiguous order follows the configuration.
        let raw =
            sheet(json!({"friday_hours": "0-86400", "holidays": [{"name": "x", "date": "04/12/2026"}]}));
        let day_first = Schedule::new(&raw, "UTC", DateOrder::DayFirst).unwrap();
        assert_ne!(day_first.at(datetime!(2026-12-04 12:00 UTC)), Openness::Open);
        let month_first = Schedule::new(&raw, "UTC", DateOrder::MonthFirst).unwrap();
        assert_eq!(month_first.at(datetime!(2026-12-04 12:00 UTC)), Openness::Open);
        // A holiday in the past changes nothing; a yearly one recurs.
        let mut every_day = json!({"holidays": [
            {"name": "old", "date": "2020-12-04"}, {"name": "yearly", "date": "11/12"}
        ]});
        for day in DAYS {
            every_day[format!("{day}_hours")] = json!("0-86400");
        }
        let s = Schedule::new(&sheet(every_day), "UTC", DateOrder::DayFirst).unwrap();
        assert_eq!(s.at(datetime!(2026-12-04 12:00 UTC)), Openness::Open);
        assert_ne!(s.at(datetime!(2026-12-11 12:00 UTC)), Openness::Open);
        assert_ne!(s.at(datetime!(2027-12-11 12:00 UTC)), Openness::Open);
        assert_eq!(s.at(datetime!(2027-12-10 12:00 UTC)), Openness::Open);
        // Paris time: the holiday is the local day (11 Dec 00:00 Paris is 10 Dec 23:00 UTC).
        assert_ne!(s.at(datetime!(2027-12-10 23:30 UTC)), Openness::Open);
        // Unreadable dates are errors naming the date.
        for bad in [
            "Christmas",
            "31/02/2026",
            "2026-13-01",
            "",
            "1/2/3/4",
            "99999/1/1",
        ] {
            let raw = sheet(json!({"holidays": [{"name": "x", "date": bad}]}));
            let error = Schedule::new(&raw, "UTC", DateOrder::DayFirst).unwrap_err();
            assert!(
                matches!(error, TimeSheetError::InvalidHoliday { .. }),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn hours_are_merged_ignored_or_refused() {
        // Overlapping and touching ranges merge; an empty range is nothing.
        assert_eq!(
            parse_hours("t", "monday", Some(" 3600-7200, 0-3600 ,5000-9000,100-100")).unwrap(),
            [(0, 9000)]
        );
        assert_eq!(parse_hours("t", "monday", Some("")).unwrap(), []);
        assert_eq!(parse_hours("t", "monday", None).unwrap(), []);
        assert_eq!(parse_hours("t", "monday", Some("0-86400")).unwrap(), [(0, DAY)]);
        for bad in ["7200-3600", "0-86401", "a-b", "3600", "-5-10", "1-2-3"] {
            let error = parse_hours("t", "tuesday", Some(bad)).unwrap_err();
            assert!(error.to_string().contains("tuesday"), "{bad}: {error}");
        }
        // Closed every day: no reopening.
        let s = Schedule::new(&sheet(json!({})), "UTC", DateOrder::DayFirst).unwrap();
        assert_eq!(closed_until(&s, datetime!(2026-11-26 12:00 UTC)), None);
    }

    #[test]
    fn a_sheet_zone_is_resolved_or_refused() {
        let fallback = Schedule::new(&sheet(json!({"timezone": ""})), "Tokyo", DateOrder::DayFirst);
        assert!(fallback.is_ok());
        for bad in ["Mars/Olympus", "", "  "] {
            let error =
                Schedule::new(&sheet(json!({"timezone": bad})), bad, DateOrder::DayFirst).unwrap_err();
            assert!(matches!(error, TimeSheetError::UnknownTimeZone { .. }), "{bad:?}");
        }
    }

    #[test]
    fn several_sheets_open_if_any_is_and_inactive_or_unlinked_ones_do_not_apply() {
        let mornings = Schedule::new(
            &sheet(json!({"thursday_hours": "0-43200"})),
            "UTC",
            DateOrder::DayFirst,
        )
        .unwrap();
        let evenings = Schedule::new(
            &sheet(json!({"thursday_hours": "64800-86400"})),
            "UTC",
            DateOrder::DayFirst,
        )
        .unwrap();
        let both = [mornings, evenings];
        assert_eq!(combined(&both, datetime!(2026-11-26 10:00 UTC)), Openness::Open);
        assert_eq!(combined(&both, datetime!(2026-11-26 18:00 UTC)), Openness::Open);
        assert_eq!(
            combined(&both, datetime!(2026-11-26 12:00 UTC)),
            Openness::Closed {
                reopens_at: Some(datetime!(2026-11-26 17:00 UTC))
            }
        );
        assert_eq!(combined(&[], datetime!(2026-11-26 12:00 UTC)), Openness::Open);

        let source = crate::models::SourceId::new("s1");
        let sheets: Vec<TimeSheet> = serde_json::from_value(json!([
            {"id": "a", "active": true, "source_ids": ["s1"]},
            {"id": "b", "active": false, "source_ids": ["s1"]},
            {"id": "c", "source_ids": ["s2"]},
            {"id": "d", "source_ids": []}
        ]))
        .unwrap();
        let linked: Vec<_> = applying(&sheets, &source, &["d".into()])
            .iter()
            .map(|s| s.id.to_string())
            .collect();
        assert_eq!(linked, ["a", "d"]);
    }
}
