//! [`SearchQuery`]: a typed builder for the `q` search parameter of threads, contents and
//! events lists.
//!
//! Engage's syntax is a list of `keyword:value` terms separated by spaces. A value holding
//! whitespace (or a `:`, or nothing) is wrapped in double quotes; a term is negated with a
//! leading `-`; a keyword may repeat (for most keywords a repeat means "any of"); `text` is the
//! free-text keyword; `order:created_at.asc` sorts.
//!
//! **Embedded double quotes are refused.** Engage documents no escape for a `"` inside a
//! quoted value, so a value such as `say "hi"` would end the quoted value early and change
//! the meaning of the rest of the query. Rather than guess an escape, or silently alter the
//! text, [`SearchQuery::build`] (and the lists' `.q(..)`) returns
//! [`Error::InvalidArgument`] naming `q`, before any request is sent.
//!
//! ```
//! use ringcentral_engage::api::{SearchQuery, SortDirection, SortField, ThreadStatus};
//! use ringcentral_engage::models::SourceId;
//!
//! let q = SearchQuery::new()
//!     .source(&SourceId::new("d19c81948c137d86dac77216"))
//!     .negate()
//!     .status_in(ThreadStatus::Ignored)
//!     .first_content_after("2 hours ago")
//!     .text("modem broken")
//!     .order(SortField::CreatedAt, SortDirection::Asc);
//! assert_eq!(
//!     q.build().unwrap(),
//!     r#"source:d19c81948c137d86dac77216 -status_in:ignored first_content_after:"2 hours ago" text:"modem broken" order:created_at.asc"#
//! );
//! assert!(SearchQuery::new().text(r#"say "hi""#).build().is_err());
//! ```

use crate::api::params::{rfc3339, setters};
use crate::models::string_enum::string_enum;
use crate::models::{
    CategoryId, ContentId, IdentityGroupId, IdentityId, InterventionId, SourceId, TeamId, ThreadId,
    Timestamp, UserId,
};
use crate::{Error, Result};

/// A `q` search query: add terms with the keyword methods, then pass it to a list's `.q(..)`.
///
/// Terms are rendered in the order they were added. See the [module docs](self) for the
/// quoting rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct SearchQuery {
    terms: Vec<Term>,
    negate_next: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Pair {
        negated: bool,
        keyword: String,
        value: String,
    },
    Raw(String),
}

string_enum! {
    /// A thread status for the `status_in` keyword.
    ThreadStatus {
        /// Freshly created.
        New = "new",
        /// Under an intervention.
        Assigned = "assigned",
        /// Forwarded.
        Forwarded = "forwarded",
        /// Replied by an agent.
        Replied = "replied",
        /// Holding an agent's reply.
        UserReply = "user_reply",
        /// Started by an agent.
        UserInitiated = "user_initiated",
        /// Ignored.
        Ignored = "ignored",
    }
}

string_enum! {
    /// A field to sort on with `order:`.
    SortField {
        /// Creation time (contents and events sort only on this one).
        CreatedAt = "created_at",
        /// Time of the last content (threads; their default, descending).
        LastContentAt = "last_content_at",
    }
}

/// A sort direction for `order:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// Oldest first.
    Asc,
    /// Newest first.
    Desc,
}

/// A date for the date keywords: an exact time (sent as RFC 3339), a calendar day, or any
/// phrase Engage understands (`yesterday`, `2 hours ago`, `6 business hours ago`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDate(String);

impl From<Timestamp> for SearchDate {
    fn from(t: Timestamp) -> Self {
        SearchDate(rfc3339(t))
    }
}

impl From<time::Date> for SearchDate {
    fn from(d: time::Date) -> Self {
        SearchDate(format!(
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        ))
    }
}

impl From<&str> for SearchDate {
    fn from(s: &str) -> Self {
        SearchDate(s.to_owned())
    }
}

impl From<String> for SearchDate {
    fn from(s: String) -> Self {
        SearchDate(s)
    }
}

