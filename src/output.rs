//! output stage.
