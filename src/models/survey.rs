//! Satisfaction surveys sent after interventions, and the customers' responses.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{CategoryId, InterventionId, SourceId, SurveyId, SurveyResponseId, TeamId, Timestamp, UserId};

/// A survey configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Survey {
    /// The survey's id.
    pub id: SurveyId,
    /// The name shown in the admin interface (not to customers).
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the survey is sent.
    #[serde(default)]
    pub active: Option<bool>,
    /// The survey provider.
    #[serde(default, rename = "type")]
    pub provider: Option<SurveyProvider>,
    /// The survey's page at the provider.
    #[serde(default)]
    pub link: Option<String>,
    /// The sender name of survey emails.
    #[serde(default)]
    pub from_name: Option<String>,
    /// Seconds to wait before sending the survey.
    #[serde(default)]
    pub send_delay: Option<f64>,
    /// Interventions shorter than this many seconds get the survey at once.
    #[serde(default)]
    pub instant_send_threshold: Option<f64>,
    /// No survey is sent when the customer's last message is older than this many seconds.
    #[serde(default)]
    pub max_time_since_last_reply: Option<f64>,
    /// The categories the survey applies to.
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// The sources the survey applies to.
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// The teams the survey applies to.
    #[serde(default)]
    pub team_ids: Vec<TeamId>,
    /// The questions, as read from the provider.
    #[serde(default)]
    pub questions: Vec<SurveyQuestion>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// The service hosting a survey.
    SurveyProvider {
        /// Alchemer (formerly SurveyGizmo).
        Alchemer = "alchemer",
    }
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyQuestion {
    /// The provider's id for the question.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// The question's text.
    #[serde(default)]
    pub text: Option<String>,
    /// Whether this is the survey's main (scored) question.
    #[serde(default)]
    pub main: Option<bool>,
    /// The answers the customer may pick.
    #[serde(default)]
    pub choices: Vec<SurveyChoice>,
}

/// A choice offered, or a reply given, to a survey question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyChoice {
    /// The text the customer sees or typed.
    #[serde(default)]
    pub text: Option<String>,
    /// The technical value (the text itself for free-text answers).
    #[serde(default)]
    pub value: Option<String>,
}

/// A customer's response to a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyResponse {
    /// The response's id.
    pub id: SurveyResponseId,
    /// The survey answered.
    #[serde(default)]
    pub survey_id: Option<SurveyId>,
    /// The intervention the survey was about.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// The source of the intervention.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The agent of the intervention.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The provider's id for this response.
    #[serde(default)]
    pub response_foreign_id: Option<String>,
    /// The answer to the main question.
    #[serde(default)]
    pub main_indicator: Option<i64>,
    /// The main answer on Engage's common scale.
    #[serde(default)]
    pub main_indicator_scaled: Option<f64>,
    /// The questions answered.
    #[serde(default)]
    pub questions: Vec<SurveyResponseQuestion>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// A question of a survey response and what the customer replied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyResponseQuestion {
    /// The provider's id for the question.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// The question's text.
    #[serde(default)]
    pub text: Option<String>,
    /// The replies (several for a multiple-choice question).
    #[serde(default)]
    pub replies: Vec<SurveyChoice>,
}
