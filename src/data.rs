//! The seed documents, bundled with the crate: the programme and the two
//! projects whose sources are public (see `data/` in the package). Programs
//! and examples reach them here, whatever their working directory.
//!
//! ```
//! use childwelfare::{data, validation};
//!
//! let documents = data::seed();
//! assert_eq!(documents.len(), 3);
//! assert_eq!(validation::validate_documents(&documents).error_count(), 0);
//! assert_eq!(data::lumo().acronym.as_deref(), Some("LUMO"));
//! ```

use crate::{Document, Programme, Project};

/// `data/programme.json`: the national programme and its five projects.
pub const PROGRAMME_JSON: &str = include_str!("../data/programme.json");
/// `data/lumo.json`: *LUMO*, Eastern Finland, 2020–2022.
pub const LUMO_JSON: &str = include_str!("../data/lumo.json");
/// `data/tulevaisuuden-lastensuojelu.json`: *Tulevaisuuden lastensuojelu*,
/// Southern Finland, 2020–2022, with its *Itäinen Uusimaa* regional part.
pub const TULEVAISUUDEN_LASTENSUOJELU_JSON: &str = include_str!("../data/tulevaisuuden-lastensuojelu.json");

/// Every bundled document, parsed: the programme first, then the projects.
///
/// # Panics
/// Never: the bundled documents are parsed and validated by the crate's
/// own tests, so a release with a broken one cannot pass them.
pub fn seed() -> Vec<Document> {
    [PROGRAMME_JSON, LUMO_JSON, TULEVAISUUDEN_LASTENSUOJELU_JSON].into_iter().map(parse).collect()
}

/// The *LUMO* project.
///
/// # Panics
/// Never, as for [`seed`].
pub fn lumo() -> Project {
    crate::json::from_str(LUMO_JSON).unwrap_or_else(|error| unreachable!("bundled lumo.json parses: {error}"))
}

/// The *Tulevaisuuden lastensuojelu* project.
///
/// # Panics
/// Never, as for [`seed`].
pub fn tulevaisuuden_lastensuojelu() -> Project {
    crate::json::from_str(TULEVAISUUDEN_LASTENSUOJELU_JSON)
        .unwrap_or_else(|error| unreachable!("bundled tulevaisuuden-lastensuojelu.json parses: {error}"))
}

/// The programme document.
///
/// # Panics
/// Never, as for [`seed`].
pub fn programme() -> Programme {
    crate::json::from_str(PROGRAMME_JSON).unwrap_or_else(|error| unreachable!("bundled programme.json parses: {error}"))
}

fn parse(json: &str) -> Document {
    Document::from_json(json).unwrap_or_else(|error| unreachable!("bundled documents parse: {error}"))
}
