//! What a source declares in its `implementation.info` answer: objects with their operations,
//! options, and labels for custom actions.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::action::Resource;

/// An option a source can turn on (all are off by default).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SdkOption {
    /// `messages.unthreaded`: messages carry no thread; `threads.*` actions are ignored.
    MessagesUnthreaded,
    /// `messages.no_title`: messages have no title field.
    MessagesNoTitle,
    /// `private_messages.no_title`: private messages have no title field.
    PrivateMessagesNoTitle,
    /// `threads.no_content`: threads only carry an id and a title.
    ThreadsNoContent,
    /// `messages.text`: message bodies may be plain text.
    MessagesText,
    /// `messages.html`: message bodies may be HTML (the default).
    MessagesHtml,
    /// `messages.allow_survey`: surveys may be sent as messages.
    MessagesAllowSurvey,
    /// `private_messages.text`: private message bodies may be plain text.
    PrivateMessagesText,
    /// `private_messages.html`: private message bodies may be HTML (the default).
    PrivateMessagesHtml,
    /// `threads.text`: thread bodies may be plain text.
    ThreadsText,
    /// `threads.html`: thread bodies may be HTML (the default).
    ThreadsHtml,
    /// `view.messaging`: Engage shows the conversation as a chat (one resource, text only);
    /// needed for structured content.
    ViewMessaging,
    /// `messaging.typing_indicator`: typing events both ways (needs `view.messaging`).
    MessagingTypingIndicator,
    /// `messaging.queuing_update`: receive `messaging.queuing_update` (task mode only).
    MessagingQueuingUpdate,
    /// `messages.attachments`: agents may attach files to messages.
    MessagesAttachments,
    /// `private_messages.attachments`: agents may attach files to private messages.
    PrivateMessagesAttachments,
    /// `threads.attachments`: agents may attach files to threads.
    ThreadsAttachments,
    /// An option this crate does not name yet.
    Other(String),
}

impl SdkOption {
    /// The option's wire name.
    pub fn as_str(&self) -> &str {
        match self {
            SdkOption::MessagesUnthreaded => "messages.unthreaded",
            SdkOption::MessagesNoTitle => "messages.no_title",
            SdkOption::PrivateMessagesNoTitle => "private_messages.no_title",
            SdkOption::ThreadsNoContent => "threads.no_content",
            SdkOption::MessagesText => "messages.text",
            SdkOption::MessagesHtml => "messages.html",
            SdkOption::MessagesAllowSurvey => "messages.allow_survey",
            SdkOption::PrivateMessagesText => "private_messages.text",
            SdkOption::PrivateMessagesHtml => "private_messages.html",
            SdkOption::ThreadsText => "threads.text",
            SdkOption::ThreadsHtml => "threads.html",
            SdkOption::ViewMessaging => "view.messaging",
            SdkOption::MessagingTypingIndicator => "messaging.typing_indicator",
            SdkOption::MessagingQueuingUpdate => "messaging.queuing_update",
            SdkOption::MessagesAttachments => "messages.attachments",
            SdkOption::PrivateMessagesAttachments => "private_messages.attachments",
            SdkOption::ThreadsAttachments => "threads.attachments",
            SdkOption::Other(name) => name,
        }
    }
}

impl Serialize for SdkOption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The `implementation.info` declaration of a source.
///
/// ```
/// use ringcentral_engage::sdk::{Capabilities, Resource, SdkOption};
///
/// let caps = Capabilities::new()
///     .resource(Resource::PrivateMessages, ["create", "list", "show", "escalate"])
///     .object("status", ["mark_as_read"])
///     .option(SdkOption::ViewMessaging)
///     .option(SdkOption::PrivateMessagesText)
///     .label("default", "escalate", "Escalate");
/// assert!(caps.supports(Resource::PrivateMessages, "escalate"));
/// let json = serde_json::to_value(&caps).unwrap();
/// assert_eq!(json["objects"]["status"][0], "mark_as_read");
/// assert_eq!(json["options"][0], "view.messaging");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Capabilities {
    /// Object name (`messages`, `private_messages`, `threads`, `status`...) to operations.
    pub objects: BTreeMap<String, Vec<String>>,
    /// The options turned on, in declaration order (duplicates removed).
    pub options: Vec<SdkOption>,
    /// Locale (`default`, `fr`...) to custom action name to the label agents see.
    pub locales: BTreeMap<String, BTreeMap<String, String>>,
}

impl Capabilities {
    /// Nothing declared yet.
    pub fn new() -> Self {
        Capabilities::default()
    }

    /// Declares the operations (standard and custom) implemented for a resource.
    pub fn resource<I, S>(self, resource: Resource, operations: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.object(resource.as_str(), operations)
    }

    /// Declares the operations implemented for any object name (e.g. `status`).
    pub fn object<I, S>(mut self, name: impl Into<String>, operations: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ops = self.objects.entry(name.into()).or_default();
        for op in operations {
            let op = op.into();
            if !ops.contains(&op) {
                ops.push(op);
            }
        }
        self
    }

    /// Turns an option on.
    pub fn option(mut self, option: SdkOption) -> Self {
        if !self.options.contains(&option) {
            self.options.push(option);
        }
        self
    }

    /// Sets the label of a custom action in a locale (`default` for the fallback).
    pub fn label(mut self, locale: impl Into<String>, action: impl Into<String>, label: impl Into<String>) -> Self {
        self.locales.entry(locale.into()).or_default().insert(action.into(), label.into());
        self
    }

    /// Whether `operation` is declared for `resource`.
    pub fn supports(&self, resource: Resource, operation: &str) -> bool {
        self.objects
            .get(resource.as_str())
            .is_some_and(|ops| ops.iter().any(|op| op == operation))
    }

    /// Whether `option` is on.
    pub fn has_option(&self, option: &SdkOption) -> bool {
        self.options.contains(option)
    }
}

impl Serialize for Capabilities {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("objects", &self.objects)?;
        map.serialize_entry("options", &self.options)?;
        if !self.locales.is_empty() {
            map.serialize_entry("locales", &self.locales)?;
        }
        map.end()
    }
}
