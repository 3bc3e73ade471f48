//! Contact profiles.
