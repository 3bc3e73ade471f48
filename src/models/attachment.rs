//! Attachments: files uploaded to Engage or received with a message.

use serde::{Deserialize, Serialize};

use super::de::{lenient_bool, lenient_int};
use super::{AttachmentId, Timestamp};

/// A file stored by Engage: uploaded with `POST /attachments`, or attached to a content.
///
/// The spec types `embed` and `public?` as booleans on `Attachment` but as strings on
/// `ContentAttachment`; both shapes decode here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// The attachment's id.
    pub id: AttachmentId,
    /// The MIME type, e.g. `application/pdf`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The file name.
    #[serde(default)]
    pub filename: Option<String>,
    /// The size in bytes.
    #[serde(default, deserialize_with = "lenient_int")]
    pub size: Option<i64>,
    /// Where to download it (append an access token to fetch it).
    #[serde(default)]
    pub url: Option<String>,
    /// Whether the file is shown inline.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub embed: Option<bool>,
    /// Whether the file is public (`public?` in the JSON).
    #[serde(default, rename = "public?", deserialize_with = "lenient_bool")]
    pub public: Option<bool>,
    /// The id of the file on the channel it came from.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// Video metadata, when the file is a video (left out of the JSON when empty, as Engage
    /// does for other files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub video_metadata: Vec<String>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
