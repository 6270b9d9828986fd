//! Loading data files: raw RON types, the one validation pass, the trusted
//! model, and the errors a person reads when a file is wrong.
//!
//! Data flows one way: bytes → [`parse::parse_raw`] → [`validate::validate`]
//! → [`model::Dataset`]. [`load`] wraps the steps with the size cap and the
//! UTF-8 check.

pub mod charts_section;
pub mod derive;
pub mod dump;
pub mod error;
pub mod hints;
pub mod load;
pub mod locate;
pub mod model;
pub mod mutate;
pub mod parse;
pub mod period;
pub mod period_text;
pub mod raw;
pub mod raw_series;
pub mod ron_text;
pub mod saved_chart;
pub mod synthetic;
pub mod to_raw;
pub mod validate;

pub use error::{LoadError, Position, Problem};
pub use load::{
    DEFAULT_MAX_SIZE_BYTES, EMBEDDED_DATASET, EMBEDDED_NAME, load_embedded, load_file, load_text,
};
pub use model::Dataset;
