//! budgetlake: Chinese government budget and final-accounts reports (部门预算,
//! 部门决算, 绩效自评) to one long table in Parquet.
//!
//! Stages, each one module, data flowing one way:
//! `read` → `detect` → `segment` → `parse` → `normalize` → `validate` → `write`.
//! `pipeline` runs them on one document; `cmd::run` runs it over many in
//! parallel and `window` hands the outcomes on in input order.

pub mod allocator;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod detect;
pub mod exit;
pub mod indicators;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod pipeline;
pub mod read;
pub mod reference;
pub mod seen;
pub mod segment;
pub mod text;
pub mod timing;
pub mod validate;
pub mod window;
pub mod write;
