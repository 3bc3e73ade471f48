//! Building requests: query parameters as Engage wants them, and percent-encoded paths.

use bytes::Bytes;
use http::Method;

/// Query parameters in the order they were added, repeated keys allowed.
///
/// Engage takes nearly every create and update parameter in the query string, and list
/// parameters as repeated `name[]=value` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query(pub(crate) Vec<(String, String)>);

impl Query {
    /// Sets `name` to `value`, replacing any earlier value of `name`.
    pub(crate) fn set(&mut self, name: &str, value: impl ToString) {
        self.0.retain(|(k, _)| k != name);
        self.0.push((name.to_owned(), value.to_string()));
    }

    /// Sets `name[]` to each of `values`, replacing earlier values. An empty list sends a single
    /// empty `name[]=` so "no items" reaches Engage (used to clear a list on update).
    pub(crate) fn set_list<I, V>(&mut self, name: &str, values: I)
    where
        I: IntoIterator<Item = V>,
        V: ToString,
    {
        let key = format!("{name}[]");
        self.0.retain(|(k, _)| *k != key);
        let before = self.0.len();
        self.0
            .extend(values.into_iter().map(|v| (key.clone(), v.to_string())));
        if self.0.len() == before {
            self.0.push((key, String::new()));
        }
    }
}

/// A file sent as the multipart field `file`, followed by text fields of the same form.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub(crate) file_name: String,
    pub(crate) mime: Option<String>,
    pub(crate) bytes: Bytes,
    /// Text fields sent next to `file`, in this order.
    pub(crate) fields: Query,
}

impl Upload {
    /// The multipart form: the file as `file`, then the text fields.
    pub(crate) fn form(&self) -> reqwest::Result<reqwest::multipart::Form> {
        let mut part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::from(self.bytes.clone()),
            self.bytes.len() as u64,
        )
        .file_name(self.file_name.clone());
        if let Some(mime) = &self.mime {
            part = part.mime_str(mime)?;
        }
        Ok(self.fields.0.iter().fold(
            reqwest::multipart::Form::new().part("file", part),
            |form, (name, value)| form.text(name.clone(), value.clone()),
        ))
    }
}

/// One REST call, before the client adds the base URL, token and impersonation.
#[derive(Debug, Clone)]
pub(crate) struct ApiRequest {
    pub(crate) method: Method,
    /// Path segments after `/1.0`, not yet encoded.
    pub(crate) segments: Vec<String>,
    pub(crate) query: Query,
    /// An `application/x-www-form-urlencoded` body, for the few operations the spec gives one.
    pub(crate) form: Option<Query>,
    pub(crate) upload: Option<Upload>,
}

impl ApiRequest {
    /// A request with no parameters.
    pub(crate) fn new<I, S>(method: Method, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ApiRequest {
            method,
            segments: segments.into_iter().map(Into::into).collect(),
            query: Query::default(),
            form: None,
            upload: None,
        }
    }

    /// The path as it appears in logs and errors: `/users/42`.
    pub(crate) fn display_path(&self) -> String {
        let mut path = String::new();
        for s in &self.segments {
            path.push('/');
            path.push_str(s);
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_repeat_with_brackets() {
        let mut q = Query::default();
        q.set("limit", 10);
        q.set_list("category_ids", ["a", "b"]);
        q.set("limit", 20);
        assert_eq!(
            q.0,
            vec![
                ("category_ids[]".into(), "a".into()),
                ("category_ids[]".into(), "b".into()),
                ("limit".into(), "20".into())
            ]
        );
        q.set_list("category_ids", Vec::<String>::new());
        assert_eq!(q.0[1], ("category_ids[]".into(), String::new()));
    }
}
