//! `/attachments`: files to send with a content — list, read, upload.
//!
//! Spec notes: `createAttachment` declares its body under the media type
//! `multipart/form-data:` (with a stray colon) holding two fields, `file` and `private`, and
//! gives `private` the enum `["true", "=1"]`. The crate sends both in the multipart body, as the
//! spec says: the file as `file`, and `private=true` only when the upload is private (the enum
//! has no "false" value, so a public upload leaves the field out).

use bytes::Bytes;
use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{Call, List, Upload};
use crate::models::{Attachment, AttachmentId};
use crate::{Error, Result};

operations![
    ("getAllAttachments", "GET", "/attachments", "Attachments::list"),
    (
        "getAttachment",
        "GET",
        "/attachments/{attachmentId}",
        "Attachments::get"
    ),
    ("createAttachment", "POST", "/attachments", "Attachments::upload"),
];

/// The largest file [`Attachments::upload`] sends unless told otherwise: 20 MiB. This is the
/// crate's guard against sending a file by mistake, not a limit Engage documents; raise or
/// lower it with [`UploadAttachment::max_size`].
pub const DEFAULT_MAX_UPLOAD_SIZE: u64 = 20 * 1024 * 1024;

resource_handler! {
    /// The `/attachments` endpoints. Get one with [`Client::attachments`](crate::Client::attachments).
    Attachments => attachments, "attachments", Attachment, AttachmentId,
    one "attachment", many "attachments", [list, get]
}

impl Attachments {
    /// Uploads a file (`POST /attachments`, multipart fields `file` and, with
    /// [`private`](UploadAttachment::private), `private`), to pass later to
    /// [`CreateContent::attachment_ids`](crate::api::CreateContent::attachment_ids).
    ///
    /// A file larger than [`max_size`](UploadAttachment::max_size) (default
    /// [`DEFAULT_MAX_UPLOAD_SIZE`]) is refused with [`Error::InvalidArgument`] before anything
    /// is sent.
    pub fn upload(&self, file_name: impl Into<String>, bytes: impl Into<Bytes>) -> UploadAttachment {
        let mut call = self.call(Method::POST, &[]);
        call.request.upload = Some(Upload {
            file_name: file_name.into(),
            mime: None,
            bytes: bytes.into(),
            fields: Default::default(),
        });
        UploadAttachment {
            call,
            max_size: DEFAULT_MAX_UPLOAD_SIZE,
        }
    }
}

setters!(List<Attachment> {
    /// Only files with this extension, e.g. `pdf`.
    extension: str = "extension";
    /// Only attachments created at or before this time.
    created_before: time = "created_before";
    /// Only attachments created at or after this time.
    created_after: time = "created_after";
});

/// `POST /attachments`, from [`Attachments::upload`]. Awaiting it (or [`send`](Self::send))
/// checks the size and the MIME type, then uploads.
///
/// Not built with the crate's usual request builder because the size check must run before
/// sending, whatever limit the caller picked.
#[derive(Debug)]
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct UploadAttachment {
    call: Call<Attachment>,
    max_size: u64,
}

impl UploadAttachment {
    /// The file's MIME type, e.g. `application/pdf` (default: none, Engage guesses).
    pub fn mime_type(mut self, mime: impl Into<String>) -> Self {
        if let Some(upload) = &mut self.call.request.upload {
            upload.mime = Some(mime.into());
        }
        self
    }

    /// Uploads the file as private: adds the multipart field `private=true` next to `file`.
    /// `false` (the default) sends no `private` field.
    pub fn private(mut self, private: bool) -> Self {
        if let Some(upload) = &mut self.call.request.upload {
            upload.fields.0.retain(|(name, _)| name != "private");
            if private {
                upload.fields.set("private", true);
            }
        }
        self
    }

    /// The largest file, in bytes, this call may send.
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }

    /// Checks the file, then uploads it.
    pub async fn send(self) -> Result<Attachment> {
        self.check()?;
        self.call.send().await
    }

    fn check(&self) -> Result<()> {
        let Some(upload) = &self.call.request.upload else {
            return Ok(());
        };
        let size = upload.bytes.len() as u64;
        if size > self.max_size {
            return Err(Error::invalid_argument(
                "file",
                format!("is {size} bytes, over the {} byte upload limit", self.max_size),
            ));
        }
        if upload.file_name.trim().is_empty() {
            return Err(Error::invalid_argument("file_name", "must not be empty"));
        }
        if let Some(mime) = &upload.mime {
            if reqwest::multipart::Part::bytes(Vec::new())
                .mime_str(mime)
                .is_err()
            {
                return Err(Error::invalid_argument(
                    "mime_type",
                    format!("{mime:?} is not a MIME type"),
                ));
            }
        }
        Ok(())
    }
}

impl std::future::IntoFuture for UploadAttachment {
    type Output = Result<Attachment>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
