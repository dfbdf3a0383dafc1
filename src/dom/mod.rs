//! DOM glue: everything that talks to the browser beyond what Yew renders.

pub mod download;
pub mod fetch;
pub mod highlights;
pub mod host;
pub mod models;
pub mod selection;
pub mod storage;
