//! `/surveys` and `/survey_responses`: read satisfaction surveys and their responses.

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{Survey, SurveyId, SurveyResponse, SurveyResponseId};

operations![
    ("getAllSurveys", "GET", "/surveys", "Surveys::list"),
    ("getSurvey", "GET", "/surveys/{surveyId}", "Surveys::get"),
    (
        "getSurveyResponse",
        "GET",
        "/survey_responses/{surveyResponseId}",
        "SurveyResponses::get"
    ),
];

resource_handler! {
    /// The `/surveys` endpoints. Get one with [`Client::surveys`](crate::Client::surveys).
    Surveys => surveys, "surveys", Survey, SurveyId, one "survey", many "surveys", [list, get]
}

resource_handler! {
    /// The `/survey_responses` endpoint. Get one with
    /// [`Client::survey_responses`](crate::Client::survey_responses).
    SurveyResponses => survey_responses, "survey_responses", SurveyResponse, SurveyResponseId,
    one "survey response", many "survey responses", [get]
}
