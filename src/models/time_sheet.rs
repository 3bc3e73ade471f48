//! Time sheets: business hours and holidays of sources.

use serde::{Deserialize, Serialize};

use super::{SourceId, TimeSheetId, Timestamp};

/// A time sheet: opening hours per weekday and holidays.
///
/// Each `*_hours` field lists intervals in seconds from midnight, `"a-b,c-d"`; an empty string
/// means closed all day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimeSheet {
    /// The time sheet's id.
    pub id: TimeSheetId,
    /// The label shown in the interface.
    #[serde(default)]
    pub label: Option<String>,
    /// Whether the time sheet is in force.
    #[serde(default)]
    pub active: Option<bool>,
    /// The sources using the time sheet.
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// The time zone of the hours.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Holidays. The spec names this field `holidays[]`; `holidays` is accepted too.
    #[serde(default, alias = "holidays[]")]
    pub holidays: Vec<Holiday>,
    /// Monday's opening intervals.
    #[serde(default)]
    pub monday_hours: Option<String>,
    /// Tuesday's opening intervals.
    #[serde(default)]
    pub tuesday_hours: Option<String>,
    /// Wednesday's opening intervals.
    #[serde(default)]
    pub wednesday_hours: Option<String>,
    /// Thursday's opening intervals.
    #[serde(default)]
    pub thursday_hours: Option<String>,
    /// Friday's opening intervals.
    #[serde(default)]
    pub friday_hours: Option<String>,
    /// Saturday's opening intervals.
    #[serde(default)]
    pub saturday_hours: Option<String>,
    /// Sunday's opening intervals.
    #[serde(default)]
    pub sunday_hours: Option<String>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// A day off in a time sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Holiday {
    /// The holiday's name.
    #[serde(default)]
    pub name: String,
    /// The date, in the domain locale's format.
    #[serde(default)]
    pub date: String,
}

impl Holiday {
    /// A holiday named `name` on `date` (written in the domain locale's date format).
    pub fn new(name: impl Into<String>, date: impl Into<String>) -> Self {
        Holiday {
            name: name.into(),
            date: date.into(),
        }
    }
}
