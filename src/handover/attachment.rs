//! [`Attachment`]: a file in a handover message, whatever the provider.

use serde::{Deserialize, Serialize};

/// A file sent by the user or the agent during a handover: a link the provider can fetch,
/// or the bytes themselves (base64), with an optional file name and media kind.
///
/// Providers convert it to and from their own representation (for Engage, the Channel SDK's
/// [`sdk::objects::Attachment`](crate::sdk::objects::Attachment), with `From` both ways).
///
/// ```
/// use ringcentral_engage::handover::{Attachment, UserMessage};
///
/// let message = UserMessage::text("m-1", "Here is the receipt")
///     .attachment(Attachment::from_url("https://files.example/receipt.pdf").with_filename("receipt.pdf"));
/// assert_eq!(message.attachments[0].filename.as_deref(), Some("receipt.pdf"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// Where the file can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The file itself, base64-encoded.
    #[serde(default, rename = "content", skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// The file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The media kind (`image`, `audio`, `video`, ...), when known.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_kind: Option<String>,
}

impl Attachment {
    /// A file the provider downloads from `url`.
    pub fn from_url(url: impl Into<String>) -> Self {
        Attachment {
            url: Some(url.into()),
            ..Attachment::default()
        }
    }

    /// A file given inline: its `base64` content and its file name.
    pub fn inline(base64: impl Into<String>, filename: impl Into<String>) -> Self {
        Attachment {
            base64: Some(base64.into()),
            filename: Some(filename.into()),
            ..Attachment::default()
        }
    }

    /// Sets the file name.
    pub fn with_filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the media kind (`image`, `audio`, `video`, ...).
    pub fn with_media_kind(mut self, kind: impl Into<String>) -> Self {
        self.media_kind = Some(kind.into());
        self
    }
}

impl From<crate::sdk::objects::Attachment> for Attachment {
    fn from(a: crate::sdk::objects::Attachment) -> Self {
        Attachment {
            url: a.url,
            base64: a.content,
            filename: a.filename,
            media_kind: a.kind,
        }
    }
}

impl From<Attachment> for crate::sdk::objects::Attachment {
    fn from(a: Attachment) -> Self {
        crate::sdk::objects::Attachment {
            url: a.url,
            content: a.base64,
            filename: a.filename,
            kind: a.media_kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sessions written before this type existed stored the SDK's attachment: they still read.
    #[test]
    fn reads_and_writes_the_sdk_shape() {
        let sdk = crate::sdk::objects::Attachment::inline("QUJD", "a.txt").with_kind("document");
        let stored = serde_json::to_value(&sdk).unwrap();
        let neutral: Attachment = serde_json::from_value(stored.clone()).unwrap();
        assert_eq!(
            neutral,
            Attachment::inline("QUJD", "a.txt").with_media_kind("document")
        );
        assert_eq!(serde_json::to_value(&neutral).unwrap(), stored);
        assert_eq!(crate::sdk::objects::Attachment::from(neutral.clone()), sdk);
        assert_eq!(Attachment::from(sdk), neutral);
    }
}
