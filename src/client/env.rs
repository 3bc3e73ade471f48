//! Settings read from environment variables: [`Client::from_env`] and the [`EnvError`] every
//! `from_env` of the crate returns, which lists every missing or invalid variable at once.

use std::fmt;

use super::{Client, ClientBuilder};
use crate::Error;

/// `ENGAGE_API_URL`: the REST API base URL, ending in `/1.0`.
pub(crate) const API_URL: &str = "ENGAGE_API_URL";
/// `ENGAGE_DOMAIN`: the domain name, when `ENGAGE_API_URL` is not set.
pub(crate) const DOMAIN: &str = "ENGAGE_DOMAIN";
/// `ENGAGE_ACCESS_TOKEN`: the REST API access token.
pub(crate) const ACCESS_TOKEN: &str = "ENGAGE_ACCESS_TOKEN";

/// One environment variable that is missing or unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvProblem {
    /// The variable's name (`ENGAGE_ACCESS_TOKEN`), or two names joined by `or`.
    pub variable: String,
    /// What is wrong with it. Never contains the variable's value.
    pub reason: String,
}

/// Settings could not be read from the environment. Lists every problem found, not only the
/// first, and never a variable's value (secrets stay out of logs).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvError {
    /// Each variable that is missing or invalid, in the order they were read.
    pub problems: Vec<EnvProblem>,
}

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid environment: ")?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{} {}", problem.variable, problem.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for EnvError {}

/// Reads variables through a lookup function and collects what is wrong with them.
pub(crate) struct EnvReader<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
    problems: Vec<EnvProblem>,
}

impl<'a> EnvReader<'a> {
    pub(crate) fn new(lookup: &'a dyn Fn(&str) -> Option<String>) -> Self {
        EnvReader {
            lookup,
            problems: Vec::new(),
        }
    }

    /// The trimmed value of `name`; unset and blank are both `None`.
    pub(crate) fn optional(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    }

    /// The trimmed value of `name`, or an empty string after recording it as missing.
    pub(crate) fn required(&mut self, name: &str) -> String {
        self.optional(name).unwrap_or_else(|| {
            self.problem(name, "is missing or empty");
            String::new()
        })
    }

    /// Records that `variable` is wrong for `reason`.
    pub(crate) fn problem(&mut self, variable: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(EnvProblem {
            variable: variable.into(),
            reason: reason.into(),
        });
    }

    /// Records `error`, a builder's refusal of the value read from `variable`. Builders name
    /// their setting and say what is wrong, never the value.
    pub(crate) fn refused(&mut self, variable: &str, error: &Error) {
        let reason = match error {
            Error::InvalidArgument { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        self.problem(variable, reason);
    }

    /// Whether a problem was recorded.
    pub(crate) fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// `value` when nothing was wrong, else every problem.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, EnvError> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(EnvError {
                problems: self.problems,
            })
        }
    }

    /// A REST client from `ENGAGE_API_URL` (or `ENGAGE_DOMAIN`) and `ENGAGE_ACCESS_TOKEN`;
    /// `None` when they are missing or refused (recorded).
    pub(crate) fn client(&mut self) -> Option<Client> {
        let builder: Option<(ClientBuilder, &str)> = match (self.optional(API_URL), self.optional(DOMAIN)) {
            (Some(url), _) => Some((Client::builder().base_url(url), API_URL)),
            (None, Some(domain)) => Some((Client::for_domain(domain), DOMAIN)),
            (None, None) => {
                self.problem(format!("{API_URL} or {DOMAIN}"), "is missing or empty");
                None
            }
        };
        let token = self.required(ACCESS_TOKEN);
        let (builder, url_variable) = builder?;
        if token.is_empty() {
            return None;
        }
        match builder.access_token(token).build() {
            Ok(client) => Some(client),
            Err(error) => {
                let variable = match &error {
                    Error::InvalidArgument { name, .. } if name.contains("token") => ACCESS_TOKEN,
                    _ => url_variable,
                };
                self.refused(variable, &error);
                None
            }
        }
    }
}

impl Client {
    /// A client configured from the process environment: `ENGAGE_API_URL` (the REST base URL,
    /// ending in `/1.0`) or `ENGAGE_DOMAIN` (`acme` for `https://acme.api.engagement.dimelo.com/1.0`),
    /// and `ENGAGE_ACCESS_TOKEN`. Values are trimmed; a blank one counts as missing.
    ///
    /// The error lists every missing or invalid variable at once, without their values. For
    /// more settings (timeouts, retries, rate limits), use [`Client::builder`].
    ///
    /// ```no_run
    /// # fn main() -> Result<(), ringcentral_engage::client::EnvError> {
    /// let client = ringcentral_engage::Client::from_env()?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn from_env() -> Result<Client, EnvError> {
        Client::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), with the variables given by `lookup` (a map in a
    /// test, a secrets manager...).
    ///
    /// ```
    /// use ringcentral_engage::Client;
    ///
    /// let error = Client::from_lookup(|_| None).unwrap_err();
    /// assert_eq!(error.problems.len(), 2); // the API URL (or domain) and the access token
    /// ```
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Client, EnvError> {
        let mut reader = EnvReader::new(&lookup);
        let client = reader.client();
        match client {
            Some(client) if !reader.has_problems() => reader.finish(client),
            _ => Err(EnvError {
                problems: reader.problems,
            }),
        }
    }
}
