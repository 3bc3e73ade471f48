//! `/custom_fields`: list, get, create, update and delete custom field definitions.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{CustomField, CustomFieldId, CustomFieldOwner, CustomFieldType};

operations![
    (
        "getAllCustomFields",
        "GET",
        "/custom_fields",
        "CustomFields::list"
    ),
    (
        "getCustomField",
        "GET",
        "/custom_fields/{customFieldId}",
        "CustomFields::get"
    ),
    (
        "createCustomField",
        "POST",
        "/custom_fields",
        "CustomFields::create"
    ),
    (
        "updateCustomField",
        "PUT",
        "/custom_fields/{customFieldId}",
        "CustomFields::update"
    ),
    (
        "deleteCustomField",
        "DELETE",
        "/custom_fields/{customFieldId}",
        "CustomFields::delete"
    ),
];

resource_handler! {
    /// The `/custom_fields` endpoints. Get one with
    /// [`Client::custom_fields`](crate::Client::custom_fields).
    CustomFields => custom_fields, "custom_fields", CustomField, CustomFieldId,
    one "custom field", many "custom fields", [list, get, delete]
}

impl CustomFields {
    /// Creates a custom field on identity groups or interventions (`POST /custom_fields`).
    pub fn create(&self, owner: CustomFieldOwner, label: impl Into<String>) -> CreateCustomField {
        CreateCustomField::from_call(self.call(Method::POST, &[]))
            .param("associated_type_name", owner)
            .param("label", label.into())
    }

    /// Updates a custom field (`PUT /custom_fields/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &CustomFieldId) -> UpdateCustomField {
        UpdateCustomField::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

request_builder! {
    /// `POST /custom_fields`, from [`CustomFields::create`].
    CreateCustomField -> CustomField
}
request_builder! {
    /// `PUT /custom_fields/{id}`, from [`CustomFields::update`].
    UpdateCustomField -> CustomField
}

setters!(CreateCustomField {
    /// The storage key, e.g. `customer_id`.
    key: str = "key";
    /// The kind of value (Engage's default is a string).
    field_type: value<CustomFieldType> = "type";
    /// Whether the field holds several values (no effect on choice and boolean fields).
    multiple: bool = "multiple";
});

// The fields create and update share.
setters!(CreateCustomField, UpdateCustomField {
    /// The label shown in the interface.
    label: str = "label";
    /// The allowed values of a single or multiple choice field (replaces the list).
    choices: strs = "choices";
    /// The field's position among the others (`-1`, the default, puts it last).
    position: int = "position";
    /// Whether agents may only read the field.
    read_only: bool = "read_only";
});