/// Keyword methods of one value type.
macro_rules! keywords {
    (bool: $($(#[$m:meta])* $method:ident,)*) => {$(
        $(#[$m])*
        pub fn $method(self, value: bool) -> Self {
            self.keyword(stringify!($method), if value { "true" } else { "false" })
        }
    )*};
    (id $t:ty: $($(#[$m:meta])* $method:ident,)*) => {$(
        $(#[$m])*
        pub fn $method(self, id: &$t) -> Self {
            self.keyword(stringify!($method), id.as_str())
        }
    )*};
    (date: $($(#[$m:meta])* $method:ident,)*) => {$(
        $(#[$m])*
        pub fn $method(self, date: impl Into<SearchDate>) -> Self {
            self.keyword(stringify!($method), date.into().0)
        }
    )*};
    (text: $($(#[$m:meta])* $method:ident,)*) => {$(
        $(#[$m])*
        pub fn $method(self, value: impl Into<String>) -> Self {
            self.keyword(stringify!($method), value)
        }
    )*};
}

impl SearchQuery {
    /// An empty query.
    pub fn new() -> Self {
        SearchQuery::default()
    }

    /// Negates the next keyword term: `.negate().source(&id)` gives `-source:id`. Engage supports
    /// negation on some keywords only (e.g. `source`, `status_in`, `*_to_team`).
    pub fn negate(mut self) -> Self {
        self.negate_next = true;
        self
    }

    /// Adds any `keyword:value` term. The keyword must be letters, digits and `_`; the value is
    /// quoted when needed (checked by [`build`](Self::build)).
    pub fn keyword(mut self, keyword: impl Into<String>, value: impl Into<String>) -> Self {
        let negated = std::mem::take(&mut self.negate_next);
        self.terms.push(Term::Pair {
            negated,
            keyword: keyword.into(),
            value: value.into(),
        });
        self
    }

    /// Adds a fragment as is, unchecked and unquoted: the escape hatch for syntax the builder
    /// does not cover.
    pub fn raw(mut self, fragment: impl Into<String>) -> Self {
        self.terms.push(Term::Raw(fragment.into()));
        self
    }

    /// `status_in:`: threads with (at least one of the repeated) status.
    pub fn status_in(self, status: ThreadStatus) -> Self {
        self.keyword("status_in", status.as_str())
    }

    /// `order:{field}.{asc|desc}`.
    pub fn order(self, field: SortField, direction: SortDirection) -> Self {
        let dir = match direction {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        };
        self.keyword("order", format!("{field}.{dir}"))
    }

    keywords!(bool:
        /// `active_and_assigned:`: threads with an open, non-deferred intervention.
        active_and_assigned,
        /// `active_and_assigned_to_me:`.
        active_and_assigned_to_me,
        /// `active_and_assigned_to_disabled_agents:`.
        active_and_assigned_to_disabled_agents,
        /// `assigned:`: threads with at least one intervention, open or closed.
        assigned,
        /// `assigned_to_me:`.
        assigned_to_me,
        /// `opened_and_assigned:`: threads under an open intervention.
        opened_and_assigned,
        /// `opened_and_assigned_to_me:`.
        opened_and_assigned_to_me,
        /// `opened_and_assigned_to_disabled_agents:`.
        opened_and_assigned_to_disabled_agents,
        /// `not_published:`.
        not_published,
        /// `approval_required:`.
        approval_required,
        /// `categorized:`: threads with at least one category.
        categorized,
        /// `categorized_in_mine:`: threads in one of your categories.
        categorized_in_mine,
        /// `forwarded_into_mine:`.
        forwarded_into_mine,
        /// `needs_manual_categorization:`.
        needs_manual_categorization,
        /// `scheduled:`: threads with a content scheduled for later.
        scheduled,
    );

    keywords!(id UserId:
        /// `active_and_assigned_to:` an agent.
        active_and_assigned_to,
        /// `assigned_to:` an agent (open or closed interventions).
        assigned_to,
        /// `opened_and_assigned_to:` an agent.
        opened_and_assigned_to,
        /// `user:` (events): done by this user.
        user,
    );

    keywords!(id TeamId:
        /// `active_and_assigned_to_team:`.
        active_and_assigned_to_team,
        /// `assigned_to_team:`.
        assigned_to_team,
        /// `opened_and_assigned_to_team:`.
        opened_and_assigned_to_team,
    );

    keywords!(id CategoryId:
        /// `categorized_in:`: repeat to match any of several categories.
        categorized_in,
        /// `not_categorized_in:`.
        not_categorized_in,
        /// `categorized_in_mine_of:`.
        categorized_in_mine_of,
        /// `forwarded_into:`.
        forwarded_into,
        /// `forwarded_into_mine_of:`.
        forwarded_into_mine_of,
    );

    keywords!(id SourceId:
        /// `source:`: repeat to match any of several sources.
        source,
    );

    keywords!(id IdentityId:
        /// `identity:`: with a message from this identity.
        identity,
    );

    keywords!(id IdentityGroupId:
        /// `identity_group:`: with a message from this identity group.
        identity_group,
    );

    keywords!(id ContentId:
        /// `id:` (contents): this content.
        id,
        /// `content:` (events): about this content.
        content,
    );

    keywords!(id InterventionId:
        /// `intervention:` (contents): in this intervention.
        intervention,
    );

    keywords!(id ThreadId:
        /// `thread:` (contents): in this thread.
        thread,
        /// `content_thread:` (events): about this thread.
        content_thread,
    );

    keywords!(date:
        /// `first_content_after:`.
        first_content_after,
        /// `first_content_before:`.
        first_content_before,
        /// `last_content_after:`.
        last_content_after,
        /// `last_content_before:`.
        last_content_before,
        /// `created_after:` (events).
        created_after,
        /// `created_before:` (events).
        created_before,
    );

    keywords!(text:
        /// `foreign:`: the thread with this foreign id.
        foreign,
        /// `language:`: the content language.
        language,
        /// `text:`: free text, case-insensitive (the default keyword).
        text,
        /// `name_in:` (events): the event name, e.g. `content.replied`.
        name_in,
    );

    /// Whether no term was added.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Renders the query, or refuses it: a keyword that is not letters, digits and `_`, or a
    /// value holding a double quote, is [`Error::InvalidArgument`] (named `q`).
    pub fn build(&self) -> Result<String> {
        let mut out = String::new();
        for term in &self.terms {
            if !out.is_empty() {
                out.push(' ');
            }
            match term {
                Term::Raw(raw) => out.push_str(raw),
                Term::Pair {
                    negated,
                    keyword,
                    value,
                } => {
                    if keyword.is_empty() || !keyword.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    {
                        return Err(Error::invalid_argument(
                            "q",
                            format!("{keyword:?} is not a search keyword (letters, digits and _ only)"),
                        ));
                    }
                    if value.contains('"') {
                        return Err(Error::invalid_argument(
                            "q",
                            format!("the value of `{keyword}` contains a double quote, which Engage's search syntax cannot escape"),
                        ));
                    }
                    if *negated {
                        out.push('-');
                    }
                    out.push_str(keyword);
                    out.push(':');
                    if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c == ':') {
                        out.push('"');
                        out.push_str(value);
                        out.push('"');
                    } else {
                        out.push_str(value);
                    }
                }
            }
        }
        Ok(out)
    }
}

setters!(crate::List<crate::models::Thread>, crate::List<crate::models::Content>, crate::List<crate::models::Event> {
    /// Filters with a search query (`q`). Fails with [`Error::InvalidArgument`] before
    /// any request when the query cannot be written safely (see [`SearchQuery::build`]).
    q: search = "q";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_negation_and_repeats() {
        let q = SearchQuery::new()
            .categorized_in(&"c1".into())
            .categorized_in(&"c2".into())
            .negate()
            .source(&"s1".into())
            .assigned_to_me(true)
            .text("")
            .language("fr")
            .keyword("foreign", "a:b");
        assert_eq!(
            q.build().unwrap(),
            r#"categorized_in:c1 categorized_in:c2 -source:s1 assigned_to_me:true text:"" language:fr foreign:"a:b""#
        );
    }

    #[test]
    fn dates_render_as_rfc3339_or_days() {
        let t = time::macros::datetime!(2014-03-20 10:00 UTC);
        let q = SearchQuery::new()
            .created_after(t)
            .created_before(time::macros::date!(2014 - 03 - 21));
        assert_eq!(
            q.build().unwrap(),
            r#"created_after:"2014-03-20T10:00:00Z" created_before:2014-03-21"#
        );
    }

    #[test]
    fn bad_values_and_keywords_are_refused() {
        for q in [
            SearchQuery::new().text("a \"quoted\" word"),
            SearchQuery::new().foreign("x\"y"),
            SearchQuery::new().keyword("bad key", "v"),
            SearchQuery::new().keyword("", "v"),
        ] {
            assert!(
                matches!(q.build(), Err(Error::InvalidArgument { name: "q", .. })),
                "{q:?}"
            );
        }
        assert_eq!(
            SearchQuery::new().raw("order:created_at.asc").build().unwrap(),
            "order:created_at.asc"
        );
        assert!(SearchQuery::new().is_empty());
        assert_eq!(SearchQuery::new().negate().build().unwrap(), "");
    }
}
