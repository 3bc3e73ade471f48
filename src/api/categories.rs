//! `/categories`: list, get, create, update and delete categories.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{Category, CategoryId, SourceId};

operations![
    ("getAllCategories", "GET", "/categories", "Categories::list"),
    (
        "getCategory",
        "GET",
        "/categories/{categoryId}",
        "Categories::get"
    ),
    ("createCategory", "POST", "/categories", "Categories::create"),
    (
        "updateCategory",
        "PUT",
        "/categories/{categoryId}",
        "Categories::update"
    ),
    (
        "deleteCategory",
        "DELETE",
        "/categories/{categoryId}",
        "Categories::delete"
    ),
];

resource_handler! {
    /// The `/categories` endpoints. Get one with [`Client::categories`](crate::Client::categories).
    Categories => categories, "categories", Category, CategoryId,
    one "category", many "categories",
    [
        /// Lists categories, oldest first (`GET /categories`).
        list,
        get,
    ]
}

impl Categories {
    /// Creates a category (`POST /categories`).
    pub fn create(&self, name: impl Into<String>) -> CreateCategory {
        CreateCategory::from_call(self.call(Method::POST, &[])).param("name", name.into())
    }

    /// Updates a category (`PUT /categories/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &CategoryId) -> UpdateCategory {
        UpdateCategory::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Deletes a category (`DELETE /categories/{id}`); awaiting the builder returns it.
    pub fn delete(&self, id: &CategoryId) -> DeleteCategory {
        DeleteCategory::from_call(self.call(Method::DELETE, &[id.as_str()]))
    }
}

setters!(List<Category> {
    /// Only the children of this category.
    parent_id: id<CategoryId> = "parent_id";
    /// Only these categories (sent comma-separated as `ids`).
    ids: csv<CategoryId> = "ids";
});

request_builder! {
    /// `POST /categories`, from [`Categories::create`].
    CreateCategory -> Category
}
request_builder! {
    /// `PUT /categories/{id}`, from [`Categories::update`].
    UpdateCategory -> Category
}
request_builder! {
    /// `DELETE /categories/{id}`, from [`Categories::delete`].
    DeleteCategory -> Category
}

// The category fields create and update share. Engage applies `mandatory`, `multiple`,
// `post_qualification`, `unselectable` and `source_ids` to root categories only.
setters!(CreateCategory, UpdateCategory {
    /// Makes it a child of this root category.
    parent_id: id<CategoryId> = "parent_id";
    /// The display color, an index from 0 to 6.
    color: value<u8> = "color";
    /// Whether categorizing under this root is required.
    mandatory: bool = "mandatory";
    /// Whether several children may be set at once.
    multiple: bool = "multiple";
    /// Whether categorization happens after the reply.
    post_qualification: bool = "post_qualification";
    /// Whether the root itself cannot be picked.
    unselectable: bool = "unselectable";
    /// The sources the category applies to (replaces the list).
    source_ids: ids<SourceId> = "source_ids";
});

setters!(UpdateCategory {
    /// The category name.
    name: str = "name";
});

setters!(DeleteCategory {
    /// The category to move the deleted one's conversations to.
    take_over_category_id: id<CategoryId> = "take_over_category_id";
});
