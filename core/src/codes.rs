//! Error-code knowledge base (filled by the diagnosis work).
