//! The Channel (Source) SDK: how a service becomes an Engage source.

pub mod action;
pub mod objects;
pub mod signature;
