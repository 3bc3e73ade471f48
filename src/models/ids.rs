//! Newtype identifiers, one per Engage resource, so a `ThreadId` is never passed where a
//! `ContentId` is expected.
//!
//! Engage ids are opaque strings (usually 24 hex characters). Deserialization also accepts a JSON
//! number and keeps its decimal text, so an id never fails to parse because of its type.

macro_rules! define_ids {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id string.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any($crate::models::de::TextVisitor).map($name)
            }
        }
    )+};
}

pub(crate) use define_ids;

define_ids! {
    /// An Engage user (agent, admin, bot user) id.
    UserId;
    /// A role id.
    RoleId;
    /// A team id.
    TeamId;
    /// A category id.
    CategoryId;
    /// A content source id (a channel account: a Source SDK source, a Facebook page, ...).
    SourceId;
    /// A channel id (a group of sources sharing routing settings).
    ChannelId;
    /// A content (message) id.
    ContentId;
    /// A content thread (conversation) id.
    ThreadId;
    /// An intervention id.
    InterventionId;
    /// An intervention comment id.
    InterventionCommentId;
    /// An identity (a customer's account on one source) id.
    IdentityId;
    /// An identity group (a customer profile merging identities) id.
    IdentityGroupId;
    /// A community id.
    CommunityId;
    /// A routing task id.
    TaskId;
    /// A webhook id.
    WebhookId;
    /// An attachment id.
    AttachmentId;
    /// A custom field id.
    CustomFieldId;
    /// A folder id.
    FolderId;
    /// A tag id.
    TagId;
    /// A presence (custom away) status id.
    PresenceStatusId;
    /// An event (audit log entry) id.
    EventId;
    /// A topology (routing configuration) id.
    TopologyId;
    /// A time sheet id.
    TimeSheetId;
    /// A user capacity id.
    UserCapacityId;
    /// A user signature id.
    SignatureId;
    /// A survey id.
    SurveyId;
    /// A survey response id.
    SurveyResponseId;
    /// A reply assistant entry id.
    ReplyAssistantEntryId;
    /// A reply assistant group id.
    ReplyAssistantGroupId;
    /// A reply assistant version id.
    ReplyAssistantVersionId;
    /// An Engage domain (tenant) id, as carried by webhook payloads.
    DomainId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_strings_and_numbers() {
        let id: UserId = serde_json::from_str("\"4f4f3a08a90ffb27ee000583\"").unwrap();
        assert_eq!(id.as_str(), "4f4f3a08a90ffb27ee000583");
        let id: UserId = serde_json::from_str("42").unwrap();
        assert_eq!(id.as_str(), "42");
        assert!(serde_json::from_str::<UserId>("null").is_err());
        assert_eq!(serde_json::to_string(&UserId::new("a")).unwrap(), "\"a\"");
        assert_eq!(format!("{:?}", ThreadId::new("t")), "ThreadId(\"t\")");
    }
}
