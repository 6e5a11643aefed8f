//! Network look-ups the user asks for. Nothing here runs on its own.

pub mod openfda;
