//! `/time_sheets`: list, get, create, update and delete business-hours time sheets.

use http::Method;

use super::crud::{collection_call, record_call, resource_handler};
use crate::api::operations::operations;
use crate::client::request_builder;
use crate::models::{Holiday, SourceId, TimeSheet, TimeSheetId};

operations![
    ("getAllTimeSheets", "GET", "/time_sheets", "TimeSheets::list"),
    (
        "getTimeSheet",
        "GET",
        "/time_sheets/{timeSheetId}",
        "TimeSheets::get"
    ),
    ("createTimeSheet", "POST", "/time_sheets", "TimeSheets::create"),
    (
        "updateTimeSheet",
        "PUT",
        "/time_sheets/{timeSheetId}",
        "TimeSheets::update"
    ),
    (
        "deleteTimeSheet",
        "DELETE",
        "/time_sheets/{timeSheetId}",
        "TimeSheets::delete"
    ),
];

resource_handler! {
    /// The `/time_sheets` endpoints. Get one with [`Client::time_sheets`](crate::Client::time_sheets).
    TimeSheets => time_sheets, "time_sheets", TimeSheet, TimeSheetId,
    one "time sheet", many "time sheets", [list, get, delete]
}

impl TimeSheets {
    /// Creates a time sheet (`POST /time_sheets`).
    pub fn create(&self, label: impl Into<String>) -> CreateTimeSheet {
        CreateTimeSheet::from_call(collection_call(&self.client, Method::POST, "time_sheets"))
            .param("label", label.into())
    }

    /// Updates a time sheet (`PUT /time_sheets/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &TimeSheetId) -> UpdateTimeSheet {
        UpdateTimeSheet::from_call(record_call(&self.client, Method::PUT, "time_sheets", id.as_str()))
    }
}

request_builder! {
    /// `POST /time_sheets`, from [`TimeSheets::create`].
    CreateTimeSheet -> TimeSheet
}
request_builder! {
    /// `PUT /time_sheets/{id}`, from [`TimeSheets::update`].
    UpdateTimeSheet -> TimeSheet
}

impl CreateTimeSheet {
    /// Seeds the country's public holidays: one of `de`, `es`, `fr`, `gb`, `it`, `nl`, `us`.
    pub fn holidays_region(self, region: impl Into<String>) -> Self {
        self.param("holidays_region", region.into())
    }
}

/// The fields create and update share.
macro_rules! time_sheet_fields {
    ($($builder:ident),+) => {$(
        impl $builder {
            /// The label shown in the interface.
            pub fn label(self, label: impl Into<String>) -> Self {
                self.param("label", label.into())
            }

            /// Whether the time sheet is in force.
            pub fn active(self, active: bool) -> Self {
                self.param("active", active)
            }

            /// The sources using the time sheet (replaces the list).
            pub fn source_ids<'a>(self, ids: impl IntoIterator<Item = &'a SourceId>) -> Self {
                self.list_param("source_ids", ids)
            }

            /// The holidays (replaces the list), sent as the array of `{name, date}` hashes
            /// Engage describes: `holidays[][name]=..&holidays[][date]=..` per holiday.
            pub fn holidays<'a>(mut self, holidays: impl IntoIterator<Item = &'a Holiday>) -> Self {
                let query = &mut self.call.request.query.0;
                query.retain(|(k, _)| !k.starts_with("holidays["));
                for holiday in holidays {
                    query.push(("holidays[][name]".to_owned(), holiday.name.clone()));
                    query.push(("holidays[][date]".to_owned(), holiday.date.clone()));
                }
                self
            }

            /// Monday's opening intervals in seconds from midnight, `"a-b,c-d"`; `""` for closed.
            pub fn monday_hours(self, hours: impl Into<String>) -> Self {
                self.param("monday_hours", hours.into())
            }

            /// Tuesday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn tuesday_hours(self, hours: impl Into<String>) -> Self {
                self.param("tuesday_hours", hours.into())
            }

            /// Wednesday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn wednesday_hours(self, hours: impl Into<String>) -> Self {
                self.param("wednesday_hours", hours.into())
            }

            /// Thursday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn thursday_hours(self, hours: impl Into<String>) -> Self {
                self.param("thursday_hours", hours.into())
            }

            /// Friday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn friday_hours(self, hours: impl Into<String>) -> Self {
                self.param("friday_hours", hours.into())
            }

            /// Saturday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn saturday_hours(self, hours: impl Into<String>) -> Self {
                self.param("saturday_hours", hours.into())
            }

            /// Sunday's opening intervals (see [`monday_hours`](Self::monday_hours)).
            pub fn sunday_hours(self, hours: impl Into<String>) -> Self {
                self.param("sunday_hours", hours.into())
            }
        }
    )+};
}
time_sheet_fields!(CreateTimeSheet, UpdateTimeSheet);
