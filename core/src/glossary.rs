//! Plain-words explanations of every field (filled by the diagnosis work).
