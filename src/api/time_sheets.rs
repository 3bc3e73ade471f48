//! `/time_sheets`: list, get, create, update and delete business-hours time sheets.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::{setters, QueryObject};
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
        CreateTimeSheet::from_call(self.call(Method::POST, &[])).param("label", label.into())
    }

    /// Updates a time sheet (`PUT /time_sheets/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &TimeSheetId) -> UpdateTimeSheet {
        UpdateTimeSheet::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

impl QueryObject for Holiday {
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.clone())),
            ("date", Some(self.date.clone())),
        ]
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

setters!(CreateTimeSheet {
    /// Seeds the country's public holidays: one of `de`, `es`, `fr`, `gb`, `it`, `nl`, `us`.
    holidays_region: str = "holidays_region";
});

// The fields create and update share.
setters!(CreateTimeSheet, UpdateTimeSheet {
    /// The label shown in the interface.
    label: str = "label";
    /// Whether the time sheet is in force.
    active: bool = "active";
    /// The sources using the time sheet (replaces the list).
    source_ids: ids<SourceId> = "source_ids";
    /// Monday's opening intervals in seconds from midnight, `"a-b,c-d"`; `""` for closed.
    monday_hours: str = "monday_hours";
    /// Tuesday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    tuesday_hours: str = "tuesday_hours";
    /// Wednesday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    wednesday_hours: str = "wednesday_hours";
    /// Thursday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    thursday_hours: str = "thursday_hours";
    /// Friday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    friday_hours: str = "friday_hours";
    /// Saturday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    saturday_hours: str = "saturday_hours";
    /// Sunday's opening intervals (see [`monday_hours`](Self::monday_hours)).
    sunday_hours: str = "sunday_hours";
    /// The holidays (replaces the list), sent as the array of `{name, date}` hashes
    /// Engage describes: `holidays[][name]=..&holidays[][date]=..` per holiday.
    holidays: object_refs<Holiday> = "holidays";
});
