//! Profile mapping tests: fixed cases and properties.
//! One test binary per area keeps link time and disk use down.

mod mapping;
mod props;
