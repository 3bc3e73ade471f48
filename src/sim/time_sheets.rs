//! `GET /time_sheets`: the business hours a test sets with [`SimHandle::set_time_sheets`].

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use serde_json::Value;

use super::rest::{ApiResult, Params};
use super::shared::Shared;
use super::SimHandle;

impl SimHandle {
    /// Replaces the time sheets `GET /time_sheets` lists (objects shaped like the spec's
    /// `TimeSheet`; link one to the source with `"source_ids": [source id]`).
    pub fn set_time_sheets(&self, sheets: Vec<Value>) {
        self.shared.with(|s| s.time_sheets = sheets);
    }
}

/// `GET /time_sheets`, paged like every list.
pub(crate) async fn list(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    p.page(shared.read(|s| s.time_sheets.clone()))
}
