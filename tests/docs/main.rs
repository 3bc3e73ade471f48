//! What newcomers run: the README snippets, the examples and the demo.
//! One test binary per area keeps link time and disk use down.

mod demo_run;
mod examples_run;
mod readme_snippets;
