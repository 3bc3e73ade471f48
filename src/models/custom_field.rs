//! Custom fields: extra typed attributes on identity groups (customer profiles) and interventions.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{CustomFieldId, Timestamp};

/// A custom field definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomField {
    /// The custom field's id.
    pub id: CustomFieldId,
    /// The label shown in the interface.
    #[serde(default)]
    pub label: Option<String>,
    /// What the field is attached to.
    #[serde(default)]
    pub associated_type_name: Option<CustomFieldOwner>,
    /// The key under which values are stored, e.g. `customer_id`.
    #[serde(default)]
    pub key: Option<String>,
    /// The kind of value.
    #[serde(default, rename = "type")]
    pub field_type: Option<CustomFieldType>,
    /// Whether the field holds several values (no effect on choice and boolean fields).
    #[serde(default)]
    pub multiple: Option<bool>,
    /// The field's position among the others.
    #[serde(default)]
    pub position: Option<i64>,
    /// Whether agents may only read the field.
    #[serde(default)]
    pub read_only: Option<bool>,
    /// The allowed values of a choice field.
    #[serde(default)]
    pub choices: Vec<String>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// The resource a custom field belongs to.
    CustomFieldOwner {
        /// A customer profile.
        IdentityGroup = "IdentityGroup",
        /// An intervention.
        Intervention = "Intervention",
    }
}

string_enum! {
    /// The kind of value a custom field holds.
    CustomFieldType {
        /// A single-line string.
        String = "string",
        /// `true` or `false`.
        Boolean = "boolean",
        /// A multi-line text.
        Text = "text",
        /// An integer.
        Integer = "integer",
        /// A decimal number.
        Float = "float",
        /// One value among the field's `choices`.
        SingleChoice = "single_choice",
        /// Any values among the field's `choices`.
        MultipleChoice = "multiple_choice",
    }
}
