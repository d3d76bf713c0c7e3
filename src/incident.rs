//! incident stage.
