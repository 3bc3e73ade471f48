//! User signatures: text appended to an agent's replies, per source and language.

use serde::{Deserialize, Serialize};

use super::{SignatureId, SourceId};

/// One of a user's signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserSignature {
    /// The signature id.
    pub id: SignatureId,
    /// The signature text.
    #[serde(default)]
    pub body: String,
    /// A name to tell signatures apart.
    #[serde(default)]
    pub name: Option<String>,
    /// The sources it is used on.
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// The language (locale) it is used for.
    #[serde(default)]
    pub language: Option<String>,
}
